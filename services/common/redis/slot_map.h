#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "redis/cluster_slot.h"
#include "redis/redis_reply.h"

namespace ansinh::redis {

struct NodeAddress {
  std::string host;
  int port = 0;
  bool operator==(const NodeAddress&) const = default;
  auto operator<=>(const NodeAddress&) const = default;
  std::string ToString() const { return host + ":" + std::to_string(port); }
};

// Which node serves each hash slot, from a CLUSTER SLOTS reply:
//   [[start, end, [host, port, id, ...] (master), [host, port, id, ...] (replica)...]...]
// A slot no range covers has no owner (the cluster is incomplete).
class SlotMap {
 public:
  SlotMap() { slot_shard_.fill(kNoShard); }
  // Throws ReplyError when the reply does not have that shape. A node listed
  // without a host ("" or "?") is on `asked_host`, the host that answered.
  static SlotMap FromClusterSlots(const Reply& reply, const std::string& asked_host = "127.0.0.1");

  // nullptr when no node serves the slot.
  const NodeAddress* MasterOf(int slot) const;
  std::vector<NodeAddress> ReplicasOf(int slot) const;
  // Every master, each once, in the order of the reply.
  std::vector<NodeAddress> Masters() const;
  bool empty() const { return shards_.empty(); }
  // After a MOVED: the slot is served by `master` from now on.
  void Assign(int slot, const NodeAddress& master);

 private:
  struct Shard {
    NodeAddress master;
    std::vector<NodeAddress> replicas;
  };
  static constexpr uint16_t kNoShard = UINT16_MAX;

  uint16_t ShardOf(const NodeAddress& master);

  std::vector<Shard> shards_;
  std::array<uint16_t, kClusterSlotCount> slot_shard_{};
};

}  // namespace ansinh::redis
