#include "events/stream_names.h"

#include <charconv>
#include <cstdint>

namespace ansinh::events {

int PartitionOf(std::string_view household_id, int partition_count) {
  if (partition_count <= 1) return 0;
  uint32_t hash = 2166136261u;
  for (unsigned char c : household_id) {
    hash ^= c;
    hash *= 16777619u;
  }
  return static_cast<int>(hash % static_cast<uint32_t>(partition_count));
}

std::string PartitionTag(int partition) { return "{p" + std::to_string(partition) + "}"; }

std::string EventStream(std::string_view source, int partition) {
  return "ansinh:" + PartitionTag(partition) + ":events:" + std::string(source);
}

std::string AppliedKey(std::string_view group, int partition) {
  return "ansinh:" + PartitionTag(partition) + ":applied:" + std::string(group);
}

std::string DeadLetterStream(std::string_view group) { return "ansinh:deadletter:" + std::string(group); }

std::string LeaseKey(std::string_view group, int partition) {
  return "ansinh:" + PartitionTag(partition) + ":lease:" + std::string(group);
}

std::string ReplayStream(std::string_view group, std::string_view source, int partition) {
  return "ansinh:" + PartitionTag(partition) + ":replay:" + std::string(group) + ":" + std::string(source);
}

std::string MembersKey(std::string_view group) { return "ansinh:members:" + std::string(group); }

namespace {

// "ansinh:{p<N>}<middle><rest>": N and rest, both non-empty.
bool ParsePartitioned(std::string_view stream, std::string_view middle, int* partition,
                      std::string_view* rest) {
  constexpr std::string_view kPrefix = "ansinh:{p";
  if (!stream.starts_with(kPrefix)) return false;
  stream.remove_prefix(kPrefix.size());
  const size_t close = stream.find(middle);
  if (close == std::string_view::npos || close == 0) return false;
  int value = 0;
  auto [end, error] = std::from_chars(stream.data(), stream.data() + close, value);
  if (error != std::errc() || end != stream.data() + close) return false;
  *rest = stream.substr(close + middle.size());
  if (rest->empty()) return false;
  *partition = value;
  return true;
}

}  // namespace

bool ParseReplayStream(std::string_view stream, std::string* group, std::string* source, int* partition) {
  std::string_view rest;
  int value = 0;
  if (!ParsePartitioned(stream, "}:replay:", &value, &rest)) return false;
  const size_t colon = rest.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == rest.size()) return false;
  *group = std::string(rest.substr(0, colon));
  *source = std::string(rest.substr(colon + 1));
  *partition = value;
  return true;
}

bool ParseEventStream(std::string_view stream, std::string* source, int* partition) {
  std::string_view rest;
  int value = 0;
  if (!ParsePartitioned(stream, "}:events:", &value, &rest)) return false;
  *partition = value;
  *source = std::string(rest);
  return true;
}

}  // namespace ansinh::events
