// Classifies a review survey under a poverty standard: pure and
// deterministic, the same survey and standard always give the same result.
#pragma once

#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/household.pb.h"
#include "ansinh/v1/standard.pb.h"
#include "kernel/result.h"
#include "standards/standard_catalog.h"

namespace ansinh::classification {

// Classifies `survey` under `standard`, whatever the survey's years
// (what-if classifications call this directly). Ages are taken on the survey
// date. Refuses with FAILED_PRECONDITION, listing every missing or bad fact
// as a violation, a survey the standard's indicators cannot be decided on
// (no members, no income nor score A, an unrecorded water source, ...), and a
// survey with only a score A under a standard without a score-A basis.
// `standard` must come from a StandardCatalog (valid, with the statutory
// retirement ages attached); FAILED_PRECONDITION otherwise.
Result<v1::ClassificationResult> Classify(const v1::Survey& survey, const v1::Standard& standard);

// Classifies under the standard covering `list_year` (docs/domain.md §3.0);
// FAILED_PRECONDITION when no loaded standard covers that year.
Result<v1::ClassificationResult> ClassifyForListYear(const v1::Survey& survey, int list_year,
                                                     const StandardCatalog& catalog);

// Classifies under the standard of the survey's own list year: its review
// year, plus one for a periodic review.
Result<v1::ClassificationResult> ClassifySurvey(const v1::Survey& survey, const StandardCatalog& catalog);

}  // namespace ansinh::classification
