#include "registry/client/household_import_client.h"

namespace ansinh::registry::client {
namespace {

double Seconds(std::chrono::steady_clock::duration elapsed) {
  return std::chrono::duration<double>(elapsed).count();
}

}  // namespace

double ImportProgress::RowsPerSecond() const {
  const double seconds = Seconds(elapsed);
  return seconds > 0 ? static_cast<double>(rows_sent) / seconds : 0.0;
}

double ImportOutcome::ImportedPerSecond() const {
  const double seconds = Seconds(elapsed);
  return seconds > 0 ? static_cast<double>(response.imported_count()) / seconds : 0.0;
}

ImportOutcome StreamImport(v1::Registry::StubInterface& stub, grpc::ClientContext& context,
                           const RowSource& next_row, int64_t rows_total,
                           const ProgressCallback& on_progress) {
  ImportOutcome outcome;
  const auto started = std::chrono::steady_clock::now();
  auto report = [&] {
    if (on_progress) {
      on_progress({outcome.rows_sent, rows_total, std::chrono::steady_clock::now() - started});
    }
  };
  std::unique_ptr<grpc::ClientWriterInterface<v1::ImportHouseholdsRequest>> writer =
      stub.ImportHouseholds(&context, &outcome.response);
  while (std::optional<v1::ImportHouseholdsRequest> row = next_row()) {
    // A failed write means the server has ended the call: Finish says why.
    if (!writer->Write(*row)) break;
    ++outcome.rows_sent;
    if (outcome.rows_sent % kProgressEveryRows == 0) report();
  }
  writer->WritesDone();
  report();
  outcome.status = writer->Finish();
  outcome.elapsed = std::chrono::steady_clock::now() - started;
  if (!outcome.status.ok()) outcome.response.Clear();
  return outcome;
}

}  // namespace ansinh::registry::client
