#pragma once

// Keeps a household on its side of the poverty rule from year to year.
//
// The demo ward's generator builds every household with a number of deprived
// indicators: poor households three or more, near-poor ones at most one, the
// others what real life gives (services/registry/core/demo/). The history
// keeps those deprivations, so that income alone moves a household between
// the lists and out of them (true_effects.h). Time moves some of them anyway:
// a stunted child turns 16, an informal worker passes retirement age, a baby
// not in school reaches the age of nursery school, and Decree 351/2025 drops
// "means of information access" and adds "household waste treatment". After
// each year's survey is planned, the household is classified with the
// classifier the classification service runs (classification/core/classifier.h),
// under the year's standard, and when it crossed the deprivation count of a
// poor household, one dwelling fact (a survey answer, which ages cannot move)
// is changed back across it.

#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/household.pb.h"
#include "ansinh/v1/standard.pb.h"
#include "kernel/result.h"

namespace ansinh::demo_history {

// Classifies `survey` (complete, with its member snapshot) under `standard`
// (with its statutory retirement ages, as a StandardCatalog or
// Classification.ListStandards gives it) after changing the fewest dwelling
// facts needed for it to have at least the standard's poor deprivation count
// when `poor_deprivations` is true, and fewer otherwise. Returns the
// classification of the survey as changed; FAILED_PRECONDITION when it cannot
// be classified. When no dwelling fact is left to change the survey keeps
// what it has and the result says where it stands.
Result<v1::ClassificationResult> KeepDeprivations(v1::Survey& survey, const v1::Standard& standard,
                                                  bool poor_deprivations);

}  // namespace ansinh::demo_history
