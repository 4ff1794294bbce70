#include "redis_accounting.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace ansinh::bench {
namespace {

constexpr int kScanBatch = 1000;

// A part of a key names one thing when it carries a digit: HH-000123,
// SV-2025-000001-1, p7, R-2025. Words of the scheme never do.
bool NamesOneThing(const std::string& part) {
  return std::any_of(part.begin(), part.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

}  // namespace

std::string KeyFamilyOf(const std::string& key) {
  std::string family;
  size_t start = 0;
  while (true) {
    const size_t end = std::min(key.find(':', start), key.size());
    std::string part = key.substr(start, end - start);
    if (NamesOneThing(part)) {
      // A hash tag keeps its braces and first letter ({p*}) so the pattern
      // still reads as a key of its kind.
      part = part.size() > 2 && part.front() == '{' ? "{" + std::string(1, part[1]) + "*}" : "*";
    }
    family += part;
    if (end == key.size()) return family;
    family += ':';
    start = end + 1;
  }
}

std::vector<KeyFamily> MemoryByKeyFamily(redis::Connection& redis) {
  std::map<std::string, KeyFamily> families;
  std::string cursor = "0";
  do {
    const redis::Reply page = redis.Command({"SCAN", cursor, "COUNT", std::to_string(kScanBatch)});
    cursor = page.elements.at(0).str;
    std::vector<redis::Args> usage;
    std::vector<std::string> keys;
    for (const redis::Reply& key : page.elements.at(1).elements) {
      keys.push_back(key.str);
      usage.push_back({"MEMORY", "USAGE", key.str});
    }
    if (usage.empty()) continue;
    const std::vector<redis::Reply> replies = redis.Pipeline(usage);
    for (size_t i = 0; i < keys.size(); ++i) {
      if (replies[i].type != redis::Reply::Type::kInteger) continue;  // deleted since the SCAN
      KeyFamily& family = families[KeyFamilyOf(keys[i])];
      family.pattern = KeyFamilyOf(keys[i]);
      ++family.keys;
      family.bytes += replies[i].integer;
    }
  } while (cursor != "0");
  std::vector<KeyFamily> sorted;
  for (auto& [pattern, family] : families) sorted.push_back(std::move(family));
  std::sort(sorted.begin(), sorted.end(),
            [](const KeyFamily& a, const KeyFamily& b) { return a.bytes > b.bytes; });
  return sorted;
}

double InfoNumber(const std::string& info, const std::string& field) {
  const std::string needle = field + ":";
  size_t at = info.rfind(needle, 0) == 0 ? 0 : info.find("\n" + needle);
  if (at == std::string::npos) return 0;
  if (at != 0) ++at;
  try {
    return std::stod(info.substr(at + needle.size()));
  } catch (const std::exception&) {
    return 0;
  }
}

std::map<std::string, CommandWork> ParseCommandStats(const std::string& info) {
  std::map<std::string, CommandWork> commands;
  constexpr std::string_view kPrefix = "cmdstat_";
  size_t at = 0;
  while ((at = info.find(kPrefix, at)) != std::string::npos) {
    const size_t colon = info.find(':', at);
    const size_t line_end = std::min(info.find('\r', at), info.find('\n', at));
    if (colon == std::string::npos || colon > line_end) break;
    const std::string name = info.substr(at + kPrefix.size(), colon - at - kPrefix.size());
    const std::string fields = info.substr(colon + 1, line_end - colon - 1);
    CommandWork& work = commands[name];
    for (const char* field : {"calls=", "usec="}) {
      const size_t found = fields.rfind(field, 0) == 0 ? 0 : fields.find(std::string(",") + field);
      if (found == std::string::npos) continue;
      const size_t value = found + std::string_view(field).size() + (found == 0 ? 0 : 1);
      const double number = std::stod(fields.substr(value));
      if (std::string_view(field) == "calls=") {
        work.calls = static_cast<int64_t>(number);
      } else {
        work.usec = number;
      }
    }
    at = line_end;
  }
  return commands;
}

RedisWork ReadRedisWork(redis::Connection& redis) {
  const std::string stats = redis.Command({"INFO", "stats"}).AsString();
  const std::string cpu = redis.Command({"INFO", "cpu"}).AsString();
  RedisWork work;
  work.commands = static_cast<int64_t>(InfoNumber(stats, "total_commands_processed"));
  work.cpu_seconds = InfoNumber(cpu, "used_cpu_user") + InfoNumber(cpu, "used_cpu_sys") +
                     InfoNumber(cpu, "used_cpu_user_children") + InfoNumber(cpu, "used_cpu_sys_children");
  work.by_command = ParseCommandStats(redis.Command({"INFO", "commandstats"}).AsString());
  return work;
}

std::vector<KeyFamily> MergeKeyFamilies(const std::vector<std::vector<KeyFamily>>& per_node) {
  std::map<std::string, KeyFamily> merged;
  for (const std::vector<KeyFamily>& node : per_node) {
    for (const KeyFamily& family : node) {
      KeyFamily& sum = merged[family.pattern];
      sum.pattern = family.pattern;
      sum.keys += family.keys;
      sum.bytes += family.bytes;
    }
  }
  std::vector<KeyFamily> sorted;
  for (auto& [pattern, family] : merged) sorted.push_back(std::move(family));
  std::sort(sorted.begin(), sorted.end(),
            [](const KeyFamily& a, const KeyFamily& b) { return a.bytes > b.bytes; });
  return sorted;
}

RedisWork SumRedisWork(const std::vector<RedisWork>& per_node) {
  RedisWork sum;
  for (const RedisWork& node : per_node) {
    sum.commands += node.commands;
    sum.cpu_seconds += node.cpu_seconds;
    for (const auto& [name, work] : node.by_command) {
      sum.by_command[name].calls += work.calls;
      sum.by_command[name].usec += work.usec;
    }
  }
  return sum;
}

}  // namespace ansinh::bench
