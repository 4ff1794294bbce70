#include "monitoring/adapters/emergency_store.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "redis/redis_error.h"

namespace ansinh::monitoring {

void EmergencyStore::QueueSave(redis::Transaction& tx, int partition, const v1::Emergency& emergency) {
  tx.Add({"HSET", MonitoringKeys::Emergencies(partition), emergency.emergency_id(),
          emergency.SerializeAsString()});
}

std::vector<v1::Emergency> EmergencyStore::LoadAll() {
  std::vector<redis::Args> reads;
  for (int partition = 0; partition < keys_.partitions(); ++partition) {
    reads.push_back({"HVALS", MonitoringKeys::Emergencies(partition)});
  }
  std::map<std::string, v1::Emergency> latest;
  for (const redis::Reply& reply : redis_.Pipeline(reads)) {
    if (reply.IsError()) throw redis::ReplyError(reply.str);
    for (const redis::Reply& item : reply.elements) {
      v1::Emergency emergency;
      if (!emergency.ParseFromString(item.str)) {
        spdlog::warn("a stored emergency does not parse; it is left out of the alerts and reports");
        continue;
      }
      v1::Emergency& kept = latest[emergency.emergency_id()];
      if (emergency.version() >= kept.version()) kept = std::move(emergency);
    }
  }
  std::vector<v1::Emergency> emergencies;
  for (auto& [id, emergency] : latest) emergencies.push_back(std::move(emergency));
  std::sort(emergencies.begin(), emergencies.end(), [](const v1::Emergency& a, const v1::Emergency& b) {
    return std::tie(a.began_on(), a.emergency_id()) < std::tie(b.began_on(), b.emergency_id());
  });
  return emergencies;
}

}  // namespace ansinh::monitoring
