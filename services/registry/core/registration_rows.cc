#include "registry/core/registration_rows.h"

#include <map>
#include <utility>

#include "registry/core/household_validation.h"
#include "registry/core/new_household.h"
#include "registry/core/survey_rules.h"
#include "registry/core/survey_snapshot.h"
#include "registry/core/survey_validation.h"

namespace ansinh::registry {
namespace {

std::string AreaName(v1::AreaType area_type) {
  return area_type == v1::AREA_TYPE_RURAL ? "rural (a commune, xã)" : "urban (a ward, phường)";
}

// What the registry assigns is ignored, as the API says.
void ClearAssignedFields(RegistrationRow& row) {
  row.household.clear_household_id();
  row.household.clear_code();
  row.household.clear_status();
  row.household.clear_version();
  row.household.clear_head_member_id();
  for (v1::Member& member : *row.household.mutable_members()) member.clear_member_id();
  if (row.survey) {
    row.survey->clear_survey_id();
    row.survey->clear_household_id();
    row.survey->clear_members();
    row.survey->clear_area_type();
    row.survey->clear_residential_group();
  }
}

// "members[2].nutrition" of a survey snapshot -> "household.members[j].nutrition",
// j being that member's place in the row's household (the snapshot may leave
// out members born after the survey date, so the indexes can differ).
FieldViolation SnapshotViolationOnRow(const FieldViolation& violation, const v1::Survey& snapshot,
                                      const v1::Household& household) {
  const size_t open = violation.field.find('[');
  const size_t close = violation.field.find(']');
  if (violation.field.rfind("members[", 0) != 0 || close == std::string::npos) {
    return {"survey." + violation.field, violation.description};
  }
  const int index = std::stoi(violation.field.substr(open + 1, close - open - 1));
  const std::string& member_id = snapshot.members(index).member_id();
  for (int j = 0; j < household.members_size(); ++j) {
    if (household.members(j).member_id() == member_id) {
      return {"household.members[" + std::to_string(j) + "]" + violation.field.substr(close + 1),
              violation.description};
    }
  }
  return {"survey." + violation.field, violation.description};
}

// Everything a row can tell about itself: the household, the survey as
// entered, and whether the survey's member snapshot will carry every fact
// the review year's standard needs.
FieldViolations RowViolations(RegistrationRow& row, v1::AreaType ward_area_type, CivilDate today,
                              const SurveyRules& rules) {
  FieldViolations out;
  ClearAssignedFields(row);
  if (row.household.area_type() == v1::AREA_TYPE_UNSPECIFIED) {
    row.household.set_area_type(ward_area_type);
  } else if (row.household.area_type() != ward_area_type) {
    out.push_back({"household.area_type", "this ward is " + AreaName(ward_area_type) +
                                              ", so are all of its households; leave area_type out or give " +
                                              v1::AreaType_Name(ward_area_type)});
  }
  for (FieldViolation& violation : PrefixFieldPaths("household", ValidateHousehold(row.household, today))) {
    out.push_back(std::move(violation));
  }
  if (!row.survey) return out;
  FieldViolations survey = PrefixFieldPaths("survey", ValidateSurvey(*row.survey, today, rules));
  const bool survey_valid = survey.empty();
  out.insert(out.end(), survey.begin(), survey.end());
  if (!out.empty() || !survey_valid) return out;
  // The snapshot the registry will store, with provisional ids: its facts do
  // not depend on the ids.
  const v1::Household provisional = PrepareNewHousehold(row.household, "", "");
  const v1::Survey snapshot = SnapshotSurvey(*row.survey, provisional, 1);
  if (snapshot.members().empty()) {
    out.push_back(
        {"survey.survey_date", "every member was born after the survey date " + row.survey->survey_date()});
  }
  for (const FieldViolation& violation : ValidateSurveySnapshot(snapshot, rules)) {
    out.push_back(SnapshotViolationOnRow(violation, snapshot, provisional));
  }
  return out;
}

// The same CCCD twice in one batch: the later row is refused. Rows already
// refused are skipped, so they never refuse another.
void RefuseDuplicatesWithinBatch(std::vector<Result<RegistrationRow>>& checked) {
  std::map<std::string, int64_t> first_row;
  for (Result<RegistrationRow>& row : checked) {
    if (!row.ok()) continue;
    FieldViolations duplicates;
    const auto& members = row->household.members();
    for (int m = 0; m < members.size(); ++m) {
      const std::string& national_id = members[m].national_id();
      if (national_id.empty()) continue;
      auto [it, inserted] = first_row.emplace(national_id, row->row_number);
      if (!inserted) {
        duplicates.push_back(
            {"household.members[" + std::to_string(m) + "].national_id",
             "national ID " + national_id + " is also given in row " + std::to_string(it->second)});
      }
    }
    if (!duplicates.empty()) row = Error::InvalidArgument(std::move(duplicates));
  }
}

}  // namespace

std::vector<Result<RegistrationRow>> CheckRegistrationRows(std::vector<RegistrationRow> rows,
                                                           v1::AreaType ward_area_type, CivilDate today,
                                                           const SurveyRules& rules) {
  std::vector<Result<RegistrationRow>> checked;
  checked.reserve(rows.size());
  for (RegistrationRow& row : rows) {
    FieldViolations violations = RowViolations(row, ward_area_type, today, rules);
    if (violations.empty()) {
      checked.emplace_back(std::move(row));
    } else {
      checked.emplace_back(Error::InvalidArgument(std::move(violations)));
    }
  }
  RefuseDuplicatesWithinBatch(checked);
  return checked;
}

HouseholdChange RegisterHousehold(RegistrationRow row, std::string household_id, std::string code) {
  HouseholdChange change;
  change.after = PrepareNewHousehold(std::move(row.household), std::move(household_id), std::move(code));
  v1::HouseholdRegistered registered;
  *registered.mutable_household() = change.after;
  change.events.push_back(std::move(registered));
  if (row.survey) {
    v1::Survey survey = SnapshotSurvey(std::move(*row.survey), change.after, 1);
    v1::SurveyRecorded recorded;
    *recorded.mutable_survey() = survey;
    recorded.set_household_version(change.after.version());
    change.events.push_back(std::move(recorded));
    change.recorded_survey = std::move(survey);
  }
  return change;
}

}  // namespace ansinh::registry
