#include "events/runner_policy.h"

#include <gtest/gtest.h>

namespace ansinh::events {
namespace {

TEST(RunnerPolicy, RetriesUntilTheDeliveryLimitThenDeadLetters) {
  EXPECT_EQ(DecideOnFailure(1, 5), FailureAction::kRetryLater);
  EXPECT_EQ(DecideOnFailure(4, 5), FailureAction::kRetryLater);
  EXPECT_EQ(DecideOnFailure(5, 5), FailureAction::kDeadLetter);
  EXPECT_EQ(DecideOnFailure(9, 5), FailureAction::kDeadLetter);
  EXPECT_EQ(DecideOnFailure(1, 1), FailureAction::kDeadLetter);
}

}  // namespace
}  // namespace ansinh::events
