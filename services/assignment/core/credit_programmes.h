#pragma once

// Which households each lending programme of the Vietnam Bank for Social
// Policies (VBSP) may lend to, as one table (docs/domain.md §5, §3.5).
//
// A case exists only for a household that is officially poor or near-poor,
// or that escaped and is still followed, so "any case" already means a
// household the ward helps. The programmes for poor, near-poor and newly
// escaped households ask for more: the official category, or the follow-up
// window after the escape.
//
// The rule is judged against the case as it stands when the loan is recorded
// (its category and state), and, for newly escaped households, against the
// loan's own date: a case does not keep the category it had on every past day.

#include <optional>
#include <string>
#include <string_view>

#include "ansinh/v1/assignment.pb.h"
#include "kernel/civil_date.h"

namespace ansinh::assignment {

// Newly escaped households keep policy credit for up to three years after
// their escape (docs/domain.md §3.5). Counted from the case's
// follow_up_started_on, independently of the ward's follow_up_months.
inline constexpr int kNewlyEscapedCreditMonths = 36;

// What a programme asks of the household.
enum class CreditEligibility {
  // Any household with a case that is not closed.
  kAnyCase,
  // Officially POOR now.
  kPoor,
  // Officially NEAR_POOR now.
  kNearPoor,
  // In follow-up after its escape, the loan dated within
  // kNewlyEscapedCreditMonths of the escape.
  kNewlyEscaped,
};

struct CreditProgrammeRule {
  v1::CreditProgramme programme;
  // Words for messages, e.g. "poor households (cho vay hộ nghèo)".
  std::string_view label;
  CreditEligibility eligibility;
};

// The rule of `programme`; nullptr for UNSPECIFIED and values this version
// does not know.
const CreditProgrammeRule* FindCreditProgrammeRule(v1::CreditProgramme programme);

// Why `programme` may not lend to the household of `a_case` for a loan dated
// `delivered_on`, in words; nullopt when it may. Without a date (the request's
// was unusable, and refused for that) only the case's state is judged.
std::optional<std::string> CreditProgrammeMismatch(const v1::Case& a_case, v1::CreditProgramme programme,
                                                   std::optional<CivilDate> delivered_on);

}  // namespace ansinh::assignment
