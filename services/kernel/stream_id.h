// Redis stream entry ids and the decimal numbers they are made of, parsed in
// one place for the trimmer (events/stream_trimmer.h), the relay of round
// events (classification/core/round_partitions.h) and whatever else reads ids
// Redis gives.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ansinh {

// An unsigned decimal number and nothing else; nullopt for empty text, a
// sign, other characters or a value past uint64_t.
std::optional<uint64_t> ParseUnsignedDecimal(std::string_view text);

// A stream entry id, "<milliseconds>-<sequence>", ordered as Redis orders it.
struct StreamId {
  uint64_t ms = 0;
  uint64_t seq = 0;
  auto operator<=>(const StreamId&) const = default;
  std::string ToString() const;
};

// "<ms>-<seq>", or "<ms>" alone (sequence 0), as Redis accepts an id.
std::optional<StreamId> ParseStreamId(std::string_view text);

// The smallest id after `id` ("5-3" -> "5-4", "5-<max>" -> "6-0"): where a
// trim of what is taken starts keeping entries.
StreamId StreamIdAfter(const StreamId& id);

}  // namespace ansinh
