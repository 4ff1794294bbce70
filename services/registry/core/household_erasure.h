#pragma once

// The erasure of a household's personal data (docs/data-protection.md,
// "Erasure"), decided on the household as read: the record after it keeps
// only what is not personal (ids, code, group, status, the members' places
// and unmarked facts), so the ward's figures keep their counts. The adapter
// destroys the data key and strips the stored surveys in the same
// transaction.

#include <string>
#include <vector>

#include "ansinh/v1/household.pb.h"
#include "kernel/result.h"
#include "registry/core/household_events.h"

namespace ansinh::registry {

struct ErasureOrder {
  v1::ErasureReason reason = v1::ERASURE_REASON_UNSPECIFIED;
  std::string reference;  // the decision or request it rests on
  std::string erased_by;  // the officer's name, or "retention job"
  std::string today;      // ward date YYYY-MM-DD
};

// The household without its personal fields, `erasure` set, version one
// more, and HouseholdErased. FAILED_PRECONDITION when it is already erased,
// or when the reason is the end of retention and it is still active.
Result<HouseholdChange> EraseHousehold(const v1::Household& household, const ErasureOrder& order);

// The erasure of one former member's data: the record unchanged but its
// version, HouseholdErased naming the member, `erased_member_id` set for the
// adapter (a new data key) and `kept_surveys`: `surveys` without the member. NOT_FOUND when
// no survey holds the member; FAILED_PRECONDITION when they are still a member
// (their data serves the household's reviews) or the household is erased.
// `surveys` are the household's stored surveys.
Result<HouseholdChange> EraseFormerMember(const v1::Household& household, const std::string& member_id,
                                          const std::vector<v1::Survey>& surveys, const ErasureOrder& order);

// `survey` without the personal fields of member `member_id`, marked erased.
void EraseMemberFromSurvey(v1::Survey& survey, const std::string& member_id, const v1::Erasure& erasure);

}  // namespace ansinh::registry
