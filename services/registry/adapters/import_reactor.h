#pragma once

#include <grpcpp/grpcpp.h>

#include <mutex>
#include <optional>
#include <vector>

#include "ansinh/v1/registry.grpc.pb.h"
#include "registry/adapters/household_registration.h"
#include "registry/adapters/registry_keys.h"
#include "registry/adapters/ward_settings.h"
#include "server/request_executor.h"

namespace ansinh::registry {

// ImportHouseholds: reads rows from the client stream into batches of
// kBatchSize and registers each batch in two steps on the executor's workers:
// prepare (validation, ids and codes, building the writes: most of the CPU)
// and commit (one transaction). Batch N+1 is read and prepared while batch N
// is committed, so the service's CPU work overlaps Redis's; commits run one
// at a time in stream order, so results and events keep the rows' order. At
// most one batch is being read, one prepared and one committed: when the
// pipeline is full no further row is read, so a fast client cannot fill the
// server's memory. Every row gets a result; bad rows are reported with their
// reasons and the good rows land.
//
// A stream may carry at most ward.max_import_rows rows. The row past the
// bound is not read and ends the import: the rows before it are registered
// (or rejected) exactly as in an import of that many rows, and the call then
// fails with RESOURCE_EXHAUSTED naming the bound; the status details carry a
// google.rpc.ErrorInfo (reason IMPORT_ROW_LIMIT, metadata max_import_rows)
// and the ImportHouseholdsResponse for the rows processed, so the client
// knows which landed and re-sends the rest in another import.
class ImportReactor final : public grpc::ServerReadReactor<v1::ImportHouseholdsRequest> {
 public:
  static constexpr size_t kBatchSize = 500;

  ImportReactor(server::RequestExecutor& executor, const RegistryKeys& keys, WardSettings ward,
                std::string correlation_id, v1::ImportHouseholdsResponse* response);

  // Called once the caller's token was looked up (on a worker: the lookup
  // may ask Redis, which a gRPC callback thread must not wait for): refuses
  // the call, or starts reading rows as `actor`.
  void Start(std::optional<v1::Actor> actor, grpc::Status refusal);

  void OnReadDone(bool ok) override;
  void OnDone() override { delete this; }

 private:
  // What to do once the lock is released: gRPC may run a reaction inline
  // from StartRead or Finish, and that reaction takes the lock again.
  struct Actions {
    bool start_read = false;
    std::optional<grpc::Status> finish;
  };

  // Each *Locked method runs with mutex_ held.
  void AdvanceLocked(Actions& actions);
  void SubmitPrepareLocked();
  void SubmitCommitLocked(PreparedRegistrations batch);
  void Fail(const grpc::Status& status);
  void Run(const Actions& actions);
  void OnPrepared(std::optional<PreparedRegistrations> batch, grpc::Status status);
  void OnCommitted(std::vector<RegistrationResult> results, grpc::Status status);

  server::RequestExecutor& executor_;
  const RegistryKeys& keys_;
  WardSettings ward_;
  v1::Actor actor_;
  std::string correlation_id_;
  v1::ImportHouseholdsResponse* response_;
  v1::ImportHouseholdsRequest incoming_;

  std::mutex mutex_;
  std::vector<RegistrationRow> buffer_;
  int64_t rows_seen_ = 0;
  bool reading_ = false;
  bool stream_ended_ = false;
  // A row past ward_.max_import_rows arrived: no more are read.
  bool over_row_limit_ = false;
  bool preparing_ = false;
  std::optional<PreparedRegistrations> prepared_;
  bool committing_ = false;
  bool finished_ = false;
  grpc::Status failure_;
};

}  // namespace ansinh::registry
