#include "assignment/core/date.h"

#include <gtest/gtest.h>

namespace ansinh::assignment {
namespace {

TEST(DateTest, ParsesAndPrintsIsoDates) {
  const std::optional<Date> date = Date::Parse("2025-02-28");
  ASSERT_TRUE(date.has_value());
  EXPECT_EQ(date->ToString(), "2025-02-28");
}

TEST(DateTest, RefusesMalformedAndImpossibleDates) {
  for (const char* text : {"", "2025-2-28", "2025/02/28", "2025-02-29", "2025-13-01", "2025-00-10",
                           "20250228", "2025-02-28T00:00", "abcd-ef-gh"}) {
    EXPECT_FALSE(Date::Parse(text).has_value()) << text;
  }
}

TEST(DateTest, PlusMonthsClampsToTheLastDayOfTheMonth) {
  struct Row {
    const char* from;
    int months;
    const char* expected;
  };
  for (const Row& row : {Row{"2025-01-15", 36, "2028-01-15"}, Row{"2024-02-29", 12, "2025-02-28"},
                         Row{"2025-01-31", 1, "2025-02-28"}, Row{"2025-11-30", 3, "2026-02-28"},
                         Row{"2027-12-14", 36, "2030-12-14"}}) {
    EXPECT_EQ(Date::Parse(row.from)->PlusMonths(row.months).ToString(), row.expected) << row.from;
  }
}

TEST(DateTest, DaysUntilCountsWholeDays) {
  EXPECT_EQ(Date::Parse("2025-01-01")->DaysUntil(*Date::Parse("2025-03-01")), 59);
  EXPECT_EQ(Date::Parse("2025-03-01")->DaysUntil(*Date::Parse("2025-01-01")), -59);
  EXPECT_EQ(Date::Parse("2024-12-31")->PlusDays(1).ToString(), "2025-01-01");
}

TEST(DateTest, WardDateIsUtcPlusSeven) {
  google::protobuf::Timestamp instant;
  // 2025-06-30T17:30:00Z is 2025-07-01 00:30 in Vietnam.
  instant.set_seconds(1751304600);
  EXPECT_EQ(WardDateOf(instant).ToString(), "2025-07-01");
  instant.set_seconds(1751304600 - 3600);
  EXPECT_EQ(WardDateOf(instant).ToString(), "2025-06-30");
}

}  // namespace
}  // namespace ansinh::assignment
