#include "standards/retirement_age.h"

#include <algorithm>

namespace ansinh {
namespace {

// Months since January of year 0, so that month arithmetic is integer
// arithmetic.
int MonthIndex(CivilDate date) {
  return static_cast<int>(date.year()) * 12 + static_cast<int>(static_cast<unsigned>(date.month())) - 1;
}

std::chrono::year_month FromMonthIndex(int index) {
  return {std::chrono::year(index / 12), std::chrono::month(static_cast<unsigned>(index % 12 + 1))};
}

}  // namespace

int TotalMonths(const v1::YearsMonths& age) { return age.years() * 12 + age.months(); }

const v1::RetirementAges* FindRetirementAges(const v1::RetirementAgeSchedule& schedule, v1::Sex sex) {
  if (sex == v1::SEX_UNSPECIFIED) return nullptr;
  for (const v1::RetirementAges& ages : schedule.ages()) {
    if (ages.sex() == sex) return &ages;
  }
  return nullptr;
}

int RetirementAgeMonthsInYear(const v1::RetirementAgeSchedule& schedule, const v1::RetirementAges& ages,
                              int year) {
  if (year < schedule.first_stepped_year()) return TotalMonths(ages.before_steps());
  const long long stepped =
      TotalMonths(ages.first_step()) +
      static_cast<long long>(year - schedule.first_stepped_year()) * ages.yearly_step_months();
  return static_cast<int>(std::min<long long>(stepped, TotalMonths(ages.ceiling())));
}

Retirement RetirementOf(const v1::RetirementAgeSchedule& schedule, const v1::RetirementAges& ages,
                        CivilDate birth) {
  const int born = MonthIndex(birth);
  // No year's age is below before_steps, so nobody reaches the retirement
  // age before the year in which they turn before_steps. From there the
  // years are tried in order; the ages never fall and stop at the ceiling,
  // so a year whose age the person reaches within it always comes, and the
  // first one is theirs.
  for (int year = (born + TotalMonths(ages.before_steps())) / 12;; ++year) {
    const int age = RetirementAgeMonthsInYear(schedule, ages, year);
    const int reached = born + age;
    if (reached / 12 <= year) return {FromMonthIndex(reached), age};
  }
}

}  // namespace ansinh
