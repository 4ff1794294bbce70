#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "classification/adapters/classification_keys.h"
#include "redis/redis_connection.h"

namespace ansinh::classification {

// Moves a round's events from its partitions' outboxes into the round's
// stream (docs/classification.md, "Redis keys"; the order and numbering are
// core/round_partitions.h's PlanRelay). A transaction of partition N, other
// than the round's own, that decides a round event (a survey taken in, a
// meeting, a page posted) puts it in
// ansinh:{pN}:classification:round:<id>:outbox, in its own slot (in the
// round's own partition it goes straight into the stream: QueueRoundEvent). A
// relay step is one transaction of the round's slot: it WATCHes the round's
// record, reads what waits after the last entry taken from each partition
// (the record's `relayed:<N>` fields), appends the events to the round's
// stream with the round's next versions and stores the round's event count,
// what the events say of the round (the latest posting's date) and the last
// entry taken per partition, all together. Then it trims what it took from
// the outboxes (a separate command in each partition's slot; one a crash
// skips is done by the next step). Any number of relays may run at once: the
// WATCH makes all but one retry, and a retry starts after what is taken, so
// each event is appended exactly once.
//
// Nothing is relayed before the round's record exists: an opening draws up
// every partition's list (and the consumer may take surveys in) before it
// writes the record and ReviewRoundOpened, which stays the round's first
// event.
class RoundEventRelay {
 public:
  // Outbox entries read per partition in one step.
  static constexpr int kEntriesPerPartition = 200;

  RoundEventRelay(redis::Connection& redis, const ClassificationKeys& keys) : redis_(redis), keys_(keys) {}

  // Relays everything waiting when it began (a step that read a partition's
  // outbox to its end ends it, so writers adding meanwhile do not keep a
  // caller going); returns how many events it appended. Throws
  // redis::TransactionAborted when other relays kept changing the round on
  // every attempt: they move the events then.
  uint64_t Drain(const std::string& round_id);
  // One relay step; 0 when nothing waits or the round has no record yet.
  // `*more`, when given, tells whether a partition had more waiting than one
  // step takes.
  uint64_t RelayOnce(const std::string& round_id, bool* more = nullptr);
  // Whether an event waits in any outbox after `relayed` (the round record's
  // marks, as a caller read them under its WATCH of the record).
  bool AnyWaiting(const std::string& round_id, const std::map<int, std::string>& relayed);

  // The `relayed:<N>` marks of a round's record, from its HGETALL reply.
  static std::map<int, std::string> RelayedMarks(const redis::Reply& round_hash);

 private:
  redis::Connection& redis_;
  const ClassificationKeys& keys_;
};

}  // namespace ansinh::classification
