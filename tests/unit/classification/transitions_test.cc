#include "classification/core/transitions.h"

#include <gtest/gtest.h>

#include <vector>

namespace ansinh::classification {
namespace {

constexpr auto kPoor = v1::POVERTY_CATEGORY_POOR;
constexpr auto kNear = v1::POVERTY_CATEGORY_NEAR_POOR;
constexpr auto kAverage = v1::POVERTY_CATEGORY_AVERAGE;
constexpr auto kNotPoor = v1::POVERTY_CATEGORY_NOT_POOR;
constexpr auto kNone = v1::POVERTY_CATEGORY_UNSPECIFIED;

struct TransitionCase {
  std::vector<v1::PovertyCategory> earlier;
  v1::PovertyCategory approved;
  v1::Transition expected;
};

TEST(TransitionsTest, EveryTransition) {
  const std::vector<TransitionCase> cases = {
      {{}, kPoor, v1::TRANSITION_NEWLY_POOR},
      {{kNotPoor}, kPoor, v1::TRANSITION_NEWLY_POOR},
      {{kAverage, kAverage}, kPoor, v1::TRANSITION_NEWLY_POOR},
      {{kPoor, kNotPoor}, kPoor, v1::TRANSITION_RELAPSED},
      {{kPoor, kAverage, kNotPoor}, kPoor, v1::TRANSITION_RELAPSED},
      // Poor -> near-poor counted as escaping, so coming back is a relapse.
      {{kPoor, kNear}, kPoor, v1::TRANSITION_RELAPSED},
      {{kPoor}, kNotPoor, v1::TRANSITION_ESCAPED_POVERTY},
      {{kPoor}, kAverage, v1::TRANSITION_ESCAPED_POVERTY},
      {{kNear}, kNotPoor, v1::TRANSITION_ESCAPED_NEAR_POVERTY},
      {{kPoor, kNear}, kAverage, v1::TRANSITION_ESCAPED_NEAR_POVERTY},
      {{}, kNear, v1::TRANSITION_NEWLY_NEAR_POOR},
      {{kNear, kNotPoor}, kNear, v1::TRANSITION_NEWLY_NEAR_POOR},
      {{kPoor}, kPoor, v1::TRANSITION_UNCHANGED},
      {{kNear}, kNear, v1::TRANSITION_UNCHANGED},
      {{kAverage}, kNotPoor, v1::TRANSITION_UNCHANGED},
      {{}, kNotPoor, v1::TRANSITION_UNCHANGED},
      {{kPoor}, kNear, v1::TRANSITION_POOR_TO_NEAR_POOR},
      {{kNear}, kPoor, v1::TRANSITION_NEAR_POOR_TO_POOR},
      {{kNotPoor, kNear}, kPoor, v1::TRANSITION_NEAR_POOR_TO_POOR},
      {{kPoor}, kNone, v1::TRANSITION_UNSPECIFIED},
  };
  for (const TransitionCase& c : cases) {
    EXPECT_EQ(DecideTransition(c.earlier, c.approved), c.expected)
        << "to " << v1::PovertyCategory_Name(c.approved) << " after " << c.earlier.size() << " reviews, got "
        << v1::Transition_Name(DecideTransition(c.earlier, c.approved));
  }
}

TEST(TransitionsTest, EscapedPovertyIncludesPoorToNearPoor) {
  EXPECT_TRUE(CountsAsEscapedPoverty(v1::TRANSITION_ESCAPED_POVERTY));
  EXPECT_TRUE(CountsAsEscapedPoverty(v1::TRANSITION_POOR_TO_NEAR_POOR));
  EXPECT_FALSE(CountsAsEscapedPoverty(v1::TRANSITION_ESCAPED_NEAR_POVERTY));
  EXPECT_FALSE(CountsAsEscapedPoverty(v1::TRANSITION_UNCHANGED));
}

}  // namespace
}  // namespace ansinh::classification
