#pragma once

// Reads samples out of a Prometheus text exposition (what /metrics serves).

#include <map>
#include <optional>
#include <sstream>
#include <string>

namespace ansinh::testkit {

// The labels of a sample line `name{a="x",b="y"} 3`; values are taken as
// written (our label values never contain quotes or commas).
inline std::map<std::string, std::string> SampleLabels(const std::string& braces) {
  std::map<std::string, std::string> labels;
  size_t at = 0;
  while (at < braces.size()) {
    const size_t equals = braces.find("=\"", at);
    if (equals == std::string::npos) break;
    const size_t close = braces.find('"', equals + 2);
    if (close == std::string::npos) break;
    labels[braces.substr(at, equals - at)] = braces.substr(equals + 2, close - equals - 2);
    at = close + 1;
    if (at < braces.size() && braces[at] == ',') ++at;
  }
  return labels;
}

// The value of the first sample named `name` whose labels include all of
// `labels`; nullopt when there is none.
inline std::optional<double> SampleValue(const std::string& exposition, const std::string& name,
                                         const std::map<std::string, std::string>& labels = {}) {
  std::istringstream lines(exposition);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t name_end = line.find_first_of("{ ");
    if (name_end == std::string::npos || line.compare(0, name_end, name) != 0 || name_end != name.size()) {
      continue;
    }
    std::map<std::string, std::string> found;
    size_t value_at = name_end + 1;
    if (line[name_end] == '{') {
      const size_t close = line.find("} ", name_end);
      if (close == std::string::npos) continue;
      found = SampleLabels(line.substr(name_end + 1, close - name_end - 1));
      value_at = close + 2;
    }
    bool matches = true;
    for (const auto& [key, value] : labels) {
      auto it = found.find(key);
      if (it == found.end() || it->second != value) matches = false;
    }
    if (matches) return std::stod(line.substr(value_at));
  }
  return std::nullopt;
}

}  // namespace ansinh::testkit
