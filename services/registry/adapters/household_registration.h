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
#include "server/request_executor.h"

namespace ansinh::registry {

// A household to register, with its first survey if it came with one.
struct RegistrationRow {
  int64_t row_number = 0;
  v1::Household household;
  std::optional<v1::Survey> survey;
};

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

  std::vector<RegistrationResult> results_;
  std::vector<Ready> ready_;
};

// Validates every row (refusing the bad ones with every reason, and a CCCD
// given twice in the batch or already held by an active household), gives
// the rest their ids and codes (one round trip), and builds their writes:
// records, indexes, HouseholdRegistered and SurveyRecorded events.
PreparedRegistrations PrepareRegistrations(const server::CallScope& call, HouseholdStore& store,
                                           const WardSettings& ward, std::vector<RegistrationRow> rows);

// Writes the prepared rows in one transaction, WATCHing the CCCD index: a row
// whose CCCD was registered since it was prepared is refused (its id and code
// stay unused), the others land. Retries when the index changed meanwhile.
// Returns one result per row of the batch, in order.
std::vector<RegistrationResult> CommitRegistrations(const server::CallScope& call, HouseholdStore& store,
                                                    PreparedRegistrations prepared);

// Prepare and commit in one go: CreateHousehold (a batch of one).
std::vector<RegistrationResult> RegisterHouseholds(const server::CallScope& call, HouseholdStore& store,
                                                   const WardSettings& ward,
                                                   std::vector<RegistrationRow> rows);

// The stored form of a survey: its id, the household, and the snapshot of
// area type, residential group and the members as they were on the survey
// date (those born after it are left out).
v1::Survey SnapshotSurvey(v1::Survey survey, const v1::Household& household, int sequence);

}  // namespace ansinh::registry
