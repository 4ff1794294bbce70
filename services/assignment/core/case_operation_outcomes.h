#pragma once

// Bulk case operations (households joining a model, households marked
// affected by an emergency): the request names households, each is one case
// operation of its own (MutateCase), and the response says what happened to
// each, in the request's order: done, already so, or refused with the
// reason as a catalog message (docs/i18n.md) and in English. A refusal of one
// household never stops the others.

#include <cstddef>
#include <string>
#include <string_view>

#include "ansinh/v1/livelihood.pb.h"
#include "assignment/core/case_events.h"
#include "kernel/result.h"

namespace ansinh::assignment {

// At most this many households in one bulk request: each is a transaction
// of its own, and a call must end within its deadline.
inline constexpr int kMaxBulkHouseholds = 500;
// A participation's or an affected mark's note.
inline constexpr std::size_t kMaxCaseNoteLength = 1000;

// The household ids of a bulk request: at least `required_at_least_one`,
// at most kMaxBulkHouseholds, none blank, none repeated. Violations name
// `field` ("household_ids", or "household_ids[3]" for one of them).
void CheckHouseholdIds(const google::protobuf::RepeatedPtrField<std::string>& ids, std::string_view field,
                       bool required_at_least_one, FieldViolations* violations);

// The outcome of one household's case operation: done when it changed the
// case, already when the core found nothing to change, refused otherwise.
v1::CaseOperationOutcome OutcomeOf(std::string_view household_id, std::string_view case_id,
                                   const Result<CaseChange>& decided);

// A refusal the adapter decides (no case, a case that kept changing).
v1::CaseOperationOutcome RefusedOutcome(std::string_view household_id, std::string_view case_id,
                                        const Error& error);

// The refusal of a household that has no case (never officially poor or
// near-poor).
Error NoCaseFor(std::string_view household_id);

}  // namespace ansinh::assignment
