#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "redis_cluster.h"
#include "redis_server.h"
#include "service_process.h"
#include "test_tokens.h"

namespace ansinh::testkit {

// The whole system as `make run` starts it, on free ports in a temporary
// directory: a real redis-server and the four real service binaries, each
// with the data files from the source tree.
class WardStack {
 public:
  static const std::vector<std::string>& ServiceNames();

  // `extra_args` adds flags per service, e.g. {"classification",
  // {"--today-override", "2025-11-03"}}; one of the stack's data-file flags
  // given there (e.g. assignment's --organizations-file) replaces the stack's.
  explicit WardStack(std::map<std::string, std::vector<std::string>> extra_args = {});
  // The same stack on a Redis Cluster of 3 masters with a replica each (the
  // services with --redis-cluster, each as its own ACL user on every node),
  // as `make run CLUSTER=1` runs it.
  struct OnRedisCluster {};
  explicit WardStack(OnRedisCluster, std::map<std::string, std::vector<std::string>> extra_args = {});
  // When the running test has failed, prints each service's warnings and
  // errors before the temporary directory (and its logs) goes: CI keeps
  // only the test output, so that is where a failure must explain itself.
  ~WardStack();

  void Start();
  ServiceProcess& service(const std::string& name) { return *services_.at(name); }
  // Stops one service and starts it again with other extra flags.
  void Restart(const std::string& name, std::vector<std::string> extra_args);
  // Starts one more instance of `name` beside the first, with the stack's
  // flags for it plus `extra_args` (e.g. {"--instance-id", "2"}), on its own
  // port, in the same consumer group. Stopped with the stack.
  ServiceProcess& AddInstance(const std::string& name, std::vector<std::string> extra_args);
  // The first instance and every added one, in the order started.
  std::vector<ServiceProcess*> instances(const std::string& name);
  // The single Redis; a stack on a cluster has none (see cluster()).
  RedisServer& redis();
  RedisCluster& cluster();
  // Admin options for either: cluster mode on a cluster.
  redis::RedisOptions RedisAdminOptions(const std::string& client_name = "ansinh-test") const;
  const TestTokens& tokens() const { return tokens_; }
  const std::string& dir() const { return dir_.path(); }
  // Every non-empty stream in Redis (events, replays, dead letters) with its
  // length: taken before and after a refused call, it shows nothing was
  // written. Empty streams are left out: a consumer creates its group's
  // streams empty (XGROUP CREATE ... MKSTREAM) whenever it gets to it, which
  // may be after the first reading, and an empty stream carries nothing.
  // Monitoring's audit outboxes are left out: it fills them as it consumes.
  std::map<std::string, long long> StreamLengths();
  // The same, counting only what changed something: every entry but the
  // personal-data reads (<service>.personal_data_read.v1), which the reads
  // of a test's own checks publish too (docs/monitoring.md).
  std::map<std::string, long long> ChangeCounts();

 private:
  std::unique_ptr<ServiceProcess> MakeService(const std::string& name, const std::vector<std::string>& extra);

  const RedisBackend& backend() const;
  // Every non-empty stream on one node, as StreamLengths counts them.
  static void AddStreamLengths(redis::Connection& redis, std::map<std::string, long long>& lengths,
                               bool reads_too = true);

  TempDir dir_;
  // One of the two.
  std::unique_ptr<RedisServer> redis_;
  std::unique_ptr<RedisCluster> cluster_;
  TestTokens tokens_;
  std::string tokens_file_;
  std::map<std::string, std::vector<std::string>> extra_args_;
  std::map<std::string, std::unique_ptr<ServiceProcess>> services_;
  std::map<std::string, std::vector<std::unique_ptr<ServiceProcess>>> added_instances_;
};

}  // namespace ansinh::testkit
