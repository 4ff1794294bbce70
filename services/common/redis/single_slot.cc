#include "redis/single_slot.h"

#include "redis/cluster_slot.h"
#include "redis/command_keys.h"
#include "redis/redis_error.h"

namespace ansinh::redis {
namespace {

using CommandArgs = std::vector<std::string>;

std::string DescribeKeySlots(const CommandArgs* first, const CommandArgs* last) {
  std::string text;
  for (const CommandArgs* command = first; command != last; ++command) {
    const std::vector<size_t> positions = KeyPositions(*command);
    if (positions.empty()) continue;
    text += text.empty() ? "" : "; ";
    text += (*command)[0];
    for (size_t position : positions) {
      text += " " + (*command)[position] + "@" + std::to_string(KeySlot((*command)[position]));
    }
  }
  return text;
}

// Walks the commands in place: a command's arguments (an XADD's payload) are
// never copied on the way to the wire.
int SlotOfCommands(const CommandArgs* first, const CommandArgs* last) {
  int slot = -1;
  for (const CommandArgs* command = first; command != last; ++command) {
    for (size_t position : KeyPositions(*command)) {
      const int key_slot = KeySlot((*command)[position]);
      if (slot == -1) {
        slot = key_slot;
      } else if (slot != key_slot) {
        throw CrossSlotError("redis commands span hash slots (key@slot): " + DescribeKeySlots(first, last) +
                             "; a transaction must keep to one slot (docs/operations.md, \"Redis Cluster\")");
      }
    }
  }
  return slot;
}

}  // namespace

int SingleSlotOf(const std::vector<CommandArgs>& commands) {
  return SlotOfCommands(commands.data(), commands.data() + commands.size());
}

int SlotOfCommand(const CommandArgs& command) { return SlotOfCommands(&command, &command + 1); }

}  // namespace ansinh::redis
