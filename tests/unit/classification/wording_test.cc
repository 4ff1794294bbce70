#include "classification/core/wording.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace ansinh::classification {
namespace {

TEST(WordingTest, GroupsThousands) {
  EXPECT_EQ(GroupThousands(0), "0");
  EXPECT_EQ(GroupThousands(999), "999");
  EXPECT_EQ(GroupThousands(1000), "1,000");
  EXPECT_EQ(GroupThousands(1500000), "1,500,000");
  EXPECT_EQ(GroupThousands(-2000001), "-2,000,001");
  EXPECT_EQ(GroupThousands(std::numeric_limits<int64_t>::min()), "-9,223,372,036,854,775,808");
  EXPECT_EQ(FormatVnd(700000), "700,000 VND");
}

TEST(WordingTest, FormatsDecimalsWithoutTrailingZeros) {
  EXPECT_EQ(FormatDecimal(8), "8");
  EXPECT_EQ(FormatDecimal(6.5), "6.5");
  EXPECT_EQ(FormatDecimal(7.333333), "7.33");
}

TEST(WordingTest, JoinsWithAConjunction) {
  EXPECT_EQ(JoinWords({}, "or"), "");
  EXPECT_EQ(JoinWords({"TV"}, "or"), "TV");
  EXPECT_EQ(JoinWords({"TV", "radio"}, "or"), "TV or radio");
  EXPECT_EQ(JoinWords({"walls", "columns", "roof"}, "and"), "walls, columns and roof");
}

TEST(WordingTest, SaysAnAgeInYearsAndMonths) {
  EXPECT_EQ(FormatYearsMonths(744), "62 years");
  EXPECT_EQ(FormatYearsMonths(676), "56 years 4 months");
  EXPECT_EQ(FormatYearsMonths(721), "60 years 1 month");
  EXPECT_EQ(FormatYearMonth(std::chrono::year(2024) / std::chrono::July), "2024-07");
  EXPECT_EQ(FormatYearMonth(std::chrono::year(2042) / std::chrono::November), "2042-11");
}

TEST(WordingTest, LabelsAMemberByNameOrId) {
  v1::Member member;
  member.set_member_id("M4");
  EXPECT_EQ(MemberLabel(member, 7), "M4 (7)");
  member.set_full_name("Nguyễn Thị Hương");
  EXPECT_EQ(MemberLabel(member, 7), "Nguyễn Thị Hương (7)");
}

}  // namespace
}  // namespace ansinh::classification
