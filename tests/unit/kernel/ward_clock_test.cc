#include "kernel/ward_clock.h"

#include <gtest/gtest.h>

namespace ansinh {
namespace {

// 2025-06-30T17:30:00Z is 2025-07-01 00:30 in Vietnam.
constexpr std::chrono::sys_seconds kWardHalfPastMidnight{std::chrono::seconds{1751304600}};

TEST(WardClockTest, WardDateIsUtcPlusSeven) {
  EXPECT_EQ(FormatIsoDate(WardDateOf(kWardHalfPastMidnight)), "2025-07-01");
  EXPECT_EQ(FormatIsoDate(WardDateOf(kWardHalfPastMidnight - std::chrono::hours(1))), "2025-06-30");
}

TEST(WardClockTest, FormatsAnInstantAsTheWardsWallClock) {
  const std::chrono::sys_seconds instant = kWardHalfPastMidnight + std::chrono::seconds(5);
  EXPECT_EQ(FormatWardTime(instant), "2025-07-01 00:30");
  EXPECT_EQ(FormatWardTime(instant, WardTimePrecision::kSeconds), "2025-07-01 00:30:05");
  // 2026-01-10T07:03:05Z, an afternoon in the ward.
  const std::chrono::sys_seconds afternoon{std::chrono::seconds{1768028585}};
  EXPECT_EQ(FormatWardTime(afternoon), "2026-01-10 14:03");
  EXPECT_EQ(FormatWardTime(afternoon, WardTimePrecision::kSeconds), "2026-01-10 14:03:05");
}

TEST(WardClockTest, TheOverrideFixesTodayButNotTheInstant) {
  const CivilDate fixed = ParseIsoDate("2025-11-12").value();
  const WardClock clock(fixed);
  EXPECT_EQ(clock.Today(), fixed);
  EXPECT_EQ(clock.DateAt(kWardHalfPastMidnight), fixed);
  const auto before = std::chrono::system_clock::now();
  const std::chrono::sys_seconds now = clock.Now();
  EXPECT_LE(now, std::chrono::system_clock::now());
  EXPECT_GE(now, std::chrono::floor<std::chrono::seconds>(before));
}

TEST(WardClockTest, WithoutOverrideTodayIsTheWardDateOfNow) {
  const WardClock clock;
  EXPECT_FALSE(clock.today_override().has_value());
  EXPECT_EQ(clock.DateAt(kWardHalfPastMidnight), ParseIsoDate("2025-07-01").value());
  // Read between two readings of the clock, so a midnight in between cannot
  // make the test flaky.
  const CivilDate before = WardDateOf(std::chrono::system_clock::now());
  const CivilDate today = clock.Today();
  const CivilDate after = WardDateOf(std::chrono::system_clock::now());
  EXPECT_TRUE(today == before || today == after);
}

}  // namespace
}  // namespace ansinh
