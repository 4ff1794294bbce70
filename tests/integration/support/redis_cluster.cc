#include "redis_cluster.h"

#include "redis_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "redis/redis_error.h"
#include "redis/slot_map.h"

namespace ansinh::testkit {
namespace {

bool CanBindLoopback(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  const bool bound = bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
  close(fd);
  return bound;
}

// A port whose cluster bus port (+10000) is free too. Both are taken below
// the kernel's ephemeral range (32768 and up), so no outgoing connection of
// another test sits on them; FreePort() cannot promise the +10000 one.
int FreeClusterPortPair() {
  static std::mt19937 random{std::random_device{}()};
  std::uniform_int_distribution<int> pick(20000, 22700);
  for (int attempt = 0; attempt < 1000; ++attempt) {
    const int port = pick(random);
    if (CanBindLoopback(port) && CanBindLoopback(port + 10000)) return port;
  }
  throw std::runtime_error("no free port pair (port, port + 10000) for a cluster node");
}

struct NodeLine {
  std::string id;
  int port = 0;
  std::string flags;
  std::string master_id;
  bool serves_slots = false;
};

// CLUSTER NODES: "<id> <ip>:<port>@<bus> <flags> <master-id|-> <ping> <pong> <epoch> <link> <slots>..."
std::vector<NodeLine> ParseClusterNodes(const std::string& text) {
  std::vector<NodeLine> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::vector<std::string> fields;
    for (std::string word; words >> word;) fields.push_back(word);
    if (fields.size() < 8) continue;
    NodeLine node;
    node.id = fields[0];
    const std::string& address = fields[1];
    const size_t colon = address.rfind(':');
    node.port = std::stoi(address.substr(colon + 1, address.find('@') - colon - 1));
    node.flags = fields[2];
    node.master_id = fields[3];
    node.serves_slots = fields.size() > 8;
    lines.push_back(node);
  }
  return lines;
}

bool HasFlag(const NodeLine& node, const std::string& flag) {
  return ("," + node.flags + ",").find("," + flag + ",") != std::string::npos;
}

}  // namespace

RedisCluster::RedisCluster(const std::string& dir, int masters, int replicas_per_master)
    : dir_(dir),
      masters_(masters),
      replicas_per_master_(replicas_per_master),
      accounts_(dir, "test-cluster-password") {
  const int count = masters * (1 + replicas_per_master);
  for (int i = 0; i < count; ++i) {
    ClusterNode node;
    node.dir = dir_ + "/node-" + std::to_string(i);
    std::filesystem::create_directories(node.dir);
    node.process = std::make_unique<ChildProcess>();
    nodes_.push_back(std::move(node));
  }
}

RedisCluster::~RedisCluster() {
  for (ClusterNode& node : nodes_) node.process->Kill();
}

std::vector<int> RedisCluster::ports() const {
  std::vector<int> ports;
  for (const ClusterNode& node : nodes_) ports.push_back(node.port);
  return ports;
}

redis::RedisOptions RedisCluster::Options(const std::string& client_name) const {
  redis::RedisOptions options;
  options.port = nodes_.front().port;
  options.password = accounts_.admin_password();
  options.client_name = client_name;
  options.cluster = true;
  return options;
}

std::unique_ptr<redis::Connection> RedisCluster::Node(int port) const {
  redis::RedisOptions options;
  options.port = port;
  options.password = accounts_.admin_password();
  options.client_name = "cluster-admin";
  options.connect_timeout = std::chrono::milliseconds(300);
  return std::make_unique<redis::Connection>(options);
}

std::vector<std::string> RedisCluster::AclDenials() const {
  std::vector<std::string> denials;
  for (const ClusterNode& node : nodes_) {
    if (!node.alive) continue;
    const auto admin = Node(node.port);
    for (std::string& denial : AclDenialsOf(*admin)) denials.push_back(std::move(denial));
  }
  return denials;
}

RedisCluster::ClusterNode& RedisCluster::NodeAt(int port) {
  for (ClusterNode& node : nodes_) {
    if (node.port == port) return node;
  }
  throw std::invalid_argument("no cluster node on port " + std::to_string(port));
}

void RedisCluster::Launch(ClusterNode& node) {
  std::vector<std::string> argv{
      "/usr/bin/redis-server", "--port", std::to_string(node.port), "--bind", "127.0.0.1", "--dir", node.dir,
      "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
      // Short, so a dead master is noticed and replaced within seconds.
      "--cluster-node-timeout", "2000", "--appendonly", "yes", "--appendfsync", "always", "--save", "",
      "--masterauth", accounts_.admin_password(), "--maxmemory-policy", "noeviction", "--daemonize", "no"};
  const std::vector<std::string> accounts = accounts_.ServerArguments();
  argv.insert(argv.end(), accounts.begin(), accounts.end());
  node.process->Start(argv, node.dir + "/redis.log");
}

bool RedisCluster::WaitForNode(const ClusterNode& node) const {
  const auto probe = Node(node.port);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    if (probe->Ping()) return true;
    if (!node.process->running()) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

void RedisCluster::Start() {
  for (ClusterNode& node : nodes_) {
    constexpr int kAttempts = 5;
    for (int attempt = 1;; ++attempt) {
      node.port = FreeClusterPortPair();
      Launch(node);
      if (WaitForNode(node)) break;
      const std::string log = node.process->ReadLog();
      if (log.find("Address already in use") == std::string::npos || attempt == kAttempts) {
        throw std::runtime_error("cluster node did not start: " + log);
      }
      node.process->Kill();
    }
    node.alive = true;
  }
  CreateCluster();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!(WaitUntilOk(std::chrono::milliseconds(500)) && ReplicasInSync())) {
    if (std::chrono::steady_clock::now() > deadline)
      throw std::runtime_error("the cluster did not become ok");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

void RedisCluster::CreateCluster() {
  std::vector<std::string> argv{"/usr/bin/redis-cli", "-a",        accounts_.admin_password(),
                                "--no-auth-warning",  "--cluster", "create"};
  for (const ClusterNode& node : nodes_) argv.push_back("127.0.0.1:" + std::to_string(node.port));
  argv.insert(argv.end(), {"--cluster-replicas", std::to_string(replicas_per_master_), "--cluster-yes"});
  ChildProcess create;
  create.Start(argv, dir_ + "/cluster-create.log");
  const std::optional<int> status = create.Wait(std::chrono::seconds(60));
  if (!status || *status != 0)
    throw std::runtime_error("redis-cli --cluster create failed: " + create.ReadLog());
}

bool RedisCluster::ReplicasInSync() const {
  for (int master : MasterPorts()) {
    const std::string info = Node(master)->Command({"INFO", "replication"}).str;
    int online = 0;
    for (size_t at = info.find("state=online"); at != std::string::npos;
         at = info.find("state=online", at + 1)) {
      ++online;
    }
    if (online < replicas_per_master_) return false;
  }
  return true;
}

bool RedisCluster::WaitUntilOk(std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  do {
    bool ok = true;
    std::optional<redis::SlotMap> first;
    try {
      for (const ClusterNode& node : nodes_) {
        if (!node.alive) continue;
        const auto connection = Node(node.port);
        if (connection->Command({"CLUSTER", "INFO"}).str.find("cluster_state:ok") == std::string::npos) {
          ok = false;
          break;
        }
        redis::SlotMap map = redis::SlotMap::FromClusterSlots(connection->Command({"CLUSTER", "SLOTS"}));
        if (!first) {
          first = std::move(map);
          continue;
        }
        for (int slot = 0; slot < redis::kClusterSlotCount && ok; ++slot) {
          const redis::NodeAddress* a = first->MasterOf(slot);
          const redis::NodeAddress* b = map.MasterOf(slot);
          ok = a != nullptr && b != nullptr && *a == *b;
        }
        if (!ok) break;
      }
    } catch (const redis::RedisError&) {
      ok = false;
    }
    if (ok) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  } while (std::chrono::steady_clock::now() < deadline);
  return false;
}

int RedisCluster::AnyLivePort() const {
  for (const ClusterNode& node : nodes_) {
    if (node.alive) return node.port;
  }
  throw std::runtime_error("no live cluster node");
}

int RedisCluster::MasterOfSlot(int slot) const {
  const redis::SlotMap map =
      redis::SlotMap::FromClusterSlots(Node(AnyLivePort())->Command({"CLUSTER", "SLOTS"}));
  const redis::NodeAddress* master = map.MasterOf(slot);
  if (master == nullptr) throw std::runtime_error("no master serves slot " + std::to_string(slot));
  return master->port;
}

std::vector<int> RedisCluster::MasterPorts() const {
  std::vector<int> ports;
  for (const NodeLine& line : ParseClusterNodes(Node(AnyLivePort())->Command({"CLUSTER", "NODES"}).str)) {
    if (HasFlag(line, "master") && !HasFlag(line, "fail") && line.serves_slots) ports.push_back(line.port);
  }
  return ports;
}

int RedisCluster::SlotsOf(int port) const {
  const redis::SlotMap map =
      redis::SlotMap::FromClusterSlots(Node(AnyLivePort())->Command({"CLUSTER", "SLOTS"}));
  int slots = 0;
  for (int slot = 0; slot < 16384; ++slot) {
    const redis::NodeAddress* master = map.MasterOf(slot);
    if (master != nullptr && master->port == port) ++slots;
  }
  return slots;
}

int RedisCluster::ReplicaOf(int master_port) const {
  const std::vector<NodeLine> lines =
      ParseClusterNodes(Node(AnyLivePort())->Command({"CLUSTER", "NODES"}).str);
  std::string master_id;
  for (const NodeLine& line : lines) {
    if (line.port == master_port) master_id = line.id;
  }
  for (const NodeLine& line : lines) {
    if (HasFlag(line, "slave") && !HasFlag(line, "fail") && line.master_id == master_id) return line.port;
  }
  return -1;
}

std::string RedisCluster::NodeId(int port) const { return Node(port)->Command({"CLUSTER", "MYID"}).str; }

void RedisCluster::Kill(int port) {
  ClusterNode& node = NodeAt(port);
  node.process->Kill();
  node.alive = false;
}

void RedisCluster::Restart(int port) {
  ClusterNode& node = NodeAt(port);
  Launch(node);
  if (!WaitForNode(node))
    throw std::runtime_error("cluster node did not restart: " + node.process->ReadLog());
  node.alive = true;
}

std::vector<int> RedisCluster::KillReplicasOf(int master_port) {
  const std::string master_id = NodeId(master_port);
  std::vector<int> killed;
  for (const NodeLine& line : ParseClusterNodes(Node(AnyLivePort())->Command({"CLUSTER", "NODES"}).str)) {
    if (HasFlag(line, "slave") && line.master_id == master_id && NodeAt(line.port).alive) {
      Kill(line.port);
      killed.push_back(line.port);
    }
  }
  return killed;
}

void RedisCluster::Failover(int replica_port, bool takeover) {
  redis::Args command{"CLUSTER", "FAILOVER"};
  if (takeover) command.push_back("TAKEOVER");
  Node(replica_port)->Command(command);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (Node(replica_port)->Command({"INFO", "replication"}).str.find("role:master") == std::string::npos) {
    if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("the replica was not promoted");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (!WaitUntilOk(std::chrono::seconds(30)))
    throw std::runtime_error("the cluster is not ok after failover");
}

void RedisCluster::BeginSlotMigration(int slot, int to_port) {
  const int from_port = MasterOfSlot(slot);
  const std::string slot_text = std::to_string(slot);
  Node(to_port)->Command({"CLUSTER", "SETSLOT", slot_text, "IMPORTING", NodeId(from_port)});
  Node(from_port)->Command({"CLUSTER", "SETSLOT", slot_text, "MIGRATING", NodeId(to_port)});
}

void RedisCluster::MigrateKeys(int slot, int to_port, const std::vector<std::string>& keys) {
  if (keys.empty()) return;
  redis::Args migrate{"MIGRATE", "127.0.0.1", std::to_string(to_port),    "",    "0",
                      "5000",    "AUTH",      accounts_.admin_password(), "KEYS"};
  migrate.insert(migrate.end(), keys.begin(), keys.end());
  Node(MasterOfSlot(slot))->Command(migrate);
}

void RedisCluster::FinishSlotMigration(int slot, int to_port) {
  const std::string slot_text = std::to_string(slot);
  const std::string target = NodeId(to_port);
  // The target first, then the source, then everyone (as redis-cli does).
  const int from_port = MasterOfSlot(slot);
  Node(to_port)->Command({"CLUSTER", "SETSLOT", slot_text, "NODE", target});
  Node(from_port)->Command({"CLUSTER", "SETSLOT", slot_text, "NODE", target});
  for (int master : MasterPorts()) {
    if (master != to_port && master != from_port)
      Node(master)->Command({"CLUSTER", "SETSLOT", slot_text, "NODE", target});
  }
  if (!WaitUntilOk(std::chrono::seconds(30)))
    throw std::runtime_error("the cluster is not ok after moving a slot");
}

void RedisCluster::Reshard(int from_port, int to_port, int slots) {
  std::vector<std::string> argv{"/usr/bin/redis-cli",
                                "-a",
                                accounts_.admin_password(),
                                "--no-auth-warning",
                                "--cluster",
                                "reshard",
                                "127.0.0.1:" + std::to_string(from_port),
                                "--cluster-from",
                                NodeId(from_port),
                                "--cluster-to",
                                NodeId(to_port),
                                "--cluster-slots",
                                std::to_string(slots),
                                "--cluster-pipeline",
                                "100",
                                "--cluster-yes"};
  ChildProcess reshard;
  reshard.Start(argv, dir_ + "/cluster-reshard.log");
  const std::optional<int> status = reshard.Wait(std::chrono::seconds(240));
  if (!status || *status != 0)
    throw std::runtime_error("redis-cli --cluster reshard failed: " + reshard.ReadLog());
  if (!WaitUntilOk(std::chrono::seconds(30)))
    throw std::runtime_error("the cluster did not settle after resharding");
}

void RedisCluster::MoveSlot(int slot, int to_port) {
  BeginSlotMigration(slot, to_port);
  const int from_port = MasterOfSlot(slot);
  while (true) {
    const redis::Reply keys =
        Node(from_port)->Command({"CLUSTER", "GETKEYSINSLOT", std::to_string(slot), "100"});
    if (keys.elements.empty()) break;
    std::vector<std::string> names;
    for (const redis::Reply& key : keys.elements) names.push_back(key.str);
    MigrateKeys(slot, to_port, names);
  }
  FinishSlotMigration(slot, to_port);
}

}  // namespace ansinh::testkit
