#include "report_document/nice_ticks.h"

#include <limits>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ansinh::report_document {
namespace {

using ::testing::ElementsAre;

TEST(NiceTicksTest, StepsOfOneTwoOrFiveTimesAPowerOfTen) {
  const auto percent = NiceTicks(0, 1);
  ASSERT_TRUE(percent.ok());
  EXPECT_THAT(percent->values, ElementsAre(0, 0.2, 0.4, 0.6, 0.8, 1));
  EXPECT_EQ(percent->step, 0.2);

  const auto poverty_rate = NiceTicks(3.4, 7.9);
  ASSERT_TRUE(poverty_rate.ok());
  EXPECT_THAT(poverty_rate->values, ElementsAre(3, 4, 5, 6, 7, 8));
  EXPECT_EQ(poverty_rate->minimum, 3);
  EXPECT_EQ(poverty_rate->maximum, 8);

  const auto income = NiceTicks(480'000, 2'310'000);
  ASSERT_TRUE(income.ok());
  EXPECT_THAT(income->values, ElementsAre(0, 500'000, 1'000'000, 1'500'000, 2'000'000, 2'500'000));

  // Heckbert's rounding: a range of 36 is taken as 50, cut in about 3 or 5.
  const auto months = NiceTicks(0, 36, 4);
  ASSERT_TRUE(months.ok());
  EXPECT_THAT(months->values, ElementsAre(0, 20, 40));
  const auto finer = NiceTicks(0, 36, 6);
  ASSERT_TRUE(finer.ok());
  EXPECT_THAT(finer->values, ElementsAre(0, 10, 20, 30, 40));
}

TEST(NiceTicksTest, ValuesAreTheDecimalsNotTheirRoundingTails) {
  const auto small = NiceTicks(0, 0.9, 10);
  ASSERT_TRUE(small.ok());
  // 0.1 · 3 is 0.30000000000000004 in doubles; the tick is 0.3 itself.
  EXPECT_THAT(small->values, ElementsAre(0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9));
  const auto fifths = NiceTicks(0.1, 0.7);
  ASSERT_TRUE(fifths.ok());
  EXPECT_THAT(fifths->values, ElementsAre(0, 0.2, 0.4, 0.6, 0.8));
}

TEST(NiceTicksTest, CoversNegativeRangesAndEitherOrder) {
  const auto change = NiceTicks(350'000, -120'000);
  ASSERT_TRUE(change.ok());
  EXPECT_LE(change->minimum, -120'000);
  EXPECT_GE(change->maximum, 350'000);
  EXPECT_THAT(change->values, ElementsAre(-200'000, -100'000, 0, 100'000, 200'000, 300'000, 400'000));
}

TEST(NiceTicksTest, AnEmptyRangeIsWidenedAroundItsValue) {
  const auto one = NiceTicks(4.1, 4.1);
  ASSERT_TRUE(one.ok());
  EXPECT_LT(one->minimum, 4.1);
  EXPECT_GT(one->maximum, 4.1);
  EXPECT_GE(one->values.size(), 2u);
  const auto huge = NiceTicks(1e300, 1e300);
  ASSERT_TRUE(huge.ok());
  EXPECT_LT(huge->minimum, 1e300);
  EXPECT_GT(huge->maximum, 1e300);
}

TEST(NiceTicksTest, RefusesWhatIsNotARange) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto refused = NiceTicks(nan, std::numeric_limits<double>::infinity(), 1);
  ASSERT_FALSE(refused.ok());
  std::vector<std::string> fields;
  for (const FieldViolation& violation : refused.error().violations) fields.push_back(violation.field);
  EXPECT_THAT(fields, ElementsAre("low", "high", "approximate_count"));
  EXPECT_FALSE(NiceTicks(-1e308, 1e308).ok());
  EXPECT_FALSE(NiceTicks(0, 1, 1000).ok());
}

}  // namespace
}  // namespace ansinh::report_document
