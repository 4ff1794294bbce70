#include "time/timestamps.h"

#include "kernel/ward_clock.h"

namespace ansinh {

std::chrono::sys_seconds SecondsOf(const google::protobuf::Timestamp& timestamp) {
  return std::chrono::sys_seconds{std::chrono::seconds{timestamp.seconds()}};
}

google::protobuf::Timestamp TimestampOf(std::chrono::sys_seconds instant) {
  google::protobuf::Timestamp timestamp;
  timestamp.set_seconds(instant.time_since_epoch().count());
  return timestamp;
}

CivilDate WardDateOf(const google::protobuf::Timestamp& timestamp) {
  return WardDateOf(SecondsOf(timestamp));
}

}  // namespace ansinh
