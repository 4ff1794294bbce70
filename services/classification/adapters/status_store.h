#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/classification_storage.pb.h"
#include "classification/adapters/classification_keys.h"
#include "classification/core/official_status.h"
#include "events/envelope_codec.h"
#include "redis/redis_connection.h"
#include "redis/transaction.h"

namespace ansinh::classification {

// A household's official status as stored, with how many
// HouseholdStatusChanged events it has published (the next is events + 1).
struct StoredStatus {
  // As stored: lean results referencing their survey and standard, and
  // results kept whole (status_storage.h). A status stored before the lean
  // form reads with every result whole.
  v1::StoredOfficialStatus stored;
  // The same with the facts of each result and no explanation re-derived
  // (FactsOf): what approvals, lists and what-if decide on.
  v1::OfficialStatus status;
  uint64_t events = 0;
  // Read from the form stored before the lean one (field "record"), which
  // the next write replaces.
  bool legacy = false;
};

// Official statuses, their events and the list indexes of
// ListHouseholdStatuses. Only an approval writes a status (ApprovalApplier);
// a departure takes the household off the lists.
class StatusStore {
 public:
  StatusStore(redis::Connection& redis, const ClassificationKeys& keys) : redis_(redis), keys_(keys) {}

  // An empty status for a household never approved.
  StoredStatus Load(const std::string& household_id);
  // The read of Load, for a caller that pipelines it with others, and its
  // reply parsed.
  redis::Args ReadCommand(const std::string& household_id) const;
  static StoredStatus FromReply(const redis::Reply& reply);
  // Several in one round trip, in the order asked.
  std::vector<StoredStatus> LoadMany(const std::vector<std::string>& household_ids);
  // Current statuses of households in the ward (nullopt: none, or left).
  std::vector<std::optional<v1::HouseholdStatusSummary>> LoadSummaries(
      const std::vector<std::string>& household_ids);
  // The current statuses of the households of `partition` in the ward
  // officially in one of `categories`, read from the partition's list
  // indexes page by page (a province lists tens of thousands). The caller
  // WATCHes IndexesOf(categories, partition) first when it commits on what
  // it read.
  std::vector<v1::HouseholdStatusSummary> CurrentIn(const std::vector<v1::PovertyCategory>& categories,
                                                    int partition);
  // The list indexes of `categories` of one partition.
  static std::vector<std::string> IndexesOf(const std::vector<v1::PovertyCategory>& categories,
                                            int partition);

  // The status after an approval, with the approved result in `stored_form`
  // (StoredFormOf), and its HouseholdStatusChanged event, with the
  // household's next aggregate version, and the list indexes moved from the
  // old current status to the new one (not listed when it left the ward).
  void QueueChange(redis::Transaction& tx, const StoredStatus& before, const StatusChange& change,
                   const v1::StoredApprovedResult& stored_form, const events::EventContext& context,
                   bool in_ward) const;
  // The status of a household whose personal data was erased: each result
  // kept whole loses its personal fields (reasons naming members, the
  // income); the facts stay, so lists and figures keep their counts.
  void QueueErasedForm(redis::Transaction& tx, const std::string& household_id,
                       const StoredStatus& current) const;
  // Takes a household that left the ward off every list.
  void QueueRemovalFromLists(redis::Transaction& tx, const StoredStatus& current) const;

 private:
  redis::Connection& redis_;
  const ClassificationKeys& keys_;
};

}  // namespace ansinh::classification
