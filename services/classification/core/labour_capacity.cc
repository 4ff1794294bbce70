#include "classification/core/labour_capacity.h"

#include "classification/core/wording.h"
#include "i18n/proto/localized_text.h"

namespace ansinh::classification {
namespace {

using i18n::EnumArg;
using i18n::Localized;

// FormatYearsMonths as a catalog message: "62 years", "56 years 4 months".
v1::LocalizedText YearsMonthsText(int months) {
  if (months % 12 == 0) return Localized("labour_capacity.years", {{"years", months / 12}});
  return Localized("labour_capacity.years_months", {{"years", months / 12}, {"months", months % 12}});
}

// FormatYearMonth's month as the arguments "year" and "month" ("2024", "07").
void SetYearMonth(v1::LocalizedText& text, std::chrono::year_month month) {
  const std::string iso = FormatYearMonth(month);
  i18n::SetArg(text, "year", iso.substr(0, iso.find('-')));
  i18n::SetArg(text, "month", iso.substr(iso.find('-') + 1));
}

}  // namespace

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

v1::LocalizedText WorkingAgeStatusText(const WorkingAgeStatus& status) {
  v1::LocalizedText text;
  switch (status.stage) {
    case WorkingAgeStatus::Stage::kUnderAge:
      return Localized("labour_capacity.under", {{"min", status.min_age}});
    case WorkingAgeStatus::Stage::kOfWorkingAge:
      text = Localized("labour_capacity.until");
      break;
    case WorkingAgeStatus::Stage::kRetired:
      text = Localized("labour_capacity.past");
      break;
  }
  i18n::AddText(text, "age", YearsMonthsText(status.retirement.age_months));
  SetYearMonth(text, status.retirement.month);
  return text;
}

v1::LocalizedText WorkingAgeRuleText(const v1::Standard& standard, int year) {
  const v1::RetirementAgeSchedule& schedule = standard.working_age().statutory_retirement_ages();
  v1::LocalizedText text =
      Localized("indicator.working_age", {{"min", standard.working_age().min_age()}, {"year", year}});
  for (const v1::Sex sex : {v1::SEX_MALE, v1::SEX_FEMALE}) {
    const v1::RetirementAges* ages = FindRetirementAges(schedule, sex);
    if (ages == nullptr) continue;
    v1::LocalizedText age = Localized("indicator.retirement_age_of_sex", {{"sex", EnumArg(sex)}});
    i18n::AddText(age, "age", YearsMonthsText(RetirementAgeMonthsInYear(schedule, *ages, year)));
    i18n::AddText(text, "ages", std::move(age));
  }
  return text;
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
  std::vector<v1::LocalizedText> can_texts;
  std::vector<v1::LocalizedText> cannot_texts;
  const auto add = [](std::string& list, std::vector<v1::LocalizedText>& texts, const MemberFacts& member,
                      const std::string& why, v1::LocalizedText why_text) {
    if (!list.empty()) list += "; ";
    list += MemberLabel(*member.member, member.age) + ", " + why;
    const v1::Member& person = *member.member;
    v1::LocalizedText text =
        Localized("labour_capacity.member",
                  {{"name", person.full_name().empty() ? person.member_id() : person.full_name()},
                   {"age", member.age}});
    i18n::AddText(text, "why", std::move(why_text));
    texts.push_back(std::move(text));
  };
  for (const MemberFacts& member : facts.members) {
    const v1::Member& person = *member.member;
    const std::optional<WorkingAgeStatus> status =
        WorkingAgeOn(standard, person.sex(), member.birth, facts.as_of);
    if (!status) {
      // The sex is not recorded: it decides only when either sex's working
      // age would include the member.
      if (!person.lost_working_capacity() && MayBeOfWorkingAge(standard, member.birth, facts.as_of)) {
        missing.push_back({MemberField(member.index, "sex"),
                           "is needed to tell whether the member is of working age",
                           "violation.member.sex_for_working_age"});
      } else {
        add(cannot, cannot_texts, member,
            person.lost_working_capacity() ? "lost working capacity"
                                           : "past the statutory retirement age of either sex",
            Localized(person.lost_working_capacity() ? "labour_capacity.lost_capacity"
                                                     : "labour_capacity.past_either_sex"));
      }
      continue;
    }
    if (status->stage != WorkingAgeStatus::Stage::kOfWorkingAge) {
      add(cannot, cannot_texts, member, WorkingAgeStatusWords(*status), WorkingAgeStatusText(*status));
    } else if (person.lost_working_capacity()) {
      add(cannot, cannot_texts, member, "lost working capacity", Localized("labour_capacity.lost_capacity"));
    } else {
      ++capacity.members_with_capacity;
      add(can, can_texts, member, WorkingAgeStatusWords(*status), WorkingAgeStatusText(*status));
    }
  }
  capacity.reason = "Can work: " + (can.empty() ? std::string("nobody") : can) + ".";
  if (!cannot.empty()) capacity.reason += " Cannot work: " + cannot + ".";
  capacity.reason_text = Localized("labour_capacity.reason");
  if (can_texts.empty()) can_texts.push_back(Localized("labour_capacity.nobody"));
  for (v1::LocalizedText& text : can_texts) i18n::AddText(capacity.reason_text, "can", std::move(text));
  i18n::TextListOf(capacity.reason_text, "cannot");
  if (!cannot_texts.empty()) {
    v1::LocalizedText part = Localized("labour_capacity.cannot");
    for (v1::LocalizedText& text : cannot_texts) i18n::AddText(part, "members", std::move(text));
    i18n::AddText(capacity.reason_text, "cannot", std::move(part));
  }
  return capacity;
}

}  // namespace ansinh::classification
