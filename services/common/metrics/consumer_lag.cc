#include "metrics/consumer_lag.h"

namespace ansinh::metrics {

std::optional<int64_t> ConsumerLagOf(const redis::Reply& xinfo_groups, const std::string& group) {
  // One flat [key, value, key, value, ...] array per group.
  for (const redis::Reply& entry : xinfo_groups.elements) {
    std::string name;
    std::optional<int64_t> lag;
    int64_t pending = 0;
    for (size_t i = 0; i + 1 < entry.elements.size(); i += 2) {
      const std::string& key = entry.elements[i].str;
      const redis::Reply& value = entry.elements[i + 1];
      if (key == "name") name = value.str;
      if (key == "pending" && value.type == redis::Reply::Type::kInteger) pending = value.integer;
      if (key == "lag" && value.type == redis::Reply::Type::kInteger) lag = value.integer;
    }
    if (name == group) {
      if (!lag) return std::nullopt;
      return *lag + pending;
    }
  }
  return std::nullopt;
}

}  // namespace ansinh::metrics
