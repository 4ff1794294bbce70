#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "assignment/adapters/assignment_keys.h"
#include "redis/redis_connection.h"
#include "redis/transaction.h"

namespace ansinh::assignment {

// Helper claims: how a helper's maximum caseload holds when the cases that
// make up the helper's load live in several partitions, i.e. several hash
// slots (docs/assignment.md, "Redis keys").
//
// A helper's load is the sum of its open cases counted in each partition,
// each counter written with its case. A case change that raises a helper's
// load cannot WATCH the other partitions' counters, so before its case
// transaction it claims the helper: one transaction in the directory's slot
// that WATCHes the helper's record (its change counter) and claims, read
// after the WATCH together with the counters, and adds the claim
// "<case id>@<version>#<nonce>". Until the case change commits, the claim
// counts in the helper's load; once the case holds that version it no
// longer does (the counter does). So two such changes in two partitions
// cannot both pass the maximum: the second one's WATCH sees the first one's
// claim. A change of the helper's record (moving it to another organization
// needs no open cases) WATCHes the claims too.
//
// After the case commits, the claim is released (HDEL); the consumer, whose
// case commits with its transaction group, leaves that to the finisher. A
// crash, or a case transaction that never commits, leaves a claim too: the
// claim finisher releases claims whose case holds the version (they count
// no more anyway), and for one older than its minimum age whose case does
// not, first fences the case against it (the case's fence set, which every
// case transaction made under a claim checks under WATCH), then releases it.

struct HelperClaim {
  std::string id;
  std::string case_id;
  std::uint64_t version = 0;  // the case's version once the change commits
  std::int64_t claimed_at_ms = 0;
};

// "<case id>@<version>#<nonce>", unique per attempt.
std::string NewClaimId(std::string_view case_id, std::uint64_t version);
// nullopt for a field or value of another shape.
std::optional<HelperClaim> ParseHelperClaim(std::string_view id, std::string_view claimed_at_ms);

// The helper's claims whose case change has not committed (the case's
// version is below the claimed one): what they add to the helper's counted
// load. Reads the claims, then the cases (the order matters: a change that
// commits in between is then counted twice, never missed).
int UncommittedClaims(redis::Connection& redis, const AssignmentKeys& keys, std::string_view helper_id);

// HSET of the claim, stamped with the system clock's time (the finisher's
// age check).
void QueueClaim(redis::Transaction& tx, std::string_view helper_id, const std::string& claim_id);
// HDEL; a claim already released is fine.
void ReleaseClaim(redis::Connection& redis, std::string_view helper_id, const std::string& claim_id);
// Whether the finisher fenced the case against `claim_id`. The caller
// WATCHes keys.CaseFence first, in the case's transaction.
bool ClaimFenced(redis::Connection& redis, const AssignmentKeys& keys, std::string_view case_id,
                 const std::string& claim_id);

// One pass of the finisher over the claims of `helper_ids`: releases the
// claims whose case holds the version; fences and releases those older than
// `min_age` whose case does not. Returns the claims released.
int FinishStaleClaims(redis::Connection& redis, const AssignmentKeys& keys,
                      const std::vector<std::string>& helper_ids, std::int64_t now_ms,
                      std::chrono::milliseconds min_age);

// The claim finisher as a background job: a pass at start and every
// `interval` over the helpers that may hold claims (AssignmentKeys::
// ClaimedHelpers: a claim adds its helper; a pass that finds none removes it).
class ClaimFinisher {
 public:
  ClaimFinisher(redis::RedisOptions options, const AssignmentKeys& keys, std::chrono::milliseconds interval,
                std::chrono::milliseconds min_age);
  ~ClaimFinisher();
  void Start();
  void Stop();
  // One pass; the claims released.
  int FinishOnce();

 private:
  void Loop();

  redis::Connection redis_;
  const AssignmentKeys& keys_;
  std::chrono::milliseconds interval_;
  std::chrono::milliseconds min_age_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace ansinh::assignment
