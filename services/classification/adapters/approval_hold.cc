#include "classification/adapters/approval_hold.h"

#include <spdlog/spdlog.h>

#include <stdexcept>
#include <vector>

#include "classification/adapters/event_publishing.h"
#include "classification/adapters/partition_round_store.h"
#include "classification/adapters/round_backfill.h"
#include "classification/adapters/round_step_support.h"
#include "classification/adapters/round_store.h"
#include "classification/adapters/survey_store.h"
#include "classification/adapters/watch_scope.h"
#include "events/envelope_codec.h"
#include "redis/redis_error.h"
#include "redis/transaction.h"

namespace ansinh::classification {
namespace {

// Partitions race the consumers (a survey deferred meanwhile) and the
// round's record races the relays: a handful of jittered retries gets
// through.
constexpr int kMaxAttempts = 64;

std::optional<ApprovalClaim> ClaimIn(const redis::Reply& round_hash) {
  for (size_t i = 0; i + 1 < round_hash.elements.size(); i += 2) {
    if (round_hash.elements[i].str == kApprovalClaimField)
      return ParseApprovalClaim(round_hash.elements[i + 1].str);
  }
  return std::nullopt;
}

}  // namespace

int64_t ApprovalHold::NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::optional<ApprovalClaim> ApprovalHold::Claim(const std::string& round_id) {
  const std::string key = environment_.keys.Round(round_id);
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    WatchScope scope(redis_);
    const std::vector<redis::Reply> head = redis_.Pipeline({{"WATCH", key}, {"HGETALL", key}});
    if (head.at(1).IsError()) throw redis::ReplyError(head[1].str);
    const std::optional<StoredRound> stored = ParseStoredRound(head[1]);
    if (!stored || stored->round.status() != v1::ROUND_STATUS_OPEN) return std::nullopt;
    const std::optional<ApprovalClaim> held = ClaimIn(head[1]);
    if (held && !ClaimLapsed(*held, NowMs())) return std::nullopt;
    const ApprovalClaim claim{events::NewEventId(), NowMs() + std::chrono::milliseconds(kClaimLife).count()};
    redis::Transaction tx;
    tx.Add({"HSET", key, std::string(kApprovalClaimField), EncodeApprovalClaim(claim)});
    try {
      tx.Exec(redis_);
      return claim;
    } catch (const redis::TransactionAborted&) {
      PauseBeforeRetry(attempt);
    }
  }
  throw redis::TransactionAborted();
}

bool ApprovalHold::Renew(const std::string& round_id, ApprovalClaim& claim) {
  const int64_t life = std::chrono::milliseconds(kClaimLife).count();
  if (claim.expires_ms - NowMs() > life / 2) return true;
  const std::string key = environment_.keys.Round(round_id);
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    WatchScope scope(redis_);
    const std::vector<redis::Reply> head =
        redis_.Pipeline({{"WATCH", key}, {"HGET", key, std::string(kApprovalClaimField)}});
    if (head.at(1).IsNil()) return false;
    const std::optional<ApprovalClaim> held = ParseApprovalClaim(head[1].str);
    if (!held || held->token != claim.token) return false;
    ApprovalClaim renewed{claim.token, NowMs() + life};
    redis::Transaction tx;
    tx.Add({"HSET", key, std::string(kApprovalClaimField), EncodeApprovalClaim(renewed)});
    try {
      tx.Exec(redis_);
      claim = renewed;
      return true;
    } catch (const redis::TransactionAborted&) {
      PauseBeforeRetry(attempt);
    }
  }
  throw redis::TransactionAborted();
}

void ApprovalHold::CloseAll(const std::string& round_id, const ApprovalClaim& claim) {
  PartitionRoundStore rounds(redis_, environment_.keys);
  for (int partition = 0; partition < environment_.keys.partitions(); ++partition) {
    bool closed = false;
    for (int attempt = 0; attempt < kMaxAttempts && !closed; ++attempt) {
      WatchScope scope(redis_);
      redis_.Command({"WATCH", ClassificationKeys::PartitionRounds(partition)});
      std::optional<v1::PartitionRound> seen = rounds.Load(round_id, partition);
      if (!seen) {
        throw std::runtime_error("round " + round_id + " is open but partition " + std::to_string(partition) +
                                 " does not see it");
      }
      if (seen->closed_by() == claim.token) {
        closed = true;
        break;
      }
      // A token other than ours is an approval's that stopped: ours holds
      // the claim now, and takes the partition over as it is.
      seen->set_closed_by(claim.token);
      redis::Transaction tx;
      PartitionRoundStore::QueuePut(tx, partition, *seen);
      try {
        tx.Exec(redis_);
        closed = true;
      } catch (const redis::TransactionAborted&) {
        PauseBeforeRetry(attempt);
      }
    }
    if (!closed) throw redis::TransactionAborted();
  }
}

bool ApprovalHold::Reopen(const std::string& round_id, int partition, const std::string& token) {
  const ClassificationKeys& keys = environment_.keys;
  const std::string deferred_key = ClassificationKeys::RoundDeferred(round_id, partition);
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    WatchScope scope(redis_);
    redis_.Command({"WATCH", ClassificationKeys::PartitionRounds(partition), deferred_key,
                    ClassificationKeys::RoundHouseholds(round_id, partition)});
    std::optional<v1::PartitionRound> seen = PartitionRoundStore(redis_, keys).Load(round_id, partition);
    if (!seen || seen->closed_by() != token) return false;
    // The surveys that waited join as the consumer would have taken them.
    const std::map<std::string, events::EventContext> deferred =
        ParseDeferredSurveys(redis_.Command({"HGETALL", deferred_key}));
    std::vector<std::string> ids;
    std::vector<events::EventContext> contexts;
    for (const auto& [household, context] : deferred) {
      ids.push_back(household);
      contexts.push_back(context);
    }
    const std::vector<std::optional<v1::Survey>> surveys =
        SurveyStore(redis_, keys).OfYearForMany(ids, seen->round().review_year());
    const std::vector<std::optional<v1::RoundHousehold>> current =
        RoundStore(redis_, keys).LoadHouseholds(round_id, ids);
    std::optional<StoredRound> own = WatchOwnRound(redis_, keys, round_id, partition);
    seen->clear_closed_by();
    redis::Transaction tx;
    PartitionRoundStore::QueuePut(tx, partition, *seen);
    const int entered = QueueSurveysIntoRound(
        tx, environment_, seen->round(), partition, ids, surveys, current,
        [&contexts](size_t i) { return contexts[i]; }, own ? &*own : nullptr);
    if (own && entered > 0) RoundStore::QueueRound(tx, keys, *own);
    tx.Add({"DEL", deferred_key});
    try {
      tx.Exec(redis_);
      if (entered > 0) {
        spdlog::info("round {}: {} surveys that waited for an approval joined it", round_id, entered);
      }
      return true;
    } catch (const redis::TransactionAborted&) {
      PauseBeforeRetry(attempt);
    }
  }
  throw redis::TransactionAborted();
}

bool ApprovalHold::Drop(const std::string& round_id, const std::string& token) {
  const std::string key = environment_.keys.Round(round_id);
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    WatchScope scope(redis_);
    const std::vector<redis::Reply> head =
        redis_.Pipeline({{"WATCH", key}, {"HGET", key, std::string(kApprovalClaimField)}});
    if (head.at(1).IsNil()) return false;
    const std::optional<ApprovalClaim> held = ParseApprovalClaim(head[1].str);
    if (held && held->token != token) return false;
    redis::Transaction tx;
    tx.Add({"HDEL", key, std::string(kApprovalClaimField)});
    try {
      tx.Exec(redis_);
      return true;
    } catch (const redis::TransactionAborted&) {
      PauseBeforeRetry(attempt);
    }
  }
  throw redis::TransactionAborted();
}

void ApprovalHold::Release(const std::string& round_id, const ApprovalClaim& claim) {
  for (int partition = 0; partition < environment_.keys.partitions(); ++partition) {
    Reopen(round_id, partition, claim.token);
  }
  Drop(round_id, claim.token);
  RelayRoundEvents(redis_, environment_.keys, round_id);
}

int ApprovalHold::ReopenAbandoned(const std::string& round_id) {
  // The partitions first, then the round's record: a partition seen closed
  // was closed after its approval's claim was stored, so the record read
  // next shows that claim, its end, or the approval committed.
  const std::vector<std::optional<v1::PartitionRound>> seen =
      PartitionRoundStore(redis_, environment_.keys).LoadEvery(round_id);
  bool any_closed = false;
  for (const std::optional<v1::PartitionRound>& partition : seen) {
    any_closed = any_closed || (partition && !partition->closed_by().empty());
  }
  if (!any_closed) return 0;
  const redis::Reply round_hash = redis_.Command({"HGETALL", environment_.keys.Round(round_id)});
  const std::optional<StoredRound> stored = ParseStoredRound(round_hash);
  if (!stored) return 0;
  std::optional<ApprovalClaim> claim = ClaimIn(round_hash);
  if (claim && ClaimLapsed(*claim, NowMs()) && stored->round.status() == v1::ROUND_STATUS_OPEN) {
    // Cancelled here, the approval that held it can no longer commit (its
    // commit needs the claim); one that committed first removed it, and the
    // next pass sees the round approved.
    if (!Drop(round_id, claim->token)) return 0;
    spdlog::warn("round {}: an approval's claim lapsed without a decision; its partitions open again",
                 round_id);
    claim.reset();
  }
  int reopened = 0;
  for (size_t partition = 0; partition < seen.size(); ++partition) {
    if (!seen[partition] || seen[partition]->closed_by().empty()) continue;
    const ClosedPartitionFate fate =
        FateOfClosedPartition(stored->round.status(), claim, seen[partition]->closed_by(), NowMs());
    if (fate != ClosedPartitionFate::kReopen) continue;
    if (Reopen(round_id, static_cast<int>(partition), seen[partition]->closed_by())) ++reopened;
  }
  if (reopened > 0) RelayRoundEvents(redis_, environment_.keys, round_id);
  return reopened;
}

}  // namespace ansinh::classification
