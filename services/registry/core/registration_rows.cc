#include "registry/core/registration_rows.h"

#include <algorithm>
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

bool NamesField(const FieldViolations& violations, const std::string& field) {
  return std::any_of(violations.begin(), violations.end(),
                     [&](const FieldViolation& violation) { return violation.field == field; });
}

// The member snapshot can be judged once the survey says which standard and
// which day it is taken on, whatever else is wrong with the row.
bool SnapshotCanBeJudged(const RegistrationRow& row, const FieldViolations& survey) {
  return !row.household.members().empty() && !NamesField(survey, "survey.review_year") &&
         !NamesField(survey, "survey.kind") && !NamesField(survey, "survey.survey_date");
}

// Everything a row can tell about itself, all at once: the household, the
// survey as entered, and whether the survey's member snapshot will carry
// every fact the review year's standard needs. One problem never hides
// another (an import row is fixed in one go): a field named twice is named
// once.
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
  const bool judge_snapshot = SnapshotCanBeJudged(row, survey);
  out.insert(out.end(), survey.begin(), survey.end());
  if (!judge_snapshot) return out;
  // The snapshot the registry will store, with provisional ids: its facts do
  // not depend on the ids.
  const v1::Household provisional = PrepareNewHousehold(row.household, "", "");
  const v1::Survey snapshot = SnapshotSurvey(*row.survey, provisional, 1);
  if (snapshot.members().empty()) {
    out.push_back(
        {"survey.survey_date", "every member was born after the survey date " + row.survey->survey_date()});
  }
  for (const FieldViolation& violation : ValidateSurveySnapshot(snapshot, rules)) {
    FieldViolation on_row = SnapshotViolationOnRow(violation, snapshot, provisional);
    if (!NamesField(out, on_row.field)) out.push_back(std::move(on_row));
  }
  return out;
}

// The same CCCD twice in one batch: the later row is refused. Only rows
// that passed claim a CCCD (a refused row is not registered, so it refuses
// no other), but a refused row is still told that its CCCD is given in an
// earlier row, with the rest of its problems. `national_ids` holds each
// row's CCCDs by member, read before the rows were checked.
void RefuseDuplicatesWithinBatch(std::vector<Result<RegistrationRow>>& checked,
                                 const std::vector<std::vector<std::string>>& national_ids) {
  std::map<std::string, int64_t> first_row;
  std::vector<FieldViolations> duplicates(checked.size());
  for (size_t r = 0; r < checked.size(); ++r) {
    for (size_t m = 0; m < national_ids[r].size(); ++m) {
      const std::string& national_id = national_ids[r][m];
      if (national_id.empty()) continue;
      auto found = first_row.find(national_id);
      if (found != first_row.end()) {
        duplicates[r].push_back(
            {"household.members[" + std::to_string(m) + "].national_id",
             "national ID " + national_id + " is also given in row " + std::to_string(found->second)});
      } else if (checked[r].ok()) {
        first_row.emplace(national_id, checked[r]->row_number);
      }
    }
    if (duplicates[r].empty()) continue;
    if (checked[r].ok()) {
      checked[r] = Error::InvalidArgument(std::move(duplicates[r]));
    } else {
      Error error = checked[r].error();
      for (FieldViolation& violation : duplicates[r]) {
        if (!NamesField(error.violations, violation.field)) error.violations.push_back(std::move(violation));
      }
      checked[r] = Error::InvalidArgument(std::move(error.violations));
    }
  }
}

}  // namespace

std::vector<Result<RegistrationRow>> CheckRegistrationRows(std::vector<RegistrationRow> rows,
                                                           v1::AreaType ward_area_type, CivilDate today,
                                                           const SurveyRules& rules) {
  std::vector<Result<RegistrationRow>> checked;
  checked.reserve(rows.size());
  std::vector<std::vector<std::string>> national_ids;
  national_ids.reserve(rows.size());
  for (RegistrationRow& row : rows) {
    std::vector<std::string>& ids = national_ids.emplace_back();
    for (const v1::Member& member : row.household.members()) ids.push_back(member.national_id());
    FieldViolations violations = RowViolations(row, ward_area_type, today, rules);
    if (violations.empty()) {
      checked.emplace_back(std::move(row));
    } else {
      checked.emplace_back(Error::InvalidArgument(std::move(violations)));
    }
  }
  RefuseDuplicatesWithinBatch(checked, national_ids);
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
