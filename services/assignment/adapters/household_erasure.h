// What assignment does when the registry erases a household's personal data
// (registry.household_erased.v1; docs/data-protection.md, "Erasure"): the
// household's case keeps its organization, helper, state, dates, the kinds
// of its needs and support, the livelihood models it joined and the
// emergencies that struck it, and loses their descriptions, amounts, the
// visits' notes, the notes of its participations and affected marks (every
// field marked personal or sensitive) and its history's words. Its events
// were sealed with the household's data key, now destroyed.
#pragma once

#include <string>

#include "assignment/adapters/assignment_keys.h"
#include "events/event_handler.h"

namespace ansinh::assignment {

inline constexpr std::string_view kHouseholdErasedType = "registry.household_erased.v1";

void ApplyHouseholdErasure(events::ApplyContext& ctx, const AssignmentKeys& keys,
                           const std::string& household_id);

}  // namespace ansinh::assignment
