#include "classification/adapters/registry_event_handler.h"

#include <spdlog/spdlog.h>

#include <map>
#include <set>

#include "ansinh/v1/registry.pb.h"
#include "classification/adapters/event_publishing.h"
#include "classification/adapters/household_erasure.h"
#include "classification/adapters/partition_round_store.h"
#include "classification/adapters/round_backfill.h"
#include "classification/adapters/round_step_support.h"
#include "classification/adapters/round_store.h"
#include "classification/adapters/status_store.h"
#include "classification/adapters/survey_store.h"
#include "classification/core/status_storage.h"
#include "classification/core/survey_intake.h"

namespace ansinh::classification {
namespace {

template <typename Payload>
Payload Unpack(const v1::EventEnvelope& event, const char* type_name) {
  Payload payload;
  if (!event.payload().UnpackTo(&payload)) {
    throw events::PoisonEvent("payload of " + event.event_id() + " (" + event.event_type() + ") is not an " +
                              type_name);
  }
  return payload;
}

// The rounds the partition's transactions see (read once per transaction
// group: a survey changes none of them); the records of those whose own
// partition this is, as the group's surveys have changed them so far (their
// events go straight into the round's stream, so the group's surveys count
// on each other's versions); and the rounds whose outboxes the group's
// surveys wrote to, whose events are relayed once the group commits.
struct SurveyCarry : events::GroupState {
  std::optional<std::map<std::string, v1::PartitionRound>> rounds;
  std::map<std::string, StoredRound> own;
  std::set<std::string> touched;
  const ClassificationKeys* keys = nullptr;

  void AfterCommit(redis::Connection& redis) override {
    for (const std::string& round_id : touched) RelayRoundEvents(redis, *keys, round_id);
  }
};

// Per survey, so a ward's import logs thousands: a classification is debug;
// what an officer must act on (a fact to correct, a refusal) is a warning.
void LogSurveyIntake(const std::string& round_id, const v1::Survey& survey, const SurveyIntake& intake) {
  switch (intake.outcome) {
    case IntakeOutcome::kClassified:
      spdlog::debug("round {}: survey {} of {} classified as proposed", round_id, survey.survey_id(),
                    survey.household_id());
      break;
    case IntakeOutcome::kUnclassifiable:
      spdlog::warn("round {}: survey {} of {} cannot be classified: {}", round_id, survey.survey_id(),
                   survey.household_id(), intake.reason);
      break;
    case IntakeOutcome::kAlreadyRecorded:
      break;
    case IntakeOutcome::kRefused:
      spdlog::warn("round {}: survey {} of {} kept as latest but not taken into the round: {}", round_id,
                   survey.survey_id(), survey.household_id(), intake.reason);
      break;
  }
}

// A survey replacing the one of its year that an official status references
// keeps the replaced one: the status's explanation is re-derived from the
// survey it was approved on (docs/classification.md, "Official statuses").
// The surveys hash is watched already.
void KeepSurveyReferencedByStatus(events::ApplyContext& ctx, const ClassificationKeys& keys,
                                  const v1::Survey& survey, const v1::StoredOfficialStatus& status) {
  std::vector<std::string> referenced;
  for (const v1::StoredApprovedResult& approved : status.history()) {
    if (IsLean(approved) && approved.review_year() == survey.review_year() &&
        approved.survey_id() != survey.survey_id()) {
      referenced.push_back(approved.survey_id());
    }
  }
  if (referenced.empty()) return;
  redis::Args read{"HMGET", keys.Surveys(survey.household_id()), std::to_string(survey.review_year())};
  for (const std::string& id : referenced) read.push_back(SurveyStore::KeptField(id));
  const redis::Reply reply = ctx.redis().Command(read);
  if (reply.IsError()) throw redis::ReplyError(reply.str);
  if (reply.elements.empty() || reply.elements[0].IsNil()) return;
  v1::Survey replaced;
  if (!replaced.ParseFromString(reply.elements[0].str)) throw std::runtime_error("corrupt survey in Redis");
  for (size_t i = 0; i < referenced.size(); ++i) {
    if (referenced[i] == replaced.survey_id() && reply.elements[i + 1].IsNil()) {
      SurveyStore(ctx.redis(), keys)
          .QueueKeep(ctx.effects(), survey.household_id(), replaced.survey_id(), reply.elements[0].str);
      return;
    }
  }
}

}  // namespace

void RegistryEventHandler::Apply(events::ApplyContext& ctx) {
  const v1::EventEnvelope& event = ctx.event();
  if (event.event_type() == kSurveyRecorded) {
    ApplySurvey(ctx);
  } else if (event.event_type() == kHouseholdMovedOut) {
    const auto moved = Unpack<v1::HouseholdMovedOut>(event, "ansinh.v1.HouseholdMovedOut");
    ApplyDeparture(ctx, moved.household_id(), "moved out: " + moved.reason());
  } else if (event.event_type() == kHouseholdDissolved) {
    const auto dissolved = Unpack<v1::HouseholdDissolved>(event, "ansinh.v1.HouseholdDissolved");
    ApplyDeparture(ctx, dissolved.household_id(), "dissolved: " + dissolved.reason());
  } else if (event.event_type() == kHouseholdRegistered) {
    ApplyRegistration(ctx,
                      Unpack<v1::HouseholdRegistered>(event, "ansinh.v1.HouseholdRegistered").household());
  } else if (event.event_type() == kHouseholdUpdated) {
    ApplyRegistration(ctx, Unpack<v1::HouseholdUpdated>(event, "ansinh.v1.HouseholdUpdated").household());
  } else if (event.event_type() == kHouseholdErased) {
    const auto erased = Unpack<v1::HouseholdErased>(event, "ansinh.v1.HouseholdErased");
    ApplyHouseholdErasure(ctx, environment_.keys, erased.household_id(), erased.member_id());
  }
}

void RegistryEventHandler::ApplyRegistration(events::ApplyContext& ctx, const v1::Household& household) {
  if (household.household_id().empty()) {
    throw events::PoisonEvent("household event " + ctx.event().event_id() + " names no household");
  }
  // A write without a read: the latest registration or update of the
  // household wins, as the consumer applies a household's versions in order.
  SurveyStore(ctx.redis(), environment_.keys)
      .QueueRegistration(ctx.effects(), household.household_id(), household.residential_group());
}

void RegistryEventHandler::ApplySurvey(events::ApplyContext& ctx) {
  const v1::EventEnvelope& event = ctx.event();
  const v1::Survey survey = Unpack<v1::SurveyRecorded>(event, "ansinh.v1.SurveyRecorded").survey();
  if (survey.household_id().empty() || survey.survey_id().empty() || survey.review_year() <= 0) {
    throw events::PoisonEvent("survey event " + event.event_id() +
                              " lacks its household id, survey id or review year");
  }
  const ClassificationKeys& keys = environment_.keys;
  const int partition = keys.PartitionOf(survey.household_id());
  // The rounds as the household's partition sees them, read once per
  // transaction group and WATCHed: an opening or an approval changing them
  // meanwhile makes this transaction retry, and then the survey is offered
  // to the round opened (or its pull-in finds the survey stored) or waits
  // for the approval; it cannot fall between the two.
  SurveyCarry& carry = ctx.Carried<SurveyCarry>();
  carry.keys = &keys;
  const std::string partition_rounds = ClassificationKeys::PartitionRounds(partition);
  ctx.WatchCarried(partition_rounds);
  if (!carry.rounds) {
    carry.rounds = PartitionRoundStore::ParseAll(ctx.redis().Command({"HGETALL", partition_rounds}));
  }
  std::vector<const v1::ReviewRound*> covering;
  std::vector<const v1::ReviewRound*> held;  // closed by an approval deciding
  for (const auto& [round_id, seen] : *carry.rounds) {
    if (!RoundCoversSurvey(seen.round(), survey)) continue;
    (seen.closed_by().empty() ? covering : held).push_back(&seen.round());
  }
  // The partition's records of each covering round: a step on one of them
  // meanwhile makes this transaction retry. (The group's own surveys of
  // other households write them too, which is why they are carried: a
  // second survey of the same household waits for the next group on the
  // household's surveys key below.)
  for (const v1::ReviewRound* round : covering) {
    ctx.WatchCarried(ClassificationKeys::RoundHouseholds(round->round_id(), partition));
    // In the round's own partition its record too, read once per group.
    if (keys.PartitionOf(round->round_id()) == partition && !carry.own.contains(round->round_id())) {
      ctx.WatchCarried(keys.Round(round->round_id()));
      std::optional<StoredRound> stored =
          ParseStoredRound(ctx.redis().Command({"HGETALL", keys.Round(round->round_id())}));
      if (!stored)
        throw std::runtime_error("round " + round->round_id() +
                                 " is seen by its own partition but has no record");
      carry.own.emplace(round->round_id(), std::move(*stored));
    }
  }

  // One round trip for the rest: watch the household's surveys and the
  // departures (a departure earlier in the same transaction group wrote
  // kDeparted: watching it makes this survey wait for the next group, where
  // it reads that departure), read whether it left, and its record in each
  // covering round.
  // The official status too: a survey it references is kept when this one
  // replaces it, and an approval writing the status meanwhile makes this
  // transaction retry.
  const std::string departed = keys.DepartedOf(survey.household_id());
  StatusStore statuses(ctx.redis(), keys);
  std::vector<redis::Args> reads{{"HGET", departed, survey.household_id()}};
  for (const v1::ReviewRound* round : covering) {
    reads.push_back(
        {"HGET", ClassificationKeys::RoundHouseholds(round->round_id(), partition), survey.household_id()});
  }
  reads.push_back(statuses.ReadCommand(survey.household_id()));
  const std::vector<redis::Reply> replies = ctx.WatchAndRead(
      {keys.Surveys(survey.household_id()), departed, keys.Status(survey.household_id())}, reads);
  if (replies.front().IsError()) throw redis::ReplyError(replies.front().str);
  KeepSurveyReferencedByStatus(ctx, keys, survey, StatusStore::FromReply(replies.back()).stored);
  SurveyStore(ctx.redis(), keys).QueueSurvey(ctx.effects(), survey, replies.front().IsNil());

  const events::EventContext context = events::EventContext::CausedBy(event, ServiceActor());
  std::vector<std::string> touched;
  std::map<std::string, StoredRound> own_after;
  for (size_t index = 0; index < covering.size(); ++index) {
    const v1::ReviewRound& round = *covering[index];
    const std::optional<v1::RoundHousehold> current = ParseRoundHousehold(replies[index + 1]);
    // The version is given where the event is numbered (QueueRoundEvent).
    const SurveyIntake intake =
        TakeSurveyIntoRound(round, 0, current ? &*current : nullptr, survey, environment_.catalog);
    if (intake.changed()) {
      RoundStore::QueueSurveyIntake(ctx.effects(), keys, round.round_id(), current, intake);
      const auto own = carry.own.find(round.round_id());
      if (own == carry.own.end()) {
        QueueRoundEvents(ctx.effects(), keys, context, round.round_id(), partition, intake.events, nullptr);
        touched.push_back(round.round_id());
      } else {
        StoredRound after = own->second;
        QueueRoundEvents(ctx.effects(), keys, context, round.round_id(), partition, intake.events, &after);
        RoundStore::QueueRound(ctx.effects(), keys, after);
        own_after.insert_or_assign(round.round_id(), std::move(after));
      }
    }
    LogSurveyIntake(round.round_id(), survey, intake);
  }
  for (const v1::ReviewRound* round : held) {
    QueueDeferredSurvey(ctx.effects(), round->round_id(), partition, survey.household_id(), context);
    spdlog::debug("round {}: survey {} of {} waits for the approval under way", round->round_id(),
                  survey.survey_id(), survey.household_id());
  }
  // Last, when nothing can throw: the group's carried state.
  carry.touched.insert(touched.begin(), touched.end());
  for (auto& [round_id, after] : own_after) carry.own.insert_or_assign(round_id, std::move(after));
}

void RegistryEventHandler::ApplyDeparture(events::ApplyContext& ctx, const std::string& household_id,
                                          const std::string& why) {
  if (household_id.empty()) {
    throw events::PoisonEvent("departure event " + ctx.event().event_id() + " names no household");
  }
  const ClassificationKeys& keys = environment_.keys;
  ctx.Watch(keys.Status(household_id));
  StatusStore statuses(ctx.redis(), keys);
  const StoredStatus current = statuses.Load(household_id);
  SurveyStore(ctx.redis(), keys).QueueDeparture(ctx.effects(), household_id, why);
  statuses.QueueRemovalFromLists(ctx.effects(), current);
  spdlog::info("household {} left the ward ({}): off what-if and the status lists", household_id, why);
}

}  // namespace ansinh::classification
