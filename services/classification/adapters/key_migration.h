#pragma once

#include "classification/adapters/classification_keys.h"
#include "redis/redis_connection.h"

namespace ansinh::classification {

// What MigrateClassificationKeys moved.
struct ClassificationKeyMigration {
  int keys_renamed = 0;      // round records and the round catalogue, bytes unchanged
  int rounds_spread = 0;     // rounds whose households went to their partitions
  int entries_spread = 0;    // set members and hash fields written to a partition's key
  int partitions_given = 0;  // partitions given an open round they did not see (PartitionRound)
};

// Moves a single-node deployment's classification keys from before the hash
// tags (ansinh:classification:*) to where they are now (classification_keys.h),
// at start-up before the consumer and the RPCs run. Idempotent: every move
// writes the new keys first and deletes the old one last, so a start cut short
// does it again on the next.
//  - the round catalogue (rounds, open rounds, rounds of each year, the
//    sequence, pending pull-ins and approvals) and each round's record are
//    RENAMEd into the round slot {p0}, bytes unchanged;
//  - each round's households, proposals, to-apply set and unclassifiable list
//    are spread over the partitions' keys, and each partition's counters are
//    counted from the households it received (marked counted);
//  - the surveyed set, departures, registered households and status
//    summaries are spread over the partitions, and the status list indexes
//    rebuilt per partition from the summaries.
//  - each open round stored before the partitions saw the rounds is given to
//    every partition (PartitionRound, open), so the consumer offers it
//    surveys and its steps run in the households' slots; a partition that
//    sees it already is left as it is.
// Throws std::runtime_error, naming the key, when a renamed key exists in both
// layouts (nothing is overwritten). On a cluster the untagged keys never
// existed and nothing of them is moved.
ClassificationKeyMigration MigrateClassificationKeys(redis::Connection& redis,
                                                     const ClassificationKeys& keys);

}  // namespace ansinh::classification
