#include "i18n/number_format.h"

#include <gtest/gtest.h>

namespace ansinh::i18n {
namespace {

constexpr Language kVi = Language::kVietnamese;
constexpr Language kEn = Language::kEnglish;

TEST(NumberFormat, VietnameseGroupsThousandsWithDots) {
  EXPECT_EQ(FormatNumber(0, kVi), "0");
  EXPECT_EQ(FormatNumber(999, kVi), "999");
  EXPECT_EQ(FormatNumber(1000, kVi), "1.000");
  EXPECT_EQ(FormatNumber(1500000, kVi), "1.500.000");
  EXPECT_EQ(FormatNumber(-1500, kVi), "-1.500");
  EXPECT_EQ(FormatNumber(-999, kVi), "-999");
  EXPECT_EQ(FormatNumber(INT64_MIN, kVi), "-9.223.372.036.854.775.808");
}

TEST(NumberFormat, EnglishGroupsThousandsWithCommas) {
  EXPECT_EQ(FormatNumber(0, kEn), "0");
  EXPECT_EQ(FormatNumber(1000, kEn), "1,000");
  EXPECT_EQ(FormatNumber(-1500000, kEn), "-1,500,000");
}

TEST(NumberFormat, MoneyIsDongWithTheLanguagesSign) {
  EXPECT_EQ(FormatMoney(1500000, kVi), "1.500.000 ₫");
  EXPECT_EQ(FormatMoney(0, kVi), "0 ₫");
  EXPECT_EQ(FormatMoney(-50000, kVi), "-50.000 ₫");
  // English keeps the services' own wording (docs/domain.md writes 1,500,000 VND).
  EXPECT_EQ(FormatMoney(1500000, kEn), "1,500,000 VND");
}

TEST(NumberFormat, DecimalsUseTheLanguagesSeparatorAndDropTrailingZeros) {
  EXPECT_EQ(FormatDecimal(6.5, kVi), "6,5");
  EXPECT_EQ(FormatDecimal(6.5, kEn), "6.5");
  EXPECT_EQ(FormatDecimal(8.0, kVi), "8");
  EXPECT_EQ(FormatDecimal(12345.25, kVi), "12.345,25");
  EXPECT_EQ(FormatDecimal(2.0 / 3.0, kVi), "0,67");
  EXPECT_EQ(FormatDecimal(-0.5, kVi), "-0,5");
  EXPECT_EQ(FormatDecimal(-0.001, kVi), "0");
}

TEST(NumberFormat, PercentHasTwoDecimals) {
  EXPECT_EQ(FormatPercent(4.1, kVi), "4,10%");
  EXPECT_EQ(FormatPercent(4.1, kEn), "4.10%");
  EXPECT_EQ(FormatPercent(0, kVi), "0,00%");
}

TEST(NumberFormat, VietnameseDatesAreDayMonthYear) {
  EXPECT_EQ(FormatDate(CivilDate{std::chrono::year{2025}, std::chrono::month{12}, std::chrono::day{10}}, kVi),
            "10/12/2025");
  EXPECT_EQ(FormatDate(CivilDate{std::chrono::year{2026}, std::chrono::month{1}, std::chrono::day{2}}, kVi),
            "02/01/2026");
  EXPECT_EQ(FormatDate(CivilDate{std::chrono::year{2026}, std::chrono::month{1}, std::chrono::day{2}}, kEn),
            "2026-01-02");
}

TEST(NumberFormat, DateTextsAreConvertedAndOtherTextIsLeftAlone) {
  EXPECT_EQ(FormatDateText("2025-12-10", kVi), "10/12/2025");
  EXPECT_EQ(FormatDateText("2026-01-10 14:03", kVi), "10/01/2026 14:03");
  EXPECT_EQ(FormatDateText("2026-01-10 14:03:05", kVi), "10/01/2026 14:03:05");
  EXPECT_EQ(FormatDateText("2025-12-10", kEn), "2025-12-10");
  // Not a date: as written.
  EXPECT_EQ(FormatDateText("2025-02-30", kVi), "2025-02-30");
  EXPECT_EQ(FormatDateText("R-2025-12-10x", kVi), "R-2025-12-10x");
  EXPECT_EQ(FormatDateText("2025-12-10abc", kVi), "2025-12-10abc");
  EXPECT_EQ(FormatDateText("", kVi), "");
}

}  // namespace
}  // namespace ansinh::i18n
