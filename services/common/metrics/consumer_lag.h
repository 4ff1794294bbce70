#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "redis/redis_reply.h"

namespace ansinh::metrics {

// From the reply of XINFO GROUPS <stream>: the entries `group` has not yet
// finished, its "lag" (never delivered) plus its "pending" (delivered, not
// acknowledged). nullopt when the group is not there or Redis cannot tell
// the lag (Redis 7 answers nil after entries were deleted out of order).
std::optional<int64_t> ConsumerLagOf(const redis::Reply& xinfo_groups, const std::string& group);

}  // namespace ansinh::metrics
