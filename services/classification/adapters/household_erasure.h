// What classification does when the registry erases a household's personal
// data (registry.household_erased.v1; docs/data-protection.md, "Erasure"):
// its copies of the household's surveys are deleted, and its official status,
// round records and proposals keep only what is not personal (categories,
// the indicators it is deprived on, dates), so lists and figures keep their
// counts. An explanation asked for afterwards answers that the survey is not
// kept (or, for one member, no longer gives the approved result).
#pragma once

#include <string>

#include "classification/adapters/classification_keys.h"
#include "events/event_handler.h"

namespace ansinh::classification {

// With `member_id` (one former member erased): the survey copies keep
// everything but that member's personal fields; the rest as for the whole
// household, since explanations and complaints may name the member.
void ApplyHouseholdErasure(events::ApplyContext& ctx, const ClassificationKeys& keys,
                           const std::string& household_id, const std::string& member_id = "");

}  // namespace ansinh::classification
