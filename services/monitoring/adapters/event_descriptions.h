#pragma once

// One line of plain words per event, for household timelines: what happened,
// with the names, dates and reasons the payload carries (Vietnamese names
// and reasons kept as entered). Who did it and when are separate columns of
// the timeline, so the line does not repeat them.

#include <cstdint>
#include <string>

#include "ansinh/v1/common.pb.h"
#include "ansinh/v1/envelope.pb.h"

namespace ansinh::monitoring {

// A timeline line in English, and the same line as a catalog message
// (locales/*.json, docs/i18n.md) for clients that word it in their user's
// language.
struct EventDescription {
  std::string line;
  v1::LocalizedText text;
};

// The line for an event of any type; an unknown type gets a generic line
// naming its type and aggregate.
EventDescription DescribeEvent(const v1::EventEnvelope& event);

// An event whose personal fields stay sealed because its household's data
// key was destroyed (docs/data-protection.md, "Erasure"): what the rest of it
// says, and that its personal data was erased.
EventDescription DescribeEventWithErasedFields(const v1::EventEnvelope& event);

// The line for a personal-data read: who read what.
EventDescription DescribePersonalDataRead(const v1::Actor& reader, const std::string& what_was_read);

// The line for a timeline reference whose audit entry no longer parses (the
// chain was tampered with or damaged): VerifyAudit names what changed.
EventDescription DescribeUnreadableAuditEntry(std::uint64_t sequence);

// "Poor", "Near-poor", "Average", "Not poor".
std::string CategoryWords(v1::PovertyCategory category);
// "newly poor", "escaped poverty", ...
std::string TransitionWords(v1::Transition transition);
// "ward officer", "organization staff", "auditor", "service".
std::string RoleWords(v1::Role role);
// "Trần Văn Bình (ward officer)", "Lê Thị Mai (organization staff, womens-union)".
std::string ActorWords(const v1::Actor& actor);

}  // namespace ansinh::monitoring
