#pragma once

#include "ansinh/v1/household.pb.h"
#include "classification/adapters/classification_environment.h"
#include "events/event_handler.h"

namespace ansinh::classification {

// Consumes the registry's events (consumer group "classification"):
//
//  - registry.survey_recorded.v1: keeps the survey as the household's latest
//    of its review year, then offers it to every open round that covers it
//    (same review year; a regular round only its household's; the core's
//    RoundCoversSurvey) through the core's TakeSurveyIntoRound, which decides
//    the whole change: the household becomes PROPOSED (SurveyClassified),
//    or UNCLASSIFIABLE with what to correct when the standard lacks a fact
//    (SurveyUnclassifiable): such a survey is recorded, never dead-lettered.
//    A survey the procedure does not take (its household is posted, say) is
//    kept as latest and logged. A survey already in the round is a replay.
//  - registry.household_moved_out.v1 / household_dissolved.v1: the household
//    leaves what-if and the status lists; its official history stays.
//  - registry.household_registered.v1 / household_updated.v1: the household
//    and its residential group are kept, so an officer may add it to a
//    round's list before it is surveyed.
//
// The rounds are those the household's partition sees (PartitionRound), all
// in the partition's slot: a round an approval holds closed there keeps the
// survey in its deferred hash until the approval is decided. Other registry
// events are ignored. Writes and the round events (in the partition's outbox
// of each round) go on the runner's transaction, with the service as actor
// and the registry event as cause; the runner marks each event version
// applied, so a replayed event changes nothing. Once the group commits, the
// rounds' events are relayed into their streams (round_event_relay.h).
class RegistryEventHandler : public events::EventHandler {
 public:
  explicit RegistryEventHandler(const ClassificationEnvironment& environment) : environment_(environment) {}

  void Apply(events::ApplyContext& ctx) override;

 private:
  void ApplySurvey(events::ApplyContext& ctx);
  void ApplyDeparture(events::ApplyContext& ctx, const std::string& household_id, const std::string& why);
  void ApplyRegistration(events::ApplyContext& ctx, const v1::Household& household);

  const ClassificationEnvironment& environment_;
};

}  // namespace ansinh::classification
