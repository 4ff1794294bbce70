#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "events/consumer_observer.h"
#include "events/envelope_codec.h"
#include "events/envelope_opener.h"
#include "events/event_handler.h"
#include "events/runner_policy.h"
#include "redis/redis_connection.h"

namespace ansinh::events {

struct RunnerCounters {
  std::atomic<uint64_t> applied{0};
  std::atomic<uint64_t> skipped_duplicates{0};
  std::atomic<uint64_t> failed_deliveries{0};
  std::atomic<uint64_t> dead_lettered{0};
  std::atomic<uint64_t> claimed{0};
};

// Runs one consumer of a consumer group over a set of event streams: the one
// loop every ansinh consumer uses (docs/architecture.md, "Delivery";
// docs/operations.md, "Scaling").
//
//  - creates the group on each stream and on the group's own replay stream
//    next to each event stream (ReplayStream: dead letters put back for this
//    group alone), BUSYGROUP meaning it exists;
//  - leases partitions: several instances of a service in one group divide
//    the partitions between them (PlanLeases), each reading only the streams
//    of the partitions it holds, so a household's events are applied by one
//    instance, in stream order. Taking over a partition first claims every
//    entry left pending there by its previous holder, and every commit WATCHes
//    the lease, so a holder that lost it can never commit after the next one;
//  - first re-reads its own pending entries (ID 0): whatever it read before a
//    crash and never acknowledged;
//  - then reads new entries (ID >) in batches with a bounded BLOCK, so a stop
//    request is honoured within one BLOCK period;
//  - applies a batch in transaction groups: one pipelined read of the applied
//    marks, the handlers' effects, the marks and one multi-ID XACK in one
//    MULTI/EXEC; versions already applied are skipped and acknowledged;
//  - on a failure leaves the entry pending and holds back later events of the
//    same aggregate, so per-aggregate order is kept; after max_deliveries the
//    entry moves to the group's dead-letter stream with the reason;
//  - periodically claims entries idle in dead consumers' lists (XAUTOCLAIM).
class ConsumerRunner {
 public:
  ConsumerRunner(redis::RedisOptions redis_options, RunnerOptions options, std::vector<std::string> streams,
                 EventHandler& handler);

  // Loops until RequestStop(); returns after finishing the batch in hand and
  // handing its partitions back to the group.
  // Connection failures are logged and retried with a growing pause.
  void Run();
  void RequestStop() { stopping_.store(true); }
  // Told of every applied and dead-lettered event (the service's metrics);
  // not owned, must outlive Run(). Set before Run().
  void SetObserver(ConsumerObserver* observer) { observer_ = observer; }
  // Opens the events' sealed personal fields before the handler reads them
  // (a service holding the data keys); without one, handlers read payloads
  // without them. Not owned, must outlive Run(). Set before Run().
  void SetOpener(EnvelopeOpener* opener) { opener_ = opener; }
  // One pass for tests and tools: leases, history, claim, one read of new
  // entries. Returns the number of entries handled.
  size_t PollOnce();

  const RunnerCounters& counters() const { return counters_; }
  const RunnerOptions& options() const { return options_; }
  // The event streams it was given (not the replay streams it also reads).
  const std::vector<std::string>& streams() const { return streams_; }

 private:
  struct Pending {
    const StreamEntry* entry;
    v1::EventEnvelope event;  // as the handler reads it: opened
    std::string field;        // the aggregate's field in the applied hash
    // The event as published, when opening changed it.
    std::optional<v1::EventEnvelope> stored;
  };

  // Opens the sealed events of `events`; those whose keys are unavailable
  // are taken out and handled as failed deliveries.
  void OpenSealed(const std::string& stream, int partition, std::vector<Pending>& events);

  void EnsureGroups();
  bool leasing() const { return options_.lease_ttl.count() > 0; }
  // Streams of the partitions this instance may apply now.
  std::vector<std::string> ActiveStreams() const;
  bool Holds(int partition) const;
  void MaybeRenewLeases();
  void RenewLeases();
  void TakeOver(int partition);
  void ReleaseLeases();
  // Re-reads our own pending entries; returns how many were handled.
  size_t ProcessHistory();
  size_t ProcessHistoryOf(const std::vector<std::string>& streams);
  // The streams one XREADGROUP may cover together: all of them on a single
  // node, those of one hash slot each in cluster mode.
  std::vector<std::vector<std::string>> ReadGroups(const std::vector<std::string>& streams) const;
  size_t ClaimIdle();
  size_t ReadNew();
  // One XREADGROUP of new entries; block 0: return at once.
  size_t ReadNewOf(const std::vector<std::string>& streams, std::chrono::milliseconds block);
  // Reply of XREADGROUP: [[stream, [[id, fields]...]]...]
  size_t ProcessReadReply(const redis::Reply& reply);
  size_t ProcessBatch(const std::string& stream, const std::vector<StreamEntry>& entries);
  // Applies events[start..] as one group; returns how many it consumed
  // (committed, skipped, failed or left for later).
  size_t CommitGroup(const std::string& stream, const std::string& source, int partition,
                     const std::vector<Pending>& events, size_t start, std::vector<std::string>& extra_acks);
  void HandleFailure(const std::string& stream, const StreamEntry& entry, const std::string& reason);
  // True when `id` of `stream` is among the group's newest dead letters.
  bool AlreadyDeadLettered(const std::string& stream, const std::string& id);
  void DeadLetter(const std::string& stream, const StreamEntry& entry, const std::string& reason,
                  int64_t deliveries);
  int64_t DeliveryCount(const std::string& stream, const std::string& id);

  redis::Connection redis_;
  RunnerOptions options_;
  std::vector<std::string> streams_;
  // streams_ and, for each event stream among them, the group's replay
  // stream of the same source and partition: what the runner reads.
  std::vector<std::string> read_streams_;
  EventHandler& handler_;
  RunnerCounters counters_;
  ConsumerObserver* observer_ = nullptr;
  EnvelopeOpener* opener_ = nullptr;
  std::atomic<bool> stopping_{false};
  bool groups_ready_ = false;
  bool history_pending_ = true;  // our own pending list may hold entries
  // Aggregates with an event still pending after a failure: their later
  // events wait in the pending list too, so each aggregate is applied in order.
  std::set<std::string> held_aggregates_;
  std::chrono::steady_clock::time_point retry_at_{};
  std::chrono::steady_clock::time_point next_claim_{};
  // The partitions of read_streams_ (-1 for a stream outside the naming scheme,
  // which is never leased), the ones held, and when to renew.
  std::vector<int> stream_partitions_;
  std::vector<int> partitions_;
  std::set<int> held_partitions_;
  std::chrono::steady_clock::time_point next_renewal_{};
  int group_limit_;
  // Cluster mode: which slot's streams the next blocking read waits on.
  size_t next_blocking_group_ = 0;
};

}  // namespace ansinh::events
