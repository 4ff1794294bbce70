#include "monitoring/core/date.h"

#include <gtest/gtest.h>

namespace ansinh::monitoring {
namespace {

TEST(DateTest, ParsesRealDaysAndRoundTrips) {
  for (const char* text : {"2024-02-29", "2025-12-31", "2021-01-01"}) {
    const std::optional<Date> date = ParseDate(text);
    ASSERT_TRUE(date.has_value()) << text;
    EXPECT_EQ(FormatDate(*date), text);
  }
}

TEST(DateTest, RefusesAnythingButYyyyMmDd) {
  for (const char* text : {"", "2025-02-29", "2025-13-01", "2025-1-01", "25-01-01", "2025/01/01",
                           "2025-01-01T00:00", "2025-0a-01", "2025-00-10"}) {
    EXPECT_FALSE(ParseDate(text).has_value()) << text;
  }
}

TEST(DateTest, CountsDaysAcrossYearsAndLeapDays) {
  EXPECT_EQ(DaysBetween(*ParseDate("2024-02-28"), *ParseDate("2024-03-01")), 2);
  EXPECT_EQ(DaysBetween(*ParseDate("2025-01-01"), *ParseDate("2024-12-31")), -1);
  EXPECT_EQ(YearOf(*ParseDate("2024-12-31")), 2024);
  EXPECT_EQ(FormatDate(LastDayOfYear(2023)), "2023-12-31");
}

}  // namespace
}  // namespace ansinh::monitoring
