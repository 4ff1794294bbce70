#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ansinh/v1/household.pb.h"
#include "redis/redis_connection.h"
#include "redis/transaction.h"
#include "registry/adapters/registry_keys.h"

namespace ansinh::registry {

// How often a write to a household is tried before the call answers ABORTED:
// each attempt WATCHes the household's keys and loses only to a concurrent
// change of the same household or of a CCCD it claims.
inline constexpr int kMaxHouseholdWriteAttempts = 8;

// A household as stored, with how many events it has published (the
// aggregate version of its next event is event_count + 1).
struct StoredHousehold {
  v1::Household household;
  uint64_t event_count = 0;
};

// Reads registry state and queues its writes. Reads that a write depends on
// are WATCHed by the caller (MutateHousehold), so a concurrent change makes
// the transaction retry instead of being overwritten.
class HouseholdStore {
 public:
  HouseholdStore(redis::Connection& redis, const RegistryKeys& keys) : redis_(redis), keys_(keys) {}

  std::optional<StoredHousehold> Load(const std::string& household_id);
  // Several households in one round trip, in the order asked (nullopt: absent).
  std::vector<std::optional<StoredHousehold>> LoadMany(const std::vector<std::string>& ids);
  std::vector<v1::Survey> LoadSurveys(const std::string& household_id);
  std::optional<std::string> HouseholdIdByCode(const std::string& code);
  // For each CCCD, the active household holding it (empty string: none).
  std::vector<std::string> HoldersOfNationalIds(const std::vector<std::string>& national_ids);

  // Ids and codes for new households, one per residential group given (the
  // groups must have a number, ResidentialGroupNumber), in one round trip
  // however many rows a batch has. They are allocated outside transactions,
  // after every check a row can fail, so a refused request leaves no gap;
  // only a row refused on a retry (a CCCD registered meanwhile) can.
  struct Identity {
    std::string household_id;
    std::string code;
  };
  std::vector<Identity> AllocateIdentities(const std::vector<std::string>& residential_groups);

  // Queues the record and every index change from `before` to `after`.
  void QueueSave(redis::Transaction& tx, const v1::Household& before, const v1::Household& after,
                 uint64_t event_count) const;

  // New households: the record of one, then the index entries of a whole
  // batch, a handful of commands however many households it has (Redis
  // spends much of an import's time per command).
  void QueueNewRecord(redis::Transaction& tx, const v1::Household& household, uint64_t event_count) const;
  struct NewHousehold {
    const v1::Household* household;
    // NameIndexEntries(*household), computed ahead (an import prepares its
    // next batch while this one commits).
    const std::vector<std::string>* name_entries;
  };
  void QueueNewIndexes(redis::Transaction& tx, const std::vector<NewHousehold>& households) const;

  const RegistryKeys& keys() const { return keys_; }

 private:
  redis::Connection& redis_;
  const RegistryKeys& keys_;
};

// Folded name words of a household's members, as stored in the names index:
// "<word>|<household id>|<member id>".
std::vector<std::string> NameIndexEntries(const v1::Household& household);

}  // namespace ansinh::registry
