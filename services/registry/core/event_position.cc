#include "registry/core/event_position.h"

#include "kernel/stream_id.h"

namespace ansinh::registry {

std::string FormatPosition(const EventPosition& position) {
  return position.source + "/" + std::to_string(position.partition) + "/" + position.entry_id;
}

std::optional<EventPosition> ParsePosition(std::string_view text, int partitions) {
  const size_t first = text.find('/');
  if (first == std::string_view::npos) return std::nullopt;
  const size_t second = text.find('/', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  EventPosition position;
  position.source = std::string(text.substr(0, first));
  if (position.source != "registry" && position.source != "classification" &&
      position.source != "assignment") {
    return std::nullopt;
  }
  const std::optional<uint64_t> partition = ParseUnsignedDecimal(text.substr(first + 1, second - first - 1));
  if (!partition || *partition >= static_cast<uint64_t>(partitions)) return std::nullopt;
  position.partition = static_cast<int>(*partition);
  const std::string_view entry = text.substr(second + 1);
  // An id exactly as Redis gives it: "<ms>-<seq>", nothing around it.
  const std::optional<StreamId> id = ParseStreamId(entry);
  if (!id || id->ToString() != entry) return std::nullopt;
  position.entry_id = std::string(entry);
  return position;
}

}  // namespace ansinh::registry
