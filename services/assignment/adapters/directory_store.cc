#include "assignment/adapters/directory_store.h"

#include <spdlog/spdlog.h>

#include <charconv>
#include <vector>

#include "assignment/adapters/assignment_environment.h"
#include "assignment/adapters/assignment_keys.h"
#include "assignment/adapters/event_publishing.h"
#include "assignment/adapters/helper_claims.h"
#include "assignment/adapters/key_migration.h"
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

}  // namespace

namespace {

// Adds one partition's counters (HGETALL or HMGET reply) to `sums`.
void AddCounters(const redis::Reply& reply, std::map<std::string, int, std::less<>>& sums,
                 const std::vector<std::string>* fields) {
  if (reply.IsError()) throw redis::ReplyError(reply.str);
  const auto add = [&sums](const std::string& id, const redis::Reply& count) {
    if (count.IsNil()) return;
    int value = 0;
    auto [end, error] = std::from_chars(count.str.data(), count.str.data() + count.str.size(), value);
    if (error != std::errc() || end != count.str.data() + count.str.size()) {
      throw redis::ReplyError("load counter " + id + " is not a number: " + count.str);
    }
    sums[id] += value;
  };
  if (fields == nullptr) {
    for (std::size_t i = 0; i + 1 < reply.elements.size(); i += 2)
      add(reply.elements[i].str, reply.elements[i + 1]);
  } else {
    for (std::size_t i = 0; i < fields->size() && i < reply.elements.size(); ++i)
      add((*fields)[i], reply.elements[i]);
  }
}

// A LoadView has no zeros: counters that went back to zero stay in the hashes.
void DropZeros(std::map<std::string, int, std::less<>>& counters) {
  std::erase_if(counters, [](const auto& entry) { return entry.second == 0; });
}

}  // namespace

DirectorySnapshot ReadDirectorySnapshot(redis::Connection& redis, const AssignmentKeys& keys) {
  std::vector<redis::Args> reads{{"HGETALL", AssignmentKeys::Organizations()},
                                 {"HGETALL", AssignmentKeys::Helpers()}};
  for (int partition = 0; partition < keys.partitions(); ++partition) {
    reads.push_back({"HGETALL", AssignmentKeys::OrganizationLoads(partition)});
    reads.push_back({"HGETALL", AssignmentKeys::HelperLoads(partition)});
  }
  const std::vector<redis::Reply> replies = redis.Pipeline(reads);
  DirectorySnapshot snapshot;
  snapshot.directory = Directory(ParseHashValues<v1::Organization>(replies.at(0), "organization"),
                                 ParseHashValues<v1::Helper>(replies.at(1), "helper"));
  for (std::size_t i = 2; i + 1 < replies.size(); i += 2) {
    AddCounters(replies[i], snapshot.loads.open_cases_by_organization, nullptr);
    AddCounters(replies[i + 1], snapshot.loads.open_cases_by_helper, nullptr);
  }
  DropZeros(snapshot.loads.open_cases_by_organization);
  DropZeros(snapshot.loads.open_cases_by_helper);
  return snapshot;
}

redis::Args DirectoryWatchCommand() {
  return {"WATCH", AssignmentKeys::Organizations(), AssignmentKeys::Helpers()};
}

// Every write of an entry's record goes through these two, and each bumps
// the entry's change counter, which WatchAndReadEntries WATCHes.
void QueueSaveOrganization(redis::Transaction& tx, const v1::Organization& organization) {
  tx.Add({"HSET", AssignmentKeys::Organizations(), organization.id(), organization.SerializeAsString()});
  tx.Add({"INCR", AssignmentKeys::OrganizationChanges(organization.id())});
}

void QueueSaveHelper(redis::Transaction& tx, const v1::Helper& helper) {
  tx.Add({"HSET", AssignmentKeys::Helpers(), helper.id(), helper.SerializeAsString()});
  tx.Add({"INCR", AssignmentKeys::HelperChanges(helper.id())});
}

void QueueLoadDelta(redis::Transaction& tx, int partition, const LoadDelta& delta) {
  for (const auto& [id, amount] : delta.organizations) {
    tx.Add({"HINCRBY", AssignmentKeys::OrganizationLoads(partition), id, std::to_string(amount)});
  }
  for (const auto& [id, amount] : delta.helpers) {
    tx.Add({"HINCRBY", AssignmentKeys::HelperLoads(partition), id, std::to_string(amount)});
  }
}

DirectorySnapshot WatchAndReadEntries(redis::Connection& redis, const AssignmentKeys& keys,
                                      const DirectoryEntries& entries) {
  // WATCH first, then read: a change after the WATCH aborts the caller's
  // transaction, a change before it is read.
  redis::Args watch{"WATCH"};
  for (const std::string& id : entries.organizations)
    watch.push_back(AssignmentKeys::OrganizationChanges(id));
  for (const std::string& id : entries.helpers) {
    watch.push_back(AssignmentKeys::HelperChanges(id));
    watch.push_back(AssignmentKeys::HelperClaims(id));
  }
  const std::vector<std::string> organization_ids(entries.organizations.begin(), entries.organizations.end());
  const std::vector<std::string> helper_ids(entries.helpers.begin(), entries.helpers.end());
  std::vector<redis::Args> records;
  if (watch.size() > 1) records.push_back(std::move(watch));
  const auto fetch = [&records](const std::string& key, const std::vector<std::string>& ids) {
    if (ids.empty()) return;
    redis::Args command{"HMGET", key};
    command.insert(command.end(), ids.begin(), ids.end());
    records.push_back(std::move(command));
  };
  fetch(AssignmentKeys::Organizations(), organization_ids);
  fetch(AssignmentKeys::Helpers(), helper_ids);
  std::vector<redis::Reply> replies = records.empty() ? std::vector<redis::Reply>{} : redis.Pipeline(records);
  for (const redis::Reply& reply : replies) {
    if (reply.IsError()) throw redis::ReplyError(reply.str);
  }
  std::size_t next = !records.empty() && records.front().front() == "WATCH" ? 1 : 0;
  DirectorySnapshot snapshot;
  std::vector<v1::Organization> organizations;
  std::vector<v1::Helper> helpers;
  const auto parse = [&](const std::vector<std::string>& ids, auto& parsed, std::string_view what) {
    if (ids.empty()) return;
    const redis::Reply& values = replies.at(next++);
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const redis::Reply& value = values.elements.at(i);
      if (value.IsNil()) continue;
      typename std::remove_reference_t<decltype(parsed)>::value_type record;
      if (!record.ParseFromString(value.str)) {
        throw redis::ReplyError("stored " + std::string(what) + " " + ids[i] + " is corrupt");
      }
      parsed.push_back(std::move(record));
    }
  };
  parse(organization_ids, organizations, "organization");
  parse(helper_ids, helpers, "helper");

  // The helpers' claims whose case has not committed, then the counters of
  // every partition (in this order: helper_claims.h).
  for (const std::string& id : helper_ids) {
    if (const int claimed = UncommittedClaims(redis, keys, id); claimed > 0) {
      snapshot.loads.open_cases_by_helper[id] += claimed;
    }
  }
  std::vector<redis::Args> loads;
  for (int partition = 0; partition < keys.partitions(); ++partition) {
    if (!organization_ids.empty()) {
      redis::Args command{"HMGET", AssignmentKeys::OrganizationLoads(partition)};
      command.insert(command.end(), organization_ids.begin(), organization_ids.end());
      loads.push_back(std::move(command));
    }
    if (!helper_ids.empty()) {
      redis::Args command{"HMGET", AssignmentKeys::HelperLoads(partition)};
      command.insert(command.end(), helper_ids.begin(), helper_ids.end());
      loads.push_back(std::move(command));
    }
  }
  if (!loads.empty()) {
    const std::vector<redis::Reply> counts = redis.Pipeline(loads);
    std::size_t at = 0;
    for (int partition = 0; partition < keys.partitions(); ++partition) {
      if (!organization_ids.empty())
        AddCounters(counts.at(at++), snapshot.loads.open_cases_by_organization, &organization_ids);
      if (!helper_ids.empty()) AddCounters(counts.at(at++), snapshot.loads.open_cases_by_helper, &helper_ids);
    }
  }
  DropZeros(snapshot.loads.open_cases_by_organization);
  DropZeros(snapshot.loads.open_cases_by_helper);
  snapshot.directory = Directory::Partial(std::move(organizations), std::move(helpers), entries.organizations,
                                          entries.helpers);
  return snapshot;
}

bool DirectorySeeder::EnsureSeeded() {
  if (seeded_.load()) return false;
  std::lock_guard lock(mutex_);
  if (seeded_.load()) return false;
  redis::Connection redis(options_);
  MigrateAssignmentKeys(redis, keys_);
  const std::string organizations_key = AssignmentKeys::Organizations();
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
