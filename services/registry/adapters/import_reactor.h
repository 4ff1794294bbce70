#pragma once

#include <grpcpp/grpcpp.h>

#include <vector>

#include "ansinh/v1/registry.grpc.pb.h"
#include "registry/adapters/household_registration.h"
#include "registry/adapters/registry_keys.h"
#include "registry/adapters/ward_settings.h"
#include "server/request_executor.h"

namespace ansinh::registry {

// ImportHouseholds: reads rows from the client stream and registers them in
// batches of kBatchSize on an executor worker (one transaction per batch);
// while a batch is written no further row is read, so a fast client cannot
// fill the server's memory. Every row gets a result; bad rows are reported
// with their reasons and the good rows land.
class ImportReactor final : public grpc::ServerReadReactor<v1::ImportHouseholdsRequest> {
 public:
  static constexpr size_t kBatchSize = 500;
  static constexpr int64_t kMaxRowsPerImport = 250000;

  ImportReactor(server::RequestExecutor& executor, const RegistryKeys& keys, WardSettings ward,
                v1::Actor actor, std::string correlation_id, v1::ImportHouseholdsResponse* response);

  void OnReadDone(bool ok) override;
  void OnDone() override { delete this; }

 private:
  // Registers the buffered rows on a worker, then reads on or finishes.
  void Flush(bool last);

  server::RequestExecutor& executor_;
  const RegistryKeys& keys_;
  WardSettings ward_;
  v1::Actor actor_;
  std::string correlation_id_;
  v1::ImportHouseholdsResponse* response_;
  v1::ImportHouseholdsRequest incoming_;
  std::vector<RegistrationRow> buffer_;
  int64_t rows_seen_ = 0;
};

}  // namespace ansinh::registry
