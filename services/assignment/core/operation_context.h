#pragma once

// What every operation of the core needs besides the case and the request:
// the directory, the current loads, the ward's settings, who acts and when.
// "When" is passed in, never read from a clock, so tests are deterministic.

#include <google/protobuf/timestamp.pb.h>

#include "ansinh/v1/common.pb.h"
#include "assignment/core/directory.h"
#include "assignment/core/load_view.h"
#include "assignment/core/settings.h"
#include "kernel/civil_date.h"

namespace ansinh::assignment {

struct When {
  // Recorded in history entries and pending transfers.
  google::protobuf::Timestamp now;
  // The ward's date: recorded dates, "not in the future" checks, follow-up periods.
  CivilDate today;
};

struct OperationContext {
  const Directory& directory;
  const LoadView& loads;
  const AssignmentSettings& settings;
  // The authenticated principal (staff, officer), or the service acting on an event.
  v1::Actor actor;
  When when;
};

}  // namespace ansinh::assignment
