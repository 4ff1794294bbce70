#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace ansinh::redis {

// Where the keys of a command are, so cluster mode can send it to the node
// that owns them. Every command ansinh sends is listed (command_keys.cc); one
// that is not throws UnknownCommandError in every build, so a new command
// cannot silently go to the wrong node: add it to the table with its keys.
//
// Returns the positions of the key arguments in `args` (args[0] is the
// command name). Empty for keyless commands (PING, INFO, CLUSTER, WAIT, ...),
// which any node answers, and for MULTI/EXEC/UNWATCH, which go wherever their
// transaction goes.
std::vector<size_t> KeyPositions(const std::vector<std::string>& args);

// The keys themselves, in the order of KeyPositions.
std::vector<std::string> KeysOf(const std::vector<std::string>& args);

// True when the command changes data (cluster mode follows a successful write
// with WAIT, RedisOptions::wait_replicas). Throws UnknownCommandError as above.
bool IsWriteCommand(const std::vector<std::string>& args);

}  // namespace ansinh::redis
