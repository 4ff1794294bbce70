// Where a delivered event is, as an outside consumer acknowledges it:
// "<source>/<partition>/<stream entry id>" ("classification/0/1718000000000-0"),
// short enough for a shell loop to echo back, and naming the stream entry
// exactly (docs/events.md, "Outside consumers"). Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ansinh::registry {

struct EventPosition {
  std::string source;  // "registry", "classification" or "assignment"
  int partition = 0;
  std::string entry_id;  // "1718000000000-0"
};

std::string FormatPosition(const EventPosition& position);

// The position `text` names, or nullopt when it is not one: an unknown
// source, a partition outside 0..partitions-1, or no stream entry id.
std::optional<EventPosition> ParsePosition(std::string_view text, int partitions);

}  // namespace ansinh::registry
