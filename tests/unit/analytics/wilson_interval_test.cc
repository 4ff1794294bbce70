#include "analytics/wilson_interval.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ansinh::analytics {
namespace {

using ::testing::UnorderedElementsAre;

// The worked examples of Newcombe (1998), "Two-sided confidence intervals for
// the single proportion: comparison of seven methods", Statistics in Medicine
// 17:857-872, Table II, method 3 (Wilson score interval without continuity
// correction), 95%: published to 4 decimals and recomputed here by the
// formula of analytics/wilson_interval.h (the same to 4 decimals with
// z = 1.96 or z = 1.959964).
struct PublishedWilson {
  std::int64_t successes;
  std::int64_t trials;
  double lower;
  double upper;
};

TEST(WilsonIntervalTest, MatchesNewcombesWorkedExamples) {
  const PublishedWilson published[] = {
      {81, 263, 0.2553, 0.3662},
      {15, 148, 0.0624, 0.1605},
      {0, 20, 0.0000, 0.1611},
      {1, 29, 0.0061, 0.1718},
  };
  for (const PublishedWilson& example : published) {
    SCOPED_TRACE(std::to_string(example.successes) + "/" + std::to_string(example.trials));
    const auto estimate = EstimateProportion(example.successes, example.trials);
    ASSERT_TRUE(estimate.ok()) << estimate.error().message;
    ASSERT_TRUE(estimate->interval.has_value());
    EXPECT_NEAR(estimate->interval->lower, example.lower, 0.00005);
    EXPECT_NEAR(estimate->interval->upper, example.upper, 0.00005);
    EXPECT_DOUBLE_EQ(*estimate->proportion,
                     static_cast<double>(example.successes) / static_cast<double>(example.trials));
  }
}

TEST(WilsonIntervalTest, AllOrNothingKeepsAWidthAndStaysWithinZeroAndOne) {
  const auto none = EstimateProportion(0, 20);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->interval->lower, 0.0);
  EXPECT_GT(none->interval->upper, 0.16);
  // 20/20 mirrors 0/20.
  const auto all = EstimateProportion(20, 20);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->interval->upper, 1.0);
  EXPECT_NEAR(all->interval->lower, 1 - none->interval->upper, 1e-12);
}

TEST(WilsonIntervalTest, IsNarrowerAtALowerLevel) {
  const auto at95 = EstimateProportion(81, 263);
  const auto at90 = EstimateProportion(81, 263, 0.90);
  ASSERT_TRUE(at95.ok() && at90.ok());
  EXPECT_EQ(at90->confidence, 0.90);
  EXPECT_GT(at90->interval->lower, at95->interval->lower);
  EXPECT_LT(at90->interval->upper, at95->interval->upper);
}

TEST(WilsonIntervalTest, NoTrialsGiveNoProportionAndNoInterval) {
  const auto estimate = EstimateProportion(0, 0);
  ASSERT_TRUE(estimate.ok());
  EXPECT_EQ(estimate->trials, 0);
  EXPECT_FALSE(estimate->proportion.has_value());
  EXPECT_FALSE(estimate->interval.has_value());
}

TEST(WilsonIntervalTest, RefusesBadInputNamingEachField) {
  const auto refused = EstimateProportion(-1, -2, 1.5);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const FieldViolation& violation : refused.error().violations) fields.push_back(violation.field);
  EXPECT_THAT(fields, UnorderedElementsAre("successes", "trials", "confidence"));

  const auto too_many = EstimateProportion(6, 5);
  ASSERT_FALSE(too_many.ok());
  ASSERT_EQ(too_many.error().violations.size(), 1u);
  EXPECT_EQ(too_many.error().violations[0].field, "successes");
}

}  // namespace
}  // namespace ansinh::analytics
