#pragma once

// Emergencies (trợ giúp đột xuất, resolution §3.5): a flood, a storm, an
// epidemic... that a ward officer declares with its dates and the
// residential groups it struck, then ends. Ward-wide records kept like the
// directory (docs/assignment.md, "Emergencies"); the households it struck
// are marked on their cases (emergency_marks.h).

#include <cstdint>
#include <string_view>
#include <vector>

#include "ansinh/v1/livelihood.pb.h"
#include "assignment/core/case_events.h"
#include "assignment/core/operation_context.h"
#include "kernel/civil_date.h"
#include "kernel/result.h"

namespace ansinh::assignment {

inline constexpr std::size_t kMaxEmergencyNameLength = 200;
inline constexpr std::size_t kMaxEmergencyDescriptionLength = 1000;

// The actions of the refusals to anyone but a ward officer.
inline constexpr std::string_view kDeclareEmergencyAction = "declare an emergency";
inline constexpr std::string_view kEndEmergencyAction = "end an emergency";

struct EmergencyChange {
  // As to be stored.
  v1::Emergency emergency;
  // Empty when nothing changed (a declaration repeated, an end repeated).
  std::vector<PublishedEvent> events;
};

// Every bad field of a declared emergency, paths starting with `prefix`
// ("emergency."): kind, name, began_on (not in the future), ended_on
// (optional, not before began_on, not in the future), at least one
// residential group (none blank or repeated), a description for OTHER.
FieldViolations ValidateEmergency(const v1::Emergency& emergency, CivilDate today, std::string_view prefix);

// "EMG-<year>-<number>".
std::string EmergencyIdOf(int year, std::uint64_t number);

// The year of an emergency's began_on, when it is a date.
std::optional<int> DeclarationYear(const v1::Emergency& emergency);

// A ward officer declares an emergency. `last_number` is the number of the
// latest emergency declared for its year (0 for none): the new one is
// "EMG-<year of began_on>-<last_number + 1>". A declaration of the same kind,
// name and first day as a stored one (in `stored`) is that one again: it is
// answered as stored and nothing is published, so a retried request
// declares nothing twice.
Result<EmergencyChange> DeclareEmergency(const v1::DeclareEmergencyRequest& request,
                                         const std::vector<v1::Emergency>& stored, std::uint64_t last_number,
                                         const OperationContext& context);

// A ward officer records its end. `stored` is the emergency the request
// names, nullptr when there is none (NOT_FOUND). Ending it again on the same
// day changes nothing; on another day is refused.
Result<EmergencyChange> EndEmergency(const v1::EndEmergencyRequest& request, const v1::Emergency* stored,
                                     const OperationContext& context);

// Whether the emergency has no end yet.
inline bool EmergencyOngoing(const v1::Emergency& emergency) { return emergency.ended_on().empty(); }

}  // namespace ansinh::assignment
