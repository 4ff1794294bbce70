#pragma once

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>

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
  // The call's status; on failure `response` holds nothing (rows of batches
  // already written have landed: the status message says how many).
  grpc::Status status;
  v1::ImportHouseholdsResponse response;
  int64_t rows_sent = 0;
  // From the first row sent to the response received.
  std::chrono::steady_clock::duration elapsed{};

  // Rows registered per second over the whole call.
  double ImportedPerSecond() const;
};

// Produces the rows to send, one at a time; nullopt when there are no more.
using RowSource = std::function<std::optional<v1::ImportHouseholdsRequest>()>;
using ProgressCallback = std::function<void(const ImportProgress&)>;

// How often the progress callback is called, in rows sent.
inline constexpr int64_t kProgressEveryRows = 500;

// Streams every row of `next_row` to Registry.ImportHouseholds on one
// client-streaming call and waits for the per-row results. `context` carries
// the token and a deadline long enough for the whole import. The server
// reads in batches and stops reading while it writes one, so the stream
// paces itself: memory stays bounded on both sides whatever the file size.
// `on_progress` (may be empty) is called every kProgressEveryRows rows and
// once when every row is sent.
ImportOutcome StreamImport(v1::Registry::StubInterface& stub, grpc::ClientContext& context,
                           const RowSource& next_row, int64_t rows_total,
                           const ProgressCallback& on_progress);

}  // namespace ansinh::registry::client
