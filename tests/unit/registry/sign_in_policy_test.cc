#include "registry/core/sign_in_policy.h"

#include <gtest/gtest.h>

namespace ansinh::registry {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr int64_t kSignInNow = 1'765'000'000;

// The counters after `wrong` wrong passwords in a row, one a second.
SignInCounters AfterWrong(int wrong) {
  SignInCounters counters;
  for (int i = 0; i < wrong; ++i) counters = AfterWrongPassword(counters, kSignInNow + i);
  return counters;
}

TEST(SignInPolicyTest, TheFirstThreeWrongPasswordsAreAnsweredAtOnce) {
  for (int wrong = 0; wrong < 3; ++wrong) {
    const SignInGate gate = GateFor(AfterWrong(wrong), kSignInNow + 10);
    EXPECT_FALSE(gate.locked) << wrong;
    EXPECT_EQ(gate.delay, milliseconds(0)) << wrong;
  }
}

TEST(SignInPolicyTest, FromTheFourthAttemptEachWaitsLongerUpToEightSeconds) {
  // Counters that never lock, to read the slow-down alone.
  auto delay_after = [](int32_t wrong) { return GateFor({wrong, 0}, kSignInNow).delay; };
  EXPECT_EQ(delay_after(3), seconds(1));
  EXPECT_EQ(delay_after(4), seconds(2));
  EXPECT_EQ(delay_after(5), seconds(4));
  EXPECT_EQ(delay_after(6), seconds(8));
  EXPECT_EQ(delay_after(7), seconds(8));
  EXPECT_EQ(delay_after(400), seconds(8));
}

TEST(SignInPolicyTest, TheFifthWrongPasswordLocksForFifteenMinutes) {
  const SignInCounters four = AfterWrong(4);
  EXPECT_EQ(four.failed_in_a_row, 4);
  EXPECT_EQ(four.locked_until, 0);
  const SignInCounters five = AfterWrongPassword(four, kSignInNow + 100);
  EXPECT_EQ(five.failed_in_a_row, 5);
  EXPECT_EQ(five.locked_until, kSignInNow + 100 + 15 * 60);

  const SignInGate during = GateFor(five, kSignInNow + 100 + 15 * 60 - 1);
  EXPECT_TRUE(during.locked);
  EXPECT_EQ(during.locked_until, five.locked_until);
  const SignInGate after = GateFor(five, kSignInNow + 100 + 15 * 60);
  EXPECT_FALSE(after.locked);
  // Still five in a row: the next attempt waits, and a wrong one locks again.
  EXPECT_EQ(after.delay, seconds(4));
  const SignInCounters again = AfterWrongPassword(five, kSignInNow + 2000);
  EXPECT_EQ(again.locked_until, kSignInNow + 2000 + 15 * 60);
}

TEST(SignInPolicyTest, ACorrectPasswordClearsEverything) {
  EXPECT_EQ(AfterCorrectPassword(), SignInCounters{});
  const SignInGate gate = GateFor(AfterCorrectPassword(), kSignInNow);
  EXPECT_FALSE(gate.locked);
  EXPECT_EQ(gate.delay, milliseconds(0));
}

}  // namespace
}  // namespace ansinh::registry
