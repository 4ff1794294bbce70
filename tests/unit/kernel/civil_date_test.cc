// Cases gathered from the four date modules the kernel replaced (registry,
// classification, monitoring, assignment): each module's cases still hold.
#include "kernel/civil_date.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ansinh {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

CivilDate Date(int y, unsigned m, unsigned d) { return CivilDate{year(y), month(m), day(d)}; }
CivilDate D(const char* text) { return ParseIsoDate(text).value(); }

TEST(ParseIsoDateTest, AcceptsRealDays) {
  EXPECT_EQ(ParseIsoDate("2025-10-07"), Date(2025, 10, 7));
  EXPECT_EQ(ParseIsoDate("2024-02-29"), Date(2024, 2, 29));
  EXPECT_EQ(ParseIsoDate("1900-01-01"), Date(1900, 1, 1));
  EXPECT_EQ(ParseIsoDate("0001-01-01"), Date(1, 1, 1));
  EXPECT_EQ(ParseIsoDate("9999-12-31"), Date(9999, 12, 31));
}

TEST(ParseIsoDateTest, RoundTripsThroughFormatIsoDate) {
  for (const char* text : {"2024-02-29", "2025-12-31", "2021-01-01", "2025-02-28"}) {
    const std::optional<CivilDate> date = ParseIsoDate(text);
    ASSERT_TRUE(date.has_value()) << text;
    EXPECT_EQ(FormatIsoDate(*date), text);
  }
}

TEST(ParseIsoDateTest, RejectsAnythingElse) {
  for (const std::string text : {"",
                                 "2025-2-03",
                                 "2025-02-3",
                                 "25-02-03",
                                 "2023-02-29",
                                 "2025-04-31",
                                 "2025-00-10",
                                 "2025-13-01",
                                 "2025/02/03",
                                 " 2025-02-03",
                                 "2025-02-03 ",
                                 "abcd-ef-gh",
                                 "03/02/2025",
                                 "2025-02-03T00:00",
                                 "2025-02-29",
                                 "2025-1-01",
                                 "25-01-01",
                                 "2025/01/01",
                                 "2025-01-0x",
                                 "2025-01-01T00:00",
                                 "2025-0a-01",
                                 "2025-2-28",
                                 "2025/02/28",
                                 "20250228",
                                 "2025-02-28T00:00",
                                 "+025-01-01",
                                 "-025-01-01"}) {
    EXPECT_FALSE(ParseIsoDate(text).has_value()) << text;
  }
}

// Only the registry refused year 0000 before the kernel; classification,
// monitoring and assignment took it as a real day. No form is dated in year
// zero: it is refused everywhere now.
TEST(ParseIsoDateTest, RefusesYearZero) {
  for (const char* text : {"0000-01-01", "0000-02-29", "0000-12-31"}) {
    EXPECT_FALSE(ParseIsoDate(text).has_value()) << text;
  }
}

TEST(FormatIsoDateTest, ZeroPads) {
  EXPECT_EQ(FormatIsoDate(Date(2025, 3, 4)), "2025-03-04");
  EXPECT_EQ(FormatIsoDate(Date(987, 12, 31)), "0987-12-31");
}

TEST(AgeInYearsTest, CountsCompletedYears) {
  struct Case {
    CivilDate birth;
    CivilDate on;
    int age;
  };
  const Case cases[] = {
      {Date(2012, 3, 15), Date(2026, 3, 15), 14},  // birthday today
      {Date(2012, 3, 16), Date(2026, 3, 15), 13},  // birthday tomorrow
      {Date(2012, 4, 1), Date(2026, 3, 15), 13},  {Date(2012, 2, 1), Date(2026, 3, 15), 14},
      {Date(2008, 2, 29), Date(2026, 2, 28), 17},  // leap-day birthday in a common year
      {Date(2008, 2, 29), Date(2026, 3, 1), 18},  {Date(2026, 3, 15), Date(2026, 3, 15), 0},
      {D("2010-10-01"), D("2025-10-01"), 15},     {D("2010-10-02"), D("2025-10-01"), 14},
      {D("2010-09-30"), D("2025-10-01"), 15},     {D("2008-02-29"), D("2025-02-28"), 16},
      {D("2008-02-29"), D("2025-03-01"), 17},     {D("2025-10-01"), D("2025-10-01"), 0},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(AgeInYears(c.birth, c.on), c.age) << FormatIsoDate(c.birth) << " on " << FormatIsoDate(c.on);
  }
}

TEST(AddMonthsTest, ClampsToTheLastDayOfTheMonth) {
  struct Row {
    const char* from;
    int months;
    const char* expected;
  };
  for (const Row& row : {Row{"2025-01-15", 36, "2028-01-15"}, Row{"2024-02-29", 12, "2025-02-28"},
                         Row{"2025-01-31", 1, "2025-02-28"}, Row{"2025-11-30", 3, "2026-02-28"},
                         Row{"2027-12-14", 36, "2030-12-14"}}) {
    EXPECT_EQ(FormatIsoDate(AddMonths(D(row.from), row.months)), row.expected) << row.from;
  }
}

TEST(AddDaysTest, CrossesMonthsAndYears) {
  EXPECT_EQ(FormatIsoDate(AddDays(D("2024-12-31"), 1)), "2025-01-01");
  EXPECT_EQ(FormatIsoDate(AddDays(D("2024-03-01"), -1)), "2024-02-29");
}

TEST(DaysBetweenTest, CountsWholeDaysAcrossYearsAndLeapDays) {
  EXPECT_EQ(DaysBetween(D("2024-02-28"), D("2024-03-01")), 2);
  EXPECT_EQ(DaysBetween(D("2025-01-01"), D("2024-12-31")), -1);
  EXPECT_EQ(DaysBetween(D("2025-01-01"), D("2025-03-01")), 59);
  EXPECT_EQ(DaysBetween(D("2025-03-01"), D("2025-01-01")), -59);
}

TEST(LastDayOfYearTest, IsTheThirtyFirstOfDecember) {
  EXPECT_EQ(FormatIsoDate(LastDayOfYear(2023)), "2023-12-31");
}

TEST(WorkingDaysTest, SkipWeekendsAndHolidays) {
  const std::vector<CivilDate> none;
  // 2025-11-03 is a Monday.
  EXPECT_EQ(FormatIsoDate(LastOfWorkingDays(D("2025-11-03"), 3, none)), "2025-11-05");
  // Friday: Friday, Monday, Tuesday.
  EXPECT_EQ(FormatIsoDate(LastOfWorkingDays(D("2025-11-07"), 3, none)), "2025-11-11");
  // Saturday: Monday, Tuesday, Wednesday.
  EXPECT_EQ(FormatIsoDate(LastOfWorkingDays(D("2025-11-08"), 3, none)), "2025-11-12");
  // National Day (2 September 2025, a Tuesday) does not count.
  const std::vector<CivilDate> holidays = {D("2025-09-01"), D("2025-09-02")};
  EXPECT_EQ(FormatIsoDate(LastOfWorkingDays(D("2025-08-29"), 3, holidays)), "2025-09-04");
  EXPECT_FALSE(IsWorkingDay(D("2025-09-02"), holidays));
  EXPECT_TRUE(IsWorkingDay(D("2025-09-03"), holidays));
}

}  // namespace
}  // namespace ansinh
