#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace ansinh::events {

// Which versions of one aggregate a consumer group has applied, kept compact:
// every version up to `watermark` plus the few above it that arrived before a
// missing one (a version still being retried, or one that was dead-lettered).
// Stored as "7" or "7:9,10" in the group's applied hash. Exact rather than a
// "highest seen" mark, so an event redelivered after a later one of the same
// aggregate is still applied once and only once.
class AppliedVersions {
 public:
  static std::optional<AppliedVersions> Parse(std::string_view text);

  bool Contains(uint64_t version) const;
  void Add(uint64_t version);
  std::string Serialize() const;
  uint64_t watermark() const { return watermark_; }

 private:
  uint64_t watermark_ = 0;
  std::set<uint64_t> above_;
};

}  // namespace ansinh::events
