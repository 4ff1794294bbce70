#include "monitoring/adapters/ward_calendar.h"

#include <google/protobuf/util/time_util.h>

namespace ansinh::monitoring {

Date WardDateOf(std::chrono::system_clock::time_point instant) {
  return std::chrono::floor<std::chrono::days>(instant + kWardUtcOffset);
}

Date WardDateOf(const google::protobuf::Timestamp& instant) {
  const std::chrono::system_clock::time_point point{
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::seconds(instant.seconds()) + std::chrono::nanoseconds(instant.nanos()))};
  return WardDateOf(point);
}

Date WardToday() { return WardDateOf(std::chrono::system_clock::now()); }

google::protobuf::Timestamp NowTimestamp() { return google::protobuf::util::TimeUtil::GetCurrentTime(); }

}  // namespace ansinh::monitoring
