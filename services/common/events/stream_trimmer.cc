#include "events/stream_trimmer.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <thread>

#include "redis/redis_error.h"

namespace ansinh::events {
namespace {

// The value of `name` in a flat name/value array reply (XINFO GROUPS rows).
const redis::Reply* Field(const redis::Reply& row, std::string_view name) {
  for (size_t i = 0; i + 1 < row.elements.size(); i += 2) {
    if (row.elements[i].str == name) return &row.elements[i + 1];
  }
  return nullptr;
}

}  // namespace

std::optional<StreamId> TrimBoundary(const std::vector<GroupPosition>& groups, StreamId retention_cutoff) {
  if (groups.empty()) return std::nullopt;
  StreamId boundary = retention_cutoff;
  for (const GroupPosition& group : groups) {
    // MINID keeps the boundary entry itself: the last delivered entry stays,
    // which also keeps every group's lag computable.
    boundary = std::min(boundary, group.last_delivered);
    if (group.oldest_pending) boundary = std::min(boundary, *group.oldest_pending);
  }
  if (boundary == StreamId{}) return std::nullopt;
  return boundary;
}

StreamTrimmer::StreamTrimmer(std::vector<std::string> streams, std::chrono::seconds retention)
    : streams_(std::move(streams)), retention_(retention) {}

std::vector<GroupPosition> StreamTrimmer::ReadGroups(redis::Connection& redis, const std::string& stream) {
  std::vector<GroupPosition> groups;
  const redis::Reply rows = redis.Command({"XINFO", "GROUPS", stream});
  for (const redis::Reply& row : rows.elements) {
    const redis::Reply* name = Field(row, "name");
    const redis::Reply* delivered = Field(row, "last-delivered-id");
    const redis::Reply* pending = Field(row, "pending");
    if (name == nullptr || delivered == nullptr) continue;
    GroupPosition group;
    group.name = name->str;
    const std::optional<StreamId> last = ParseStreamId(delivered->str);
    if (!last) continue;
    group.last_delivered = *last;
    if (pending != nullptr && pending->integer > 0) {
      // XPENDING's summary: [count, smallest id, greatest id, consumers].
      const redis::Reply summary = redis.Command({"XPENDING", stream, group.name});
      if (summary.IsArray() && summary.elements.size() >= 2)
        group.oldest_pending = ParseStreamId(summary.elements[1].str);
      if (!group.oldest_pending) group.oldest_pending = StreamId{};  // unreadable: keep everything
    }
    groups.push_back(std::move(group));
  }
  return groups;
}

int64_t StreamTrimmer::TrimOnce(redis::Connection& redis, std::chrono::system_clock::time_point now) {
  const auto cutoff_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch() - retention_);
  const StreamId retention_cutoff{static_cast<uint64_t>(std::max<int64_t>(0, cutoff_ms.count())), 0};
  int64_t removed = 0;
  for (const std::string& stream : streams_) {
    if (redis.Command({"EXISTS", stream}).AsInteger() == 0) continue;
    const std::optional<StreamId> boundary = TrimBoundary(ReadGroups(redis, stream), retention_cutoff);
    if (!boundary) continue;
    // "~": whole radix-tree nodes only, which is what frees memory cheaply;
    // the few entries left below the boundary go at a later pass.
    removed += redis.Command({"XTRIM", stream, "MINID", "~", boundary->ToString()}).AsInteger();
  }
  return removed;
}

void StreamTrimmer::Run(redis::Connection& redis, std::chrono::seconds interval,
                        const std::atomic<bool>& stopping) {
  while (!stopping.load()) {
    try {
      if (const int64_t removed = TrimOnce(redis, std::chrono::system_clock::now()); removed > 0) {
        spdlog::debug("trimmed {} consumed stream entries", removed);
      }
    } catch (const redis::RedisError& error) {
      spdlog::warn("trimming consumed stream entries failed, retrying in {} s: {}", interval.count(),
                   error.what());
    }
    for (auto slept = std::chrono::milliseconds(0); slept < interval && !stopping.load();
         slept += std::chrono::milliseconds(50)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
}

}  // namespace ansinh::events
