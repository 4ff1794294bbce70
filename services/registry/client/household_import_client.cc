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

ImportOutcome StreamImport(v1::Registry::StubInterface& stub, const ContextFactory& new_context,
                           const RowSource& next_row, int64_t rows_total,
                           const ProgressCallback& on_progress) {
  ImportOutcome outcome;
  const auto started = std::chrono::steady_clock::now();
  auto report = [&] {
    if (on_progress) {
      on_progress({outcome.rows_sent, rows_total, std::chrono::steady_clock::now() - started});
    }
  };
  std::optional<v1::ImportHouseholdsRequest> row = next_row();
  while (row) {
    std::unique_ptr<grpc::ClientContext> context = new_context();
    v1::ImportHouseholdsResponse part;
    std::unique_ptr<grpc::ClientWriterInterface<v1::ImportHouseholdsRequest>> writer =
        stub.ImportHouseholds(context.get(), &part);
    std::vector<int64_t> in_call;
    while (row && static_cast<int64_t>(in_call.size()) < kRowsPerCall) {
      if (row->row_number() == 0) row->set_row_number(outcome.rows_sent + 1);
      in_call.push_back(row->row_number());
      // A failed write means the server has ended the call: Finish says why.
      if (!writer->Write(*row)) break;
      ++outcome.rows_sent;
      if (outcome.rows_sent % kProgressEveryRows == 0) report();
      row = next_row();
    }
    writer->WritesDone();
    outcome.status = writer->Finish();
    if (!outcome.status.ok()) {
      outcome.unacknowledged_rows = std::move(in_call);
      break;
    }
    for (v1::ImportRowResult& result : *part.mutable_results())
      *outcome.response.add_results() = std::move(result);
    outcome.response.set_imported_count(outcome.response.imported_count() + part.imported_count());
    outcome.response.set_rejected_count(outcome.response.rejected_count() + part.rejected_count());
  }
  report();
  outcome.rows_acknowledged = outcome.response.results_size();
  outcome.elapsed = std::chrono::steady_clock::now() - started;
  return outcome;
}

}  // namespace ansinh::registry::client
