#pragma once

#include <string>
#include <vector>

#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/classification_storage.pb.h"
#include "ansinh/v1/envelope.pb.h"
#include "classification/adapters/classification_environment.h"
#include "redis/redis_connection.h"
#include "redis/transaction.h"

namespace ansinh::classification {

// The opening of a round after OpenRound reserved it: the reservation, in
// the catalogue's slot {p0}, names the round (rounds, rounds of its year, open
// rounds) and keeps its ReviewRoundOpened envelope, event id included, under
// pending:backfill. Then, one transaction per slot:
//  1. each partition but the round's own, in its own slot, draws up its
//     share of the list from its own status lists (WATCHed, so an approval
//     writing statuses meanwhile makes it read them again), stores it with
//     the round's counters and starts seeing the round (PartitionRound);
//  2. the round's own slot gets, in one transaction, its partition's share
//     of the list (so there a round seen always has its record, and the
//     events of that partition go straight into the round's stream), the
//     round's record and ReviewRoundOpened, version 1, counting what every
//     partition listed.
// Every step is skipped when done, so a crash anywhere is finished by the
// next Complete (RoundBackfill::Finish, from OpenRound, the pending-work
// finisher or ApproveRound); the event is published once, with the id
// reserved. A survey the consumer takes into a partition that sees the round
// before step 2 waits in that partition's outbox: nothing is relayed before
// ReviewRoundOpened.
class RoundOpener {
 public:
  RoundOpener(redis::Connection& redis, const ClassificationEnvironment& environment)
      : redis_(redis), environment_(environment) {}

  // Completes the opening that `opened` (the reserved ReviewRoundOpened
  // envelope) announces.
  void Complete(const v1::EventEnvelope& opened);

  // Step 1 for one partition other than the round's own (nothing when it
  // sees the round already).
  void ListPartition(const v1::ReviewRound& round, int partition);
  // Step 2 (nothing when the round's record exists). Throws when another
  // partition has not listed the round yet.
  void Publish(const v1::EventEnvelope& opened);

 private:
  // Decision 24/2021's list: every household poor or near-poor now.
  static const std::vector<v1::PovertyCategory> kListedCategories;
  // What drawing up a partition's list WATCHes: the partition's rounds and,
  // for a periodic round, its status lists.
  std::vector<std::string> WatchedForList(const v1::ReviewRound& round, int partition) const;
  // Queues the partition's share of the list, its counters kept and the
  // partition seeing the round; returns what the partition sees.
  v1::PartitionRound QueueList(redis::Transaction& tx, const v1::ReviewRound& round, int partition);

  redis::Connection& redis_;
  const ClassificationEnvironment& environment_;
};

}  // namespace ansinh::classification
