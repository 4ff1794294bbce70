#include "assignment/adapters/directory_store.h"

#include <spdlog/spdlog.h>

#include <charconv>
#include <vector>

#include "assignment/adapters/assignment_environment.h"
#include "assignment/adapters/assignment_keys.h"
#include "assignment/adapters/event_publishing.h"
#include "redis/redis_error.h"

namespace ansinh::assignment {
namespace {

constexpr int kMaxSeedAttempts = 8;

template <typename Message>
std::vector<Message> ParseHashValues(const redis::Reply& reply, std::string_view what) {
  if (reply.IsError()) throw redis::ReplyError(reply.str);
  std::vector<Message> items;
  // HGETALL: field, value, field, value, ...
  for (std::size_t i = 1; i < reply.elements.size(); i += 2) {
    Message item;
    if (!item.ParseFromString(reply.elements[i].str)) {
      throw redis::ReplyError("stored " + std::string(what) + " " + reply.elements[i - 1].str +
                              " is corrupt");
    }
    items.push_back(std::move(item));
  }
  return items;
}

std::map<std::string, int, std::less<>> ParseCounters(const redis::Reply& reply) {
  if (reply.IsError()) throw redis::ReplyError(reply.str);
  std::map<std::string, int, std::less<>> counters;
  for (std::size_t i = 1; i < reply.elements.size(); i += 2) {
    const std::string& text = reply.elements[i].str;
    int value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
      throw redis::ReplyError("load counter " + reply.elements[i - 1].str + " is not a number: " + text);
    }
    // Counters that went back to zero stay in the hash; a LoadView has no zeros.
    if (value != 0) counters[reply.elements[i - 1].str] = value;
  }
  return counters;
}

}  // namespace

std::vector<redis::Args> DirectorySnapshotCommands() {
  return {
      {"HGETALL", std::string(AssignmentKeys::kOrganizations)},
      {"HGETALL", std::string(AssignmentKeys::kHelpers)},
      {"HGETALL", std::string(AssignmentKeys::kOrganizationLoads)},
      {"HGETALL", std::string(AssignmentKeys::kHelperLoads)},
  };
}

DirectorySnapshot ReadDirectorySnapshot(redis::Connection& redis) {
  return ParseDirectorySnapshot(redis.Pipeline(DirectorySnapshotCommands()));
}

DirectorySnapshot ParseDirectorySnapshot(std::span<const redis::Reply> replies) {
  if (replies.size() != 4) throw redis::ReplyError("a directory snapshot is four replies");
  for (const redis::Reply& reply : replies) {
    if (reply.IsError()) throw redis::ReplyError(reply.str);
  }
  DirectorySnapshot snapshot;
  snapshot.directory = Directory(ParseHashValues<v1::Organization>(replies[0], "organization"),
                                 ParseHashValues<v1::Helper>(replies[1], "helper"));
  snapshot.loads.open_cases_by_organization = ParseCounters(replies[2]);
  snapshot.loads.open_cases_by_helper = ParseCounters(replies[3]);
  return snapshot;
}

redis::Args DirectoryWatchCommand() {
  return {"WATCH", std::string(AssignmentKeys::kOrganizations), std::string(AssignmentKeys::kHelpers),
          std::string(AssignmentKeys::kOrganizationLoads), std::string(AssignmentKeys::kHelperLoads)};
}

// Every write of an entry's record or load goes through these three, and
// each bumps the entry's change counter, which WatchAndReadEntries WATCHes.
void QueueSaveOrganization(redis::Transaction& tx, const v1::Organization& organization) {
  tx.Add({"HSET", std::string(AssignmentKeys::kOrganizations), organization.id(),
          organization.SerializeAsString()});
  tx.Add({"INCR", AssignmentKeys::OrganizationChanges(organization.id())});
}

void QueueSaveHelper(redis::Transaction& tx, const v1::Helper& helper) {
  tx.Add({"HSET", std::string(AssignmentKeys::kHelpers), helper.id(), helper.SerializeAsString()});
  tx.Add({"INCR", AssignmentKeys::HelperChanges(helper.id())});
}

void QueueLoadDelta(redis::Transaction& tx, const LoadDelta& delta) {
  for (const auto& [id, amount] : delta.organizations) {
    tx.Add({"HINCRBY", std::string(AssignmentKeys::kOrganizationLoads), id, std::to_string(amount)});
    tx.Add({"INCR", AssignmentKeys::OrganizationChanges(id)});
  }
  for (const auto& [id, amount] : delta.helpers) {
    tx.Add({"HINCRBY", std::string(AssignmentKeys::kHelperLoads), id, std::to_string(amount)});
    tx.Add({"INCR", AssignmentKeys::HelperChanges(id)});
  }
}

DirectorySnapshot WatchAndReadEntries(redis::Connection& redis, const DirectoryEntries& entries) {
  redis::Args watch{"WATCH"};
  for (const std::string& id : entries.organizations)
    watch.push_back(AssignmentKeys::OrganizationChanges(id));
  for (const std::string& id : entries.helpers) watch.push_back(AssignmentKeys::HelperChanges(id));
  std::vector<redis::Args> commands;
  if (watch.size() > 1) commands.push_back(std::move(watch));
  const auto fetch = [&commands](std::string_view key, const std::set<std::string, std::less<>>& ids) {
    if (ids.empty()) return;
    redis::Args command{"HMGET", std::string(key)};
    command.insert(command.end(), ids.begin(), ids.end());
    commands.push_back(std::move(command));
  };
  fetch(AssignmentKeys::kOrganizations, entries.organizations);
  fetch(AssignmentKeys::kOrganizationLoads, entries.organizations);
  fetch(AssignmentKeys::kHelpers, entries.helpers);
  fetch(AssignmentKeys::kHelperLoads, entries.helpers);
  const std::vector<redis::Reply> replies =
      commands.empty() ? std::vector<redis::Reply>{} : redis.Pipeline(commands);
  for (const redis::Reply& reply : replies) {
    if (reply.IsError()) throw redis::ReplyError(reply.str);
  }
  size_t next = commands.empty() || commands.front().front() != "WATCH" ? 0 : 1;
  std::vector<v1::Organization> organizations;
  std::vector<v1::Helper> helpers;
  DirectorySnapshot snapshot;
  const auto parse = [&](const std::set<std::string, std::less<>>& ids, auto& records, auto& loads,
                         std::string_view what) {
    if (ids.empty()) return;
    const redis::Reply& values = replies.at(next++);
    const redis::Reply& counts = replies.at(next++);
    size_t index = 0;
    for (const std::string& id : ids) {
      const redis::Reply& value = values.elements.at(index);
      const redis::Reply& count = counts.elements.at(index);
      ++index;
      if (!value.IsNil()) {
        typename std::remove_reference_t<decltype(records)>::value_type record;
        if (!record.ParseFromString(value.str)) {
          throw redis::ReplyError("stored " + std::string(what) + " " + id + " is corrupt");
        }
        records.push_back(std::move(record));
      }
      if (!count.IsNil()) {
        int load = 0;
        auto [end, error] = std::from_chars(count.str.data(), count.str.data() + count.str.size(), load);
        if (error != std::errc() || end != count.str.data() + count.str.size()) {
          throw redis::ReplyError("load counter " + id + " is not a number: " + count.str);
        }
        if (load != 0) loads[id] = load;
      }
    }
  };
  parse(entries.organizations, organizations, snapshot.loads.open_cases_by_organization, "organization");
  parse(entries.helpers, helpers, snapshot.loads.open_cases_by_helper, "helper");
  snapshot.directory = Directory::Partial(std::move(organizations), std::move(helpers), entries.organizations,
                                          entries.helpers);
  return snapshot;
}

bool DirectorySeeder::EnsureSeeded() {
  if (seeded_.load()) return false;
  std::lock_guard lock(mutex_);
  if (seeded_.load()) return false;
  redis::Connection redis(options_);
  const std::string organizations_key(AssignmentKeys::kOrganizations);
  for (int attempt = 0; attempt < kMaxSeedAttempts; ++attempt) {
    redis.Command({"WATCH", organizations_key});
    if (redis.Command({"HLEN", organizations_key}).AsInteger() > 0) {
      redis.Command({"UNWATCH"});
      seeded_.store(true);
      return false;
    }
    const events::EventContext context{ServiceActor(), "", ""};
    const std::string reason = "seeded from the ward configuration file " + source_;
    redis::Transaction tx;
    std::vector<PublishedEvent> published;
    for (v1::Organization organization : seed_.organizations()) {
      organization.set_version(1);
      QueueSaveOrganization(tx, organization);
      v1::OrganizationUpserted payload;
      *payload.mutable_organization() = organization;
      payload.set_created(true);
      payload.set_reason(reason);
      published.push_back(PublishedEvent{std::string(EventTypeOf(payload)),
                                         std::string(kOrganizationAggregate), organization.id(), 1, "",
                                         std::move(payload)});
    }
    for (v1::Helper helper : seed_.helpers()) {
      helper.set_version(1);
      QueueSaveHelper(tx, helper);
      v1::HelperUpserted payload;
      *payload.mutable_helper() = helper;
      payload.set_created(true);
      payload.set_reason(reason);
      published.push_back(PublishedEvent{std::string(EventTypeOf(payload)), std::string(kHelperAggregate),
                                         helper.id(), 1, "", std::move(payload)});
    }
    QueueEvents(tx, publisher_, context, published);
    try {
      tx.Exec(redis);
    } catch (const redis::TransactionAborted&) {
      continue;  // another replica is seeding: look again
    }
    spdlog::info("seeded the directory from {}: {} organizations, {} helpers", source_,
                 seed_.organizations().size(), seed_.helpers().size());
    seeded_.store(true);
    return true;
  }
  throw redis::ReplyError("could not seed the directory: it kept changing while being seeded");
}

}  // namespace ansinh::assignment
