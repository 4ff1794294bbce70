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

void QueueSaveOrganization(redis::Transaction& tx, const v1::Organization& organization) {
  tx.Add({"HSET", std::string(AssignmentKeys::kOrganizations), organization.id(),
          organization.SerializeAsString()});
}

void QueueSaveHelper(redis::Transaction& tx, const v1::Helper& helper) {
  tx.Add({"HSET", std::string(AssignmentKeys::kHelpers), helper.id(), helper.SerializeAsString()});
}

void QueueLoadDelta(redis::Transaction& tx, const LoadDelta& delta) {
  for (const auto& [id, amount] : delta.organizations) {
    tx.Add({"HINCRBY", std::string(AssignmentKeys::kOrganizationLoads), id, std::to_string(amount)});
  }
  for (const auto& [id, amount] : delta.helpers) {
    tx.Add({"HINCRBY", std::string(AssignmentKeys::kHelperLoads), id, std::to_string(amount)});
  }
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
