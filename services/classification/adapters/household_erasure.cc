#include "classification/adapters/household_erasure.h"

#include "classification/adapters/status_store.h"
#include "personal_data/personal_fields.h"
#include "redis/compressed_value.h"
#include "redis/redis_error.h"

namespace ansinh::classification {
namespace {

void ThrowOnError(const redis::Reply& reply) {
  if (reply.IsError()) throw redis::ReplyError(reply.str);
}

}  // namespace

void ApplyHouseholdErasure(events::ApplyContext& ctx, const ClassificationKeys& keys,
                           const std::string& household_id, const std::string& member_id) {
  const int partition = keys.PartitionOf(household_id);
  // Every round ever opened (the catalogue, read once: an erased household
  // has no survey left to bring into a round opened later).
  const redis::Reply rounds =
      ctx.redis().Command({"ZRANGE", std::string(ClassificationKeys::kRounds), "0", "-1"});
  ThrowOnError(rounds);

  std::vector<std::string> watched{keys.Surveys(household_id), keys.Status(household_id)};
  StatusStore statuses(ctx.redis(), keys);
  std::vector<redis::Args> reads{statuses.ReadCommand(household_id), {"HGETALL", keys.Surveys(household_id)}};
  for (const redis::Reply& round : rounds.elements) {
    const std::string households = ClassificationKeys::RoundHouseholds(round.str, partition);
    const std::string proposals = ClassificationKeys::RoundProposals(round.str, partition);
    watched.push_back(households);
    watched.push_back(proposals);
    reads.push_back({"HGET", households, household_id});
    reads.push_back({"HGET", proposals, household_id});
  }
  const std::vector<redis::Reply> replies = ctx.WatchAndRead(watched, std::move(reads));

  redis::Transaction& effects = ctx.effects();
  if (member_id.empty()) {
    effects.Add({"DEL", keys.Surveys(household_id)});
  } else {
    const redis::Reply& copies = replies[1];
    ThrowOnError(copies);
    for (size_t i = 0; i + 1 < copies.elements.size(); i += 2) {
      v1::Survey survey;
      if (!survey.ParseFromString(copies.elements[i + 1].str)) {
        throw events::PoisonEvent("corrupt survey copy of " + household_id);
      }
      for (v1::Member& member : *survey.mutable_members()) {
        if (member.member_id() == member_id) personal_data::DropPersonalFields(member);
      }
      effects.Add({"HSET", keys.Surveys(household_id), copies.elements[i].str, survey.SerializeAsString()});
    }
  }
  statuses.QueueErasedForm(effects, household_id, StatusStore::FromReply(replies[0]));
  for (size_t r = 0; r < rounds.elements.size(); ++r) {
    const std::string& round_id = rounds.elements[r].str;
    const redis::Reply& record = replies[2 + 2 * r];
    const redis::Reply& proposal = replies[3 + 2 * r];
    ThrowOnError(record);
    ThrowOnError(proposal);
    if (!record.IsNil()) {
      v1::RoundHousehold kept;
      if (!kept.ParseFromString(record.str))
        throw events::PoisonEvent("corrupt round household in " + round_id);
      personal_data::DropPersonalFields(kept);
      effects.Add({"HSET", ClassificationKeys::RoundHouseholds(round_id, partition), household_id,
                   kept.SerializeAsString()});
    }
    if (!proposal.IsNil()) {
      v1::ClassificationResult kept;
      if (!redis::ParseStoredMessage(proposal.str, kept)) {
        throw events::PoisonEvent("corrupt proposal in " + round_id);
      }
      personal_data::DropPersonalFields(kept);
      effects.Add({"HSET", ClassificationKeys::RoundProposals(round_id, partition), household_id,
                   redis::StoredMessage(kept)});
    }
  }
}

}  // namespace ansinh::classification
