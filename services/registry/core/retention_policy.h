#pragma once

// The ward's retention periods per data category (docs/data-protection.md,
// "Retention"), read from a data file (services/registry/config/
// retention.json), and what the daily retention job decides with them: a
// household that moved out or was dissolved is erased once its
// departed_household period has passed since the day it left.

#include <map>
#include <optional>
#include <string>

#include "ansinh/v1/household.pb.h"
#include "kernel/civil_date.h"
#include "kernel/result.h"

namespace ansinh::registry {

inline constexpr std::string_view kDepartedHousehold = "departed_household";
inline constexpr std::string_view kSurveyFacts = "survey_facts";
inline constexpr std::string_view kSupportRecords = "support_records";

struct RetentionPeriod {
  int years = 0;
  std::string basis;  // why this long, in the ward's words
};

struct RetentionPolicy {
  std::string ward;
  // By category; every known category is present once the file parses.
  std::map<std::string, RetentionPeriod> periods;

  int DepartedHouseholdYears() const { return periods.at(std::string(kDepartedHousehold)).years; }
};

// The file's JSON, checked: every category known and given once, years 1 to
// 100, a basis given. INVALID_ARGUMENT naming each bad field otherwise.
Result<RetentionPolicy> ParseRetentionPolicy(const std::string& json_text);

enum class RetentionVerdict {
  kStillActive,  // lives in the ward: its period has not begun
  kAlreadyErased,
  kNoDepartureDate,  // ended before the day was recorded: left for an officer to decide
  kWithinPeriod,
  kDue,  // to be erased now
};

// Whether `household` is due for erasure on `today` under `years`; with
// `due_on` set to the day its period ends when it has left.
RetentionVerdict JudgeRetention(const v1::Household& household, CivilDate today, int years,
                                std::optional<CivilDate>* due_on = nullptr);

}  // namespace ansinh::registry
