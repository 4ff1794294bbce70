#include "classification/adapters/approval_applier.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "classification/adapters/classification_keys.h"
#include "classification/adapters/event_publishing.h"
#include "classification/adapters/partition_round_store.h"
#include "classification/adapters/round_store.h"
#include "classification/adapters/status_explanations.h"
#include "classification/adapters/status_store.h"
#include "classification/adapters/survey_store.h"
#include "classification/adapters/watch_scope.h"
#include "classification/core/approval_tally.h"
#include "classification/core/official_status.h"
#include "classification/core/round_approval.h"
#include "classification/core/status_storage.h"
#include "redis/redis_error.h"

namespace ansinh::classification {
namespace {

// Members per SADD when listing a partition's decided households.
constexpr size_t kMembersPerCommand = 1000;
constexpr int kMaxSettleAttempts = 64;

}  // namespace

void ApprovalApplier::Catalogue(const std::string& round_id) {
  const std::string round_key = environment_.keys.Round(round_id);
  const redis::Reply envelope = redis_.Command({"HGET", round_key, std::string(kApprovalEnvelopeField)});
  if (envelope.IsNil()) return;
  // In the catalogue's slot; repeating it changes nothing.
  redis::Transaction tx;
  tx.Add({"SREM", std::string(ClassificationKeys::kOpenRounds), round_id});
  tx.Add({"HSET", std::string(ClassificationKeys::kPendingApproval), round_id, envelope.str});
  tx.Exec(redis_);
  redis_.Command({"HDEL", round_key, std::string(kApprovalEnvelopeField)});
}

void ApprovalApplier::SettlePartition(const std::string& round_id, int partition,
                                      const v1::RoundApproved& approval) {
  std::vector<std::string> decided;
  for (const std::string& id : approval.approved_household_ids()) {
    if (environment_.keys.PartitionOf(id) == partition) decided.push_back(id);
  }
  for (const v1::Exclusion& exclusion : approval.exclusions()) {
    if (environment_.keys.PartitionOf(exclusion.household_id()) == partition)
      decided.push_back(exclusion.household_id());
  }
  for (int attempt = 0; attempt < kMaxSettleAttempts; ++attempt) {
    WatchScope scope(redis_);
    redis_.Command({"WATCH", ClassificationKeys::PartitionRounds(partition)});
    if (!PartitionRoundStore(redis_, environment_.keys).Load(round_id, partition)) return;
    redis::Transaction tx;
    for (size_t start = 0; start < decided.size(); start += kMembersPerCommand) {
      redis::Args add{"SADD", ClassificationKeys::RoundToApply(round_id, partition)};
      for (size_t i = start; i < decided.size() && i < start + kMembersPerCommand; ++i)
        add.push_back(decided[i]);
      tx.Add(std::move(add));
    }
    PartitionRoundStore::QueueRemove(tx, partition, round_id);
    // Relayed before the approval committed (nothing is written to an
    // outbox once the partition is closed): the outbox is empty for good.
    tx.Add({"DEL", ClassificationKeys::RoundDeferred(round_id, partition),
            ClassificationKeys::RoundOutbox(round_id, partition)});
    try {
      tx.Exec(redis_);
      return;
    } catch (const redis::TransactionAborted&) {
      // Another round's entry changed (or another applier settled this
      // one): read again.
    }
  }
  throw redis::TransactionAborted();
}

ApprovalApplier::Exclusions ApprovalApplier::ExclusionsOf(const v1::RoundApproved& approval) {
  Exclusions exclusions;
  for (const v1::Exclusion& exclusion : approval.exclusions()) {
    exclusions.try_emplace(exclusion.household_id(), &exclusion);
  }
  return exclusions;
}

int ApprovalApplier::Finish(const std::string& round_id) {
  const std::string pending_key(ClassificationKeys::kPendingApproval);
  redis::Reply pending = redis_.Command({"HGET", pending_key, round_id});
  if (pending.IsNil()) return 0;
  v1::EventEnvelope approved_event;
  if (!approved_event.ParseFromString(pending.str)) {
    throw std::runtime_error("corrupt pending approval of " + round_id);
  }
  const events::EventContext context = ContinuationOf(approved_event);
  v1::RoundApproved approval;
  if (!approved_event.payload().UnpackTo(&approval)) {
    throw std::runtime_error("corrupt pending approval of " + round_id);
  }
  const Exclusions exclusions = ExclusionsOf(approval);
  RoundStore rounds(redis_, environment_.keys);
  const std::optional<StoredRound> stored = rounds.Load(round_id);
  if (!stored || stored->round.status() != v1::ROUND_STATUS_APPROVED) {
    throw std::runtime_error("round " + round_id + " is marked for approval but is not approved");
  }
  // Partition by partition: a batch's statuses, lists, events and to-apply
  // set all live in its partition's slot.
  int applied = 0;
  for (int partition = 0; partition < environment_.keys.partitions(); ++partition) {
    SettlePartition(round_id, partition, approval);
    const std::string to_apply = ClassificationKeys::RoundToApply(round_id, partition);
    while (true) {
      redis::Reply batch =
          redis_.Command({"SRANDMEMBER", to_apply, std::to_string(kRoundHouseholdsPerBatch)});
      if (batch.elements.empty()) break;
      std::vector<std::string> ids;
      for (const redis::Reply& id : batch.elements) ids.push_back(id.str);
      applied += ApplyBatch(stored->round, exclusions, partition, ids, context);
    }
  }
  redis_.Command({"HDEL", pending_key, round_id});
  spdlog::info("round {}: {} official statuses written", round_id, applied);
  return applied;
}

int ApprovalApplier::ApplyBatch(const v1::ReviewRound& round, const Exclusions& exclusions, int partition,
                                const std::vector<std::string>& household_ids,
                                const events::EventContext& context) {
  const ClassificationKeys& keys = environment_.keys;
  const std::string& round_id = round.round_id();
  {
    // The departures too: a household that leaves meanwhile must not be
    // listed again by this batch.
    const std::string departed_key = ClassificationKeys::Departed(partition);
    WatchScope scope(redis_);
    // The round's households too: two appliers must not both move an
    // excluded household's counters (it has no status to collide on).
    // And their surveys: a status references the survey its result was
    // classified from, which a survey recorded meanwhile would replace.
    redis::Args watch{"WATCH", departed_key, ClassificationKeys::RoundHouseholds(round_id, partition)};
    for (const std::string& id : household_ids) {
      watch.push_back(keys.Status(id));
      watch.push_back(keys.Surveys(id));
    }
    redis_.Command(watch);

    RoundStore rounds(redis_, keys);
    StatusStore statuses(redis_, keys);
    const std::vector<std::optional<v1::RoundHousehold>> households =
        rounds.LoadHouseholds(round_id, household_ids);
    const std::vector<std::optional<v1::ClassificationResult>> proposals =
        rounds.LoadProposals(round_id, household_ids);
    const std::vector<StoredStatus> before = statuses.LoadMany(household_ids);
    const std::vector<std::optional<v1::Survey>> surveys =
        SurveyStore(redis_, keys).OfYearForMany(household_ids, round.review_year());
    redis::Args departed_query{"HMGET", departed_key};
    departed_query.insert(departed_query.end(), household_ids.begin(), household_ids.end());
    const redis::Reply departed = redis_.Command(departed_query);

    redis::Transaction tx;
    int applied = 0;
    std::vector<v1::RoundHousehold> final_states;
    std::vector<std::string> approved_ids;
    for (size_t i = 0; i < household_ids.size(); ++i) {
      if (!households[i]) {
        throw std::runtime_error("round " + round_id + ": decided household " + household_ids[i] +
                                 " is not in the round");
      }
      const auto exclusion = exclusions.find(household_ids[i]);
      v1::RoundHousehold final_state =
          FinalStateOf(*households[i], exclusion == exclusions.end() ? nullptr : exclusion->second);
      const bool approved = final_state.state() == v1::HOUSEHOLD_REVIEW_STATE_APPROVED;
      if (final_state.state() != households[i]->state()) final_states.push_back(std::move(final_state));
      if (!approved) continue;
      approved_ids.push_back(household_ids[i]);
      // Another applier of the round applied it after this batch was drawn,
      // and dropped its proposal with it.
      if (!proposals[i] && HoldsRound(before[i].status, round_id)) continue;
      if (!proposals[i]) {
        throw std::runtime_error("round " + round_id + ": approved household " + household_ids[i] +
                                 " has no stored proposal");
      }
      const v1::RoundHousehold household = WithProposal(*households[i], &*proposals[i]);
      Result<StatusChange> change = ApplyApproval(before[i].status, ApprovedResultOf(round, household));
      if (!change.ok()) {
        if (change.error().code == ErrorCode::kAlreadyExists) continue;
        throw std::runtime_error("round " + round_id + ": " + change.error().message);
      }
      // Stored lean when the survey re-derives the result exactly, else whole.
      const v1::StoredApprovedResult stored_form =
          StoredFormOf(change->approved, surveys[i] ? &*surveys[i] : nullptr, environment_.catalog);
      statuses.QueueChange(tx, before[i], change.value(), stored_form, context, departed.elements[i].IsNil());
      ++applied;
    }
    RoundStore::QueueHouseholds(tx, keys, round_id, final_states, PriorRecords(households));
    redis::Args remove{"SREM", ClassificationKeys::RoundToApply(round_id, partition)};
    remove.insert(remove.end(), household_ids.begin(), household_ids.end());
    tx.Add(std::move(remove));
    // The explained result now lives on in the official status (its history
    // keeps it for every later year): the round's copy would only double a
    // province's memory.
    if (!approved_ids.empty()) {
      redis::Args drop_proposals{"HDEL", ClassificationKeys::RoundProposals(round_id, partition)};
      drop_proposals.insert(drop_proposals.end(), approved_ids.begin(), approved_ids.end());
      tx.Add(std::move(drop_proposals));
    }
    try {
      tx.Exec(redis_);
      return applied;
    } catch (const redis::TransactionAborted&) {
      // Someone else wrote these statuses first: most often the other
      // applier of the same round (the approval call and PendingWorkFinisher
      // both finish a long approval). Retrying this batch would collide
      // again, more so as the set shrinks and both draw the same last
      // households; Finish draws a fresh batch from what is left instead.
      return 0;
    }
  }
}

std::vector<v1::ApprovedResult> ApprovalApplier::ApprovedResults(
    const std::string& round_id, const std::vector<std::string>& household_ids) {
  std::vector<v1::ApprovedResult> results;
  StatusStore statuses(redis_, environment_.keys);
  StatusExplanations explanations(redis_, environment_);
  for (size_t start = 0; start < household_ids.size(); start += kRoundHouseholdsPerBatch) {
    const size_t end = std::min(household_ids.size(), start + kRoundHouseholdsPerBatch);
    const std::vector<std::string> batch(household_ids.begin() + static_cast<long>(start),
                                         household_ids.begin() + static_cast<long>(end));
    for (v1::ApprovedResult& approved : explanations.OfRound(statuses.LoadMany(batch), round_id)) {
      results.push_back(std::move(approved));
    }
  }
  std::sort(results.begin(), results.end(), [](const v1::ApprovedResult& a, const v1::ApprovedResult& b) {
    return a.household_id() < b.household_id();
  });
  return results;
}

}  // namespace ansinh::classification
