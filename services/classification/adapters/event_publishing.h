#pragma once

#include <google/protobuf/message.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/common.pb.h"
#include "ansinh/v1/envelope.pb.h"
#include "classification/adapters/classification_keys.h"
#include "events/envelope_codec.h"
#include "redis/transaction.h"

namespace ansinh::classification {

// The event types this service publishes (docs/classification.md, "Events").
inline constexpr std::string_view kReviewRoundOpened = "classification.review_round_opened.v1";
inline constexpr std::string_view kSurveyClassified = "classification.survey_classified.v1";
inline constexpr std::string_view kSurveyUnclassifiable = "classification.survey_unclassifiable.v1";
inline constexpr std::string_view kMeetingRecorded = "classification.meeting_recorded.v1";
inline constexpr std::string_view kResultsPosted = "classification.results_posted.v1";
inline constexpr std::string_view kComplaintFiled = "classification.complaint_filed.v1";
inline constexpr std::string_view kRoundApproved = "classification.round_approved.v1";
inline constexpr std::string_view kHouseholdStatusChanged = "classification.household_status_changed.v1";

inline constexpr std::string_view kRoundAggregate = "review-round";
inline constexpr std::string_view kStatusAggregate = "household-status";

// The registry events the consumer applies.
inline constexpr std::string_view kSurveyRecorded = "registry.survey_recorded.v1";
inline constexpr std::string_view kHouseholdMovedOut = "registry.household_moved_out.v1";
inline constexpr std::string_view kHouseholdDissolved = "registry.household_dissolved.v1";

// The actor of events the service publishes while consuming.
v1::Actor ServiceActor();

// The context of events that continue work an earlier event started (the
// surveys pulled into a round at its opening, the statuses written after its
// approval): the same actor and correlation, the earlier event as cause. So
// work resumed after a crash publishes exactly what the first attempt would
// have.
events::EventContext ContinuationOf(const v1::EventEnvelope& cause);

// Queues an event about a round on `tx`, on the round's stream, with the
// round's next aggregate version: `*round_events` is the count stored with the
// round and is advanced (the caller stores it in the same transaction).
// `household_id` is set for events about one household of the round. Returns
// the envelope.
v1::EventEnvelope QueueRoundEvent(redis::Transaction& tx, const ClassificationKeys& keys,
                                  const events::EventContext& context, std::string_view event_type,
                                  const std::string& round_id, uint64_t* round_events,
                                  const std::string& household_id, const google::protobuf::Message& payload);

// Queues MeetingRecorded for `household` just after its latest meeting.
void QueueMeetingRecorded(redis::Transaction& tx, const ClassificationKeys& keys,
                          const events::EventContext& context, uint64_t* round_events,
                          const v1::RoundHousehold& household);

}  // namespace ansinh::classification
