#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>

namespace ansinh::testkit {

// Whether a line of a service log says something went wrong: a log line
// (services/common/logging: "<date> <time> <level> [<service>] ...") at
// warning, error or critical level, or any line that is not a log line at all
// (what a crashing process writes to stderr, e.g. "terminate called after
// throwing ...").
bool IsProblemLine(std::string_view line);

// The last `limit` problem lines of a service log, oldest first: what a
// failed test prints of each service before its directory goes.
std::deque<std::string> ProblemLines(const std::string& log, size_t limit);

}  // namespace ansinh::testkit
