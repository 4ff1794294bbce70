#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ansinh/v1/assignment.pb.h"

namespace ansinh::assignment {

// Where the assignment service keeps its state in Redis (docs/assignment.md).
// Every key carries a partition's hash tag, so each transaction stays in one
// hash slot (docs/operations.md, "Redis Cluster"):
//
// In the case's partition N (PartitionOf(household)), written with the case
// and its events:
//   ansinh:{pN}:assignment:case:<case id>          string: the Case (protobuf bytes),
//                                                   history included
//   ansinh:{pN}:assignment:household:<household>   string: the household's latest case id
//   ansinh:{pN}:assignment:index:all               set of the partition's case ids
//   ansinh:{pN}:assignment:index:state:<state>     set of case ids per state
//   ansinh:{pN}:assignment:index:organization:<id> set of case ids of the organization
//   ansinh:{pN}:assignment:index:helper:<id>       set of case ids of the helper
//   ansinh:{pN}:assignment:index:transfer-to:<id>  set of case ids with a transfer pending to it
//   ansinh:{pN}:assignment:load:organizations      hash: organization id -> open cases of the
//                                                   partition (a load is the sum over partitions)
//   ansinh:{pN}:assignment:load:helpers            hash: helper id -> open cases of the partition
//   ansinh:{pN}:assignment:fence:<case id>         set of helper claims (below) the claim
//                                                   finisher gave up: a case change made under
//                                                   one of them never commits
//
// In the directory's partition (kDirectoryPartition, 0), written with the
// directory's events (published on that partition's stream):
//   ansinh:{p0}:assignment:organizations           hash: organization id -> Organization bytes
//   ansinh:{p0}:assignment:helpers                 hash: helper id -> Helper bytes
//   ansinh:{p0}:assignment:changes:<kind>:<id>     counter: bumped with every change of the
//                                                   entry's record
//   ansinh:{p0}:assignment:claims:<helper id>      hash: claim "<case id>@<version>#<nonce>" ->
//                                                   "<unix ms>": a case change that raises the
//                                                   helper's load, claimed before the case
//                                                   commits (helper_claims.h)
//   ansinh:{p0}:assignment:claimed                 set of the helpers that may hold claims (what
//                                                   the claim finisher looks at)
class AssignmentKeys {
 public:
  // The directory (organizations, helpers) is small and changes rarely: one
  // partition's slot holds it, its change counters and the helper claims,
  // and its events go to that partition's stream.
  static constexpr int kDirectoryPartition = 0;

  explicit AssignmentKeys(int partitions) : partitions_(partitions) {}

  int partitions() const { return partitions_; }
  int PartitionOf(std::string_view household_id) const;
  std::string Case(std::string_view household_id, std::string_view case_id) const;
  std::string HouseholdLatestCase(std::string_view household_id) const;
  std::string CaseFence(std::string_view household_id, std::string_view case_id) const;

  static std::string Organizations();
  static std::string Helpers();
  static std::string OrganizationChanges(std::string_view organization_id);
  static std::string HelperChanges(std::string_view helper_id);
  static std::string HelperClaims(std::string_view helper_id);
  static std::string ClaimedHelpers();
  // The per-partition load hashes.
  static std::string OrganizationLoads(int partition);
  static std::string HelperLoads(int partition);

  // Case indexes by name ("index:state:open", ...), the same in every
  // partition; Index gives one partition's set.
  static std::string Index(int partition, std::string_view name);
  static constexpr std::string_view kAllCases = "index:all";
  static std::string StateIndex(v1::CaseState state);
  static std::string OrganizationIndex(std::string_view organization_id);
  static std::string HelperIndex(std::string_view helper_id);
  static std::string TransferToIndex(std::string_view organization_id);

  // The layout before the hash tags (read only by the start-up migration,
  // key_migration.h).
  static constexpr std::string_view kLegacyPrefix = "ansinh:assignment:";

 private:
  int partitions_;
};

// The household of "CASE-<household id>-<number>" (CaseIdFor), or nullopt
// when `case_id` does not have that shape.
std::optional<std::string> HouseholdOfCaseId(std::string_view case_id);

}  // namespace ansinh::assignment
