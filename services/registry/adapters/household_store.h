#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ansinh/v1/household.pb.h"
#include "personal_data/household_data_keys.h"
#include "redis/redis_connection.h"
#include "redis/transaction.h"
#include "registry/adapters/registry_keys.h"
#include "registry/core/national_id_claim.h"

namespace ansinh::registry {

// How often a write to a household is tried before the call answers ABORTED:
// each attempt WATCHes the household's keys (or, while claiming CCCDs, the
// ward's claims) and loses only to a concurrent change of the same household
// or of a CCCD claim.
inline constexpr int kMaxHouseholdWriteAttempts = 8;

// A household as stored, with how many events it has published (the
// aggregate version of its next event is event_count + 1).
struct StoredHousehold {
  v1::Household household;
  uint64_t event_count = 0;
  // The household's data key (docs/data-protection.md); none for a record
  // stored in clear (no key ring, or written before sealing).
  std::optional<personal_data::AesKey> data_key;
};

// Reads registry state and queues its writes. Reads that a write depends on
// are WATCHed by the caller (MutateHousehold), so a concurrent change makes
// the transaction retry instead of being overwritten.
class HouseholdStore {
 public:
  // With `key_ring`, records and surveys are stored with their personal
  // fields sealed by the household's data key; without, in clear.
  HouseholdStore(redis::Connection& redis, const RegistryKeys& keys,
                 int64_t claim_lifetime_seconds = kClaimLifetimeSeconds,
                 personal_data::KeyRing* key_ring = nullptr)
      : redis_(redis), keys_(keys), claim_lifetime_seconds_(claim_lifetime_seconds) {
    if (key_ring != nullptr) data_keys_.emplace(*key_ring);
  }

  std::optional<StoredHousehold> Load(const std::string& household_id);
  // Several households in one round trip, in the order asked (nullopt: absent).
  std::vector<std::optional<StoredHousehold>> LoadMany(const std::vector<std::string>& ids);
  std::vector<v1::Survey> LoadSurveys(const std::string& household_id);
  // A survey as stored (its personal fields sealed with `data_key` when
  // given), for the household's RPUSH.
  static std::string StoredSurveyBytes(const v1::Survey& survey,
                                       const std::optional<personal_data::AesKey>& data_key);
  std::optional<std::string> HouseholdIdByCode(const std::string& code);

  // CCCD claims (registry/core/national_id_claim.h). A CCCD asked for by a
  // household (the claimant; empty: a household without an id yet).
  struct NationalIdAsk {
    std::string national_id;
    std::string claimant;
  };
  struct NationalIdStanding {
    ClaimStanding standing = ClaimStanding::kFree;
    // The household named by the claim (empty when free).
    std::string holder;
  };
  // Where each CCCD stands for its claimant now: the claims (one HMGET) and
  // the records of the households they name (one pipeline).
  std::vector<NationalIdStanding> StandingsOf(const std::vector<NationalIdAsk>& asks);
  // For each CCCD, the household holding it or whose claim is still pending
  // (empty string: none, or a stale claim).
  std::vector<std::string> HoldersOfNationalIds(const std::vector<std::string>& national_ids);
  // The claims, pending for the claim lifetime from now, on the ward's slot.
  void QueueClaims(redis::Transaction& tx, const std::vector<NationalIdAsk>& asks) const;
  // The claims on these CCCDs as stored (empty string: none), read before
  // a write that stops holding them, for ReleaseClaims.
  std::vector<std::string> ClaimsOn(const std::vector<std::string>& national_ids);
  // Removes the claims on these CCCDs after `household_id`'s record stopped
  // holding them (its own transaction, in the ward's slot: WATCH, read,
  // HDEL): each claim that is still the one seen before the household's
  // write (`seen_before`, from ClaimsOn), names the household, and that its
  // record, read again, does not hold. A claim made since (the same
  // household's next change bringing the number back, or another household
  // taking it) stays. A crash before the release leaves claims the record no
  // longer backs, which the next claimant finds stale once past their
  // deadline.
  void ReleaseClaims(const std::vector<std::string>& national_ids,
                     const std::vector<std::string>& seen_before, const std::string& household_id);
  // Unix seconds now, as claims count it.
  static int64_t NowSeconds();
  int64_t claim_lifetime_seconds() const { return claim_lifetime_seconds_; }

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

  // Queues the record and every index change from `before` to `after`, all
  // in the household's partition (CCCD claims are not among them). With a
  // key ring, a record without a data key (`data_key` empty: stored in clear
  // before sealing) gets one in the same transaction. Returns the data key
  // the record is sealed with, for its surveys.
  std::optional<personal_data::AesKey> QueueSave(redis::Transaction& tx, const v1::Household& before,
                                                 const v1::Household& after, uint64_t event_count,
                                                 const std::optional<personal_data::AesKey>& data_key) const;
  // The erasure of a household's personal data (registry/core/
  // household_erasure.h), in its partition: `after` stored as it is (nothing
  // personal is left in it), the index entries it no longer has removed, its
  // data key deleted and `surveys`, stripped of their personal fields,
  // stored in clear in place of the sealed ones.
  void QueueErasure(redis::Transaction& tx, const v1::Household& before, const v1::Household& after,
                    uint64_t event_count, const std::vector<v1::Survey>& surveys) const;
  // The erasure of one former member (registry/core/household_erasure.h):
  // a new data key for the household replaces the old one, which is
  // destroyed; the record and `surveys` (already without the member's
  // personal fields) are stored sealed with the new key. Without a key ring
  // the surveys are stored in clear as given.
  // Returns the new data key (none without a key ring).
  std::optional<personal_data::AesKey> QueueRekeyedSave(redis::Transaction& tx, const v1::Household& before,
                                                        const v1::Household& after, uint64_t event_count,
                                                        const std::vector<v1::Survey>& surveys) const;

  // New households: the record of one, then the index entries of a whole
  // batch, a handful of commands per partition however many households it
  // has (Redis spends much of an import's time per command). The households
  // given to QueueNewIndexes share one partition.
  // With a key ring, the household's new data key is queued with it and
  // returned, for its surveys.
  std::optional<personal_data::AesKey> QueueNewRecord(redis::Transaction& tx, const v1::Household& household,
                                                      uint64_t event_count) const;
  struct NewHousehold {
    const v1::Household* household;
    // NameIndexEntries(*household), computed ahead (an import prepares its
    // next batch while this one commits).
    const std::vector<std::string>* name_entries;
  };
  void QueueNewIndexes(redis::Transaction& tx, const std::vector<NewHousehold>& households) const;
  // The code of each new household, on the ward's slot (with its claims).
  void QueueNewCodes(redis::Transaction& tx, const std::vector<const v1::Household*>& households) const;

  const RegistryKeys& keys() const { return keys_; }

 private:
  // The group, status and names index changes from `before` to `after`.
  void QueueIndexChanges(redis::Transaction& tx, const v1::Household& before,
                         const v1::Household& after) const;

 public:
 private:
  redis::Connection& redis_;
  const RegistryKeys& keys_;
  int64_t claim_lifetime_seconds_;
  std::optional<personal_data::HouseholdDataKeys> data_keys_;

  void QueueRecord(redis::Transaction& tx, const v1::Household& household, uint64_t event_count,
                   const std::optional<personal_data::AesKey>& data_key) const;
};

// The CCCDs `household` holds: its members' numbers while it is active, none
// otherwise.
std::set<std::string> NationalIdsHeldBy(const v1::Household* household);

// Folded name words of a household's members, as stored in the names index:
// "<word>|<household id>", each word once per household.
std::vector<std::string> NameIndexEntries(const v1::Household& household);
std::string NameIndexEntry(std::string_view word, std::string_view household_id);
// The household of a names index entry, of this form or of the
// "<word>|<household id>|<member id>" of earlier versions; "" when neither.
std::string HouseholdOfNameIndexEntry(std::string_view entry);

}  // namespace ansinh::registry
