#include "analytics/quantiles.h"

#include <limits>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ansinh::analytics {
namespace {

// R's quantile(x) (type 7) of samples whose quartiles are worked by hand in
// the header's formula; e.g. for 7, 15, 36, 39, 40, 41: h = 5 · 0.25 = 1.25,
// Q1 = 15 + 0.25 · (36 - 15) = 20.25.
TEST(QuantilesTest, QuartilesAsRComputesThem) {
  const auto six = SummarizeSample({41, 7, 39, 15, 40, 36});
  ASSERT_TRUE(six.ok());
  EXPECT_EQ(six->count, 6u);
  EXPECT_DOUBLE_EQ(six->minimum, 7);
  EXPECT_DOUBLE_EQ(six->first_quartile, 20.25);
  EXPECT_DOUBLE_EQ(six->median, 37.5);
  EXPECT_DOUBLE_EQ(six->third_quartile, 39.75);
  EXPECT_DOUBLE_EQ(six->maximum, 41);
  EXPECT_DOUBLE_EQ(six->InterquartileRange(), 19.5);

  // R: quantile(c(6, 7, 15, 36, 39, 40, 41, 42, 43, 47, 49)) = 6, 25.5, 40, 42.5, 49.
  const auto eleven = SummarizeSample({6, 7, 15, 36, 39, 40, 41, 42, 43, 47, 49});
  ASSERT_TRUE(eleven.ok());
  EXPECT_DOUBLE_EQ(eleven->first_quartile, 25.5);
  EXPECT_DOUBLE_EQ(eleven->median, 40);
  EXPECT_DOUBLE_EQ(eleven->third_quartile, 42.5);

  // R: quantile(1:10) = 1, 3.25, 5.5, 7.75, 10.
  const auto ten = SummarizeSample({10, 9, 8, 7, 6, 5, 4, 3, 2, 1});
  ASSERT_TRUE(ten.ok());
  EXPECT_DOUBLE_EQ(ten->first_quartile, 3.25);
  EXPECT_DOUBLE_EQ(ten->median, 5.5);
  EXPECT_DOUBLE_EQ(ten->third_quartile, 7.75);
}

TEST(QuantilesTest, OneValueIsEveryQuantile) {
  const auto one = SummarizeSample({1'500'000});
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->minimum, 1'500'000);
  EXPECT_EQ(one->first_quartile, 1'500'000);
  EXPECT_EQ(one->median, 1'500'000);
  EXPECT_EQ(one->maximum, 1'500'000);
}

TEST(QuantilesTest, AnyProbabilityIncludingTheEnds) {
  const std::vector<double> incomes = {1'200'000, 900'000, 2'000'000, 1'500'000, -300'000};
  EXPECT_DOUBLE_EQ(*SampleQuantile(incomes, 0), -300'000);
  EXPECT_DOUBLE_EQ(*SampleQuantile(incomes, 1), 2'000'000);
  EXPECT_DOUBLE_EQ(*SampleQuantile(incomes, 0.5), 1'200'000);
  // h = 4 · 0.9 = 3.6: 1,500,000 + 0.6 · 500,000.
  EXPECT_DOUBLE_EQ(*SampleQuantile(incomes, 0.9), 1'800'000);
}

TEST(QuantilesTest, RefusesAnEmptySampleNonFiniteValuesAndBadProbabilities) {
  const auto empty = SummarizeSample({});
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(empty.error().violations.size(), 1u);
  EXPECT_EQ(empty.error().violations[0].field, "sample");

  const auto bad = SampleQuantile(
      {1, std::numeric_limits<double>::quiet_NaN(), 3, -std::numeric_limits<double>::infinity()}, 1.5);
  ASSERT_FALSE(bad.ok());
  std::vector<std::string> fields;
  for (const FieldViolation& violation : bad.error().violations) fields.push_back(violation.field);
  EXPECT_THAT(fields, ::testing::ElementsAre("sample[1]", "sample[3]", "probability"));
  EXPECT_FALSE(SampleQuantile({1, 2}, std::numeric_limits<double>::quiet_NaN()).ok());
  EXPECT_FALSE(SampleQuantile({1, 2}, -0.1).ok());
}

}  // namespace
}  // namespace ansinh::analytics
