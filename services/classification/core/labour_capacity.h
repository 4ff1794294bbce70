// Labour capacity (docs/domain.md §3.4): a member can work when of working
// age on the survey date, from the standard's min_age (15) up to the statutory
// retirement age for their sex and month of birth, and has not lost working
// capacity. The resolution's headline target counts poor households in which
// no member can work.
#pragma once

#include <optional>
#include <string>

#include "ansinh/v1/common.pb.h"
#include "ansinh/v1/standard.pb.h"
#include "classification/core/household_facts.h"
#include "kernel/civil_date.h"
#include "kernel/result.h"
#include "standards/retirement_age.h"

namespace ansinh::classification {

// Where one person stands against working age on a date.
struct WorkingAgeStatus {
  enum class Stage { kUnderAge, kOfWorkingAge, kRetired };
  Stage stage = Stage::kUnderAge;
  // The standard's min_age, for words.
  int min_age = 0;
  // When they reach (kOfWorkingAge) or reached (kRetired) the statutory
  // retirement age, and the age that applies to them; unset for kUnderAge.
  Retirement retirement;
};

// The status of someone of `sex` born on `birth`, on `on`; nullopt for
// SEX_UNSPECIFIED past min_age. `standard` must come from a StandardCatalog,
// which attaches the statutory retirement ages.
std::optional<WorkingAgeStatus> WorkingAgeOn(const v1::Standard& standard, v1::Sex sex, CivilDate birth,
                                             CivilDate on);

bool IsOfWorkingAge(const v1::Standard& standard, v1::Sex sex, CivilDate birth, CivilDate on);

// Whether someone born on `birth` is of working age on `on` for either sex:
// then their sex must be recorded to decide.
bool MayBeOfWorkingAge(const v1::Standard& standard, CivilDate birth, CivilDate on);

// The status in words, after the member's label: "under 15", "of working age
// until the statutory retirement age (62 years) in 2041-04", "past the
// statutory retirement age (56 years 4 months) since 2024-07".
std::string WorkingAgeStatusWords(const WorkingAgeStatus& status);

// The rule in words, with the ages for those reaching them in `year`:
// "working age runs from 15 to the statutory retirement age, which for those
// reaching it in 2026 is 61 years 6 months for men and 57 years for women".
std::string WorkingAgeRuleWords(const v1::Standard& standard, int year);

// The same two as catalog messages (docs/i18n.md): "labour_capacity.*" and
// "indicator.working_age".
v1::LocalizedText WorkingAgeStatusText(const WorkingAgeStatus& status);
v1::LocalizedText WorkingAgeRuleText(const v1::Standard& standard, int year);

struct LabourCapacity {
  int members_with_capacity = 0;
  // Who can work and until when, and why each other member cannot
  // (ClassificationResult.labour_capacity_reason).
  std::string reason;
  // `reason` as a catalog message (ClassificationResult.labour_capacity_reason_text).
  v1::LocalizedText reason_text;
};

// Appends a violation for a member whose sex is needed to decide and is not
// recorded.
LabourCapacity AssessLabourCapacity(const v1::Standard& standard, const HouseholdFacts& facts,
                                    FieldViolations& missing);

}  // namespace ansinh::classification
