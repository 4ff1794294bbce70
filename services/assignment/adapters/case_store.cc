#include "assignment/adapters/case_store.h"

#include <set>

#include "assignment/adapters/directory_store.h"
#include "assignment/core/load_view.h"
#include "redis/redis_error.h"

namespace ansinh::assignment {
namespace {

// Moves `case_id` from the index `old_index` to the index `new_index` (names,
// AssignmentKeys::Index) of `partition` when they differ; an empty name means
// "in no set".
void QueueIndexMove(redis::Transaction& tx, int partition, const std::string& case_id,
                    const std::string& old_index, const std::string& new_index) {
  if (old_index == new_index) return;
  if (!old_index.empty()) tx.Add({"SREM", AssignmentKeys::Index(partition, old_index), case_id});
  if (!new_index.empty()) tx.Add({"SADD", AssignmentKeys::Index(partition, new_index), case_id});
}

std::string OrganizationIndexNameOf(const v1::Case* a_case) {
  return a_case == nullptr || a_case->organization_id().empty()
             ? ""
             : AssignmentKeys::OrganizationIndex(a_case->organization_id());
}

std::string HelperIndexNameOf(const v1::Case* a_case) {
  return a_case == nullptr || a_case->helper_id().empty() ? ""
                                                          : AssignmentKeys::HelperIndex(a_case->helper_id());
}

std::string TransferIndexNameOf(const v1::Case* a_case) {
  return a_case == nullptr || !a_case->has_pending_transfer()
             ? ""
             : AssignmentKeys::TransferToIndex(a_case->pending_transfer().to_organization_id());
}

std::string StateIndexNameOf(const v1::Case* a_case) {
  return a_case == nullptr ? "" : AssignmentKeys::StateIndex(a_case->state());
}

// The household-id sets a case puts its household in: the livelihood models
// it joined and those it takes part in, the emergencies that struck it and
// those it was given relief for (AssignmentKeys::ModelJoinedIndex, ...).
std::set<std::string> HouseholdIndexNamesOf(const v1::Case* a_case) {
  std::set<std::string> names;
  if (a_case == nullptr) return names;
  for (const v1::ModelParticipation& participation : a_case->participations()) {
    names.insert(AssignmentKeys::ModelJoinedIndex(participation.model_id()));
    if (participation.left_on().empty()) {
      names.insert(AssignmentKeys::ModelTakingPartIndex(participation.model_id()));
    }
  }
  for (const v1::EmergencyMark& mark : a_case->emergency_marks()) {
    names.insert(AssignmentKeys::EmergencyAffectedIndex(mark.emergency_id()));
  }
  for (const v1::SupportRecord& support : a_case->support_records()) {
    if (support.type() == v1::SUPPORT_TYPE_EMERGENCY_RELIEF && !support.emergency_id().empty()) {
      names.insert(AssignmentKeys::EmergencyRelievedIndex(support.emergency_id()));
    }
  }
  return names;
}

// Adds the household to the sets `after` puts it in that `before` did not,
// and takes it out of those `before` did and `after` no longer does. A new
// case (before null) only adds: its household may still be in sets of its
// closed predecessor, which never changes again.
void QueueHouseholdIndexMoves(redis::Transaction& tx, int partition, const v1::Case* before,
                              const v1::Case& after) {
  const std::set<std::string> was = HouseholdIndexNamesOf(before);
  const std::set<std::string> is = HouseholdIndexNamesOf(&after);
  for (const std::string& name : was) {
    if (!is.contains(name)) tx.Add({"SREM", AssignmentKeys::Index(partition, name), after.household_id()});
  }
  for (const std::string& name : is) {
    if (!was.contains(name)) tx.Add({"SADD", AssignmentKeys::Index(partition, name), after.household_id()});
  }
}

}  // namespace

std::optional<v1::Case> ParseStoredCase(const redis::Reply& reply) {
  if (reply.IsError()) throw redis::ReplyError(reply.str);
  if (reply.IsNil()) return std::nullopt;
  v1::Case stored;
  if (!stored.ParseFromString(reply.str)) throw redis::ReplyError("stored case record is corrupt");
  return stored;
}

std::optional<v1::Case> CaseStore::Load(std::string_view case_id) {
  const std::optional<std::string> household_id = HouseholdOfCaseId(case_id);
  if (!household_id) return std::nullopt;
  return ParseStoredCase(redis_.Command({"GET", keys_.Case(*household_id, case_id)}));
}

std::optional<std::string> CaseStore::LatestCaseId(std::string_view household_id) {
  redis::Reply reply = redis_.Command({"GET", keys_.HouseholdLatestCase(household_id)});
  if (reply.IsNil()) return std::nullopt;
  return reply.str;
}

std::vector<v1::Case> CaseStore::LoadMany(const std::vector<std::string>& case_ids) {
  std::vector<redis::Args> commands;
  commands.reserve(case_ids.size());
  for (const std::string& case_id : case_ids) {
    const std::optional<std::string> household_id = HouseholdOfCaseId(case_id);
    if (household_id) commands.push_back({"GET", keys_.Case(*household_id, case_id)});
  }
  std::vector<v1::Case> cases;
  if (commands.empty()) return cases;
  cases.reserve(commands.size());
  for (const redis::Reply& reply : redis_.Pipeline(commands)) {
    if (std::optional<v1::Case> stored = ParseStoredCase(reply)) cases.push_back(std::move(*stored));
  }
  return cases;
}

std::vector<std::string> CaseStore::IdsInAny(const std::vector<std::string>& indexes) {
  std::vector<std::string> ids;
  if (indexes.empty()) return ids;
  // Each partition holds the indexes of its own cases: one SUNION per
  // partition, in one round trip, merged here.
  std::vector<redis::Args> unions;
  for (int partition = 0; partition < keys_.partitions(); ++partition) {
    redis::Args command{"SUNION"};
    for (const std::string& name : indexes) command.push_back(AssignmentKeys::Index(partition, name));
    unions.push_back(std::move(command));
  }
  for (const redis::Reply& reply : redis_.Pipeline(unions)) {
    if (reply.IsError()) throw redis::ReplyError(reply.str);
    for (const redis::Reply& item : reply.elements) ids.push_back(item.str);
  }
  return ids;
}

void CaseStore::QueueSave(redis::Transaction& tx, const v1::Case* before, const v1::Case& after) const {
  const std::string& case_id = after.case_id();
  const int partition = keys_.PartitionOf(after.household_id());
  tx.Add({"SET", keys_.Case(after.household_id(), case_id), after.SerializeAsString()});
  if (before == nullptr) {
    tx.Add({"SET", keys_.HouseholdLatestCase(after.household_id()), case_id});
    tx.Add({"SADD", AssignmentKeys::Index(partition, AssignmentKeys::kAllCases), case_id});
  }
  QueueIndexMove(tx, partition, case_id, StateIndexNameOf(before), StateIndexNameOf(&after));
  QueueIndexMove(tx, partition, case_id, OrganizationIndexNameOf(before), OrganizationIndexNameOf(&after));
  QueueIndexMove(tx, partition, case_id, HelperIndexNameOf(before), HelperIndexNameOf(&after));
  QueueIndexMove(tx, partition, case_id, TransferIndexNameOf(before), TransferIndexNameOf(&after));
  QueueHouseholdIndexMoves(tx, partition, before, after);
  QueueLoadDelta(tx, partition, ComputeLoadDelta(before, after));
}

}  // namespace ansinh::assignment
