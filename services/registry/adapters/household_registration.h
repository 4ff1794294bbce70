#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ansinh/v1/household.pb.h"
#include "kernel/field_violation.h"
#include "redis/redis_connection.h"
#include "redis/transaction.h"
#include "registry/adapters/household_store.h"
#include "registry/adapters/ward_settings.h"
#include "registry/core/registration_rows.h"
#include "server/request_executor.h"

namespace ansinh::registry {

struct RegistrationResult {
  int64_t row_number = 0;
  // Set when registered.
  std::optional<v1::Household> household;
  std::optional<v1::Survey> survey;
  // Why not (paths relative to the row: "household.members[0].national_id").
  FieldViolations violations;
  // A CCCD held by another active household: reported as ALREADY_EXISTS by
  // CreateHousehold, as a violation by ImportHouseholds.
  std::string national_id_conflict;
};

// A batch validated, given its identities and with its writes built, ready to
// be committed. Preparing is most of the CPU work of registering; an import
// prepares its next batch while the previous one is being committed.
class PreparedRegistrations {
 public:
  PreparedRegistrations() = default;
  PreparedRegistrations(PreparedRegistrations&&) = default;
  PreparedRegistrations& operator=(PreparedRegistrations&&) = default;

 private:
  friend PreparedRegistrations PrepareRegistrations(const server::CallScope&, HouseholdStore&,
                                                    const WardSettings&, std::vector<RegistrationRow>);
  friend std::vector<RegistrationResult> CommitRegistrations(const server::CallScope&, HouseholdStore&,
                                                             PreparedRegistrations);

 public:
  // A row about to be written.
  struct Ready {
    size_t index = 0;
    v1::Household household;
    std::optional<v1::Survey> survey;
    // The record and its events; the indexes of the batch's landing rows
    // are written together at commit (HouseholdStore::QueueNewIndexes).
    redis::Transaction writes;
    std::vector<std::string> name_entries;
  };

 private:
  std::vector<RegistrationResult> results_;
  std::vector<Ready> ready_;
};

// Lets the core check every row (CheckRegistrationRows: every reason, and a
// CCCD given twice in the batch), refuses a row with a CCCD already held by
// an active household, gives the rest their ids and codes (one round trip),
// and builds their writes from the core's RegisterHousehold: records,
// surveys and events.
PreparedRegistrations PrepareRegistrations(const server::CallScope& call, HouseholdStore& store,
                                           const WardSettings& ward, std::vector<RegistrationRow> rows);

// Writes the prepared rows in two single-slot steps (docs/registry.md,
// "Uniqueness across slots"): first, in the ward's slot and under WATCH of
// the CCCD claims, the rows claim their CCCDs and record their codes (a row
// whose CCCD was registered, or claimed, since it was prepared is refused:
// its id and code stay unused); then each partition's rows land in one
// transaction of that partition: records, surveys, events and indexes.
// Returns one result per row of the batch, in order.
std::vector<RegistrationResult> CommitRegistrations(const server::CallScope& call, HouseholdStore& store,
                                                    PreparedRegistrations prepared);

// Prepare and commit in one go: CreateHousehold (a batch of one).
std::vector<RegistrationResult> RegisterHouseholds(const server::CallScope& call, HouseholdStore& store,
                                                   const WardSettings& ward,
                                                   std::vector<RegistrationRow> rows);

}  // namespace ansinh::registry
