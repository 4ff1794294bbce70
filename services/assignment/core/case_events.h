#pragma once

// The events the core decides to publish. Every change returns the exact list
// of payloads, in order, each with the identity its envelope needs; the
// adapter adds event id, time, actor and correlation and publishes them in the
// same transaction that stores the state.

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <google/protobuf/message.h>

#include "ansinh/v1/assignment.pb.h"
#include "ansinh/v1/livelihood.pb.h"

namespace ansinh::assignment {

using EventPayload =
    std::variant<v1::CaseOpened, v1::OrganizationAssigned, v1::HelperAssigned, v1::CaseTransferRequested,
                 v1::CaseTransferred, v1::CaseTransferDeclined, v1::NeedRecorded, v1::NeedStatusChanged,
                 v1::SupportRecorded, v1::VisitRecorded, v1::FollowUpStarted, v1::CaseReopened,
                 v1::CaseClosed, v1::CaseCategoryChanged, v1::OrganizationUpserted, v1::HelperUpserted,
                 v1::LivelihoodModelUpserted, v1::ModelParticipationChanged, v1::EmergencyChanged,
                 v1::HouseholdAffected>;

inline constexpr std::string_view kCaseAggregate = "case";
inline constexpr std::string_view kOrganizationAggregate = "organization";
inline constexpr std::string_view kHelperAggregate = "helper";
// Ward-wide records kept like the directory (livelihood.proto).
inline constexpr std::string_view kLivelihoodModelAggregate = "livelihood_model";
inline constexpr std::string_view kEmergencyAggregate = "emergency";

// "assignment.case_opened.v1", ... : the envelope's event_type. Two payloads
// serve two types each, told apart by what they carry: a
// ModelParticipationChanged whose participation has left_on is
// "model_left", else "model_joined"; an EmergencyChanged of version 1 is
// "emergency_declared" (a declaration creates the record), a later version
// "emergency_ended" (the only change after it).
std::string_view EventTypeOf(const EventPayload& payload);

struct PublishedEvent {
  std::string event_type;
  // "case", "organization", "helper", "livelihood_model" or "emergency".
  std::string aggregate_type;
  // The case, organization or helper id.
  std::string aggregate_id;
  // The aggregate's version after this event: 1, 2, 3, ... without gaps.
  std::uint64_t aggregate_version = 0;
  // Empty for the ward-wide records' events (organization, helper, model, emergency).
  std::string household_id;
  EventPayload payload;

  // The payload as a protobuf message, for packing into the envelope.
  const google::protobuf::Message& message() const;
};

// A change to one case: the case to store and the events to publish.
struct CaseChange {
  v1::Case updated_case;
  std::vector<PublishedEvent> events;

  // False when the input changed nothing: store and publish nothing.
  bool changed() const { return !events.empty(); }
};

}  // namespace ansinh::assignment
