#include "classification/adapters/round_opener.h"

#include <spdlog/spdlog.h>

#include <stdexcept>

#include "classification/adapters/event_publishing.h"
#include "classification/adapters/partition_round_store.h"
#include "classification/adapters/round_counter_store.h"
#include "classification/adapters/round_step_support.h"
#include "classification/adapters/round_store.h"
#include "classification/adapters/status_store.h"
#include "classification/adapters/watch_scope.h"
#include "classification/core/round_list.h"
#include "events/envelope_codec.h"
#include "redis/redis_error.h"
#include "redis/transaction.h"

namespace ansinh::classification {
namespace {

v1::ReviewRoundOpened OpenedPayload(const v1::EventEnvelope& opened) {
  v1::ReviewRoundOpened event;
  if (!opened.payload().UnpackTo(&event) || event.round().round_id().empty()) {
    throw std::runtime_error("corrupt reserved opening of round " + opened.aggregate_id());
  }
  return event;
}

}  // namespace

void RoundOpener::Complete(const v1::EventEnvelope& opened) {
  const v1::ReviewRound round = OpenedPayload(opened).round();
  if (RoundStore(redis_, environment_.keys).Load(round.round_id())) return;
  for (int partition = 0; partition < environment_.keys.partitions(); ++partition) {
    ListPartition(round, partition);
  }
  Publish(opened);
}

void RoundOpener::ListPartition(const v1::ReviewRound& round, int partition) {
  const ClassificationKeys& keys = environment_.keys;
  const std::string& round_id = round.round_id();
  const bool periodic = round.kind() == v1::REVIEW_KIND_PERIODIC;
  // Decision 24/2021's list: every household poor or near-poor now.
  const std::vector<v1::PovertyCategory> listed{v1::POVERTY_CATEGORY_POOR, v1::POVERTY_CATEGORY_NEAR_POOR};
  StatusStore statuses(redis_, keys);
  for (int attempt = 0; attempt < kMaxRoundStepAttempts; ++attempt) {
    WatchScope scope(redis_);
    redis::Args watch{"WATCH", ClassificationKeys::PartitionRounds(partition)};
    if (periodic) {
      for (std::string& index : statuses.IndexesOf(listed, partition)) watch.push_back(std::move(index));
    }
    redis_.Command(watch);
    if (PartitionRoundStore(redis_, keys).Load(round_id, partition)) return;
    const DrawnList list = periodic ? DrawUpList(round, statuses.CurrentIn(listed, partition)) : DrawnList{};
    v1::PartitionRound seen;
    *seen.mutable_round() = round;
    seen.set_listed_poor(list.poor);
    seen.set_listed_near_poor(list.near_poor);
    redis::Transaction tx;
    RoundStore::QueueHouseholds(tx, keys, round_id, list.households, PriorRecords());
    RoundCounterStore::QueueCountedIn(tx, round_id, partition);
    PartitionRoundStore::QueuePut(tx, partition, seen);
    try {
      tx.Exec(redis_);
      return;
    } catch (const redis::TransactionAborted&) {
      PauseBeforeRetry(attempt);
    }
  }
  throw std::runtime_error("round " + round_id + ": the status lists of partition " +
                           std::to_string(partition) + " kept changing while its list was drawn up");
}

void RoundOpener::Publish(const v1::EventEnvelope& opened) {
  const ClassificationKeys& keys = environment_.keys;
  v1::ReviewRoundOpened event = OpenedPayload(opened);
  const std::string& round_id = event.round().round_id();
  const std::string round_key = keys.Round(round_id);
  for (int attempt = 0; attempt < kMaxRoundStepAttempts; ++attempt) {
    WatchScope scope(redis_);
    redis_.Command({"WATCH", round_key});
    if (redis_.Command({"HEXISTS", round_key, "record"}).AsInteger() == 1) return;
    int poor = 0;
    int near_poor = 0;
    const std::vector<std::optional<v1::PartitionRound>> shares =
        PartitionRoundStore(redis_, keys).LoadEvery(round_id);
    for (size_t partition = 0; partition < shares.size(); ++partition) {
      if (!shares[partition]) {
        throw std::runtime_error("round " + round_id + " cannot be published: partition " +
                                 std::to_string(partition) + " has not drawn up its list");
      }
      poor += shares[partition]->listed_poor();
      near_poor += shares[partition]->listed_near_poor();
    }
    event.set_listed_poor(poor);
    event.set_listed_near_poor(near_poor);
    v1::EventEnvelope envelope = opened;
    envelope.set_aggregate_version(1);
    envelope.mutable_payload()->PackFrom(event);
    redis::Transaction tx;
    tx.Add(events::XAddCommand(keys.RoundStream(round_id), envelope));
    RoundStore::QueueRound(tx, keys, StoredRound{event.round(), 1});
    try {
      tx.Exec(redis_);
      if (poor + near_poor > 0) {
        spdlog::info("round {} opened with {} households on its list ({} poor, {} near-poor)", round_id,
                     poor + near_poor, poor, near_poor);
      }
      return;
    } catch (const redis::TransactionAborted&) {
      PauseBeforeRetry(attempt);
    }
  }
  throw redis::TransactionAborted();
}

}  // namespace ansinh::classification
