#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "monitoring/core/alerts.h"
#include "redis/redis_connection.h"

namespace ansinh::monitoring {

// The consumer groups whose dead-lettered events raise alerts: every group
// that consumes ansinh events (events::DeadLetterStream(group)).
inline constexpr std::string_view kWatchedConsumerGroups[] = {"classification", "assignment", "monitoring"};

// Every entry of the watched dead-letter streams, oldest first per stream.
// An operator clears one (after replaying or discarding it) by deleting it
// from its dead-letter stream (XDEL), and its alert goes away.
std::vector<DeadLetteredEvent> LoadDeadLetters(redis::Connection& redis);

}  // namespace ansinh::monitoring
