#pragma once

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <cstdint>
#include <optional>

#include "ansinh/v1/monitoring.grpc.pb.h"
#include "monitoring/adapters/monitoring_keys.h"
#include "monitoring/core/exports.h"
#include "server/request_executor.h"

namespace ansinh::monitoring {

// StreamAuditExport: the audit export written a page of entries at a time.
// Each page is read from Redis and rendered on one of the executor's workers
// and written as one message; the next page is read only once the client
// has taken the previous message, so a slow client holds the service to one
// page, never the log. The entries are those stored when the export began.
class AuditExportReactor final : public grpc::ServerWriteReactor<v1::ExportAuditResponse> {
 public:
  AuditExportReactor(server::RequestExecutor& executor, const MonitoringKeys& keys,
                     const v1::ExportAuditRequest& request)
      : executor_(executor), keys_(keys), request_(request) {}

  // Called once the caller's token was looked up: refuses the call, or
  // writes the document's opening.
  void Start(std::optional<v1::Actor> actor, grpc::Status refusal);

  void OnWriteDone(bool ok) override;
  void OnCancel() override { cancelled_ = true; }
  void OnDone() override { delete this; }

 private:
  // On a worker: reads pages until one yields text (or the log ends) and
  // writes it, or writes the closing, or finishes.
  void WriteNext(redis::Connection& redis);

  server::RequestExecutor& executor_;
  const MonitoringKeys& keys_;
  const v1::ExportAuditRequest request_;
  std::optional<AuditExportWriter> writer_;
  v1::ExportAuditResponse message_;
  // Entries stored when the export began (-1 until read), and the next
  // position to read.
  std::int64_t length_ = -1;
  std::int64_t next_ = 0;
  bool closed_ = false;
  std::atomic<bool> cancelled_{false};
};

}  // namespace ansinh::monitoring
