#pragma once

#include <string>

#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/envelope.pb.h"
#include "classification/adapters/classification_environment.h"
#include "redis/redis_connection.h"

namespace ansinh::classification {

// The opening of a round after OpenRound reserved it: the reservation, in
// the catalogue's slot {p0}, names the round (rounds, rounds of its year, open
// rounds) and keeps its ReviewRoundOpened envelope, event id included, under
// pending:backfill. Then, one transaction per slot:
//  1. each partition, in its own slot, draws up its share of the list from
//     its own status lists (WATCHed, so an approval writing statuses
//     meanwhile makes it read them again), stores it with the round's
//     counters and starts seeing the round (PartitionRound);
//  2. the round's slot gets the round's record and ReviewRoundOpened,
//     version 1, counting what every partition listed.
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

  // Step 1 for one partition (nothing when it sees the round already).
  void ListPartition(const v1::ReviewRound& round, int partition);
  // Step 2 (nothing when the round's record exists). Throws when a
  // partition has not listed the round yet.
  void Publish(const v1::EventEnvelope& opened);

 private:
  redis::Connection& redis_;
  const ClassificationEnvironment& environment_;
};

}  // namespace ansinh::classification
