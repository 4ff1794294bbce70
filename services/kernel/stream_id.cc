#include "kernel/stream_id.h"

#include <charconv>
#include <limits>

namespace ansinh {

std::optional<uint64_t> ParseUnsignedDecimal(std::string_view text) {
  uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::string StreamId::ToString() const { return std::to_string(ms) + "-" + std::to_string(seq); }

std::optional<StreamId> ParseStreamId(std::string_view text) {
  const size_t dash = text.find('-');
  if (dash == std::string_view::npos) {
    const std::optional<uint64_t> ms = ParseUnsignedDecimal(text);
    if (!ms) return std::nullopt;
    return StreamId{*ms, 0};
  }
  const std::optional<uint64_t> ms = ParseUnsignedDecimal(text.substr(0, dash));
  const std::optional<uint64_t> seq = ParseUnsignedDecimal(text.substr(dash + 1));
  if (!ms || !seq) return std::nullopt;
  return StreamId{*ms, *seq};
}

StreamId StreamIdAfter(const StreamId& id) {
  if (id.seq == std::numeric_limits<uint64_t>::max()) return {id.ms + 1, 0};
  return {id.ms, id.seq + 1};
}

}  // namespace ansinh
