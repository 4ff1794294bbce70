#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ansinh/v1/assignment.pb.h"

namespace ansinh::assignment {

// Where the assignment service keeps its state in Redis (docs/assignment.md):
//
//   ansinh:{pN}:assignment:case:<case id>          string: the Case (protobuf bytes),
//                                                   history included
//   ansinh:{pN}:assignment:household:<household>   string: the household's latest case id
//                                                   (its open or follow-up case, else
//                                                   its latest closed one)
//   ansinh:assignment:organizations                hash: organization id -> Organization bytes
//   ansinh:assignment:helpers                      hash: helper id -> Helper bytes
//   ansinh:assignment:load:organizations           hash: organization id -> open cases
//   ansinh:assignment:load:helpers                 hash: helper id -> open cases
//   ansinh:assignment:changes:organization:<id>    counter: bumped with every change of the
//                                                  organization's record or its load, so
//                                                  a case operation WATCHes just the
//                                                  entries it read (directory_store.h)
//   ansinh:assignment:changes:helper:<id>          counter: the same for a helper
//   ansinh:assignment:index:all                    set of every case id
//   ansinh:assignment:index:state:<state>          set of case ids per state
//                                                   (open, follow_up, closed)
//   ansinh:assignment:index:organization:<id>      set of case ids the organization
//                                                   is responsible for (any state)
//   ansinh:assignment:index:helper:<id>            set of case ids of the helper
//   ansinh:assignment:index:transfer-to:<id>       set of case ids with a transfer
//                                                   pending to the organization
//
// The per-household keys carry the household's partition hash tag, like the
// case's events. The ward-wide directory, counters and indexes do not: they
// are written in the same MULTI as the case, which a single Redis node (the
// supported deployment, docs/architecture.md) executes atomically.
class AssignmentKeys {
 public:
  explicit AssignmentKeys(int partitions) : partitions_(partitions) {}

  int partitions() const { return partitions_; }
  int PartitionOf(std::string_view household_id) const;
  std::string Case(std::string_view household_id, std::string_view case_id) const;
  std::string HouseholdLatestCase(std::string_view household_id) const;

  static constexpr std::string_view kOrganizations = "ansinh:assignment:organizations";
  static constexpr std::string_view kHelpers = "ansinh:assignment:helpers";
  static constexpr std::string_view kOrganizationLoads = "ansinh:assignment:load:organizations";
  static constexpr std::string_view kHelperLoads = "ansinh:assignment:load:helpers";
  static constexpr std::string_view kAllCases = "ansinh:assignment:index:all";
  static std::string StateIndex(v1::CaseState state);
  static std::string OrganizationIndex(std::string_view organization_id);
  static std::string OrganizationChanges(std::string_view organization_id);
  static std::string HelperChanges(std::string_view helper_id);
  static std::string HelperIndex(std::string_view helper_id);
  static std::string TransferToIndex(std::string_view organization_id);

 private:
  int partitions_;
};

// The household of "CASE-<household id>-<number>" (CaseIdFor), or nullopt
// when `case_id` does not have that shape.
std::optional<std::string> HouseholdOfCaseId(std::string_view case_id);

}  // namespace ansinh::assignment
