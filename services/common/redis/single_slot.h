#pragma once

#include <string>
#include <vector>

namespace ansinh::redis {

// The one hash slot all keys of `commands` hash to, or -1 when none of them
// names a key. Throws CrossSlotError, naming each command with the slots of
// its keys, when the keys span slots: Redis Cluster can neither route nor run
// atomically such a transaction, so it is a bug in the caller, refused before
// anything is sent. Throws UnknownCommandError for a command outside the key
// table (command_keys.h).
int SingleSlotOf(const std::vector<std::vector<std::string>>& commands);
// The same for one command (DEL, WATCH or EVAL with several keys).
int SlotOfCommand(const std::vector<std::string>& command);

}  // namespace ansinh::redis
