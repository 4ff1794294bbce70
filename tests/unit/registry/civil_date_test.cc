#include "registry/core/civil_date.h"

#include <gtest/gtest.h>

#include <string>

namespace ansinh::registry {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

CivilDate Date(int y, unsigned m, unsigned d) { return CivilDate{year(y), month(m), day(d)}; }

TEST(ParseIsoDateTest, AcceptsRealDays) {
  EXPECT_EQ(ParseIsoDate("2025-10-07"), Date(2025, 10, 7));
  EXPECT_EQ(ParseIsoDate("2024-02-29"), Date(2024, 2, 29));
  EXPECT_EQ(ParseIsoDate("1900-01-01"), Date(1900, 1, 1));
}

TEST(ParseIsoDateTest, RejectsAnythingElse) {
  for (const std::string text : {"", "2025-2-03", "2025-02-3", "25-02-03", "2023-02-29", "2025-04-31",
                                 "2025-00-10", "2025-13-01", "0000-01-01", "2025/02/03", " 2025-02-03",
                                 "2025-02-03 ", "abcd-ef-gh", "03/02/2025", "2025-02-03T00:00"}) {
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
  };
  for (const Case& c : cases) {
    EXPECT_EQ(AgeInYears(c.birth, c.on), c.age) << FormatIsoDate(c.birth);
  }
}

}  // namespace
}  // namespace ansinh::registry
