// The income lines and the deprivation count at every band edge, per
// standard, classified through the catalog (the list year picks the
// standard), and at the period boundaries from the year a review is held and
// its kind (docs/domain.md §3.0). Bounds are inclusive: at the line is below it, one dong above is
// above it.
#include <gtest/gtest.h>

#include <optional>
#include <ostream>

#include "classification/core/classifier.h"
#include "survey_builder.h"

namespace ansinh::classification {
namespace {

using testkit::DepriveDwelling;
using testkit::kAverage;
using testkit::kNearPoor;
using testkit::kNotPoor;
using testkit::kPoor;
using testkit::NonDeprivedSurvey;
using testkit::RealCatalog;

struct BandCase {
  const char* standard_id;
  int list_year;
  v1::AreaType area;
  std::optional<int64_t> income_vnd;
  std::optional<int> score_a;
  int deprivations;
  v1::PovertyCategory expected;
};

std::ostream& operator<<(std::ostream& out, const BandCase& c) {
  out << c.standard_id << " " << v1::AreaType_Name(c.area);
  if (c.income_vnd) out << " income " << *c.income_vnd;
  if (c.score_a) out << " score A " << *c.score_a;
  return out << " with " << c.deprivations << " deprived";
}

class BandEdgeTest : public ::testing::TestWithParam<BandCase> {};

TEST_P(BandEdgeTest, ClassifiesAtTheEdge) {
  const BandCase& c = GetParam();
  v1::Survey survey = NonDeprivedSurvey(c.area, 0);
  survey.set_has_income_per_capita(c.income_vnd.has_value());
  survey.set_income_per_capita_vnd(c.income_vnd.value_or(0));
  survey.set_has_score_a(c.score_a.has_value());
  survey.set_score_a(c.score_a.value_or(0));
  DepriveDwelling(survey, c.deprivations);

  Result<v1::ClassificationResult> result = ClassifyForListYear(survey, c.list_year, RealCatalog());

  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->standard_id(), c.standard_id);
  EXPECT_EQ(result->list_year(), c.list_year);
  EXPECT_EQ(result->deprivation_count(), c.deprivations);
  EXPECT_EQ(result->category(), c.expected) << v1::PovertyCategory_Name(result->category()) << ": "
                                            << result->income_reason() << " / " << result->category_reason();
  EXPECT_EQ(result->income_basis(),
            c.income_vnd ? v1::INCOME_BASIS_MEASURED_INCOME : v1::INCOME_BASIS_SCORE_A);
  EXPECT_EQ(result->income_value(), c.income_vnd ? *c.income_vnd : static_cast<int64_t>(*c.score_a));
}

constexpr auto kRural = v1::AREA_TYPE_RURAL;
constexpr auto kUrban = v1::AREA_TYPE_URBAN;
constexpr std::nullopt_t kNone = std::nullopt;

INSTANTIATE_TEST_SUITE_P(Decree07, BandEdgeTest,
                         ::testing::Values(
                             // Rural line 1,500,000; AVERAGE up to 2,250,000.
                             BandCase{"decree-07-2021", 2025, kRural, 0, kNone, 0, kNearPoor},
                             BandCase{"decree-07-2021", 2025, kRural, 1500000, kNone, 3, kPoor},
                             BandCase{"decree-07-2021", 2025, kRural, 1500000, kNone, 2, kNearPoor},
                             BandCase{"decree-07-2021", 2025, kRural, 1500001, kNone, 3, kAverage},
                             BandCase{"decree-07-2021", 2025, kRural, 1500001, kNone, 2, kAverage},
                             BandCase{"decree-07-2021", 2025, kRural, 2250000, kNone, 0, kAverage},
                             BandCase{"decree-07-2021", 2025, kRural, 2250001, kNone, 3, kNotPoor},
                             // Urban line 2,000,000; AVERAGE up to 3,000,000.
                             BandCase{"decree-07-2021", 2025, kUrban, 2000000, kNone, 3, kPoor},
                             BandCase{"decree-07-2021", 2025, kUrban, 2000000, kNone, 2, kNearPoor},
                             BandCase{"decree-07-2021", 2025, kUrban, 2000001, kNone, 3, kAverage},
                             BandCase{"decree-07-2021", 2025, kUrban, 3000000, kNone, 0, kAverage},
                             BandCase{"decree-07-2021", 2025, kUrban, 3000001, kNone, 3, kNotPoor},
                             // The first and last years the decree covers.
                             BandCase{"decree-07-2021", 2022, kRural, 1500000, kNone, 3, kPoor},
                             BandCase{"decree-07-2021", 2026, kUrban, 2000001, kNone, 3, kAverage},
                             // Score A: rural A <= 140, urban A <= 175; score A never tells the
                             // AVERAGE band.
                             BandCase{"decree-07-2021", 2025, kRural, kNone, 140, 3, kPoor},
                             BandCase{"decree-07-2021", 2025, kRural, kNone, 140, 2, kNearPoor},
                             BandCase{"decree-07-2021", 2025, kRural, kNone, 141, 3, kNotPoor},
                             BandCase{"decree-07-2021", 2025, kUrban, kNone, 175, 3, kPoor},
                             BandCase{"decree-07-2021", 2025, kUrban, kNone, 175, 2, kNearPoor},
                             BandCase{"decree-07-2021", 2025, kUrban, kNone, 176, 3, kNotPoor},
                             // Both recorded: measured income wins.
                             BandCase{"decree-07-2021", 2025, kUrban, 2000001, 100, 3, kAverage}));

INSTANTIATE_TEST_SUITE_P(Decision59, BandEdgeTest,
                         ::testing::Values(
                             // Rural: poverty 700,000, near-poverty 1,000,000, AVERAGE to 1,500,000.
                             BandCase{"decision-59-2015", 2018, kRural, 700000, kNone, 0, kPoor},
                             BandCase{"decision-59-2015", 2018, kRural, 700001, kNone, 3, kPoor},
                             BandCase{"decision-59-2015", 2018, kRural, 700001, kNone, 2, kNearPoor},
                             BandCase{"decision-59-2015", 2018, kRural, 1000000, kNone, 3, kPoor},
                             BandCase{"decision-59-2015", 2018, kRural, 1000000, kNone, 2, kNearPoor},
                             BandCase{"decision-59-2015", 2018, kRural, 1000001, kNone, 3, kAverage},
                             BandCase{"decision-59-2015", 2018, kRural, 1500000, kNone, 0, kAverage},
                             BandCase{"decision-59-2015", 2018, kRural, 1500001, kNone, 0, kNotPoor},
                             // Urban: poverty 900,000, near-poverty 1,300,000, AVERAGE to 1,950,000.
                             BandCase{"decision-59-2015", 2016, kUrban, 900000, kNone, 0, kPoor},
                             BandCase{"decision-59-2015", 2016, kUrban, 900001, kNone, 3, kPoor},
                             BandCase{"decision-59-2015", 2016, kUrban, 900001, kNone, 2, kNearPoor},
                             BandCase{"decision-59-2015", 2021, kUrban, 1300000, kNone, 3, kPoor},
                             BandCase{"decision-59-2015", 2021, kUrban, 1300000, kNone, 2, kNearPoor},
                             BandCase{"decision-59-2015", 2021, kUrban, 1300001, kNone, 3, kAverage},
                             BandCase{"decision-59-2015", 2021, kUrban, 1950000, kNone, 0, kAverage},
                             BandCase{"decision-59-2015", 2021, kUrban, 1950001, kNone, 0, kNotPoor}));

INSTANTIATE_TEST_SUITE_P(Decree351, BandEdgeTest,
                         ::testing::Values(
                             // Rural 2,200,000, urban 2,800,000; no AVERAGE band.
                             BandCase{"decree-351-2025", 2027, kRural, 2200000, kNone, 3, kPoor},
                             BandCase{"decree-351-2025", 2027, kRural, 2200000, kNone, 2, kNearPoor},
                             BandCase{"decree-351-2025", 2027, kRural, 2200001, kNone, 3, kNotPoor},
                             BandCase{"decree-351-2025", 2030, kUrban, 2800000, kNone, 3, kPoor},
                             BandCase{"decree-351-2025", 2030, kUrban, 2800000, kNone, 2, kNearPoor},
                             BandCase{"decree-351-2025", 2030, kUrban, 2800001, kNone, 0, kNotPoor}));

// The same edges reached from the survey itself: the year the review is held
// and its kind give the list year. A periodic review held at the end of Y
// decides Y+1's list; a regular one held in Y amends Y's.
struct PeriodBoundaryCase {
  int held_year;
  v1::ReviewKind kind;
  int list_year;
  const char* standard_id;
  v1::AreaType area;
  int64_t income_vnd;
  int deprivations;
  v1::PovertyCategory expected;
};

std::ostream& operator<<(std::ostream& out, const PeriodBoundaryCase& c) {
  return out << v1::ReviewKind_Name(c.kind) << " review held in " << c.held_year << ", "
             << v1::AreaType_Name(c.area) << " income " << c.income_vnd << " with " << c.deprivations
             << " deprived";
}

class PeriodBoundaryTest : public ::testing::TestWithParam<PeriodBoundaryCase> {};

TEST_P(PeriodBoundaryTest, TheListYearChoosesTheStandard) {
  const PeriodBoundaryCase& c = GetParam();
  v1::Survey survey = NonDeprivedSurvey(c.area, c.income_vnd);
  survey.set_review_year(c.held_year);
  survey.set_kind(c.kind);
  DepriveDwelling(survey, c.deprivations);

  Result<v1::ClassificationResult> result = ClassifySurvey(survey, RealCatalog());

  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->standard_id(), c.standard_id);
  EXPECT_EQ(result->review_year(), c.held_year);
  EXPECT_EQ(result->list_year(), c.list_year);
  EXPECT_EQ(result->category(), c.expected) << v1::PovertyCategory_Name(result->category()) << ": "
                                            << result->income_reason() << " / " << result->category_reason();
}

constexpr auto kPeriodic = v1::REVIEW_KIND_PERIODIC;
constexpr auto kRegular = v1::REVIEW_KIND_REGULAR;

INSTANTIATE_TEST_SUITE_P(
    From2021To2022, PeriodBoundaryTest,
    ::testing::Values(
        // Held at the end of 2020: the 2021 list, Decision 59/2015 (urban line 900,000 and
        // near-poverty 1,300,000).
        PeriodBoundaryCase{2020, kPeriodic, 2021, "decision-59-2015", kUrban, 1300000, 2, kNearPoor},
        PeriodBoundaryCase{2020, kPeriodic, 2021, "decision-59-2015", kUrban, 1300001, 3, kAverage},
        // A regular review during 2021 amends the 2021 list: still Decision 59/2015.
        PeriodBoundaryCase{2021, kRegular, 2021, "decision-59-2015", kUrban, 900000, 0, kPoor},
        PeriodBoundaryCase{2021, kRegular, 2021, "decision-59-2015", kUrban, 1300000, 2, kNearPoor},
        PeriodBoundaryCase{2021, kRegular, 2021, "decision-59-2015", kUrban, 1950001, 0, kNotPoor},
        // Held at the end of 2021: the 2022 list, Decree 07/2021 (urban line 2,000,000).
        PeriodBoundaryCase{2021, kPeriodic, 2022, "decree-07-2021", kUrban, 900000, 0, kNearPoor},
        PeriodBoundaryCase{2021, kPeriodic, 2022, "decree-07-2021", kUrban, 2000000, 3, kPoor},
        PeriodBoundaryCase{2021, kPeriodic, 2022, "decree-07-2021", kUrban, 2000000, 2, kNearPoor},
        PeriodBoundaryCase{2021, kPeriodic, 2022, "decree-07-2021", kUrban, 2000001, 3, kAverage},
        PeriodBoundaryCase{2022, kRegular, 2022, "decree-07-2021", kRural, 1500000, 3, kPoor},
        PeriodBoundaryCase{2022, kRegular, 2022, "decree-07-2021", kRural, 1500001, 3, kAverage}));

INSTANTIATE_TEST_SUITE_P(
    From2026To2027, PeriodBoundaryTest,
    ::testing::Values(
        // A regular review during 2026 amends the 2026 list: Decree 07/2021.
        PeriodBoundaryCase{2026, kRegular, 2026, "decree-07-2021", kRural, 1500000, 3, kPoor},
        PeriodBoundaryCase{2026, kRegular, 2026, "decree-07-2021", kRural, 1500001, 3, kAverage},
        PeriodBoundaryCase{2026, kRegular, 2026, "decree-07-2021", kRural, 2200000, 3, kAverage},
        // Held at the end of 2025: the 2026 list, Decree 07/2021.
        PeriodBoundaryCase{2025, kPeriodic, 2026, "decree-07-2021", kUrban, 2000001, 3, kAverage},
        // Held at the end of 2026: the 2027 list, Decree 351/2025 (rural 2,200,000, urban 2,800,000).
        PeriodBoundaryCase{2026, kPeriodic, 2027, "decree-351-2025", kRural, 1500001, 3, kPoor},
        PeriodBoundaryCase{2026, kPeriodic, 2027, "decree-351-2025", kRural, 2200000, 3, kPoor},
        PeriodBoundaryCase{2026, kPeriodic, 2027, "decree-351-2025", kRural, 2200000, 2, kNearPoor},
        PeriodBoundaryCase{2026, kPeriodic, 2027, "decree-351-2025", kRural, 2200001, 3, kNotPoor},
        PeriodBoundaryCase{2026, kPeriodic, 2027, "decree-351-2025", kUrban, 2800000, 3, kPoor},
        PeriodBoundaryCase{2026, kPeriodic, 2027, "decree-351-2025", kUrban, 2800001, 3, kNotPoor},
        PeriodBoundaryCase{2027, kRegular, 2027, "decree-351-2025", kUrban, 2800000, 2, kNearPoor}));

TEST(ClassifierTest, ExplainsTheIncomeTestAndTheRule) {
  v1::Survey survey = NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 1500000);
  DepriveDwelling(survey, 3);

  Result<v1::ClassificationResult> result = ClassifySurvey(survey, RealCatalog());

  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->income_reason(),
            "measured income 1,500,000 VND is at or below the rural poverty "
            "line 1,500,000 VND");
  EXPECT_EQ(result->category_reason(),
            "income at or below the poverty line and 3 indicators deprived (3 "
            "or more make a household poor)");
  EXPECT_EQ(result->standard_version(), 2) << "version 2: working age by the statutory retirement age";
  EXPECT_EQ(result->poor_deprivation_count(), 3);
  EXPECT_EQ(result->as_of_date(), "2025-10-01");
  EXPECT_EQ(result->indicators_size(), 12);
}

TEST(ClassifierTest, SaysScoreAWasUsed) {
  v1::Survey survey = NonDeprivedSurvey(v1::AREA_TYPE_URBAN, 0);
  survey.set_has_income_per_capita(false);
  survey.set_has_score_a(true);
  survey.set_score_a(176);

  Result<v1::ClassificationResult> result = ClassifySurvey(survey, RealCatalog());

  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->income_basis(), v1::INCOME_BASIS_SCORE_A);
  EXPECT_EQ(result->income_reason(),
            "score A 176 (no measured income) is above 175, the urban "
            "equivalent of the poverty line 2,000,000 VND; score A cannot "
            "place a household in the average band, which needs measured "
            "income");
}

TEST(ClassifierTest, RefusesScoreAOnlyUnderAStandardWithoutScoreABasis) {
  for (const int year : {2018, 2027}) {
    v1::Survey survey = NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 0);
    survey.set_review_year(year);
    survey.set_has_income_per_capita(false);
    survey.set_has_score_a(true);
    survey.set_score_a(100);

    Result<v1::ClassificationResult> result = ClassifySurvey(survey, RealCatalog());

    ASSERT_FALSE(result.ok()) << year;
    EXPECT_EQ(result.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_NE(result.error().message.find("has only a score A"), std::string::npos) << result.error().message;
    EXPECT_NE(result.error().message.find("measured income per capita is needed"), std::string::npos);
  }
}

TEST(ClassifierTest, RefusesAListYearNoStandardCovers) {
  // Held at the end of 2030, the review decides the 2031 list, which no
  // loaded standard covers (Decree 351/2025 ends with the 2030 list).
  v1::Survey survey = NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 1000000);
  survey.set_review_year(2030);

  Result<v1::ClassificationResult> result = ClassifySurvey(survey, RealCatalog());

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(result.error().message.find("no loaded standard covers list year 2031"), std::string::npos)
      << result.error().message;
}

TEST(ClassifierTest, ListsEveryMissingFactAsAViolation) {
  v1::Survey survey = NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 1000000);
  survey.set_water_source(v1::WATER_SOURCE_UNSPECIFIED);
  survey.set_roof(v1::MATERIAL_QUALITY_UNSPECIFIED);
  survey.mutable_members(1)->set_employment(v1::EMPLOYMENT_UNSPECIFIED);

  Result<v1::ClassificationResult> result = ClassifySurvey(survey, RealCatalog());

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kFailedPrecondition);
  std::vector<std::string> fields;
  for (const FieldViolation& violation : result.error().violations) {
    fields.push_back(violation.field);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"members[1].employment", "roof", "water_source"}));
}

TEST(ClassifierTest, RefusesASurveyWithoutIncomeMembersOrArea) {
  v1::Survey survey = NonDeprivedSurvey(v1::AREA_TYPE_UNSPECIFIED, 0);
  survey.set_has_income_per_capita(false);
  survey.clear_members();

  Result<v1::ClassificationResult> result = ClassifySurvey(survey, RealCatalog());

  ASSERT_FALSE(result.ok());
  std::vector<std::string> fields;
  for (const FieldViolation& violation : result.error().violations) {
    fields.push_back(violation.field);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"area_type", "members", "income_per_capita_vnd"}));
}

TEST(ClassifierTest, RefusesBadDates) {
  v1::Survey survey = NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 1000000);
  survey.mutable_members(0)->set_date_of_birth("1980-02-30");
  survey.mutable_members(1)->set_date_of_birth("2026-01-01");

  Result<v1::ClassificationResult> result = ClassifySurvey(survey, RealCatalog());

  ASSERT_FALSE(result.ok());
  ASSERT_EQ(result.error().violations.size(), 2u);
  EXPECT_EQ(result.error().violations[0].field, "members[0].date_of_birth");
  EXPECT_EQ(result.error().violations[1].description, "is after the survey date 2025-10-01");
}

TEST(ClassifierTest, IsDeterministic) {
  v1::Survey survey = NonDeprivedSurvey(v1::AREA_TYPE_URBAN, 1900000);
  DepriveDwelling(survey, 2);

  Result<v1::ClassificationResult> first = ClassifySurvey(survey, RealCatalog());
  Result<v1::ClassificationResult> second = ClassifySurvey(survey, RealCatalog());

  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(first->SerializeAsString(), second->SerializeAsString());
}

}  // namespace
}  // namespace ansinh::classification
