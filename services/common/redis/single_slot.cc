#include "redis/single_slot.h"

#include "redis/cluster_slot.h"
#include "redis/command_keys.h"
#include "redis/redis_error.h"

namespace ansinh::redis {
namespace {

std::string DescribeKeySlots(const std::vector<std::vector<std::string>>& commands) {
  std::string text;
  for (const auto& command : commands) {
    const std::vector<std::string> keys = KeysOf(command);
    if (keys.empty()) continue;
    text += text.empty() ? "" : "; ";
    text += command[0];
    for (const std::string& key : keys) text += " " + key + "@" + std::to_string(KeySlot(key));
  }
  return text;
}

}  // namespace

int SingleSlotOf(const std::vector<std::vector<std::string>>& commands) {
  int slot = -1;
  for (const auto& command : commands) {
    for (const std::string& key : KeysOf(command)) {
      const int key_slot = KeySlot(key);
      if (slot == -1) {
        slot = key_slot;
      } else if (slot != key_slot) {
        throw CrossSlotError("redis commands span hash slots (key@slot): " + DescribeKeySlots(commands) +
                             "; a transaction must keep to one slot (docs/operations.md, \"Redis Cluster\")");
      }
    }
  }
  return slot;
}

}  // namespace ansinh::redis
