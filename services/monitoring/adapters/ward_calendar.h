#pragma once

// The ward's calendar: Vietnam is UTC+7 all year (no daylight saving), so an
// instant's ward date is its UTC time plus seven hours, floored to the day.
// Dates in facts, figures and alerts are ward dates: an event recorded at
// 06:30 in the ward belongs to that day, not to the UTC day before.

#include <google/protobuf/timestamp.pb.h>

#include <chrono>

#include "monitoring/core/date.h"

namespace ansinh::monitoring {

inline constexpr std::chrono::hours kWardUtcOffset{7};

Date WardDateOf(std::chrono::system_clock::time_point instant);
Date WardDateOf(const google::protobuf::Timestamp& instant);
// Today in the ward.
Date WardToday();
// The current instant as a protobuf Timestamp.
google::protobuf::Timestamp NowTimestamp();

}  // namespace ansinh::monitoring
