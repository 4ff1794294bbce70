// Working age ends at the statutory retirement age for the person's sex and
// month of birth (docs/domain.md §3.4), read from retirement-ages.textproto:
// the month of reaching it, the age that applies, and working age on the
// last day before and the first day of that month.
#include "standards/retirement_age.h"

#include <gtest/gtest.h>

#include <string>

#include "classification/core/labour_capacity.h"
#include "survey_builder.h"

namespace ansinh::classification {
namespace {

using testkit::RealStandard;

CivilDate Date(const std::string& iso) {
  const std::optional<CivilDate> date = ParseIsoDate(iso);
  EXPECT_TRUE(date.has_value()) << iso;
  return date.value_or(CivilDate{});
}

const v1::RetirementAgeSchedule& Schedule() {
  return RealStandard("decree-07-2021").working_age().statutory_retirement_ages();
}

std::string YearMonth(std::chrono::year_month month) {
  return std::to_string(static_cast<int>(month.year())) + "-" +
         (static_cast<unsigned>(month.month()) < 10 ? "0" : "") +
         std::to_string(static_cast<unsigned>(month.month()));
}

struct RetirementCase {
  const char* name;
  v1::Sex sex;
  const char* birth;
  // The month the person reaches the retirement age, and that age.
  const char* reaches;
  int years;
  int months;
};

class RetirementMonthTest : public ::testing::TestWithParam<RetirementCase> {};

TEST_P(RetirementMonthTest, ReachesTheAgeOfTheYearInWhichItIsReached) {
  const RetirementCase& c = GetParam();
  const v1::RetirementAges* ages = FindRetirementAges(Schedule(), c.sex);
  ASSERT_NE(ages, nullptr);

  const Retirement retirement = RetirementOf(Schedule(), *ages, Date(c.birth));

  EXPECT_EQ(YearMonth(retirement.month), c.reaches);
  EXPECT_EQ(retirement.age_months, c.years * 12 + c.months);
}

INSTANTIATE_TEST_SUITE_P(
    Decree135, RetirementMonthTest,
    ::testing::Values(
        // Before 2021: 60 for men, 55 for women.
        RetirementCase{"ManReaching60In2020", v1::SEX_MALE, "1960-12-31", "2020-12", 60, 0},
        RetirementCase{"WomanReaching55In2020", v1::SEX_FEMALE, "1965-03-10", "2020-03", 55, 0},
        // 2021: 60 years 3 months and 55 years 4 months. A man born in
        // January 1961 turns 60 in 2021, short of 2021's age until April.
        RetirementCase{"FirstMenOf2021", v1::SEX_MALE, "1961-01-01", "2021-04", 60, 3},
        RetirementCase{"LastMenOf2021", v1::SEX_MALE, "1961-09-30", "2021-12", 60, 3},
        RetirementCase{"FirstWomenOf2021", v1::SEX_FEMALE, "1966-01-01", "2021-05", 55, 4},
        RetirementCase{"LastWomenOf2021", v1::SEX_FEMALE, "1966-08-31", "2021-12", 55, 4},
        // Born a month later, 2021's age is reached only in 2022, whose
        // age is 3 (4) months higher.
        RetirementCase{"FirstMenOf2022", v1::SEX_MALE, "1961-10-01", "2022-04", 60, 6},
        RetirementCase{"FirstWomenOf2022", v1::SEX_FEMALE, "1966-09-01", "2022-05", 55, 8},
        // 2026: 61 years 6 months and 57 years.
        RetirementCase{"MenOf2026", v1::SEX_MALE, "1965-01-20", "2026-07", 61, 6},
        RetirementCase{"FirstWomenOf2026", v1::SEX_FEMALE, "1969-05-01", "2026-05", 57, 0},
        // A woman born in March 1968 reaches 56 years 4 months, 2024's age,
        // in July 2024; in 2026 she is 58, long past it.
        RetirementCase{"WomanBornInMarch1968", v1::SEX_FEMALE, "1968-03-15", "2024-07", 56, 4},
        // Men reach the ceiling of 62 from 2028 on, and stay there.
        RetirementCase{"LastMenOf2027", v1::SEX_MALE, "1966-03-31", "2027-12", 61, 9},
        RetirementCase{"FirstMenAt62", v1::SEX_MALE, "1966-04-01", "2028-04", 62, 0},
        RetirementCase{"MenLaterStillAt62", v1::SEX_MALE, "1980-11-11", "2042-11", 62, 0},
        // Women reach the ceiling of 60 from 2035 on.
        RetirementCase{"LastWomenOf2034", v1::SEX_FEMALE, "1975-04-30", "2034-12", 59, 8},
        RetirementCase{"FirstWomenAt60", v1::SEX_FEMALE, "1975-05-01", "2035-05", 60, 0},
        RetirementCase{"WomenLaterStillAt60", v1::SEX_FEMALE, "1990-02-28", "2050-02", 60, 0}),
    [](const ::testing::TestParamInfo<RetirementCase>& info) { return std::string(info.param.name); });

struct BoundaryCase {
  const char* name;
  v1::Sex sex;
  const char* birth;
  // The last day of the month before the retirement month, and the first
  // day of the retirement month.
  const char* last_working_day;
  const char* first_retired_day;
};

class WorkingAgeBoundaryTest : public ::testing::TestWithParam<BoundaryCase> {};

TEST_P(WorkingAgeBoundaryTest, EndsOnTheFirstDayOfTheMonthOfReachingTheAge) {
  const BoundaryCase& c = GetParam();
  const v1::Standard& standard = RealStandard("decree-07-2021");

  EXPECT_TRUE(IsOfWorkingAge(standard, c.sex, Date(c.birth), Date(c.last_working_day)));
  EXPECT_FALSE(IsOfWorkingAge(standard, c.sex, Date(c.birth), Date(c.first_retired_day)));
}

INSTANTIATE_TEST_SUITE_P(
    Decree135, WorkingAgeBoundaryTest,
    ::testing::Values(
        BoundaryCase{"Men2021", v1::SEX_MALE, "1961-01-15", "2021-03-31", "2021-04-01"},
        BoundaryCase{"Women2021", v1::SEX_FEMALE, "1966-01-15", "2021-04-30", "2021-05-01"},
        // Turning 60 years 3 months in January 2022 is not enough: 2022's
        // age is 60 years 6 months.
        BoundaryCase{"MenReaching2021sAgeIn2022", v1::SEX_MALE, "1961-10-15", "2022-03-31", "2022-04-01"},
        BoundaryCase{"Men2026", v1::SEX_MALE, "1965-01-20", "2026-06-30", "2026-07-01"},
        BoundaryCase{"Women2026", v1::SEX_FEMALE, "1969-05-20", "2026-04-30", "2026-05-01"},
        BoundaryCase{"Men2028AtTheCeiling", v1::SEX_MALE, "1966-04-10", "2028-03-31", "2028-04-01"},
        BoundaryCase{"Men2032CappedAt62", v1::SEX_MALE, "1970-05-10", "2032-04-30", "2032-05-01"},
        BoundaryCase{"Women2035AtTheCeiling", v1::SEX_FEMALE, "1975-05-10", "2035-04-30", "2035-05-01"},
        BoundaryCase{"Women2040CappedAt60", v1::SEX_FEMALE, "1980-02-10", "2040-01-31", "2040-02-01"},
        BoundaryCase{"WomanBornInMarch1968", v1::SEX_FEMALE, "1968-03-15", "2024-06-30", "2024-07-01"}),
    [](const ::testing::TestParamInfo<BoundaryCase>& info) { return std::string(info.param.name); });

TEST(WorkingAgeTest, StartsAtFifteenCompletedYears) {
  const v1::Standard& standard = RealStandard("decree-07-2021");

  EXPECT_FALSE(IsOfWorkingAge(standard, v1::SEX_FEMALE, Date("2011-10-02"), Date("2026-10-01")));
  EXPECT_TRUE(IsOfWorkingAge(standard, v1::SEX_FEMALE, Date("2011-10-01"), Date("2026-10-01")));
}

TEST(WorkingAgeTest, TheSameRuleUnderEveryStandard) {
  // Working age follows the law on the survey date, not the standard.
  for (const char* id : {"decision-59-2015", "decree-07-2021", "decree-351-2025"}) {
    const v1::Standard& standard = RealStandard(id);
    EXPECT_EQ(standard.working_age().min_age(), 15) << id;
    EXPECT_TRUE(IsOfWorkingAge(standard, v1::SEX_FEMALE, Date("1969-05-20"), Date("2026-04-30"))) << id;
    EXPECT_FALSE(IsOfWorkingAge(standard, v1::SEX_FEMALE, Date("1969-05-20"), Date("2026-05-01"))) << id;
  }
}

TEST(WorkingAgeTest, SaysTheRuleAndEachMembersMonthInWords) {
  const v1::Standard& standard = RealStandard("decree-07-2021");
  const std::optional<WorkingAgeStatus> retired =
      WorkingAgeOn(standard, v1::SEX_FEMALE, Date("1968-03-15"), Date("2026-10-01"));
  const std::optional<WorkingAgeStatus> working =
      WorkingAgeOn(standard, v1::SEX_MALE, Date("1981-10-01"), Date("2026-10-01"));

  ASSERT_TRUE(retired.has_value());
  ASSERT_TRUE(working.has_value());
  EXPECT_EQ(WorkingAgeStatusWords(*retired),
            "past the statutory retirement age (56 years 4 months) since 2024-07");
  EXPECT_EQ(WorkingAgeStatusWords(*working),
            "of working age until the statutory retirement age (62 years) in 2043-10");
  EXPECT_EQ(
      WorkingAgeRuleWords(standard, 2026),
      "working age runs from 15 to the statutory retirement age, which for those reaching it in 2026 is "
      "61 years 6 months for men and 57 years for women");
}

}  // namespace
}  // namespace ansinh::classification
