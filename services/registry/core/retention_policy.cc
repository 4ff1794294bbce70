#include "registry/core/retention_policy.h"

#include <nlohmann/json.hpp>

#include <set>

namespace ansinh::registry {
namespace {

const std::set<std::string>& KnownCategories() {
  static const std::set<std::string> categories{std::string(kDepartedHousehold), std::string(kSurveyFacts),
                                                std::string(kSupportRecords)};
  return categories;
}

}  // namespace

Result<RetentionPolicy> ParseRetentionPolicy(const std::string& json_text) {
  const nlohmann::json document = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  FieldViolations violations;
  if (document.is_discarded() || !document.is_object()) {
    return Error::InvalidArgument({{"", "is not a JSON object"}});
  }
  RetentionPolicy policy;
  if (document.contains("ward") && document["ward"].is_string()) policy.ward = document["ward"];
  if (!document.contains("periods") || !document["periods"].is_array()) {
    return Error::InvalidArgument({{"periods", "must be a list of {category, years, basis}"}});
  }
  const nlohmann::json& periods = document["periods"];
  for (size_t i = 0; i < periods.size(); ++i) {
    const std::string at = "periods[" + std::to_string(i) + "]";
    const nlohmann::json& entry = periods[i];
    const std::string category = entry.value("category", "");
    if (!KnownCategories().contains(category)) {
      violations.push_back({at + ".category", "must be departed_household, survey_facts or support_records"});
      continue;
    }
    if (policy.periods.contains(category)) {
      violations.push_back({at + ".category", category + " is given twice"});
      continue;
    }
    RetentionPeriod period;
    if (!entry.contains("years") || !entry["years"].is_number_integer() || entry["years"] < 1 ||
        entry["years"] > 100) {
      violations.push_back({at + ".years", "must be a whole number of years from 1 to 100"});
    } else {
      period.years = entry["years"];
    }
    period.basis = entry.value("basis", "");
    if (period.basis.empty()) violations.push_back({at + ".basis", "must say why the period is this long"});
    policy.periods.emplace(category, std::move(period));
  }
  for (const std::string& category : KnownCategories()) {
    if (!policy.periods.contains(category)) violations.push_back({"periods", category + " is missing"});
  }
  if (!violations.empty()) return Error::InvalidArgument(std::move(violations));
  return policy;
}

RetentionVerdict JudgeRetention(const v1::Household& household, CivilDate today, int years,
                                std::optional<CivilDate>* due_on) {
  if (household.has_erasure()) return RetentionVerdict::kAlreadyErased;
  if (household.status() == v1::HOUSEHOLD_STATUS_ACTIVE) return RetentionVerdict::kStillActive;
  const std::optional<CivilDate> departed = ParseIsoDate(household.departed_on());
  if (!departed) return RetentionVerdict::kNoDepartureDate;
  const CivilDate due = AddMonths(*departed, 12 * years);
  if (due_on != nullptr) *due_on = due;
  return today >= due ? RetentionVerdict::kDue : RetentionVerdict::kWithinPeriod;
}

}  // namespace ansinh::registry
