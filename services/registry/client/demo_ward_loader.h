#pragma once

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <functional>
#include <memory>

#include "ansinh/v1/registry.grpc.pb.h"
#include "kernel/civil_date.h"
#include "registry/client/household_import_client.h"

namespace ansinh::registry::client {

// `ansinh demo load`, also used by the integration tests.
struct DemoLoadOptions {
  int64_t households = 2000;
  // The seed of `make run`: the same seed gives the same ward.
  uint64_t seed = 2025;
  // Load nothing when the registry already holds any household.
  bool if_empty = false;
  // Today, for the ages the registry checks on registration
  // (DemoWardOptions::registered_on).
  CivilDate today;
};

// What the demo ward was built to be, for the summary and for checks: the
// classification service is the authority on categories.
struct DemoWardCounts {
  int64_t households = 0;
  int64_t members = 0;
  int64_t residential_groups = 0;
  int64_t surveys = 0;
  int review_year = 0;
  int64_t poor = 0;
  int64_t poor_without_labour_capacity = 0;
  int64_t near_poor = 0;
  int64_t average = 0;
  int64_t not_poor = 0;
};

struct DemoLoadResult {
  // The registry already had households and if_empty was set: nothing sent.
  bool skipped = false;
  // How many households the registry held before (ListHouseholds total).
  int64_t existing_households = 0;
  // Set when loading was attempted: the call's outcome, or the error of the
  // emptiness check.
  grpc::Status status;
  DemoWardCounts intended;
  ImportOutcome import;
};

// Generates the demo ward (GenerateDemoWard with `options`, review year 2025
// under Decree 07/2021) and streams it through ImportHouseholds. Each call
// gets its context from `make_context` (token and deadline; each import call
// carries kRowsPerCall rows).
DemoLoadResult LoadDemoWard(v1::Registry::StubInterface& stub, const ContextFactory& make_context,
                            const DemoLoadOptions& options, const ProgressCallback& on_progress);

}  // namespace ansinh::registry::client
