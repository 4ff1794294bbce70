#pragma once

#include "classification/adapters/classification_keys.h"
#include "classification/core/round_posting.h"
#include "kernel/ward_clock.h"
#include "standards/standard_catalog.h"

namespace ansinh::classification {

// What every adapter of the service shares, fixed at start-up: the loaded
// standards, the key layout, the posting policy and the ward's clock, whose
// today dates the posting of results, the approval and a complaint received
// "today".
struct ClassificationEnvironment {
  const StandardCatalog& catalog;
  ClassificationKeys keys;
  PostingPolicy posting;
  WardClock clock;
};

}  // namespace ansinh::classification
