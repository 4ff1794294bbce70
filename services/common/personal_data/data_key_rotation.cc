#include "personal_data/data_key_rotation.h"

#include <functional>

#include "ansinh/v1/personal_data.pb.h"
#include "personal_data/data_keys.h"
#include "personal_data/household_data_keys.h"
#include "redis/redis_error.h"

namespace ansinh::personal_data {
namespace {

// Replaces each field whose value is still the one read: ARGV holds triples
// of (household, value read, new value). Returns how many it replaced.
constexpr char kCompareAndSet[] = R"lua(
local replaced = 0
for i = 1, #ARGV, 3 do
  if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[i + 1] then
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 2])
    replaced = replaced + 1
  end
end
return replaced
)lua";

// HSCAN over one partition's keys, a page at a time.
void ForEachDataKey(
    redis::Connection& redis, int partition,
    const std::function<void(const std::vector<std::pair<std::string, std::string>>&)>& page) {
  const std::string key = HouseholdDataKeys::KeysKey(partition);
  std::string cursor = "0";
  do {
    const redis::Reply reply = redis.Command({"HSCAN", key, cursor, "COUNT", "500"});
    if (reply.IsError()) throw redis::ReplyError(reply.str);
    cursor = reply.elements.at(0).str;
    std::vector<std::pair<std::string, std::string>> entries;
    const auto& items = reply.elements.at(1).elements;
    for (size_t i = 0; i + 1 < items.size(); i += 2) entries.emplace_back(items[i].str, items[i + 1].str);
    page(entries);
  } while (cursor != "0");
}

}  // namespace

RotationReport RewrapAllDataKeys(redis::Connection& redis, int partitions, KeyRing& ring) {
  RotationReport report;
  report.current_kek = ring.Current().id;
  for (int partition = 0; partition < partitions; ++partition) {
    ForEachDataKey(redis, partition, [&](const std::vector<std::pair<std::string, std::string>>& entries) {
      redis::Args swap{"EVAL", kCompareAndSet, "1", HouseholdDataKeys::KeysKey(partition)};
      for (const auto& [household, bytes] : entries) {
        v1::WrappedDataKey wrapped;
        if (!wrapped.ParseFromString(bytes)) {
          report.unreadable.push_back(household);
          continue;
        }
        if (wrapped.kek_id() == report.current_kek) {
          ++report.already_current;
          continue;
        }
        const std::optional<v1::WrappedDataKey> rewrapped = RewrapDataKey(wrapped, household, ring);
        if (!rewrapped) {
          report.unreadable.push_back(household);
          continue;
        }
        swap.insert(swap.end(), {household, bytes, rewrapped->SerializeAsString()});
      }
      if (swap.size() == 4) return;
      const redis::Reply replaced = redis.Command(swap);
      if (replaced.IsError()) throw redis::ReplyError(replaced.str);
      report.rewrapped += replaced.AsInteger();
    });
  }
  for (const auto& [kek, count] : DataKeysByKek(redis, partitions)) {
    if (kek != report.current_kek) report.remaining_by_kek[kek] = count;
  }
  return report;
}

std::map<std::string, int64_t> DataKeysByKek(redis::Connection& redis, int partitions) {
  std::map<std::string, int64_t> counts;
  for (int partition = 0; partition < partitions; ++partition) {
    ForEachDataKey(redis, partition, [&](const std::vector<std::pair<std::string, std::string>>& entries) {
      for (const auto& [household, bytes] : entries) {
        v1::WrappedDataKey wrapped;
        counts[wrapped.ParseFromString(bytes) ? wrapped.kek_id() : "(unreadable)"]++;
      }
    });
  }
  return counts;
}

}  // namespace ansinh::personal_data
