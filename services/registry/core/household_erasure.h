#pragma once

// The erasure of a household's personal data (docs/data-protection.md,
// "Erasure"), decided on the household as read: the record after it keeps
// only what is not personal (ids, code, group, status, the members' places
// and unmarked facts), so the ward's figures keep their counts. The adapter
// destroys the data key and strips the stored surveys in the same
// transaction.

#include <string>

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

}  // namespace ansinh::registry
