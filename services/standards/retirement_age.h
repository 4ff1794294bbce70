// The statutory retirement age (docs/domain.md §3.4): which age of the stepped
// schedule applies to a person, and the month in which they reach it. Pure
// calendar arithmetic on the data of retirement-ages.textproto.
#pragma once

#include <chrono>

#include "ansinh/v1/standard.pb.h"
#include "kernel/civil_date.h"

namespace ansinh {

// 60 years 3 months -> 723.
int TotalMonths(const v1::YearsMonths& age);

// The ages of `sex`; null for SEX_UNSPECIFIED or a sex the schedule lacks.
const v1::RetirementAges* FindRetirementAges(const v1::RetirementAgeSchedule& schedule, v1::Sex sex);

// The age, in months, for people who reach it in `year`: before_steps before
// the first stepped year, then first_step plus one step a year up to the
// ceiling.
int RetirementAgeMonthsInYear(const v1::RetirementAgeSchedule& schedule, const v1::RetirementAges& ages,
                              int year);

struct Retirement {
  // The month the person reaches the retirement age. From its first day they
  // are no longer of working age.
  std::chrono::year_month month;
  // The age that applies to them, in months.
  int age_months = 0;
};

// When someone born on `birth` reaches the statutory retirement age: the
// first month in which their age, counted in months from the month of birth,
// is at least the age of that month's year. Since the age rises by less than
// a year each year, that month falls in the year whose age applies to them:
// men born in October 1961 are 60 years 3 months in January 2022, short of
// 2022's 60 years 6 months, which they reach in April 2022. `schedule` and
// `ages` must be valid (ValidateRetirementAgeSchedule).
Retirement RetirementOf(const v1::RetirementAgeSchedule& schedule, const v1::RetirementAges& ages,
                        CivilDate birth);

}  // namespace ansinh
