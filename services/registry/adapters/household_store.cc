#include "registry/adapters/household_store.h"

#include <set>
#include <sstream>

#include "redis/redis_error.h"
#include "registry/core/search_folding.h"

namespace ansinh::registry {
namespace {

std::optional<StoredHousehold> ParseStored(const redis::Reply& reply) {
  // HMGET record events
  if (!reply.IsArray() || reply.elements.size() < 2 || reply.elements[0].IsNil()) return std::nullopt;
  StoredHousehold stored;
  if (!stored.household.ParseFromString(reply.elements[0].str)) {
    throw redis::ReplyError("stored household record is corrupt");
  }
  stored.event_count = reply.elements[1].IsNil() ? 0 : std::stoull(reply.elements[1].str);
  return stored;
}

bool HoldsNationalIds(const v1::Household& household) {
  return household.status() == v1::HOUSEHOLD_STATUS_ACTIVE;
}

std::set<std::string> NationalIdsOf(const v1::Household* household) {
  std::set<std::string> ids;
  if (household == nullptr || !HoldsNationalIds(*household)) return ids;
  for (const auto& member : household->members()) {
    if (!member.national_id().empty()) ids.insert(member.national_id());
  }
  return ids;
}

}  // namespace

std::vector<std::string> NameIndexEntries(const v1::Household& household) {
  std::vector<std::string> entries;
  for (const auto& member : household.members()) {
    std::istringstream words(FoldForSearch(member.full_name()));
    std::string word;
    std::set<std::string> seen;
    while (words >> word) {
      if (seen.insert(word).second) {
        entries.push_back(word + "|" + household.household_id() + "|" + member.member_id());
      }
    }
  }
  return entries;
}

std::optional<StoredHousehold> HouseholdStore::Load(const std::string& household_id) {
  return ParseStored(redis_.Command({"HMGET", keys_.Household(household_id), "record", "events"}));
}

std::vector<std::optional<StoredHousehold>> HouseholdStore::LoadMany(
    const std::vector<std::string>& ids) {
  std::vector<redis::Args> commands;
  commands.reserve(ids.size());
  for (const auto& id : ids) commands.push_back({"HMGET", keys_.Household(id), "record", "events"});
  std::vector<std::optional<StoredHousehold>> households;
  households.reserve(ids.size());
  for (const auto& reply : redis_.Pipeline(commands)) {
    if (reply.IsError()) throw redis::ReplyError(reply.str);
    households.push_back(ParseStored(reply));
  }
  return households;
}

std::vector<v1::Survey> HouseholdStore::LoadSurveys(const std::string& household_id) {
  std::vector<v1::Survey> surveys;
  for (const auto& item : redis_.Command({"LRANGE", keys_.Surveys(household_id), "0", "-1"}).elements) {
    v1::Survey survey;
    if (!survey.ParseFromString(item.str)) throw redis::ReplyError("stored survey is corrupt");
    surveys.push_back(std::move(survey));
  }
  return surveys;
}

std::optional<std::string> HouseholdStore::HouseholdIdByCode(const std::string& code) {
  redis::Reply reply = redis_.Command({"HGET", std::string(RegistryKeys::kCodes), code});
  if (reply.IsNil()) return std::nullopt;
  return reply.str;
}

std::vector<std::string> HouseholdStore::HoldersOfNationalIds(
    const std::vector<std::string>& national_ids) {
  std::vector<std::string> holders(national_ids.size());
  if (national_ids.empty()) return holders;
  redis::Args command{"HMGET", std::string(RegistryKeys::kNationalIds)};
  command.insert(command.end(), national_ids.begin(), national_ids.end());
  redis::Reply reply = redis_.Command(command);
  for (size_t i = 0; i < holders.size() && i < reply.elements.size(); ++i) {
    if (!reply.elements[i].IsNil()) holders[i] = reply.elements[i].str;
  }
  return holders;
}

std::vector<std::string> HouseholdStore::AllocateHouseholdIds(int count) {
  const long long last =
      redis_.Command({"INCRBY", std::string(RegistryKeys::kNextId), std::to_string(count)}).AsInteger();
  std::vector<std::string> ids;
  for (long long number = last - count + 1; number <= last; ++number) {
    ids.push_back(RegistryKeys::FormatHouseholdId(number));
  }
  return ids;
}

int64_t HouseholdStore::NextCodeSequence(const std::string& residential_group) {
  return redis_
      .Command({"HINCRBY", std::string(RegistryKeys::kCodeSequences), residential_group, "1"})
      .AsInteger();
}

void HouseholdStore::QueueSave(redis::Transaction& tx, const v1::Household* before,
                               const v1::Household& after, uint64_t event_count) const {
  const std::string& id = after.household_id();
  tx.Add({"HSET", keys_.Household(id), "record", after.SerializeAsString(), "events",
          std::to_string(event_count)});
  const std::string score = std::to_string(RegistryKeys::NumericId(id));
  if (before == nullptr) {
    tx.Add({"ZADD", std::string(RegistryKeys::kIndexAll), score, id});
    tx.Add({"HSET", std::string(RegistryKeys::kCodes), after.code(), id});
  }
  if (before == nullptr || before->residential_group() != after.residential_group()) {
    if (before != nullptr) tx.Add({"ZREM", RegistryKeys::GroupIndex(before->residential_group()), id});
    tx.Add({"ZADD", RegistryKeys::GroupIndex(after.residential_group()), score, id});
  }

  const std::set<std::string> old_ids = NationalIdsOf(before);
  const std::set<std::string> new_ids = NationalIdsOf(&after);
  for (const auto& national_id : old_ids) {
    if (!new_ids.contains(national_id)) {
      tx.Add({"HDEL", std::string(RegistryKeys::kNationalIds), national_id});
    }
  }
  for (const auto& national_id : new_ids) {
    if (!old_ids.contains(national_id)) {
      tx.Add({"HSET", std::string(RegistryKeys::kNationalIds), national_id, id});
    }
  }

  std::vector<std::string> old_names = before ? NameIndexEntries(*before) : std::vector<std::string>{};
  std::vector<std::string> new_names = NameIndexEntries(after);
  std::set<std::string> old_set(old_names.begin(), old_names.end());
  std::set<std::string> new_set(new_names.begin(), new_names.end());
  redis::Args removed{"ZREM", std::string(RegistryKeys::kNames)};
  redis::Args added{"ZADD", std::string(RegistryKeys::kNames)};
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

}  // namespace ansinh::registry
