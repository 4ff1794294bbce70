// Least privilege in Redis (docs/security.md, "Redis"): each service's ACL
// user, with the rules of deploy/local/redis-acl/<service>.rules as run.sh and
// the test support apply them, tries every write outside its own key families
// and gets NOPERM each time: a classification user making itself a ward
// officer's token, deleting a revocation or the audit checkpoints, writing
// another service's data, group bookkeeping or streams, and the dangerous
// commands. What it needs still works (the whole suite running the services
// as these users is the main proof; the checks here name each need).
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "assignment/adapters/assignment_keys.h"
#include "auth/issued_tokens.h"
#include "classification/adapters/classification_keys.h"
#include "events/stream_names.h"
#include "monitoring/adapters/monitoring_keys.h"
#include "redis/redis_connection.h"
#include "redis/redis_error.h"
#include "redis_server.h"
#include "registry/adapters/registry_keys.h"

namespace ansinh {
namespace {

constexpr const char* kAclHousehold = "HH-000001";
constexpr const char* kForgedOfficerRecord =
    R"({"role":"ward_officer","name":"forged","token_id":"tok_forged0000000000","issued_at":0})";

// What a service publishes and which streams it consumes
// (docs/architecture.md, "The services and the CLI").
struct ServiceShape {
  std::string name;
  bool publishes;
  std::vector<std::string> consumes;
};

const std::vector<ServiceShape>& AclServices() {
  static const std::vector<ServiceShape> services{
      {"registry", true, {}},
      {"classification", true, {"registry"}},
      {"assignment", true, {"classification"}},
      {"monitoring", false, {"registry", "classification", "assignment"}},
  };
  return services;
}

const ServiceShape& ShapeOf(const std::string& name) {
  return *std::find_if(AclServices().begin(), AclServices().end(),
                       [&](const ServiceShape& shape) { return shape.name == name; });
}

// Writes to a key of each service's own data, by the keys classes the
// services use.
std::vector<redis::Args> OwnDataWrites(const std::string& service) {
  if (service == "registry") {
    const registry::RegistryKeys keys(1);
    return {{"HSET", keys.Household(kAclHousehold), "record", "forged"},
            {"HSET", std::string(registry::RegistryKeys::kNationalIds), "046069000123", kAclHousehold},
            {"DEL", registry::RegistryKeys::IndexAll(0)}};
  }
  if (service == "classification") {
    const classification::ClassificationKeys keys(1);
    return {{"HSET", keys.Status(kAclHousehold), "record", "forged"},
            {"SADD", classification::ClassificationKeys::Surveyed(0), kAclHousehold},
            {"DEL", keys.Round("R-2025-1")}};
  }
  if (service == "assignment") {
    const assignment::AssignmentKeys keys(1);
    return {{"SET", keys.HouseholdLatestCase(kAclHousehold), "CASE-forged"},
            {"HSET", assignment::AssignmentKeys::Organizations(), "womens-union", "forged"},
            {"DEL", assignment::AssignmentKeys::Index(0, assignment::AssignmentKeys::kAllCases)}};
  }
  const monitoring::MonitoringKeys keys(1);
  return {{"RPUSH", keys.Timeline(kAclHousehold), "forged"},
          {"HSET", std::string(monitoring::MonitoringKeys::kExternalFigures), "x|2025", "1"},
          {"DEL", monitoring::MonitoringKeys::OpenReviews(0)}};
}

// Writes to what only the token administrator (the registry) may change.
std::vector<redis::Args> TokenWrites() {
  return {
      // A ward officer's token that never expires, made by hand.
      {"HSET", auth::kIssuedTokensKey, std::string(64, 'a'), kForgedOfficerRecord},
      {"HSET", auth::kTokenIdsKey, "tok_forged0000000000", std::string(64, 'a')},
      // Undoing a revocation.
      {"HDEL", auth::kRevokedTokensKey, "tok_revoked000000000"},
      {"DEL", auth::kRevokedTokensKey},
      {"DEL", auth::kIssuedTokensKey},
      // A script runs with the caller's rules: no way around them.
      {"EVAL", "return redis.call('DEL', 'ansinh:auth:revoked')", "0"},
  };
}

// Writes to the audit chain, its head and its checkpoints: monitoring's alone.
std::vector<redis::Args> AuditWrites() {
  const std::string checkpoints(monitoring::MonitoringKeys::kCheckpoints);
  const std::string entries(monitoring::MonitoringKeys::kAuditEntries);
  const std::string head(monitoring::MonitoringKeys::kAuditHead);
  return {{"DEL", checkpoints},
          {"LTRIM", checkpoints, "0", "0"},
          {"RPUSH", checkpoints, "forged"},
          {"DEL", entries},
          {"LSET", entries, "0", "forged"},
          {"RPUSH", entries, "forged"},
          {"HSET", head, "count", "0"},
          {"DEL", head},
          {"EVAL", "return redis.call('DEL', KEYS[1])", "1", checkpoints}};
}

// Writes to a stream `source` publishes: adding a forged event, deleting,
// trimming, or dropping or rewinding a consumer group.
std::vector<redis::Args> StreamWrites(const std::string& source) {
  const std::string stream = events::EventStream(source, 0);
  return {{"XADD", stream, "*", "type", "forged", "aggregate", kAclHousehold, "envelope", "forged"},
          {"XDEL", stream, "1-1"},
          {"XTRIM", stream, "MAXLEN", "0"},
          {"DEL", stream},
          {"XSETID", stream, "999999999999-0"},
          {"XGROUP", "DESTROY", stream, "monitoring"},
          {"XGROUP", "SETID", stream, "monitoring", "$"}};
}

// Writes to another group's bookkeeping: its applied marks (so it would skip
// events), leases, dead letters and replays.
std::vector<redis::Args> GroupWrites(const std::string& group, const std::string& source) {
  return {{"HSET", events::AppliedKey(group, 0), source + "/household/" + kAclHousehold, "99"},
          {"SET", events::LeaseKey(group, 0), "forged"},
          {"ZADD", events::MembersKey(group), "1", "forged"},
          {"XADD", events::DeadLetterStream(group), "*", "stream", "forged"},
          {"DEL", events::DeadLetterStream(group)},
          {"XADD", events::ReplayStream(group, source, 0), "*", "type", "forged"}};
}

// Commands no service user may run at all, or on keys outside ansinh:*.
std::vector<redis::Args> DangerousCommands() {
  return {{"FLUSHALL"},
          {"FLUSHDB"},
          {"CONFIG", "GET", "requirepass"},
          {"CONFIG", "SET", "appendonly", "no"},
          {"KEYS", "*"},
          {"SCAN", "0"},
          {"RANDOMKEY"},
          {"ACL", "LIST"},
          {"ACL", "SETUSER", "registry", "~*", "+@all"},
          {"INFO"},
          {"SHUTDOWN", "NOSAVE"},
          {"SELECT", "1"},
          {"MONITOR"},
          {"CLIENT", "KILL", "TYPE", "normal"},
          {"FUNCTION", "FLUSH"},
          {"PUBLISH", "ansinh:alerts", "forged"},
          {"SET", "outside:key", "1"},
          {"EVAL", "return redis.call('SET', KEYS[1], '1')", "1", "outside:key"}};
}

// Every write `service` must be refused.
std::vector<redis::Args> ForbiddenFor(const ServiceShape& service) {
  std::vector<redis::Args> forbidden = DangerousCommands();
  const auto add = [&](const std::vector<redis::Args>& more) {
    forbidden.insert(forbidden.end(), more.begin(), more.end());
  };
  if (service.name != "registry") add(TokenWrites());
  if (service.name != "monitoring") add(AuditWrites());
  for (const ServiceShape& other : AclServices()) {
    if (other.name == service.name) continue;
    add(OwnDataWrites(other.name));
    // Consumed or not: a stream is written by its publisher only.
    if (other.publishes) add(StreamWrites(other.name));
    for (const std::string& source : other.consumes) add(GroupWrites(other.name, source));
  }
  return forbidden;
}

// What `service` needs and must keep: its own data and stream, its group's
// bookkeeping, reading tokens, reading and acknowledging what it consumes.
std::vector<redis::Args> PermittedFor(const ServiceShape& service) {
  std::vector<redis::Args> permitted = OwnDataWrites(service.name);
  permitted.push_back({"HGET", auth::kIssuedTokensKey, std::string(64, 'b')});
  permitted.push_back({"HEXISTS", auth::kRevokedTokensKey, "tok_revoked000000000"});
  permitted.push_back({"SET", std::string(events::kPartitionCountKey), "1", "NX"});
  if (service.name == "registry") {
    permitted.push_back({"HSET", auth::kRevokedTokensKey, "tok_new0000000000000", "{}"});
    // Outside consumers' subscriptions (ansinh.v1.Events): the other
    // publishers' streams read with each consumer's own group.
    for (const std::string source : {"classification", "assignment"}) {
      const std::string stream = events::EventStream(source, 0);
      permitted.push_back({"XGROUP", "CREATE", stream, "consumer:acl-test", "0", "MKSTREAM"});
      permitted.push_back(
          {"XREADGROUP", "GROUP", "consumer:acl-test", "subscriber", "COUNT", "10", "STREAMS", stream, ">"});
      permitted.push_back({"XACK", stream, "consumer:acl-test", "1-1"});
    }
  }
  if (service.name == "monitoring") {
    const std::string checkpoints(monitoring::MonitoringKeys::kCheckpoints);
    permitted.push_back({"RPUSH", checkpoints, "checkpoint"});
    permitted.push_back({"HSET", std::string(monitoring::MonitoringKeys::kAuditHead), "count", "1"});
    permitted.push_back({"XLEN", events::DeadLetterStream("classification")});
  }
  if (service.publishes) {
    const std::string stream = events::EventStream(service.name, 0);
    permitted.push_back({"XADD", stream, "*", "type", "own"});
    permitted.push_back({"XTRIM", stream, "MINID", "~", "0"});
    permitted.push_back({"XINFO", "GROUPS", stream});
  }
  for (const std::string& source : service.consumes) {
    const std::string stream = events::EventStream(source, 0);
    const std::string replay = events::ReplayStream(service.name, source, 0);
    permitted.push_back({"XGROUP", "CREATE", stream, service.name, "0", "MKSTREAM"});
    permitted.push_back({"XGROUP", "CREATE", replay, service.name, "0", "MKSTREAM"});
    permitted.push_back({"XREADGROUP", "GROUP", service.name, "acl-test", "COUNT", "10", "STREAMS", stream,
                         replay, "0", "0"});
    permitted.push_back({"XACK", stream, service.name, "1-1"});
    permitted.push_back({"XAUTOCLAIM", stream, service.name, "acl-test", "0", "0-0", "COUNT", "10"});
    permitted.push_back({"XPENDING", stream, service.name});
    permitted.push_back({"XRANGE", stream, "-", "+", "COUNT", "1"});
    permitted.push_back({"XLEN", stream});
    permitted.push_back({"XADD", replay, "*", "type", "replayed"});
    permitted.push_back({"HSET", events::AppliedKey(service.name, 0), source + "/household/x", "1"});
    permitted.push_back({"EVAL", "return redis.call('SET', KEYS[1], ARGV[1], 'PX', 5000)", "1",
                         events::LeaseKey(service.name, 0), "acl-test"});
    permitted.push_back({"ZADD", events::MembersKey(service.name), "1", "acl-test"});
    permitted.push_back({"XADD", events::DeadLetterStream(service.name), "*", "stream", stream});
  }
  return permitted;
}

// NOPERM; a script's own call refused by the ACL fails the script with
// Redis's "The user executing the script can't ..." instead.
bool IsAclRefusal(const std::string& error) {
  return error.find("NOPERM") != std::string::npos ||
         error.find("The user executing the script can't") != std::string::npos;
}

std::string DescribeCommand(const redis::Args& command) {
  std::string text;
  for (const std::string& word : command) text += (text.empty() ? "" : " ") + word.substr(0, 40);
  return text;
}

class RedisServiceAclTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    redis_.Start();
    admin_.emplace(redis_.Options("acl-admin"));
    // Something to lose in every family: each refused write would change it.
    for (const ServiceShape& service : AclServices()) {
      for (const redis::Args& write : OwnDataWrites(service.name)) {
        if (write[0] != "DEL") admin_->Command(write);
      }
      if (service.publishes) {
        const std::string stream = events::EventStream(service.name, 0);
        admin_->Command({"XADD", stream, "*", "type", "real"});
        admin_->Command({"XGROUP", "CREATE", stream, "monitoring", "0"});
      }
    }
    admin_->Command({"HSET", auth::kRevokedTokensKey, "tok_revoked000000000", "{}"});
    admin_->Command({"RPUSH", std::string(monitoring::MonitoringKeys::kCheckpoints), "real"});
    admin_->Command({"RPUSH", std::string(monitoring::MonitoringKeys::kAuditEntries), "real"});
    admin_->Command({"HSET", std::string(monitoring::MonitoringKeys::kAuditHead), "count", "1"});
    keys_before_ = admin_->Command({"DBSIZE"}).integer;
  }

  testkit::TempDir dir_;
  testkit::RedisServer redis_{dir_.path()};
  std::optional<redis::Connection> admin_;  // Redis's default user
  int64_t keys_before_ = 0;
};

TEST_P(RedisServiceAclTest, EveryWriteOutsideItsFamiliesIsRefused) {
  const ServiceShape& service = ShapeOf(GetParam());
  redis::Connection user(redis_.ServiceOptions(service.name, "acl-" + service.name));
  const std::vector<redis::Args> forbidden = ForbiddenFor(service);
  ASSERT_GT(forbidden.size(), 40u);
  for (const redis::Args& command : forbidden) {
    try {
      user.Command(command);
      ADD_FAILURE() << service.name << " may run: " << DescribeCommand(command);
    } catch (const redis::ReplyError& error) {
      EXPECT_TRUE(IsAclRefusal(error.what()))
          << service.name << ": " << DescribeCommand(command) << ": " << error.what();
    }
  }
  // DEBUG is refused before the ACL is consulted (enable-debug-command); ask
  // the ACL itself.
  EXPECT_NE(
      admin_->Command({"ACL", "DRYRUN", service.name, "DEBUG", "SLEEP", "0"}).str.find("no permissions"),
      std::string::npos);
  // Nothing changed: not one key lost, the chain, checkpoints and revocation
  // still there, no forged token.
  EXPECT_EQ(admin_->Command({"DBSIZE"}).integer, keys_before_);
  EXPECT_EQ(admin_->Command({"LLEN", std::string(monitoring::MonitoringKeys::kCheckpoints)}).integer, 1);
  EXPECT_EQ(admin_->Command({"HEXISTS", auth::kRevokedTokensKey, "tok_revoked000000000"}).integer, 1);
  if (service.name != "registry") {
    EXPECT_EQ(admin_->Command({"HLEN", auth::kIssuedTokensKey}).integer, 0);
  }
}

TEST_P(RedisServiceAclTest, WhatTheServiceNeedsStillWorks) {
  const ServiceShape& service = ShapeOf(GetParam());
  redis::Connection user(redis_.ServiceOptions(service.name, "acl-" + service.name));
  for (const redis::Args& command : PermittedFor(service)) {
    try {
      user.Command(command);
    } catch (const redis::ReplyError& error) {
      // The set-up already made monitoring's groups on the published streams.
      if (std::string(error.what()).find("BUSYGROUP") != std::string::npos) continue;
      ADD_FAILURE() << service.name << " was refused " << DescribeCommand(command) << ": " << error.what();
    }
  }
  // A transaction of its own writes and an acknowledgement of what it read,
  // as the consumers commit.
  if (!service.consumes.empty()) {
    const std::string stream = events::EventStream(service.consumes.front(), 0);
    user.Command({"MULTI"});
    user.Command({"HSET", events::AppliedKey(service.name, 0), "x", "1"});
    user.Command({"XACK", stream, service.name, "1-1"});
    const redis::Reply exec = user.Command({"EXEC"});
    EXPECT_EQ(exec.elements.size(), 2u);
  }
}

INSTANTIATE_TEST_SUITE_P(EachService, RedisServiceAclTest,
                         ::testing::Values("registry", "classification", "assignment", "monitoring"),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace ansinh
