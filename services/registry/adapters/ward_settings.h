#pragma once

#include <cstdint>
#include <memory>

#include "ansinh/v1/common.pb.h"
#include "kernel/ward_clock.h"
#include "personal_data/key_ring.h"
#include "registry/core/retention_policy.h"
#include "registry/core/survey_rules.h"

namespace ansinh::registry {

// The ward's configuration as the registry needs it.
struct WardSettings {
  // Wards (phường) are urban, communes (xã) rural: every household of the
  // ward gets this area type (flag --area-type).
  v1::AreaType area_type = v1::AREA_TYPE_URBAN;
  int partitions = 1;
  // The most rows one ImportHouseholds stream may carry (flag
  // --max-import-rows): a bound on what one call can make the registry do.
  int64_t max_import_rows = 250000;
  // How long a CCCD claim stays pending before another household may take
  // over a claim whose household never took the number (flag
  // --national-id-claim-seconds; registry/core/national_id_claim.h).
  int64_t claim_lifetime_seconds = 60;
  // The ward's today, against which birth and survey dates are checked: the
  // day the ward's officers see, not the server's UTC day.
  WardClock clock;
  // What the loaded poverty standards need a survey to record (flag
  // --standards-dir); main.cc loads them and refuses to start without them.
  std::shared_ptr<const SurveyRules> survey_rules;
  // The key-encryption keys that wrap the households' data keys (flag
  // --personal-data-keys-dir, docs/data-protection.md); null: records are
  // stored with their personal fields in clear.
  std::shared_ptr<personal_data::KeyRing> key_ring;
  // The ward's retention periods (flag --retention-file,
  // services/registry/config/retention.json): the retention job erases
  // households that left once theirs has passed.
  std::shared_ptr<const RetentionPolicy> retention;
};

}  // namespace ansinh::registry
