// Builders for surveys and members, and access to the real standards, shared
// by the classification core tests.
#pragma once

#include <string>
#include <vector>

#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/household.pb.h"
#include "classification/core/review_round.h"
#include "classification/core/round_approval.h"
#include "standards/standard_catalog.h"

namespace ansinh::classification::testkit {

// The catalog loaded from services/classification/standards; aborts the test
// binary when the files do not load.
const StandardCatalog& RealCatalog();
const v1::Standard& RealStandard(const std::string& id);

// The date every test survey is taken on.
inline constexpr char kSurveyDate[] = "2025-10-01";

// The categories by short names, for tables of cases.
inline constexpr auto kPoor = v1::POVERTY_CATEGORY_POOR;
inline constexpr auto kNearPoor = v1::POVERTY_CATEGORY_NEAR_POOR;
inline constexpr auto kAverage = v1::POVERTY_CATEGORY_AVERAGE;
inline constexpr auto kNotPoor = v1::POVERTY_CATEGORY_NOT_POOR;

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

// Round R-2025, the periodic review of 2025 opened on 2025-09-01, under the
// real standards (a failure to open fails the test).
v1::ReviewRound OpenPeriodicRound();

// `household_id`'s survey recorded into `round`: a rural household at the
// poverty line, POOR with 3 dwelling deprivations, NEAR_POOR with none.
v1::RoundHousehold ProposedHousehold(const v1::ReviewRound& round, const std::string& household_id,
                                     bool poor = true);

// A meeting of `date` with its attendance and agreement (minutes BB-01).
MeetingInput Meeting(const std::string& date, int attendees, int agreed);

// The chairman's decision of `date`, entered that day.
ApprovalInput Approval(const std::string& date, std::vector<v1::Exclusion> exclusions = {});

// An exclusion from approval, with why.
v1::Exclusion Excluded(const std::string& household_id, const std::string& reason);

}  // namespace ansinh::classification::testkit
