#include "assignment/core/credit_programmes.h"

#include <array>

#include "assignment/core/describe.h"

namespace ansinh::assignment {
namespace {

// One row per programme listed in docs/domain.md §5 ("policy credit from
// VBSP"). Only the three programmes named after a kind of household are
// limited here. The others lend for a purpose (a job, work abroad, clean water,
// a home, studies) to poor, near-poor and other households alike, so any
// household with a case qualifies as far as the ward can tell; the VBSP
// checks the rest of each programme's conditions itself.
constexpr std::array kCreditProgrammeRules{
    CreditProgrammeRule{v1::CREDIT_PROGRAMME_POOR_HOUSEHOLDS, "poor households (cho vay hộ nghèo)",
                        CreditEligibility::kPoor},
    CreditProgrammeRule{v1::CREDIT_PROGRAMME_NEAR_POOR_HOUSEHOLDS,
                        "near-poor households (cho vay hộ cận nghèo)", CreditEligibility::kNearPoor},
    // Escaped from poverty or from near-poverty alike: the case follows both,
    // and docs/domain.md §5 speaks of "newly escaped households" without
    // distinguishing them.
    CreditProgrammeRule{v1::CREDIT_PROGRAMME_NEWLY_ESCAPED_HOUSEHOLDS,
                        "newly escaped households (cho vay hộ mới thoát nghèo)",
                        CreditEligibility::kNewlyEscaped},
    CreditProgrammeRule{v1::CREDIT_PROGRAMME_JOB_CREATION, "job creation (cho vay giải quyết việc làm)",
                        CreditEligibility::kAnyCase},
    CreditProgrammeRule{v1::CREDIT_PROGRAMME_LABOUR_EXPORT,
                        "work abroad under contract (cho vay người lao động đi làm việc ở nước ngoài)",
                        CreditEligibility::kAnyCase},
    CreditProgrammeRule{v1::CREDIT_PROGRAMME_CLEAN_WATER_SANITATION,
                        "clean water and sanitation (cho vay nước sạch và vệ sinh môi trường)",
                        CreditEligibility::kAnyCase},
    CreditProgrammeRule{v1::CREDIT_PROGRAMME_HOUSING, "housing (cho vay nhà ở)", CreditEligibility::kAnyCase},
    CreditProgrammeRule{v1::CREDIT_PROGRAMME_STUDENTS, "students (cho vay học sinh sinh viên)",
                        CreditEligibility::kAnyCase},
};

std::string CaseStanding(const v1::Case& a_case) {
  return "case " + a_case.case_id() + " is " + CaseStateName(a_case.state()) + ", category " +
         CategoryName(a_case.category());
}

std::optional<std::string> NewlyEscapedMismatch(const v1::Case& a_case, std::string_view label,
                                                std::optional<CivilDate> delivered_on) {
  const std::string lends = std::string(label) + " lends within " +
                            std::to_string(kNewlyEscapedCreditMonths) +
                            " months of an escape, to a household in follow-up";
  if (a_case.state() != v1::CASE_STATE_FOLLOW_UP) return lends + "; " + CaseStanding(a_case);
  const std::optional<CivilDate> escaped = ParseIsoDate(a_case.follow_up_started_on());
  // A follow-up case always has its start date; without one the window
  // cannot be checked, and the loan is refused rather than guessed.
  if (!escaped) return lends + "; case " + a_case.case_id() + " has no follow-up start date";
  if (!delivered_on) return std::nullopt;
  const CivilDate window_end = AddMonths(*escaped, kNewlyEscapedCreditMonths);
  if (*delivered_on < *escaped) {
    return lends + "; the loan of " + FormatIsoDate(*delivered_on) + " predates the escape of " +
           a_case.follow_up_started_on();
  }
  if (*delivered_on >= window_end) {
    return lends + "; the escape of " + a_case.follow_up_started_on() + " allows loans until " +
           FormatIsoDate(AddDays(window_end, -1)) + ", not on " + FormatIsoDate(*delivered_on);
  }
  return std::nullopt;
}

}  // namespace

const CreditProgrammeRule* FindCreditProgrammeRule(v1::CreditProgramme programme) {
  for (const CreditProgrammeRule& rule : kCreditProgrammeRules) {
    if (rule.programme == programme) return &rule;
  }
  return nullptr;
}

std::optional<std::string> CreditProgrammeMismatch(const v1::Case& a_case, v1::CreditProgramme programme,
                                                   std::optional<CivilDate> delivered_on) {
  const CreditProgrammeRule* rule = FindCreditProgrammeRule(programme);
  if (rule == nullptr) return "is not a programme this version knows";
  switch (rule->eligibility) {
    case CreditEligibility::kAnyCase:
      return std::nullopt;
    case CreditEligibility::kPoor:
      if (a_case.category() == v1::POVERTY_CATEGORY_POOR) return std::nullopt;
      return std::string(rule->label) + " lends to officially POOR households; " + CaseStanding(a_case);
    case CreditEligibility::kNearPoor:
      if (a_case.category() == v1::POVERTY_CATEGORY_NEAR_POOR) return std::nullopt;
      return std::string(rule->label) + " lends to officially NEAR_POOR households; " + CaseStanding(a_case);
    case CreditEligibility::kNewlyEscaped:
      return NewlyEscapedMismatch(a_case, rule->label, delivered_on);
  }
  return std::nullopt;
}

}  // namespace ansinh::assignment
