#include "registry/adapters/household_store.h"

#include <chrono>
#include <map>
#include <random>
#include <set>

#include "personal_data/personal_fields.h"
#include "personal_data/sealed_record.h"
#include "redis/redis_error.h"
#include "registry/core/household_code.h"
#include "registry/core/household_id.h"
#include "registry/core/search_folding.h"

namespace ansinh::registry {
namespace {

// A record or survey read back whole, or a failure that names why: a sealed
// one that cannot be opened would otherwise read as a household without
// names, and be saved so.
template <typename Record>
void ReadWhole(const std::string& stored, Record& record,
               const std::optional<personal_data::AesKey>& data_key, const std::string& what) {
  switch (personal_data::ReadStoredRecord(stored, record, data_key ? &*data_key : nullptr)) {
    case personal_data::RecordRead::kPlain:
    case personal_data::RecordRead::kOpened:
      return;
    case personal_data::RecordRead::kPersonalFieldsSealed:
      throw personal_data::DataKeyUnavailable(what + " has its personal fields sealed and " +
                                              (data_key
                                                   ? "its data key does not open them"
                                                   : "no data key is at hand (--personal-data-keys-dir)"));
    case personal_data::RecordRead::kCorrupt:
      throw redis::ReplyError(what + " is corrupt");
  }
}

// HMGET record events, and the household's data key when sealing (or null).
std::optional<StoredHousehold> ParseStored(const redis::Reply& reply, const redis::Reply* key_reply,
                                           const std::optional<personal_data::HouseholdDataKeys>& data_keys,
                                           const std::string& household_id) {
  if (!reply.IsArray() || reply.elements.size() < 2 || reply.elements[0].IsNil()) return std::nullopt;
  StoredHousehold stored;
  if (key_reply != nullptr && data_keys) stored.data_key = data_keys->FromReply(*key_reply, household_id);
  ReadWhole(reply.elements[0].str, stored.household, stored.data_key,
            "the record of household " + household_id);
  stored.event_count = reply.elements[1].IsNil() ? 0 : std::stoull(reply.elements[1].str);
  return stored;
}

bool RecordHoldsNationalId(const std::optional<StoredHousehold>& stored, const std::string& national_id) {
  return stored && NationalIdsHeldBy(&stored->household).contains(national_id);
}

// Tells one claim from another of the same household and second: six
// base-36 characters from a per-thread generator.
std::string NewClaimNonce() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::uniform_int_distribution<int> digit(0, 35);
  std::string nonce(6, '0');
  for (char& c : nonce) c = kDigits[digit(generator)];
  return nonce;
}

}  // namespace

std::set<std::string> NationalIdsHeldBy(const v1::Household* household) {
  std::set<std::string> ids;
  if (household == nullptr || household->status() != v1::HOUSEHOLD_STATUS_ACTIVE) return ids;
  for (const auto& member : household->members()) {
    if (!member.national_id().empty()) ids.insert(member.national_id());
  }
  return ids;
}

std::vector<std::string> NameIndexEntries(const v1::Household& household) {
  // One entry per word and household, whichever members share it (a family
  // name is often everyone's): the search checks the members' own names on
  // the records it loads.
  std::set<std::string> entries;
  for (const auto& member : household.members()) {
    // Folded names are single-space separated words (FoldForSearch).
    const std::string folded = FoldForSearch(member.full_name());
    size_t start = 0;
    while (start < folded.size()) {
      size_t end = folded.find(' ', start);
      if (end == std::string::npos) end = folded.size();
      if (end > start)
        entries.insert(
            NameIndexEntry(std::string_view(folded).substr(start, end - start), household.household_id()));
      start = end + 1;
    }
  }
  return {entries.begin(), entries.end()};
}

std::string NameIndexEntry(std::string_view word, std::string_view household_id) {
  std::string entry;
  entry.reserve(word.size() + household_id.size() + 1);
  return entry.append(word).append("|").append(household_id);
}

std::string HouseholdOfNameIndexEntry(std::string_view entry) {
  const size_t bar = entry.find('|');
  if (bar == std::string_view::npos) return "";
  const std::string_view rest = entry.substr(bar + 1);
  return std::string(rest.substr(0, rest.find('|')));
}

std::optional<StoredHousehold> HouseholdStore::Load(const std::string& household_id) {
  return LoadMany({household_id}).front();
}

std::vector<std::optional<StoredHousehold>> HouseholdStore::LoadMany(const std::vector<std::string>& ids) {
  // Each record with its data key when sealing: one round trip for all.
  const size_t per_household = data_keys_ ? 2 : 1;
  std::vector<redis::Args> commands;
  commands.reserve(ids.size() * per_household);
  for (const auto& id : ids) {
    commands.push_back({"HMGET", keys_.Household(id), "record", "events"});
    if (data_keys_)
      commands.push_back(personal_data::HouseholdDataKeys::ReadCommand(keys_.PartitionOf(id), id));
  }
  const std::vector<redis::Reply> replies = redis_.Pipeline(commands);
  std::vector<std::optional<StoredHousehold>> households;
  households.reserve(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    const redis::Reply& reply = replies[i * per_household];
    if (reply.IsError()) throw redis::ReplyError(reply.str);
    households.push_back(
        ParseStored(reply, data_keys_ ? &replies[i * per_household + 1] : nullptr, data_keys_, ids[i]));
  }
  return households;
}

std::vector<v1::Survey> HouseholdStore::LoadSurveys(const std::string& household_id) {
  std::vector<redis::Args> commands{{"LRANGE", keys_.Surveys(household_id), "0", "-1"}};
  if (data_keys_) {
    commands.push_back(
        personal_data::HouseholdDataKeys::ReadCommand(keys_.PartitionOf(household_id), household_id));
  }
  const std::vector<redis::Reply> replies = redis_.Pipeline(commands);
  std::optional<personal_data::AesKey> data_key;
  if (data_keys_) data_key = data_keys_->FromReply(replies[1], household_id);
  std::vector<v1::Survey> surveys;
  for (const auto& item : replies[0].elements) {
    v1::Survey survey;
    ReadWhole(item.str, survey, data_key, "a survey of household " + household_id);
    surveys.push_back(std::move(survey));
  }
  return surveys;
}

std::string HouseholdStore::StoredSurveyBytes(const v1::Survey& survey,
                                              const std::optional<personal_data::AesKey>& data_key) {
  return data_key ? personal_data::StoredRecordBytes(survey, survey.household_id(), *data_key)
                  : survey.SerializeAsString();
}

std::optional<std::string> HouseholdStore::HouseholdIdByCode(const std::string& code) {
  redis::Reply reply = redis_.Command({"HGET", std::string(RegistryKeys::kCodes), code});
  if (reply.IsNil()) return std::nullopt;
  return reply.str;
}

int64_t HouseholdStore::NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::vector<HouseholdStore::NationalIdStanding> HouseholdStore::StandingsOf(
    const std::vector<NationalIdAsk>& asks) {
  std::vector<NationalIdStanding> standings(asks.size());
  if (asks.empty()) return standings;
  redis::Args command{"HMGET", std::string(RegistryKeys::kNationalIds)};
  for (const NationalIdAsk& ask : asks) command.push_back(ask.national_id);
  const redis::Reply reply = redis_.Command(command);
  std::vector<std::optional<NationalIdClaim>> claims(asks.size());
  // The records of the households other claimants' numbers are claimed by:
  // they live in other slots, so they are read, not WATCHed (the claim
  // deadline covers a record about to be written).
  std::vector<std::string> named;
  std::map<std::string, size_t> named_at;
  for (size_t i = 0; i < asks.size() && i < reply.elements.size(); ++i) {
    if (reply.elements[i].IsNil()) continue;
    claims[i] = ParseNationalIdClaim(reply.elements[i].str);
    if (claims[i] && claims[i]->household_id != asks[i].claimant &&
        named_at.try_emplace(claims[i]->household_id, named.size()).second) {
      named.push_back(claims[i]->household_id);
    }
  }
  const std::vector<std::optional<StoredHousehold>> records =
      named.empty() ? std::vector<std::optional<StoredHousehold>>{} : LoadMany(named);
  const int64_t now = NowSeconds();
  for (size_t i = 0; i < asks.size(); ++i) {
    HolderRecord holder = HolderRecord::kLacksNumber;
    if (claims[i]) {
      standings[i].holder = claims[i]->household_id;
      auto found = named_at.find(claims[i]->household_id);
      if (found != named_at.end() && RecordHoldsNationalId(records[found->second], asks[i].national_id)) {
        holder = HolderRecord::kHoldsNumber;
      }
    }
    standings[i].standing = StandingOfClaim(claims[i], asks[i].claimant, holder, now);
    if (standings[i].standing == ClaimStanding::kFree) standings[i].holder.clear();
  }
  return standings;
}

std::vector<std::string> HouseholdStore::HoldersOfNationalIds(const std::vector<std::string>& national_ids) {
  std::vector<NationalIdAsk> asks;
  asks.reserve(national_ids.size());
  for (const std::string& national_id : national_ids) asks.push_back({national_id, ""});
  std::vector<std::string> holders(national_ids.size());
  const std::vector<NationalIdStanding> standings = StandingsOf(asks);
  for (size_t i = 0; i < standings.size(); ++i) {
    if (!MayClaim(standings[i].standing)) holders[i] = standings[i].holder;
  }
  return holders;
}

void HouseholdStore::QueueClaims(redis::Transaction& tx, const std::vector<NationalIdAsk>& asks) const {
  if (asks.empty()) return;
  const int64_t pending_until = NowSeconds() + claim_lifetime_seconds_;
  const std::string nonce = NewClaimNonce();
  redis::Args command{"HSET", std::string(RegistryKeys::kNationalIds)};
  for (const NationalIdAsk& ask : asks) {
    command.push_back(ask.national_id);
    command.push_back(FormatNationalIdClaim({ask.claimant, pending_until, nonce}));
  }
  tx.Add(std::move(command));
}

std::vector<std::string> HouseholdStore::ClaimsOn(const std::vector<std::string>& national_ids) {
  std::vector<std::string> values(national_ids.size());
  if (national_ids.empty()) return values;
  redis::Args read{"HMGET", std::string(RegistryKeys::kNationalIds)};
  read.insert(read.end(), national_ids.begin(), national_ids.end());
  const redis::Reply claims = redis_.Command(read);
  for (size_t i = 0; i < values.size() && i < claims.elements.size(); ++i) {
    if (!claims.elements[i].IsNil()) values[i] = claims.elements[i].str;
  }
  return values;
}

void HouseholdStore::ReleaseClaims(const std::vector<std::string>& national_ids,
                                   const std::vector<std::string>& seen_before,
                                   const std::string& household_id) {
  if (national_ids.empty()) return;
  for (int attempt = 0; attempt < kMaxHouseholdWriteAttempts; ++attempt) {
    redis_.Command({"WATCH", std::string(RegistryKeys::kNationalIds)});
    const std::vector<std::string> claims = ClaimsOn(national_ids);
    // Read after the WATCH, so a claim written meanwhile aborts the delete.
    const std::optional<StoredHousehold> record = Load(household_id);
    const std::set<std::string> held =
        record ? NationalIdsHeldBy(&record->household) : std::set<std::string>{};
    redis::Args release{"HDEL", std::string(RegistryKeys::kNationalIds)};
    for (size_t i = 0; i < national_ids.size(); ++i) {
      const std::optional<NationalIdClaim> claim = ParseNationalIdClaim(claims[i]);
      // Only the very claim seen before the household's write: a claim made
      // since (another change of the same household bringing the number
      // back, another household taking it over) is not this release's.
      if (claim && claim->household_id == household_id && claims[i] == seen_before[i] &&
          !held.contains(national_ids[i])) {
        release.push_back(national_ids[i]);
      }
    }
    if (release.size() == 2) {
      redis_.Command({"UNWATCH"});
      return;
    }
    redis::Transaction tx;
    tx.Add(std::move(release));
    try {
      tx.Exec(redis_);
      return;
    } catch (const redis::TransactionAborted&) {
    }
  }
  // Left as they are, the claims are stale: the next claimant takes them.
}

std::vector<HouseholdStore::Identity> HouseholdStore::AllocateIdentities(
    const std::vector<std::string>& residential_groups) {
  std::vector<Identity> identities(residential_groups.size());
  if (residential_groups.empty()) return identities;
  // How many codes each group number needs, in order of first appearance.
  std::vector<int> numbers;
  std::map<int, int64_t> wanted;
  for (const std::string& group : residential_groups) {
    const int number = ResidentialGroupNumber(group).value();
    if (wanted[number]++ == 0) numbers.push_back(number);
  }
  std::vector<redis::Args> commands;
  commands.push_back(
      {"INCRBY", std::string(RegistryKeys::kNextId), std::to_string(residential_groups.size())});
  for (int number : numbers) {
    commands.push_back({"HINCRBY", std::string(RegistryKeys::kCodeSequences), std::to_string(number),
                        std::to_string(wanted[number])});
  }
  std::vector<redis::Reply> replies = redis_.Pipeline(commands);
  for (const auto& reply : replies) {
    if (reply.IsError()) throw redis::ReplyError(reply.str);
  }
  // Each counter now holds the last number handed out; count back from it.
  long long next_id = replies[0].AsInteger() - static_cast<long long>(residential_groups.size()) + 1;
  std::map<int, int64_t> next_sequence;
  for (size_t i = 0; i < numbers.size(); ++i) {
    next_sequence[numbers[i]] = replies[i + 1].AsInteger() - wanted[numbers[i]] + 1;
  }
  for (size_t i = 0; i < residential_groups.size(); ++i) {
    const int number = ResidentialGroupNumber(residential_groups[i]).value();
    identities[i].household_id = FormatHouseholdId(next_id++);
    identities[i].code = MakeHouseholdCode(residential_groups[i], next_sequence[number]++).value();
  }
  return identities;
}

std::optional<personal_data::AesKey> HouseholdStore::QueueSave(
    redis::Transaction& tx, const v1::Household& before, const v1::Household& after, uint64_t event_count,
    const std::optional<personal_data::AesKey>& data_key) const {
  const std::string& id = after.household_id();
  const int partition = keys_.PartitionOf(id);
  const std::optional<personal_data::AesKey> sealing_key =
      data_key || !data_keys_ ? data_key : data_keys_->QueueNew(tx, partition, id);
  QueueRecord(tx, after, event_count, sealing_key);
  QueueIndexChanges(tx, before, after);
  return sealing_key;
}

void HouseholdStore::QueueErasure(redis::Transaction& tx, const v1::Household& before,
                                  const v1::Household& after, uint64_t event_count,
                                  const std::vector<v1::Survey>& surveys) const {
  const std::string& id = after.household_id();
  QueueRecord(tx, after, event_count, std::nullopt);
  QueueIndexChanges(tx, before, after);
  tx.Add({"HDEL", personal_data::HouseholdDataKeys::KeysKey(keys_.PartitionOf(id)), id});
  tx.Add({"DEL", keys_.Surveys(id)});
  if (surveys.empty()) return;
  redis::Args rpush{"RPUSH", keys_.Surveys(id)};
  for (v1::Survey survey : surveys) {
    personal_data::DropPersonalFields(survey);
    rpush.push_back(survey.SerializeAsString());
  }
  tx.Add(std::move(rpush));
}

std::optional<personal_data::AesKey> HouseholdStore::QueueRekeyedSave(
    redis::Transaction& tx, const v1::Household& before, const v1::Household& after, uint64_t event_count,
    const std::vector<v1::Survey>& surveys) const {
  const std::string& id = after.household_id();
  // QueueNew overwrites the household's wrapped key: the old one is gone
  // with this transaction.
  const std::optional<personal_data::AesKey> data_key =
      data_keys_ ? std::optional(data_keys_->QueueNew(tx, keys_.PartitionOf(id), id)) : std::nullopt;
  QueueRecord(tx, after, event_count, data_key);
  QueueIndexChanges(tx, before, after);
  tx.Add({"DEL", keys_.Surveys(id)});
  if (surveys.empty()) return data_key;
  redis::Args rpush{"RPUSH", keys_.Surveys(id)};
  for (const v1::Survey& survey : surveys) rpush.push_back(StoredSurveyBytes(survey, data_key));
  tx.Add(std::move(rpush));
  return data_key;
}

void HouseholdStore::QueueIndexChanges(redis::Transaction& tx, const v1::Household& before,
                                       const v1::Household& after) const {
  const std::string& id = after.household_id();
  const int partition = keys_.PartitionOf(id);
  const std::string score = std::to_string(HouseholdIdNumber(id));
  // Stored households always have a group number (validated); -1 never matches.
  const int old_group = ResidentialGroupNumber(before.residential_group()).value_or(-1);
  const int new_group = ResidentialGroupNumber(after.residential_group()).value_or(-1);
  if (old_group != new_group) {
    if (old_group >= 0) tx.Add({"ZREM", RegistryKeys::GroupIndex(partition, old_group), id});
    if (new_group >= 0) tx.Add({"ZADD", RegistryKeys::GroupIndex(partition, new_group), score, id});
  }
  if (before.status() != after.status()) {
    tx.Add({"ZREM", RegistryKeys::StatusIndex(partition, before.status()), id});
    tx.Add({"ZADD", RegistryKeys::StatusIndex(partition, after.status()), score, id});
  }

  std::vector<std::string> old_names = NameIndexEntries(before);
  std::vector<std::string> new_names = NameIndexEntries(after);
  std::set<std::string> old_set(old_names.begin(), old_names.end());
  std::set<std::string> new_set(new_names.begin(), new_names.end());
  redis::Args removed{"ZREM", RegistryKeys::Names(partition)};
  redis::Args added{"ZADD", RegistryKeys::Names(partition)};
  for (const auto& entry : old_set) {
    if (!new_set.contains(entry)) removed.push_back(entry);
  }
  for (const auto& entry : new_set) {
    if (!old_set.contains(entry)) {
      added.push_back("0");
      added.push_back(entry);
    }
  }
  if (removed.size() > 2) tx.Add(std::move(removed));
  if (added.size() > 2) tx.Add(std::move(added));
}

std::optional<personal_data::AesKey> HouseholdStore::QueueNewRecord(redis::Transaction& tx,
                                                                    const v1::Household& household,
                                                                    uint64_t event_count) const {
  const std::string& id = household.household_id();
  std::optional<personal_data::AesKey> data_key;
  if (data_keys_) data_key = data_keys_->QueueNew(tx, keys_.PartitionOf(id), id);
  QueueRecord(tx, household, event_count, data_key);
  return data_key;
}

void HouseholdStore::QueueRecord(redis::Transaction& tx, const v1::Household& household, uint64_t event_count,
                                 const std::optional<personal_data::AesKey>& data_key) const {
  const std::string& id = household.household_id();
  tx.Add(
      {"HSET", keys_.Household(id), "record",
       data_key ? personal_data::StoredRecordBytes(household, id, *data_key) : household.SerializeAsString(),
       "events", std::to_string(event_count)});
}

void HouseholdStore::QueueNewIndexes(redis::Transaction& tx,
                                     const std::vector<NewHousehold>& households) const {
  if (households.empty()) return;
  const int partition = keys_.PartitionOf(households.front().household->household_id());
  redis::Args all{"ZADD", RegistryKeys::IndexAll(partition)};
  redis::Args names{"ZADD", RegistryKeys::Names(partition)};
  std::map<std::string, redis::Args> by_status;
  std::map<int, redis::Args> by_group;
  for (const auto& [household, name_entries] : households) {
    const std::string& id = household->household_id();
    const std::string score = std::to_string(HouseholdIdNumber(id));
    all.insert(all.end(), {score, id});
    const std::string status_index = RegistryKeys::StatusIndex(partition, household->status());
    auto [status, status_new] = by_status.try_emplace(status_index);
    if (status_new) status->second = {"ZADD", status_index};
    status->second.insert(status->second.end(), {score, id});
    if (const std::optional<int> number = ResidentialGroupNumber(household->residential_group())) {
      auto [group, group_new] = by_group.try_emplace(*number);
      if (group_new) group->second = {"ZADD", RegistryKeys::GroupIndex(partition, *number)};
      group->second.insert(group->second.end(), {score, id});
    }
    for (const std::string& entry : *name_entries) {
      names.push_back("0");
      names.push_back(entry);
    }
  }
  tx.Add(std::move(all));
  for (auto& [index, command] : by_status) tx.Add(std::move(command));
  for (auto& [number, command] : by_group) tx.Add(std::move(command));
  if (names.size() > 2) tx.Add(std::move(names));
}

void HouseholdStore::QueueNewCodes(redis::Transaction& tx,
                                   const std::vector<const v1::Household*>& households) const {
  if (households.empty()) return;
  redis::Args codes{"HSET", std::string(RegistryKeys::kCodes)};
  for (const v1::Household* household : households) {
    codes.insert(codes.end(), {household->code(), household->household_id()});
  }
  tx.Add(std::move(codes));
}

}  // namespace ansinh::registry
