#pragma once

#include "classification/adapters/classification_keys.h"
#include "classification/core/review_window.h"
#include "classification/core/round_approval.h"
#include "classification/core/round_posting.h"
#include "kernel/ward_clock.h"
#include "standards/standard_catalog.h"

namespace ansinh::classification {

// How the service holds the review procedure to Decision 24/2021, from its
// configuration: the periodic review's window and the share of a round's
// list an approval may leave without a new result.
struct ReviewPolicy {
  ReviewWindow window;
  int max_unreviewed_list_percent = kDefaultMaxUnreviewedListPercent;
};

// What every adapter of the service shares, fixed at start-up: the loaded
// standards, the key layout, the posting policy, the ward's clock, whose
// today dates the posting of results, the approval and a complaint received
// "today", and the review policy (window, list coverage).
struct ClassificationEnvironment {
  const StandardCatalog& catalog;
  ClassificationKeys keys;
  PostingPolicy posting;
  WardClock clock;
  ReviewPolicy review;
};

}  // namespace ansinh::classification
