// Builders for surveys and members, and access to the real standards, shared
// by the classification core tests.
#pragma once

#include <string>

#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/household.pb.h"
#include "classification/core/standard_catalog.h"

namespace ansinh::classification::testkit {

// The catalog loaded from services/classification/standards; aborts the test
// binary when the files do not load.
const StandardCatalog& RealCatalog();
const v1::Standard& RealStandard(const std::string& id);

// The date every test survey is taken on.
inline constexpr char kSurveyDate[] = "2025-10-01";

// An adult deprived on nothing: insured, upper secondary, waged with a
// contract, normal nutrition.
v1::Member Adult(const std::string& id, const std::string& name, v1::Sex sex,
                 const std::string& date_of_birth);

// A child in school, insured, normally nourished.
v1::Member Child(const std::string& id, const std::string& name, const std::string& date_of_birth);

// The date of birth that makes someone exactly `age` on kSurveyDate.
std::string BornYearsBefore(int age);

// A household of two working adults, deprived on no indicator of any
// standard, with a measured income, in review year 2025 (Decree 07/2021).
v1::Survey NonDeprivedSurvey(v1::AreaType area, int64_t income_vnd);

// Deprives the survey on `count` (0-3) dwelling indicators every standard
// shares: telecom use, then water source, then latrine.
void DepriveDwelling(v1::Survey& survey, int count);

// The verdict on one indicator; fails the test when absent.
const v1::IndicatorResult& Verdict(const v1::ClassificationResult& result, v1::IndicatorKind kind);

}  // namespace ansinh::classification::testkit
