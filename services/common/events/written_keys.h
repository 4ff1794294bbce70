#pragma once

#include <string>
#include <vector>

#include "redis/redis_connection.h"

namespace ansinh::events {

// The keys a queued write command changes, for the runner's rule that an
// event whose handler watches a key already written earlier in the same
// transaction group must start a new group (it has to read that write).
// Covers the write commands ansinh queues: the first argument is the key for
// all of them except the multi-key DEL/UNLINK/MSET family, the two-key moves
// and EVAL's declared keys, handled here.
std::vector<std::string> WrittenKeys(const redis::Args& command);

}  // namespace ansinh::events
