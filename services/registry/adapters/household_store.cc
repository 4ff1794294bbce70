#include "registry/adapters/household_store.h"

#include <map>
#include <set>

#include "redis/redis_error.h"
#include "registry/core/household_code.h"
#include "registry/core/household_id.h"
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
    // Folded names are single-space separated words (FoldForSearch).
    const std::string folded = FoldForSearch(member.full_name());
    std::set<std::string_view> seen;
    size_t start = 0;
    while (start < folded.size()) {
      size_t end = folded.find(' ', start);
      if (end == std::string::npos) end = folded.size();
      const std::string_view word(folded.data() + start, end - start);
      if (!word.empty() && seen.insert(word).second) {
        std::string entry;
        entry.reserve(word.size() + household.household_id().size() + member.member_id().size() + 2);
        entry.append(word)
            .append("|")
            .append(household.household_id())
            .append("|")
            .append(member.member_id());
        entries.push_back(std::move(entry));
      }
      start = end + 1;
    }
  }
  return entries;
}

std::optional<StoredHousehold> HouseholdStore::Load(const std::string& household_id) {
  return ParseStored(redis_.Command({"HMGET", keys_.Household(household_id), "record", "events"}));
}

std::vector<std::optional<StoredHousehold>> HouseholdStore::LoadMany(const std::vector<std::string>& ids) {
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

std::vector<std::string> HouseholdStore::HoldersOfNationalIds(const std::vector<std::string>& national_ids) {
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

void HouseholdStore::QueueSave(redis::Transaction& tx, const v1::Household& before,
                               const v1::Household& after, uint64_t event_count) const {
  const std::string& id = after.household_id();
  QueueNewRecord(tx, after, event_count);
  const std::string score = std::to_string(HouseholdIdNumber(id));
  // Stored households always have a group number (validated); -1 never matches.
  const int old_group = ResidentialGroupNumber(before.residential_group()).value_or(-1);
  const int new_group = ResidentialGroupNumber(after.residential_group()).value_or(-1);
  if (old_group != new_group) {
    if (old_group >= 0) tx.Add({"ZREM", RegistryKeys::GroupIndex(old_group), id});
    if (new_group >= 0) tx.Add({"ZADD", RegistryKeys::GroupIndex(new_group), score, id});
  }
  if (before.status() != after.status()) {
    tx.Add({"ZREM", RegistryKeys::StatusIndex(before.status()), id});
    tx.Add({"ZADD", RegistryKeys::StatusIndex(after.status()), score, id});
  }

  const std::set<std::string> old_ids = NationalIdsOf(&before);
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

  std::vector<std::string> old_names = NameIndexEntries(before);
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

void HouseholdStore::QueueNewRecord(redis::Transaction& tx, const v1::Household& household,
                                    uint64_t event_count) const {
  tx.Add({"HSET", keys_.Household(household.household_id()), "record", household.SerializeAsString(),
          "events", std::to_string(event_count)});
}

void HouseholdStore::QueueNewIndexes(redis::Transaction& tx,
                                     const std::vector<NewHousehold>& households) const {
  if (households.empty()) return;
  redis::Args all{"ZADD", std::string(RegistryKeys::kIndexAll)};
  redis::Args codes{"HSET", std::string(RegistryKeys::kCodes)};
  redis::Args national_ids{"HSET", std::string(RegistryKeys::kNationalIds)};
  redis::Args names{"ZADD", std::string(RegistryKeys::kNames)};
  std::map<std::string, redis::Args> by_status;
  std::map<int, redis::Args> by_group;
  for (const auto& [household, name_entries] : households) {
    const std::string& id = household->household_id();
    const std::string score = std::to_string(HouseholdIdNumber(id));
    all.insert(all.end(), {score, id});
    codes.insert(codes.end(), {household->code(), id});
    const std::string status_index = RegistryKeys::StatusIndex(household->status());
    auto [status, status_new] = by_status.try_emplace(status_index);
    if (status_new) status->second = {"ZADD", status_index};
    status->second.insert(status->second.end(), {score, id});
    if (const std::optional<int> number = ResidentialGroupNumber(household->residential_group())) {
      auto [group, group_new] = by_group.try_emplace(*number);
      if (group_new) group->second = {"ZADD", RegistryKeys::GroupIndex(*number)};
      group->second.insert(group->second.end(), {score, id});
    }
    for (const std::string& national_id : NationalIdsOf(household)) {
      national_ids.insert(national_ids.end(), {national_id, id});
    }
    for (const std::string& entry : *name_entries) {
      names.push_back("0");
      names.push_back(entry);
    }
  }
  tx.Add(std::move(all));
  tx.Add(std::move(codes));
  for (auto& [index, command] : by_status) tx.Add(std::move(command));
  for (auto& [number, command] : by_group) tx.Add(std::move(command));
  if (national_ids.size() > 2) tx.Add(std::move(national_ids));
  if (names.size() > 2) tx.Add(std::move(names));
}

}  // namespace ansinh::registry
