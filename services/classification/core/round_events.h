// The events this service publishes, and a round event as the core decides
// it: the core picks the type, builds the payload and gives the event the
// round's next aggregate version; the adapter adds event id, time, actor and
// correlation and publishes it in the transaction that stores the change.
#pragma once

#include <google/protobuf/message.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "ansinh/v1/classification.pb.h"

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
inline constexpr std::string_view kHouseholdListed = "classification.household_listed.v1";
inline constexpr std::string_view kListDecisionRecorded = "classification.list_decision_recorded.v1";

inline constexpr std::string_view kRoundAggregate = "review-round";
inline constexpr std::string_view kStatusAggregate = "household-status";

// The payloads of the round events the core returns so far: those of a
// survey taken into a round (survey_intake.h) and of the round's list
// (round_list.h).
using RoundEventPayload = std::variant<v1::SurveyClassified, v1::SurveyUnclassifiable, v1::HouseholdListed,
                                       v1::ListDecisionRecorded>;

struct RoundEvent {
  // kSurveyClassified, kSurveyUnclassifiable, ...: the envelope's event_type.
  std::string_view event_type;
  // The round's aggregate version of this event: the round's stored event
  // count plus one for its first event, and so on without gaps.
  uint64_t round_version = 0;
  // The household of the round the event is about.
  std::string household_id;
  RoundEventPayload payload;

  // The payload as a protobuf message, for packing into the envelope.
  const google::protobuf::Message& message() const;
};

}  // namespace ansinh::classification
