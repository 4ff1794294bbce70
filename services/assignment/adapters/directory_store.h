#pragma once

#include <atomic>
#include <mutex>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "ansinh/v1/assignment.pb.h"
#include "assignment/adapters/assignment_keys.h"
#include "assignment/core/directory.h"
#include "assignment/core/load_view.h"
#include "events/event_publisher.h"
#include "redis/redis_connection.h"
#include "redis/transaction.h"

namespace ansinh::assignment {

// How often a case or directory change is tried before the call answers
// ABORTED: each attempt WATCHes what it read and loses only to a concurrent
// change of the same keys.
inline constexpr int kMaxWriteAttempts = 16;

// What every operation reads besides its case: the ward's organizations and
// helpers (the directory's partition, AssignmentKeys::kDirectoryPartition),
// and the open-case counters, summed over the partitions that hold them.
struct DirectorySnapshot {
  Directory directory;
  LoadView loads;
};

// The whole directory and every load, one round trip; helper claims not
// counted (what a read, or a decision that raises no helper's load, needs).
// The caller WATCHes DirectoryWatchCommand() first when it writes the
// directory on the strength of what it read.
DirectorySnapshot ReadDirectorySnapshot(redis::Connection& redis, const AssignmentKeys& keys);

// The directory's hashes, for WATCH.
redis::Args DirectoryWatchCommand();

// The entries of the directory one case operation touches: the case's
// organization and helper, the organization a transfer is addressed to, the
// actor's organization, and whatever else the core asked for.
struct DirectoryEntries {
  std::set<std::string, std::less<>> organizations;
  std::set<std::string, std::less<>> helpers;
};

// WATCHes the change counters of `entries` (every write of an entry's record
// bumps its counter) and the claims of its helpers, all in the directory's
// slot, and reads just those records and their loads: a snapshot whose
// directory is Directory::Partial, with each helper's load counting its
// claims whose case change has not committed yet (helper_claims.h). A write
// to another organization or helper aborts nothing that read only these.
DirectorySnapshot WatchAndReadEntries(redis::Connection& redis, const AssignmentKeys& keys,
                                      const DirectoryEntries& entries);

void QueueSaveOrganization(redis::Transaction& tx, const v1::Organization& organization);
void QueueSaveHelper(redis::Transaction& tx, const v1::Helper& helper);
// HINCRBY of every counter the delta changes, in the case's partition.
void QueueLoadDelta(redis::Transaction& tx, int partition, const LoadDelta& delta);

// Puts the ward configuration file's organizations and helpers into Redis the
// first time the service meets a Redis without a directory, publishing an
// OrganizationUpserted / HelperUpserted (created, version 1) for each, with the
// service as actor. Afterwards Redis is the truth: the file's directory is
// ignored and UpsertOrganization / UpsertHelper change it. Uses its own
// connection, so seeding never disturbs a caller's WATCHes.
class DirectorySeeder {
 public:
  DirectorySeeder(redis::RedisOptions options, int partitions, events::EventPublisher publisher,
                  Directory seed, std::string source)
      : options_(std::move(options)),
        keys_(partitions),
        publisher_(std::move(publisher)),
        seed_(std::move(seed)),
        source_(std::move(source)) {}

  // Returns once Redis holds a directory; true when this call wrote it.
  // First moves a directory from before the hash tags (key_migration.h).
  // Throws redis::ConnectionError while Redis is unreachable.
  bool EnsureSeeded();

 private:
  redis::RedisOptions options_;
  AssignmentKeys keys_;
  events::EventPublisher publisher_;
  Directory seed_;
  std::string source_;
  std::mutex mutex_;
  std::atomic<bool> seeded_{false};
};

}  // namespace ansinh::assignment
