// The income test and the rule that combines it with the deprivation count
// into a category, as the standard's rule shape says (docs/domain.md §3.1-§3.3).
// Every bound is inclusive ("≤ X").
#pragma once

#include <cstdint>
#include <string>

#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/household.pb.h"
#include "ansinh/v1/standard.pb.h"
#include "kernel/result.h"

namespace ansinh::classification {

struct IncomeVerdict {
  v1::IncomeBasis basis = v1::INCOME_BASIS_UNSPECIFIED;
  // VND for measured income, points for score A.
  int64_t value = 0;
  bool at_or_below_poverty_line = false;
  // RULE_SHAPE_INCOME_OR_DEPRIVATION only.
  bool at_or_below_near_poverty_line = false;
  // Above the lines and within the AVERAGE band; only measured income can
  // tell (docs/domain.md: "Income only").
  bool within_average_band = false;
  std::string reason;
  // `reason` as a catalog message (docs/i18n.md).
  v1::LocalizedText reason_text;
};

struct CategoryVerdict {
  v1::PovertyCategory category = v1::POVERTY_CATEGORY_UNSPECIFIED;
  std::string reason;
  // `reason` as a catalog message (docs/i18n.md).
  v1::LocalizedText reason_text;
};

// The lines for an area type; null when the standard has none for it.
const v1::AreaLines* FindLines(const v1::Standard& standard, v1::AreaType area_type);

// Tests measured income when the survey has it, else score A. Refuses
// (FAILED_PRECONDITION, with a violation on income_per_capita_vnd) a survey
// with only a score A when the standard has no score-A equivalence for the
// area. The caller has checked that the survey has one of the two.
Result<IncomeVerdict> TestIncome(const v1::Standard& standard, const v1::AreaLines& lines,
                                 const v1::Survey& survey);

CategoryVerdict DecideCategory(const v1::Standard& standard, const IncomeVerdict& income,
                               int deprivation_count);

}  // namespace ansinh::classification
