#include "classification/core/labour_capacity.h"

#include "classification/core/wording.h"

namespace ansinh::classification {

std::optional<WorkingAgeStatus> WorkingAgeOn(const v1::Standard& standard, v1::Sex sex, CivilDate birth,
                                             CivilDate on) {
  WorkingAgeStatus status;
  status.min_age = standard.working_age().min_age();
  if (AgeInYears(birth, on) < status.min_age) return status;
  const v1::RetirementAgeSchedule& schedule = standard.working_age().statutory_retirement_ages();
  const v1::RetirementAges* ages = FindRetirementAges(schedule, sex);
  if (ages == nullptr) return std::nullopt;
  status.retirement = RetirementOf(schedule, *ages, birth);
  // The month of reaching the age is already past working age: the person
  // has then reached it (docs/domain.md §3.4).
  const std::chrono::year_month month{on.year(), on.month()};
  status.stage = month < status.retirement.month ? WorkingAgeStatus::Stage::kOfWorkingAge
                                                 : WorkingAgeStatus::Stage::kRetired;
  return status;
}

bool IsOfWorkingAge(const v1::Standard& standard, v1::Sex sex, CivilDate birth, CivilDate on) {
  const std::optional<WorkingAgeStatus> status = WorkingAgeOn(standard, sex, birth, on);
  return status && status->stage == WorkingAgeStatus::Stage::kOfWorkingAge;
}

bool MayBeOfWorkingAge(const v1::Standard& standard, CivilDate birth, CivilDate on) {
  return IsOfWorkingAge(standard, v1::SEX_MALE, birth, on) ||
         IsOfWorkingAge(standard, v1::SEX_FEMALE, birth, on);
}

std::string WorkingAgeStatusWords(const WorkingAgeStatus& status) {
  const std::string age =
      "the statutory retirement age (" + FormatYearsMonths(status.retirement.age_months) + ")";
  switch (status.stage) {
    case WorkingAgeStatus::Stage::kUnderAge:
      return "under " + std::to_string(status.min_age);
    case WorkingAgeStatus::Stage::kOfWorkingAge:
      return "of working age until " + age + " in " + FormatYearMonth(status.retirement.month);
    case WorkingAgeStatus::Stage::kRetired:
      return "past " + age + " since " + FormatYearMonth(status.retirement.month);
  }
  return {};
}

std::string WorkingAgeRuleWords(const v1::Standard& standard, int year) {
  const v1::RetirementAgeSchedule& schedule = standard.working_age().statutory_retirement_ages();
  std::string words = "working age runs from " + std::to_string(standard.working_age().min_age()) +
                      " to the statutory retirement age, which for those reaching it in " +
                      std::to_string(year) + " is ";
  bool first = true;
  for (const v1::Sex sex : {v1::SEX_MALE, v1::SEX_FEMALE}) {
    const v1::RetirementAges* ages = FindRetirementAges(schedule, sex);
    if (ages == nullptr) continue;
    if (!first) words += " and ";
    first = false;
    words += FormatYearsMonths(RetirementAgeMonthsInYear(schedule, *ages, year));
    words += " for ";
    words += SexPluralWords(sex);
  }
  return words;
}

LabourCapacity AssessLabourCapacity(const v1::Standard& standard, const HouseholdFacts& facts,
                                    FieldViolations& missing) {
  LabourCapacity capacity;
  std::string can;
  std::string cannot;
  const auto add = [](std::string& list, const MemberFacts& member, const std::string& why) {
    if (!list.empty()) list += "; ";
    list += MemberLabel(*member.member, member.age) + ", " + why;
  };
  for (const MemberFacts& member : facts.members) {
    const v1::Member& person = *member.member;
    const std::optional<WorkingAgeStatus> status =
        WorkingAgeOn(standard, person.sex(), member.birth, facts.as_of);
    if (!status) {
      // The sex is not recorded: it decides only when either sex's working
      // age would include the member.
      if (!person.lost_working_capacity() && MayBeOfWorkingAge(standard, member.birth, facts.as_of)) {
        missing.push_back(
            {MemberField(member.index, "sex"), "is needed to tell whether the member is of working age"});
      } else {
        add(cannot, member,
            person.lost_working_capacity() ? "lost working capacity"
                                           : "past the statutory retirement age of either sex");
      }
      continue;
    }
    if (status->stage != WorkingAgeStatus::Stage::kOfWorkingAge) {
      add(cannot, member, WorkingAgeStatusWords(*status));
    } else if (person.lost_working_capacity()) {
      add(cannot, member, "lost working capacity");
    } else {
      ++capacity.members_with_capacity;
      add(can, member, WorkingAgeStatusWords(*status));
    }
  }
  capacity.reason = "Can work: " + (can.empty() ? std::string("nobody") : can) + ".";
  if (!cannot.empty()) capacity.reason += " Cannot work: " + cannot + ".";
  return capacity;
}

}  // namespace ansinh::classification
