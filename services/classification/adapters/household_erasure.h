// What classification does when the registry erases a household's personal
// data (registry.household_erased.v1; docs/data-protection.md, "Erasure"):
// its copies of the household's surveys are deleted, and its official status,
// round records and proposals keep only what is not personal (categories,
// the indicators it is deprived on, dates), so lists and figures keep their
// counts. An explanation asked for afterwards answers that the survey is not
// kept.
#pragma once

#include <string>

#include "classification/adapters/classification_keys.h"
#include "events/event_handler.h"

namespace ansinh::classification {

void ApplyHouseholdErasure(events::ApplyContext& ctx, const ClassificationKeys& keys,
                           const std::string& household_id);

}  // namespace ansinh::classification
