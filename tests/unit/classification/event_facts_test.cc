// What classification's events carry of a result: every fact a consumer acts
// on, none of the words (names, incomes, reasons) the explanation holds.
#include "classification/core/event_facts.h"

#include <gtest/gtest.h>

#include "classification/core/classifier.h"
#include "survey_builder.h"

namespace ansinh::classification {
namespace {

using testkit::RealCatalog;

// A rural household at the poverty line deprived on three dwelling
// indicators: POOR, its explanation naming its members and its income.
v1::ClassificationResult ExplainedPoorResult() {
  v1::Survey survey = testkit::NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 1500000);
  survey.set_household_id("HH-1");
  survey.set_survey_id("SV-1");
  testkit::DepriveDwelling(survey, 3);
  Result<v1::ClassificationResult> result = ClassifySurvey(survey, RealCatalog());
  EXPECT_TRUE(result.ok()) << result.error().message;
  return result.ok() ? *result : v1::ClassificationResult();
}

TEST(EventFactsTest, AResultsFactsKeepEveryVerdictAndNoWords) {
  const v1::ClassificationResult explained = ExplainedPoorResult();
  ASSERT_EQ(explained.category(), v1::POVERTY_CATEGORY_POOR);
  ASSERT_FALSE(explained.income_reason().empty()) << "the explanation is there to be left out";
  ASSERT_FALSE(explained.category_reason_text().key().empty());
  ASSERT_GT(explained.income_value(), 0);

  const v1::ClassificationResult facts = ResultFactsOf(explained);

  EXPECT_EQ(facts.household_id(), "HH-1");
  EXPECT_EQ(facts.survey_id(), "SV-1");
  EXPECT_EQ(facts.residential_group(), explained.residential_group());
  EXPECT_EQ(facts.standard_id(), explained.standard_id());
  EXPECT_EQ(facts.standard_version(), explained.standard_version());
  EXPECT_EQ(facts.review_year(), explained.review_year());
  EXPECT_EQ(facts.list_year(), explained.list_year());
  EXPECT_EQ(facts.area_type(), v1::AREA_TYPE_RURAL);
  EXPECT_EQ(facts.as_of_date(), explained.as_of_date());
  EXPECT_EQ(facts.deprivation_count(), 3);
  EXPECT_EQ(facts.poor_deprivation_count(), explained.poor_deprivation_count());
  EXPECT_EQ(facts.income_basis(), explained.income_basis());
  EXPECT_EQ(facts.category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_EQ(facts.without_labour_capacity(), explained.without_labour_capacity());
  EXPECT_EQ(facts.members_with_labour_capacity(), explained.members_with_labour_capacity());
  ASSERT_EQ(facts.indicators_size(), explained.indicators_size());
  for (int i = 0; i < facts.indicators_size(); ++i) {
    const v1::IndicatorResult& kept = facts.indicators(i);
    const v1::IndicatorResult& whole = explained.indicators(i);
    EXPECT_EQ(kept.kind(), whole.kind());
    EXPECT_EQ(kept.dimension(), whole.dimension());
    EXPECT_EQ(kept.deprived(), whole.deprived());
    EXPECT_EQ(std::vector<std::string>(kept.member_ids().begin(), kept.member_ids().end()),
              std::vector<std::string>(whole.member_ids().begin(), whole.member_ids().end()));
    EXPECT_TRUE(kept.title().empty());
    EXPECT_TRUE(kept.reason().empty());
    EXPECT_FALSE(kept.has_reason_text());
  }

  // The words, and the income the registry owns, are left out.
  EXPECT_EQ(facts.income_value(), 0);
  EXPECT_TRUE(facts.income_reason().empty());
  EXPECT_TRUE(facts.category_reason().empty());
  EXPECT_TRUE(facts.labour_capacity_reason().empty());
  EXPECT_FALSE(facts.has_income_reason_text());
  EXPECT_FALSE(facts.has_category_reason_text());
  EXPECT_FALSE(facts.has_labour_capacity_reason_text());
  EXPECT_LT(facts.ByteSizeLong() * 4, explained.ByteSizeLong()) << "the facts are a fraction of the words";
}

TEST(EventFactsTest, AnIndicatorsFactsAreItsVerdictAndItsMembers) {
  v1::IndicatorResult whole;
  whole.set_kind(v1::INDICATOR_KIND_HEALTH_INSURANCE);
  whole.set_dimension(v1::DIMENSION_HEALTH);
  whole.set_title("Bảo hiểm y tế");
  whole.set_deprived(true);
  whole.set_reason("Nguyễn Văn An has no health insurance");
  whole.add_member_ids("M-1");
  whole.mutable_reason_text()->set_key("indicator.HEALTH_INSURANCE.deprived");

  const v1::IndicatorResult facts = IndicatorFactsOf(whole);

  EXPECT_EQ(facts.kind(), v1::INDICATOR_KIND_HEALTH_INSURANCE);
  EXPECT_EQ(facts.dimension(), v1::DIMENSION_HEALTH);
  EXPECT_TRUE(facts.deprived());
  ASSERT_EQ(facts.member_ids_size(), 1);
  EXPECT_EQ(facts.member_ids(0), "M-1");
  EXPECT_TRUE(facts.title().empty());
  EXPECT_TRUE(facts.reason().empty());
  EXPECT_FALSE(facts.has_reason_text());
}

}  // namespace
}  // namespace ansinh::classification
