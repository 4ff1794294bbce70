#include "monitoring/adapters/audit_export_reactor.h"

#include <algorithm>
#include <vector>

#include "monitoring/adapters/audit_dictionaries.h"
#include "monitoring/adapters/audit_log.h"
#include "monitoring/adapters/audit_outbox.h"
#include "monitoring/adapters/monitoring_keys.h"
#include "monitoring/adapters/monitoring_service.h"
#include "monitoring/adapters/request_checks.h"
#include "redis/compressed_value.h"
#include "server/authorization.h"
#include "server/status_mapping.h"

namespace ansinh::monitoring {

void AuditExportReactor::Start(std::optional<v1::Actor> actor, grpc::Status refusal) {
  if (actor) {
    refusal = server::RequireRole(*actor, {v1::ROLE_WARD_OFFICER, v1::ROLE_AUDITOR}, "export the audit log");
  }
  if (!actor || !refusal.ok()) {
    Finish(refusal);
    return;
  }
  FieldViolations violations;
  CheckFormat(request_.format(), "format", violations);
  if (request_.to_sequence() != 0 && request_.from_sequence() > request_.to_sequence()) {
    violations.push_back({"to_sequence", "must be 0 (the head) or at least from_sequence"});
  }
  Result<AuditExportWriter> writer = AuditExportWriter::Start(request_.format());
  if (!violations.empty() || !writer.ok()) {
    Finish(server::ToStatus(Error::InvalidArgument(violations)));
    return;
  }
  writer_ = std::move(writer).value();
  *message_.mutable_document() = writer_->Opening();
  StartWrite(&message_);
}

void AuditExportReactor::OnWriteDone(bool ok) {
  if (!ok || cancelled_) {
    Finish(grpc::Status(grpc::StatusCode::CANCELLED, "the client stopped reading the export"));
    return;
  }
  if (closed_) {
    Finish(grpc::Status::OK);
    return;
  }
  executor_.Submit([this](redis::Connection& redis) { WriteNext(redis); });
}

void AuditExportReactor::WriteNext(redis::Connection& redis) {
  try {
    const std::string entries_key(MonitoringKeys::kAuditEntries);
    if (length_ < 0) {
      // What waits in the outboxes is appended first, so the export holds
      // every event consumed before the call.
      AuditAppender(redis, keys_).DrainAll();
      length_ = redis.Command({"LLEN", entries_key}).AsInteger();
    }
    std::string text;
    // Storage order is kept, damaged entries included: an auditor
    // re-verifying the export offline must see exactly what is stored.
    std::vector<v1::AuditChainEntry> selected;
    while (text.empty() && next_ < length_ && !cancelled_) {
      const std::int64_t last = std::min(length_, next_ + AuditLog::kPageEntries) - 1;
      redis::Reply reply =
          redis.Command({"LRANGE", entries_key, std::to_string(next_), std::to_string(last)});
      next_ = last + 1;
      selected.clear();
      for (const redis::Reply& item : reply.elements) {
        v1::AuditChainEntry entry;
        if (!ParseAuditRecord(item.str, entry)) entry.Clear();
        if (entry.sequence() < request_.from_sequence()) continue;
        if (request_.to_sequence() != 0 && entry.sequence() > request_.to_sequence()) continue;
        selected.push_back(std::move(entry));
      }
      text = writer_->Page(selected);
    }
    if (text.empty()) {
      closed_ = true;
      text = writer_->Closing();
      if (text.empty()) {
        Finish(grpc::Status::OK);
        return;
      }
    }
    message_.Clear();
    message_.mutable_document()->set_content(std::move(text));
    StartWrite(&message_);
  } catch (...) {
    Finish(server::StatusFromCurrentException("Monitoring.StreamAuditExport"));
  }
}

grpc::ServerWriteReactor<v1::ExportAuditResponse>* MonitoringService::StreamAuditExport(
    grpc::CallbackServerContext* context, const v1::ExportAuditRequest* request) {
  auto* reactor = new AuditExportReactor(executor_, keys_, *request);
  executor_.AuthenticateAsync(context, [reactor](std::optional<v1::Actor> actor, grpc::Status refusal) {
    reactor->Start(std::move(actor), std::move(refusal));
  });
  return reactor;
}

}  // namespace ansinh::monitoring
