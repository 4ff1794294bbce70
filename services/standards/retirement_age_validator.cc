#include "standards/retirement_age_validator.h"

#include <set>
#include <string>

#include "standards/retirement_age.h"

namespace ansinh {
namespace {

// Retirement ages are adult ages; the bound only catches a typo such as 600.
constexpr int kMaxRetirementYears = 100;

bool IsAge(const v1::YearsMonths& age) {
  return age.years() > 0 && age.years() <= kMaxRetirementYears && age.months() >= 0 && age.months() <= 11;
}

void CheckAges(const v1::RetirementAges& ages, const std::string& field, FieldViolations& out) {
  const auto check = [&](bool ok, const std::string& where, const std::string& why) {
    if (!ok) out.push_back({field + where, why});
  };
  const std::string age_words =
      "must be an age of 1 to " + std::to_string(kMaxRetirementYears) + " years and 0 to 11 months";
  check(IsAge(ages.before_steps()), ".before_steps", age_words);
  check(IsAge(ages.first_step()), ".first_step", age_words);
  check(IsAge(ages.ceiling()), ".ceiling", age_words);
  // The rule that picks a person's age (retirement_age.h) needs ages that
  // never fall and rise by less than a year each year.
  check(ages.yearly_step_months() >= 1 && ages.yearly_step_months() <= 11, ".yearly_step_months",
        "must be 1 to 11 months");
  if (!IsAge(ages.before_steps()) || !IsAge(ages.first_step()) || !IsAge(ages.ceiling()) ||
      ages.yearly_step_months() < 1) {
    return;
  }
  const int before = TotalMonths(ages.before_steps());
  const int first = TotalMonths(ages.first_step());
  const int ceiling = TotalMonths(ages.ceiling());
  check(first >= before, ".first_step", "must not be below before_steps");
  check(ceiling >= first, ".ceiling", "must not be below first_step");
  check(ceiling < first || (ceiling - first) % ages.yearly_step_months() == 0, ".ceiling",
        "must be reached from first_step in whole yearly steps of " +
            std::to_string(ages.yearly_step_months()) + " months");
}

}  // namespace

FieldViolations ValidateRetirementAgeSchedule(const v1::RetirementAgeSchedule& schedule) {
  FieldViolations out;
  if (schedule.legal_reference().empty()) {
    out.push_back({"legal_reference", "must name the legal texts"});
  }
  if (schedule.version() < 1) out.push_back({"version", "must be 1 or more"});
  if (schedule.first_stepped_year() <= 0) {
    out.push_back({"first_stepped_year", "must be set: the year of the first step"});
  }
  std::set<int> sexes;
  for (int i = 0; i < schedule.ages_size(); ++i) {
    const v1::RetirementAges& ages = schedule.ages(i);
    const std::string field = "ages[" + std::to_string(i) + "]";
    if (ages.sex() == v1::SEX_UNSPECIFIED) {
      out.push_back({field + ".sex", "must be SEX_MALE or SEX_FEMALE"});
    } else if (!sexes.insert(ages.sex()).second) {
      out.push_back({field + ".sex", "repeats a sex already given its ages"});
    }
    CheckAges(ages, field, out);
  }
  if (!sexes.contains(v1::SEX_MALE)) out.push_back({"ages", "must give the ages for SEX_MALE"});
  if (!sexes.contains(v1::SEX_FEMALE)) out.push_back({"ages", "must give the ages for SEX_FEMALE"});
  return out;
}

}  // namespace ansinh
