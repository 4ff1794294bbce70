#pragma once

// protobuf Timestamps and the kernel's time (kernel/ward_clock.h): the kernel
// stays free of protobuf, so the adapters and the CLI convert here.

#include <google/protobuf/timestamp.pb.h>

#include <chrono>

#include "kernel/civil_date.h"

namespace ansinh {

// The instant `timestamp` names, to the second (the part below a second never
// changes a ward date or a displayed time).
std::chrono::sys_seconds SecondsOf(const google::protobuf::Timestamp& timestamp);

google::protobuf::Timestamp TimestampOf(std::chrono::sys_seconds instant);

// The ward's calendar date at `timestamp`: the date of an event's occurred_at.
CivilDate WardDateOf(const google::protobuf::Timestamp& timestamp);

}  // namespace ansinh
