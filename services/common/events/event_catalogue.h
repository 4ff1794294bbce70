// The domain event types of docs/events.md's catalogue, each with the
// service that publishes it and its payload message: what an outside
// consumer may be granted (docs/events.md, "Outside consumers"). The audit
// events (personal-data reads, administrative actions) are not among them:
// they record what the ward's own staff did. A unit test holds this list and
// the catalogue's headings to each other.
#pragma once

#include <string_view>
#include <vector>

namespace ansinh::events {

struct CataloguedEvent {
  std::string_view type;     // "classification.household_status_changed.v1"
  std::string_view source;   // "classification": the stream it is published on
  std::string_view payload;  // "ansinh.v1.HouseholdStatusChanged"
};

// In the catalogue's order: registry, classification, assignment. Calling it
// links every payload's descriptors into the binary (the generated pool).
const std::vector<CataloguedEvent>& GrantableEventTypes();
// nullptr for a type that is not in the list.
const CataloguedEvent* FindGrantableEventType(std::string_view type);

}  // namespace ansinh::events
