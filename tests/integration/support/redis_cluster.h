#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "child_process.h"
#include "redis/redis_connection.h"
#include "redis_accounts.h"

namespace ansinh::testkit {

// A real Redis Cluster for one test: `masters` masters with
// `replicas_per_master` replicas each, every node on loopback in its own
// directory under `dir`, with AOF (appendfsync always), a password (also
// masterauth, so replicas can sync) and a short cluster-node-timeout, joined
// with `redis-cli --cluster create` (Debian's redis-tools). Ports are picked
// free together with their cluster bus port (port + 10000), and a node that
// loses its port before binding it is started on another pair.
class RedisCluster : public RedisBackend {
 public:
  explicit RedisCluster(const std::string& dir, int masters = 3, int replicas_per_master = 1);
  ~RedisCluster();
  RedisCluster(const RedisCluster&) = delete;
  RedisCluster& operator=(const RedisCluster&) = delete;

  // Starts the nodes, creates the cluster and waits until every node says
  // cluster_state:ok and every replica is in sync.
  void Start();

  const std::string& password() const { return accounts_.admin_password(); }
  // The seed node a service is given, with --redis-cluster; each node has the
  // services' ACL users, as `make run CLUSTER=1` sets them up.
  int port() const override { return nodes_.front().port; }
  bool cluster() const override { return true; }
  const RedisAccounts& accounts() const override { return accounts_; }
  std::vector<int> ports() const;
  // Cluster-mode options with the first node as seed.
  redis::RedisOptions Options(const std::string& client_name = "ansinh-test") const;
  // A plain single-node connection to one node (for checks and admin).
  std::unique_ptr<redis::Connection> Node(int port) const;

  // What any live node refused a service user because of the ACL.
  std::vector<std::string> AclDenials() const;

  // Asked of a live node now.
  int MasterOfSlot(int slot) const;
  std::vector<int> MasterPorts() const;
  // How many slots the master on `port` serves.
  int SlotsOf(int port) const;
  // A replica of the master on `master_port`; -1 when it has none.
  int ReplicaOf(int master_port) const;

  // SIGKILL, like a crash; Restart starts it again on its port and directory.
  void Kill(int port);
  void Restart(int port);
  // Kills every replica of `master_port` (for tests of WAIT); returns them.
  std::vector<int> KillReplicasOf(int master_port);
  // CLUSTER FAILOVER [TAKEOVER] on a replica; waits until it is a master and
  // the cluster is ok again.
  void Failover(int replica_port, bool takeover = false);

  // Moving a slot by hand, as redis-cli --cluster reshard does, in steps so
  // a test can act mid-migration: IMPORTING on the target, MIGRATING on the
  // source; MIGRATE of the given keys; SETSLOT NODE everywhere.
  void BeginSlotMigration(int slot, int to_port);
  void MigrateKeys(int slot, int to_port, const std::vector<std::string>& keys);
  void FinishSlotMigration(int slot, int to_port);
  // All three, with every key of the slot.
  void MoveSlot(int slot, int to_port);
  // `redis-cli --cluster reshard`: moves `slots` slots of the master on
  // `from_port`, with their keys, to the master on `to_port`; waits until
  // every node agrees again.
  void Reshard(int from_port, int to_port, int slots);

  // True once every live node reports cluster_state:ok and agrees on the
  // owner of every slot.
  bool WaitUntilOk(std::chrono::milliseconds timeout) const;

 private:
  struct ClusterNode {
    int port = 0;
    std::string dir;
    std::unique_ptr<ChildProcess> process;
    bool alive = false;
  };

  void Launch(ClusterNode& node);
  bool WaitForNode(const ClusterNode& node) const;
  void CreateCluster();
  bool ReplicasInSync() const;
  std::string NodeId(int port) const;
  // A live node to ask about the cluster.
  int AnyLivePort() const;
  ClusterNode& NodeAt(int port);

  std::string dir_;
  int masters_;
  int replicas_per_master_;
  RedisAccounts accounts_;
  std::vector<ClusterNode> nodes_;
};

}  // namespace ansinh::testkit
