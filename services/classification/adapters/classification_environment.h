#pragma once

#include "classification/adapters/classification_keys.h"
#include "classification/adapters/ward_calendar.h"
#include "classification/core/round_posting.h"
#include "classification/core/standard_catalog.h"

namespace ansinh::classification {

// What every adapter of the service shares, fixed at start-up: the loaded
// standards, the key layout, the posting policy and the ward's calendar.
struct ClassificationEnvironment {
  const StandardCatalog& catalog;
  ClassificationKeys keys;
  PostingPolicy posting;
  WardCalendar calendar;
};

}  // namespace ansinh::classification
