#include "ward_stack.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <iostream>
#include <sstream>
#include <string_view>

#include "events/envelope_codec.h"
#include "redis/redis_connection.h"
#include "service_log.h"

namespace ansinh::testkit {
namespace {

constexpr size_t kFailureLogLines = 40;

bool CurrentTestFailed() {
  const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
  return test != nullptr && test->result()->Failed();
}

// The data files each service reads at start-up, as deploy/local/run.sh passes them.
std::vector<std::string> DataFileFlags(const std::string& service) {
  const std::string root = ANSINH_SOURCE_DIR;
  if (service == "classification") return {"--standards-dir", root + "/services/classification/standards"};
  if (service == "assignment") {
    return {"--organizations-file", root + "/services/assignment/config/demo_organizations.json"};
  }
  if (service == "monitoring")
    return {"--targets-file", root + "/services/monitoring/config/targets.textproto"};
  return {};
}

// `defaults` (flag, value pairs) without the flags `extra` gives again: the
// services take each file flag once, so a test's own organizations file, say,
// replaces the demo one instead of being refused as a second value.
std::vector<std::string> WithoutFlagsGivenIn(const std::vector<std::string>& defaults,
                                             const std::vector<std::string>& extra) {
  std::vector<std::string> kept;
  for (size_t i = 0; i + 1 < defaults.size(); i += 2) {
    if (std::find(extra.begin(), extra.end(), defaults[i]) != extra.end()) continue;
    kept.insert(kept.end(), {defaults[i], defaults[i + 1]});
  }
  return kept;
}

}  // namespace

const std::vector<std::string>& WardStack::ServiceNames() {
  static const std::vector<std::string> kNames{"registry", "classification", "assignment", "monitoring"};
  return kNames;
}

WardStack::WardStack(std::map<std::string, std::vector<std::string>> extra_args)
    : redis_(std::make_unique<RedisServer>(dir_.path())), extra_args_(std::move(extra_args)) {
  tokens_file_ = tokens_.WriteFile(dir_.path());
}

WardStack::WardStack(OnRedisCluster, std::map<std::string, std::vector<std::string>> extra_args)
    : cluster_(std::make_unique<RedisCluster>(dir_.path() + "/cluster")), extra_args_(std::move(extra_args)) {
  tokens_file_ = tokens_.WriteFile(dir_.path());
}

RedisServer& WardStack::redis() {
  if (!redis_) throw std::logic_error("this stack runs on a Redis Cluster: use cluster()");
  return *redis_;
}

RedisCluster& WardStack::cluster() {
  if (!cluster_) throw std::logic_error("this stack runs on a single Redis: use redis()");
  return *cluster_;
}

const RedisBackend& WardStack::backend() const {
  if (redis_) return *redis_;
  return *cluster_;
}

redis::RedisOptions WardStack::RedisAdminOptions(const std::string& client_name) const {
  return redis_ ? redis_->Options(client_name) : cluster_->Options(client_name);
}

WardStack::~WardStack() {
  // Every service runs as its own Redis user (deploy/local/redis-acl/): a
  // command its rules refuse is a permission production would lack too,
  // even where the service only logged it and retried.
  for (const std::string& denial : redis_ ? redis_->AclDenials() : cluster_->AclDenials()) {
    ADD_FAILURE() << "Redis refused a service user by its ACL: " << denial;
  }
  if (!CurrentTestFailed()) return;
  for (const auto& name : ServiceNames()) {
    for (ServiceProcess* instance : instances(name)) {
      const std::deque<std::string> problems = ProblemLines(instance->log(), kFailureLogLines);
      std::cerr << "---- " << name << " at " << instance->address() << ": " << problems.size()
                << " last warnings and errors of its log ----\n";
      for (const std::string& line : problems) std::cerr << line << "\n";
    }
  }
}

std::unique_ptr<ServiceProcess> WardStack::MakeService(const std::string& name,
                                                       const std::vector<std::string>& extra) {
  std::vector<std::string> flags = WithoutFlagsGivenIn(DataFileFlags(name), extra);
  // Monitoring signs the audit log's tree heads with a key in the stack's
  // directory, shared by its instances (created by the first).
  if (name == "monitoring")
    flags.insert(flags.end(), {"--tree-head-key-file", dir_.path() + "/tree-head.key"});
  flags.insert(flags.end(), extra.begin(), extra.end());
  return std::make_unique<ServiceProcess>(name, backend(), tokens_file_, dir_.path(), flags);
}

void WardStack::Start() {
  if (redis_) {
    redis_->Start();
  } else {
    cluster_->Start();
  }
  for (const auto& name : ServiceNames()) {
    services_[name] = MakeService(name, extra_args_[name]);
    services_[name]->Start();
  }
}

void WardStack::Restart(const std::string& name, std::vector<std::string> extra_args) {
  services_.at(name)->Terminate();
  extra_args_[name] = std::move(extra_args);
  services_[name] = MakeService(name, extra_args_[name]);
  services_[name]->Start();
}

ServiceProcess& WardStack::AddInstance(const std::string& name, std::vector<std::string> extra_args) {
  std::vector<std::string> flags = extra_args_[name];
  flags.insert(flags.end(), extra_args.begin(), extra_args.end());
  auto& added = added_instances_[name];
  added.push_back(MakeService(name, flags));
  added.back()->Start();
  return *added.back();
}

std::vector<ServiceProcess*> WardStack::instances(const std::string& name) {
  std::vector<ServiceProcess*> all;
  if (auto first = services_.find(name); first != services_.end()) all.push_back(first->second.get());
  for (const auto& added : added_instances_[name]) all.push_back(added.get());
  return all;
}

std::map<std::string, long long> WardStack::StreamLengths() {
  std::map<std::string, long long> lengths;
  if (cluster_) {
    for (const int master : cluster_->MasterPorts()) AddStreamLengths(*cluster_->Node(master), lengths);
  } else {
    redis::Connection redis(redis_->Options());
    AddStreamLengths(redis, lengths);
  }
  return lengths;
}

std::map<std::string, long long> WardStack::ChangeCounts() {
  std::map<std::string, long long> counts;
  if (cluster_) {
    for (const int master : cluster_->MasterPorts()) AddStreamLengths(*cluster_->Node(master), counts, false);
  } else {
    redis::Connection redis(redis_->Options());
    AddStreamLengths(redis, counts, false);
  }
  return counts;
}

namespace {

// Entries of `stream` that are not personal-data reads (an entry that is no
// event, a dead letter's say, counts).
long long ChangesIn(redis::Connection& redis, const std::string& stream) {
  long long changes = 0;
  const redis::Reply entries = redis.Command({"XRANGE", stream, "-", "+"});
  for (const redis::Reply& item : entries.elements) {
    std::string error;
    const std::optional<v1::EventEnvelope> event = events::DecodeEntry(events::ParseEntryReply(item), &error);
    if (!event || !event->event_type().ends_with(".personal_data_read.v1")) ++changes;
  }
  return changes;
}

}  // namespace

void WardStack::AddStreamLengths(redis::Connection& redis, std::map<std::string, long long>& lengths,
                                 bool reads_too) {
  std::string cursor = "0";
  do {
    redis::Reply page = redis.Command({"SCAN", cursor, "TYPE", "stream", "COUNT", "1000"});
    cursor = page.elements.at(0).str;
    for (const redis::Reply& key : page.elements.at(1).elements) {
      // Monitoring's audit outboxes are streams too, but no event is
      // published there: monitoring fills them as it consumes.
      if (key.str.find(":monitoring:audit-outbox") != std::string::npos) continue;
      const long long length =
          reads_too ? redis.Command({"XLEN", key.str}).AsInteger() : ChangesIn(redis, key.str);
      if (length > 0) lengths[key.str] = length;
    }
  } while (cursor != "0");
}

}  // namespace ansinh::testkit
