#include "redis/slot_map.h"

#include <algorithm>

#include "redis/redis_error.h"

namespace ansinh::redis {
namespace {

NodeAddress NodeOfEntry(const Reply& entry, const NodeAddress& fallback_host) {
  if (!entry.IsArray() || entry.elements.size() < 2 || entry.elements[1].type != Reply::Type::kInteger) {
    throw ReplyError("CLUSTER SLOTS: a node entry is not [host, port, ...]");
  }
  NodeAddress node{entry.elements[0].str, static_cast<int>(entry.elements[1].integer)};
  // An empty host (or "?") means "the address you reached me on".
  if (node.host.empty() || node.host == "?") node.host = fallback_host.host;
  return node;
}

}  // namespace

SlotMap SlotMap::FromClusterSlots(const Reply& reply, const std::string& asked_host) {
  if (!reply.IsArray()) throw ReplyError("CLUSTER SLOTS: expected an array reply");
  SlotMap map;
  const NodeAddress unknown_host{asked_host, 0};
  for (const Reply& range : reply.elements) {
    if (!range.IsArray() || range.elements.size() < 3 || range.elements[0].type != Reply::Type::kInteger ||
        range.elements[1].type != Reply::Type::kInteger) {
      throw ReplyError("CLUSTER SLOTS: a range is not [start, end, master, replicas...]");
    }
    const long long start = range.elements[0].integer;
    const long long end = range.elements[1].integer;
    if (start < 0 || end >= kClusterSlotCount || start > end) {
      throw ReplyError("CLUSTER SLOTS: slot range " + std::to_string(start) + "-" + std::to_string(end) +
                       " is out of bounds");
    }
    const uint16_t shard = map.ShardOf(NodeOfEntry(range.elements[2], unknown_host));
    for (size_t i = 3; i < range.elements.size(); ++i) {
      NodeAddress replica = NodeOfEntry(range.elements[i], unknown_host);
      auto& replicas = map.shards_[shard].replicas;
      if (std::find(replicas.begin(), replicas.end(), replica) == replicas.end()) replicas.push_back(replica);
    }
    for (long long slot = start; slot <= end; ++slot) map.slot_shard_[static_cast<size_t>(slot)] = shard;
  }
  return map;
}

uint16_t SlotMap::ShardOf(const NodeAddress& master) {
  for (size_t i = 0; i < shards_.size(); ++i) {
    if (shards_[i].master == master) return static_cast<uint16_t>(i);
  }
  shards_.push_back(Shard{master, {}});
  return static_cast<uint16_t>(shards_.size() - 1);
}

const NodeAddress* SlotMap::MasterOf(int slot) const {
  if (slot < 0 || slot >= kClusterSlotCount) return nullptr;
  const uint16_t shard = slot_shard_[static_cast<size_t>(slot)];
  return shard == kNoShard ? nullptr : &shards_[shard].master;
}

std::vector<NodeAddress> SlotMap::ReplicasOf(int slot) const {
  if (slot < 0 || slot >= kClusterSlotCount) return {};
  const uint16_t shard = slot_shard_[static_cast<size_t>(slot)];
  return shard == kNoShard ? std::vector<NodeAddress>{} : shards_[shard].replicas;
}

std::vector<NodeAddress> SlotMap::Masters() const {
  std::vector<NodeAddress> masters;
  for (const Shard& shard : shards_) masters.push_back(shard.master);
  return masters;
}

void SlotMap::Assign(int slot, const NodeAddress& master) {
  if (slot < 0 || slot >= kClusterSlotCount) return;
  slot_shard_[static_cast<size_t>(slot)] = ShardOf(master);
}

}  // namespace ansinh::redis
