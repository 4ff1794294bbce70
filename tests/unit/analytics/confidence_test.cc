#include "analytics/confidence.h"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

namespace ansinh::analytics {
namespace {

// The normal quantiles every statistics table prints (R: qnorm(0.975),
// qnorm(0.95), qnorm(0.995), qnorm(0.75)).
TEST(ZForConfidenceTest, GivesTheStandardNormalQuantiles) {
  EXPECT_NEAR(ZForConfidence(0.95), 1.959963984540054, 1e-12);
  EXPECT_NEAR(ZForConfidence(0.90), 1.6448536269514722, 1e-12);
  EXPECT_NEAR(ZForConfidence(0.99), 2.5758293035489004, 1e-12);
  EXPECT_NEAR(ZForConfidence(0.50), 0.6744897501960817, 1e-12);
}

TEST(ZForConfidenceTest, GrowsWithTheLevel) {
  EXPECT_LT(ZForConfidence(0.8), ZForConfidence(0.9));
  EXPECT_LT(ZForConfidence(0.999), ZForConfidence(0.9999));
  EXPECT_NEAR(ZForConfidence(1e-9), 0, 1e-8);
}

TEST(CheckConfidenceTest, AcceptsOnlyLevelsStrictlyBetweenZeroAndOne) {
  EXPECT_FALSE(CheckConfidence(0.95).has_value());
  EXPECT_FALSE(CheckConfidence(0.5).has_value());
  for (double bad : {0.0, 1.0, -0.5, 95.0, std::numeric_limits<double>::quiet_NaN(),
                     std::numeric_limits<double>::infinity()}) {
    const auto violation = CheckConfidence(bad);
    ASSERT_TRUE(violation.has_value()) << bad;
    EXPECT_EQ(violation->field, "confidence");
  }
}

}  // namespace
}  // namespace ansinh::analytics
