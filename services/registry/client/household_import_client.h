#pragma once

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "ansinh/v1/registry.grpc.pb.h"

namespace ansinh::registry::client {

// How far a running import has got, for a progress line.
struct ImportProgress {
  int64_t rows_sent = 0;
  // 0 when the total is not known in advance.
  int64_t rows_total = 0;
  std::chrono::steady_clock::duration elapsed{};

  double RowsPerSecond() const;
};

struct ImportOutcome {
  // The status of the last call; OK when every row was acknowledged.
  grpc::Status status;
  // The results of every acknowledged row, from every call, in stream order,
  // also when a later call failed: those rows were registered (or rejected)
  // whatever became of the rest.
  v1::ImportHouseholdsResponse response;
  int64_t rows_sent = 0;
  // Rows whose results came back (response.results_size()).
  int64_t rows_acknowledged = 0;
  // On failure, the row numbers of the call that broke: sent, but no result
  // came back. The registry commits them in one transaction (at most
  // kRowsPerCall rows, its batch size), so either all of their valid rows
  // landed or none did. The import resumes from the first of them.
  std::vector<int64_t> unacknowledged_rows;
  // From the first row sent to the last response received.
  std::chrono::steady_clock::duration elapsed{};

  // Rows registered per second over the whole call.
  double ImportedPerSecond() const;
};

// Produces the rows to send, one at a time; nullopt when there are no more.
using RowSource = std::function<std::optional<v1::ImportHouseholdsRequest>()>;
using ProgressCallback = std::function<void(const ImportProgress&)>;

// A fresh context for each call (a grpc::ClientContext serves one call),
// with the token and a deadline long enough for kRowsPerCall rows.
using ContextFactory = std::function<std::unique_ptr<grpc::ClientContext>()>;

// How often the progress callback is called, in rows sent.
inline constexpr int64_t kProgressEveryRows = 500;

// The rows one ImportHouseholds call carries: the registry's batch, which it
// commits in one transaction (services/registry/adapters/import_reactor.h).
// A client-streaming call answers only at its end, so a call that breaks
// (the registry killed, the network gone) says nothing of its rows: with one
// batch per call, the rows acknowledged before it are known exactly and the
// rows of the broken call landed all or none.
inline constexpr int64_t kRowsPerCall = 500;

// Sends every row of `next_row` to Registry.ImportHouseholds, kRowsPerCall
// rows per client-streaming call, one call after the other (rows keep their
// order, and a CCCD of an earlier call is already registered when a later
// call repeats it), and gathers the per-row results. Stops at the first call
// that fails: its status, the results acknowledged so far and the rows of
// the failed call are in the outcome (`row_number` 0 rows are numbered in
// stream order here, as the registry would). `on_progress` (may be empty) is
// called every kProgressEveryRows rows and once when every row is sent.
ImportOutcome StreamImport(v1::Registry::StubInterface& stub, const ContextFactory& new_context,
                           const RowSource& next_row, int64_t rows_total,
                           const ProgressCallback& on_progress);

}  // namespace ansinh::registry::client
