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

const std::vector<v1::PovertyCategory> RoundOpener::kListedCategories{v1::POVERTY_CATEGORY_POOR,
                                                                      v1::POVERTY_CATEGORY_NEAR_POOR};

void RoundOpener::Complete(const v1::EventEnvelope& opened) {
  const v1::ReviewRound round = OpenedPayload(opened).round();
  if (RoundStore(redis_, environment_.keys).Load(round.round_id())) return;
  const int own = environment_.keys.PartitionOf(round.round_id());
  for (int partition = 0; partition < environment_.keys.partitions(); ++partition) {
    if (partition != own) ListPartition(round, partition);
  }
  Publish(opened);
}

std::vector<std::string> RoundOpener::WatchedForList(const v1::ReviewRound& round, int partition) const {
  std::vector<std::string> watched{ClassificationKeys::PartitionRounds(partition)};
  if (round.kind() == v1::REVIEW_KIND_PERIODIC) {
    for (std::string& index : StatusStore::IndexesOf(kListedCategories, partition))
      watched.push_back(std::move(index));
  }
  return watched;
}

v1::PartitionRound RoundOpener::QueueList(redis::Transaction& tx, const v1::ReviewRound& round,
                                          int partition) {
  const ClassificationKeys& keys = environment_.keys;
  const DrawnList list =
      round.kind() == v1::REVIEW_KIND_PERIODIC
          ? DrawUpList(round, StatusStore(redis_, keys).CurrentIn(kListedCategories, partition))
          : DrawnList{};
  v1::PartitionRound seen;
  *seen.mutable_round() = round;
  seen.set_listed_poor(list.poor);
  seen.set_listed_near_poor(list.near_poor);
  RoundStore::QueueHouseholds(tx, keys, round.round_id(), list.households, PriorRecords());
  RoundCounterStore::QueueCountedIn(tx, round.round_id(), partition);
  PartitionRoundStore::QueuePut(tx, partition, seen);
  return seen;
}

void RoundOpener::ListPartition(const v1::ReviewRound& round, int partition) {
  const std::string& round_id = round.round_id();
  for (int attempt = 0; attempt < kMaxRoundStepAttempts; ++attempt) {
    WatchScope scope(redis_);
    redis::Args watch{"WATCH"};
    for (std::string& key : WatchedForList(round, partition)) watch.push_back(std::move(key));
    redis_.Command(watch);
    if (PartitionRoundStore(redis_, environment_.keys).Load(round_id, partition)) return;
    redis::Transaction tx;
    QueueList(tx, round, partition);
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
  const v1::ReviewRound& round = event.round();
  const std::string& round_id = round.round_id();
  const std::string round_key = keys.Round(round_id);
  const int own = keys.PartitionOf(round_id);
  for (int attempt = 0; attempt < kMaxRoundStepAttempts; ++attempt) {
    WatchScope scope(redis_);
    redis::Args watch{"WATCH", round_key};
    for (std::string& key : WatchedForList(round, own)) watch.push_back(std::move(key));
    redis_.Command(watch);
    if (redis_.Command({"HEXISTS", round_key, "record"}).AsInteger() == 1) return;
    // The other partitions' shares, final once written (in their slots).
    int poor = 0;
    int near_poor = 0;
    const std::vector<std::optional<v1::PartitionRound>> shares =
        PartitionRoundStore(redis_, keys).LoadEvery(round_id);
    for (size_t partition = 0; partition < shares.size(); ++partition) {
      if (static_cast<int>(partition) == own) continue;
      if (!shares[partition]) {
        throw std::runtime_error("round " + round_id + " cannot be published: partition " +
                                 std::to_string(partition) + " has not drawn up its list");
      }
      poor += shares[partition]->listed_poor();
      near_poor += shares[partition]->listed_near_poor();
    }
    // The round's own partition lists its share and starts seeing the round
    // together with the record: there, a round seen always has its record,
    // and its events go straight into its stream (QueueRoundEvent).
    redis::Transaction tx;
    const v1::PartitionRound mine = QueueList(tx, round, own);
    poor += mine.listed_poor();
    near_poor += mine.listed_near_poor();
    event.set_listed_poor(poor);
    event.set_listed_near_poor(near_poor);
    v1::EventEnvelope envelope = opened;
    envelope.set_aggregate_version(1);
    envelope.mutable_payload()->PackFrom(event);
    tx.Add(events::XAddCommand(keys.RoundStream(round_id), envelope));
    RoundStore::QueueRound(tx, keys, StoredRound{round, 1});
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
