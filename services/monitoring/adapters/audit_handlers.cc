// The audit chain: verification, checkpoints and export.
#include <vector>

#include "monitoring/adapters/audit_log.h"
#include "monitoring/adapters/audit_outbox.h"
#include "monitoring/adapters/log_verification.h"
#include "monitoring/adapters/monitoring_service.h"
#include "monitoring/core/audit_verifier.h"
#include "monitoring/core/exports.h"
#include "server/authorization.h"
#include "time/timestamps.h"

namespace ansinh::monitoring {
namespace {

constexpr std::initializer_list<v1::Role> kAuditReaders = {v1::ROLE_WARD_OFFICER, v1::ROLE_AUDITOR};
// Entries an ExportAudit (one message) may carry.
constexpr std::size_t kMaxUnaryExportEntries = 20000;

}  // namespace

grpc::ServerUnaryReactor* MonitoringService::VerifyAudit(grpc::CallbackServerContext* context,
                                                         const v1::VerifyAuditRequest* request,
                                                         v1::VerifyAuditResponse* response) {
  return executor_.Handle(
      context, "Monitoring.VerifyAudit", response, [=, this](const server::CallScope& call) {
        if (auto denied = server::RequireRole(call.actor, kAuditReaders, "verify the audit log");
            !denied.ok()) {
          return denied;
        }
        FieldViolations violations;
        if (request->has_checkpoint()) {
          AddCoreViolations(ValidateCheckpoint(request->checkpoint()), "checkpoint.", violations);
        }
        if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));

        const auto slot = audit_.verification_slots->TryAcquire();
        if (!slot) return VerificationBusy();
        // What waits in the outboxes is appended first: the log verified
        // holds every event consumed before the call.
        AuditAppender(call.redis, keys_).DrainAll();
        AuditLog audit(call.redis);
        std::optional<v1::AuditChainCheckpoint> checkpoint;
        if (request->has_checkpoint()) {
          checkpoint = request->checkpoint();
        } else if (request->use_latest_checkpoint()) {
          checkpoint = audit.LatestCheckpoint();
        }
        LogVerification checked =
            VerifyStoredLog(audit, checkpoint ? &*checkpoint : nullptr,
                            audit_.tree_head_key ? &audit_.tree_head_key->public_key() : nullptr);
        *response->mutable_verification() = std::move(checked.verification);
        if (checked.latest_head) *response->mutable_tree_head() = std::move(*checked.latest_head);
        return grpc::Status::OK;
      });
}

grpc::ServerUnaryReactor* MonitoringService::IssueCheckpoint(grpc::CallbackServerContext* context,
                                                             const v1::IssueCheckpointRequest* /*request*/,
                                                             v1::IssueCheckpointResponse* response) {
  return executor_.Handle(context, "Monitoring.IssueCheckpoint", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, kAuditReaders, "issue audit checkpoints");
        !denied.ok()) {
      return denied;
    }
    const auto slot = audit_.verification_slots->TryAcquire();
    if (!slot) return VerificationBusy();
    AuditAppender(call.redis, keys_).DrainAll();
    AuditLog audit(call.redis);
    const std::optional<v1::AuditChainCheckpoint> previous = audit.LatestCheckpoint();
    CheckpointIssue issue = IssueCheckpointOver(audit, TimestampOf(clock_.Now()), call.actor, previous);
    if (!issue.checkpoint) {
      return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION,
                          "the audit log does not verify, so no checkpoint is issued: " +
                              issue.verification.finding().description());
    }
    audit.StoreCheckpoint(*issue.checkpoint);
    *response->mutable_checkpoint() = *std::move(issue.checkpoint);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* MonitoringService::ListCheckpoints(grpc::CallbackServerContext* context,
                                                             const v1::ListCheckpointsRequest* request,
                                                             v1::ListCheckpointsResponse* response) {
  return executor_.Handle(context, "Monitoring.ListCheckpoints", response, [=](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, kAuditReaders, "list audit checkpoints");
        !denied.ok()) {
      return denied;
    }
    FieldViolations violations;
    const PageWindow window = ResolvePage(request->page(), "page", violations);
    if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));
    std::int64_t total = 0;
    for (v1::AuditChainCheckpoint& checkpoint :
         AuditLog(call.redis).Checkpoints(window.offset, window.size, &total)) {
      *response->add_checkpoints() = std::move(checkpoint);
    }
    *response->mutable_page() = PageAfter(window, total);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* MonitoringService::ExportAudit(grpc::CallbackServerContext* context,
                                                         const v1::ExportAuditRequest* request,
                                                         v1::ExportAuditResponse* response) {
  return executor_.Handle(
      context, "Monitoring.ExportAudit", response, [=, this](const server::CallScope& call) {
        if (auto denied = server::RequireRole(call.actor, kAuditReaders, "export the audit log");
            !denied.ok()) {
          return denied;
        }
        FieldViolations violations;
        CheckFormat(request->format(), "format", violations);
        if (request->to_sequence() != 0 && request->from_sequence() > request->to_sequence()) {
          violations.push_back({"to_sequence", "must be 0 (the head) or at least from_sequence"});
        }
        if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));

        // Storage order is kept, damaged entries included: an auditor re-verifying
        // the export offline must see exactly what is stored.
        AuditAppender(call.redis, keys_).DrainAll();
        std::vector<v1::AuditChainEntry> selected;
        bool too_many = false;
        AuditLog(call.redis).Pages()([&](std::span<const v1::AuditChainEntry> page) {
          for (const v1::AuditChainEntry& entry : page) {
            if (entry.sequence() < request->from_sequence()) continue;
            if (request->to_sequence() != 0 && entry.sequence() > request->to_sequence()) continue;
            selected.push_back(entry);
          }
          too_many = selected.size() > kMaxUnaryExportEntries;
          return !too_many;
        });
        // One message holds the whole document: past the bound, the stream.
        if (too_many) {
          return server::KeyedStatus(
              grpc::StatusCode::RESOURCE_EXHAUSTED,
              "an export in one message carries at most " + std::to_string(kMaxUnaryExportEntries) +
                  " entries; use StreamAuditExport (`ansinh audit export` streams) or "
                  "a narrower from_sequence/to_sequence",
              "error.audit.export_too_large", {{"limit", std::to_string(kMaxUnaryExportEntries)}});
        }
        Result<v1::ExportedDocument> document = ExportAuditEntries(selected, request->format());
        if (!document.ok()) return server::ToStatus(document.error());
        *response->mutable_document() = std::move(document).value();
        return grpc::Status::OK;
      });
}

}  // namespace ansinh::monitoring
