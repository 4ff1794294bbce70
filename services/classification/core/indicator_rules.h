// The indicator rules: one verdict per indicator of a standard, with the
// reason in words. Thresholds come from the standard; the rules only know
// what each kind of indicator looks at.
#pragma once

#include <vector>

#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/household.pb.h"
#include "ansinh/v1/standard.pb.h"
#include "classification/core/household_facts.h"
#include "kernel/result.h"

namespace ansinh::classification {

// Fills `out` with the verdict on `indicator` (kind, dimension, title,
// deprived, reason, member ids). A fact the rule needs and the survey lacks
// (an unrecorded water source, the education level of an 18-year-old out of
// school) is appended to `missing`; the caller must then refuse the survey
// rather than trust the verdict.
void EvaluateIndicator(const v1::Indicator& indicator, const v1::Standard& standard, const v1::Survey& survey,
                       const HouseholdFacts& facts, FieldViolations& missing, v1::IndicatorResult& out);

}  // namespace ansinh::classification
