#include "classification/core/iso_date.h"

#include <gtest/gtest.h>

#include <vector>

namespace ansinh::classification {
namespace {

Date D(const char* text) { return *ParseIsoDate(text); }

TEST(IsoDateTest, ParsesOnlyRealDates) {
  EXPECT_TRUE(ParseIsoDate("2024-02-29").has_value());
  EXPECT_EQ(FormatIsoDate(D("2024-02-29")), "2024-02-29");
  for (const char* bad :
       {"2025-02-29", "2025-13-01", "2025-1-01", "25-01-01", "2025/01/01", "", "2025-01-0x", "2025-00-10"}) {
    EXPECT_FALSE(ParseIsoDate(bad).has_value()) << bad;
  }
}

TEST(IsoDateTest, AgeCountsCompletedYears) {
  struct Case {
    const char* birth;
    const char* on;
    int age;
  };
  for (const Case& c : {Case{"2010-10-01", "2025-10-01", 15}, Case{"2010-10-02", "2025-10-01", 14},
                        Case{"2010-09-30", "2025-10-01", 15}, Case{"2008-02-29", "2025-02-28", 16},
                        Case{"2008-02-29", "2025-03-01", 17}, Case{"2025-10-01", "2025-10-01", 0}}) {
    EXPECT_EQ(AgeOn(D(c.birth), D(c.on)), c.age) << c.birth << " on " << c.on;
  }
}

TEST(IsoDateTest, WorkingDaysSkipWeekendsAndHolidays) {
  const std::vector<Date> none;
  // 2025-11-03 is a Monday.
  EXPECT_EQ(FormatIsoDate(LastOfWorkingDays(D("2025-11-03"), 3, none)), "2025-11-05");
  // Friday: Friday, Monday, Tuesday.
  EXPECT_EQ(FormatIsoDate(LastOfWorkingDays(D("2025-11-07"), 3, none)), "2025-11-11");
  // Saturday: Monday, Tuesday, Wednesday.
  EXPECT_EQ(FormatIsoDate(LastOfWorkingDays(D("2025-11-08"), 3, none)), "2025-11-12");
  // National Day (2 September 2025, a Tuesday) does not count.
  const std::vector<Date> holidays = {D("2025-09-01"), D("2025-09-02")};
  EXPECT_EQ(FormatIsoDate(LastOfWorkingDays(D("2025-08-29"), 3, holidays)), "2025-09-04");
}

}  // namespace
}  // namespace ansinh::classification
