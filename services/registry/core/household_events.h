#pragma once

// What the core decides a change to one household does: the household after
// it, the events to publish and the survey to keep. The adapter adds what
// only the store knows (the aggregate versions, from the household's event
// count; the envelope's actor, correlation and time) and commits it all in
// one transaction; it decides nothing.

#include <google/protobuf/message.h>

#include <optional>
#include <string_view>
#include <variant>
#include <vector>

#include "ansinh/v1/household.pb.h"
#include "ansinh/v1/registry.pb.h"

namespace ansinh::registry {

// Every payload on the registry's streams (docs/events.md); aggregate type
// "household", aggregate id the household id.
using HouseholdEventPayload =
    std::variant<v1::HouseholdRegistered, v1::HouseholdUpdated, v1::MemberAdded, v1::MemberUpdated,
                 v1::MemberRemoved, v1::SurveyRecorded, v1::HouseholdMovedOut, v1::HouseholdDissolved,
                 v1::HouseholdErased>;

inline constexpr std::string_view kHouseholdAggregate = "household";

// "registry.household_registered.v1", ...: the envelope's event_type.
std::string_view EventTypeOf(const HouseholdEventPayload& payload);

// The payload as a protobuf message, for packing into the envelope.
const google::protobuf::Message& MessageOf(const HouseholdEventPayload& payload);

struct HouseholdChange {
  // The household to store. Its version is one more than before when its
  // data changed; recording a survey leaves it as it was.
  v1::Household after;
  // In the order they are published; each takes the household's next
  // aggregate version.
  std::vector<HouseholdEventPayload> events;
  // A survey to append to the household's surveys (RecordSurvey, or a
  // registration that came with one).
  std::optional<v1::Survey> recorded_survey;
  // The change erases the household's personal data: its data key is
  // destroyed and its stored surveys are kept without personal fields.
  bool erases_personal_data = false;
  // A former member's data is erased (EraseMember): the household gets a new
  // data key, the old one is destroyed, and every stored survey loses that
  // member's personal fields and is sealed anew.
  std::string erased_member_id;
  // With erased_member_id: every stored survey as it is to be kept, the
  // member's personal fields gone.
  std::vector<v1::Survey> kept_surveys;
};

}  // namespace ansinh::registry
