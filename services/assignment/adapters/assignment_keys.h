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
//   ansinh:{pN}:assignment:index:model-joined:<model id>       set of household ids that joined
//                                                   the model (any of their cases)
//   ansinh:{pN}:assignment:index:model-taking-part:<model id>  set of household ids whose case
//                                                   takes part in it now
//   ansinh:{pN}:assignment:index:emergency-affected:<id>       set of household ids marked affected
//   ansinh:{pN}:assignment:index:emergency-relieved:<id>       set of household ids given emergency
//                                                   relief naming it
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
//   ansinh:{p0}:assignment:livelihood-models       hash: model id -> LivelihoodModel bytes
//   ansinh:{p0}:assignment:emergencies             hash: emergency id -> Emergency bytes
//   ansinh:{p0}:assignment:emergency-numbers:<year> counter: the number of the latest emergency
//                                                   declared for the year (EMG-<year>-<n>)
//   (and changes:livelihood-model:<id>, changes:emergency:<id>, bumped like the directory's)
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
  // Livelihood models and emergencies: ward-wide records in the directory's
  // partition, with a change counter bumped by every write of a record.
  static std::string LivelihoodModels();
  static std::string LivelihoodModelChanges(std::string_view model_id);
  static std::string Emergencies();
  static std::string EmergencyChanges(std::string_view emergency_id);
  static std::string EmergencyNumbers(int year);
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
  // Sets of household ids (not case ids), kept with the cases: a count is
  // the sum of the partitions' SCARDs, a household being in one partition.
  static std::string ModelJoinedIndex(std::string_view model_id);
  static std::string ModelTakingPartIndex(std::string_view model_id);
  static std::string EmergencyAffectedIndex(std::string_view emergency_id);
  static std::string EmergencyRelievedIndex(std::string_view emergency_id);

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
