#include "service_log.h"

#include <sstream>

namespace ansinh::testkit {

bool IsProblemLine(std::string_view line) {
  // "2026-12-06 20:02:45.363 " is 24 characters.
  constexpr size_t kLevelAt = 24;
  const bool log_line = line.size() > kLevelAt && line[4] == '-' && line[7] == '-' && line[10] == ' ' &&
                        line[13] == ':' && line[19] == '.';
  if (!log_line) return !line.empty();
  const std::string_view level = line.substr(kLevelAt);
  return level.starts_with("warning") || level.starts_with("error") || level.starts_with("critical");
}

std::deque<std::string> ProblemLines(const std::string& log, size_t limit) {
  std::deque<std::string> kept;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    if (!IsProblemLine(line)) continue;
    kept.push_back(std::move(line));
    if (kept.size() > limit) kept.pop_front();
  }
  return kept;
}

}  // namespace ansinh::testkit
