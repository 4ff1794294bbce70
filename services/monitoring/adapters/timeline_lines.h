#pragma once

// A household timeline's lines as stored and as read: the store keeps only a
// reference to the line's audit entry (its partition's outbox ordinal, a few
// bytes), and the line in plain words is rendered from the entry's event
// when the timeline is read, so the event is kept once, in the chain.

#include <cstdint>

#include "ansinh/v1/monitoring.pb.h"
#include "personal_data/aes_gcm.h"

namespace ansinh::monitoring {

// The stored line of an audit entry: only its outbox ordinal.
v1::HouseholdTimelineEntry TimelineReference(std::uint64_t ordinal);

// A stored line that is a reference rather than a whole line (as earlier
// versions stored them, which name their service).
bool IsTimelineReference(const v1::HouseholdTimelineEntry& stored);

// The line of audit entry `sequence`: who, when, what in words, the event's
// type, id and service; the words of an unreadable entry when it does not
// parse. An event's sealed personal fields are opened with `data_key`, the
// data key of the household whose timeline is read (null: none).
v1::HouseholdTimelineEntry RenderTimelineLine(const v1::AuditChainEntry& entry, std::uint64_t sequence,
                                              const personal_data::AesKey* data_key);

}  // namespace ansinh::monitoring
