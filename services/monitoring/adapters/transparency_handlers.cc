// The audit log as a transparency log (RFC 9162): signed tree heads,
// consistency and inclusion proofs, and the leaves an auditor compares with
// the ones it kept.
#include <string>
#include <vector>

#include "monitoring/adapters/audit_log.h"
#include "monitoring/adapters/audit_outbox.h"
#include "monitoring/adapters/log_verification.h"
#include "monitoring/adapters/monitoring_service.h"
#include "monitoring/core/merkle_tree.h"
#include "monitoring/core/proof_requests.h"
#include "server/authorization.h"
#include "time/timestamps.h"

namespace ansinh::monitoring {
namespace {

constexpr std::initializer_list<v1::Role> kTransparencyReaders = {v1::ROLE_WARD_OFFICER, v1::ROLE_AUDITOR};

}  // namespace

grpc::Status MonitoringService::VerificationBusy() const {
  return server::KeyedStatus(grpc::StatusCode::RESOURCE_EXHAUSTED,
                             std::to_string(audit_.verification_slots->limit()) +
                                 " audit verifications are running, the most at once; try again in a minute",
                             "error.audit.verifications_busy",
                             {{"limit", std::to_string(audit_.verification_slots->limit())}});
}

grpc::ServerUnaryReactor* MonitoringService::GetTreeHead(grpc::CallbackServerContext* context,
                                                         const v1::GetTreeHeadRequest* request,
                                                         v1::GetTreeHeadResponse* response) {
  return executor_.Handle(
      context, "Monitoring.GetTreeHead", response, [=, this](const server::CallScope& call) {
        if (auto denied = server::RequireRole(call.actor, kTransparencyReaders, "read signed tree heads");
            !denied.ok()) {
          return denied;
        }
        if (audit_.tree_head_key == nullptr) {
          return server::KeyedStatus(grpc::StatusCode::FAILED_PRECONDITION,
                                     "this monitoring service has no tree head signing key "
                                     "(--tree-head-key-file), so it signs no tree heads",
                                     "error.audit.no_signing_key");
        }
        // A head issued now covers every event consumed before the call.
        if (request->issue()) AuditAppender(call.redis, keys_).DrainAll();
        AuditLog audit(call.redis);
        std::optional<v1::SignedTreeHead> head = audit.LatestTreeHead();
        if (!request->issue() && !head) {
          return server::KeyedStatus(
              grpc::StatusCode::NOT_FOUND,
              "no tree head has been signed over the audit log yet; ask for one with issue set",
              "error.audit.no_tree_head");
        }
        if (request->issue()) {
          const auto slot = audit_.verification_slots->TryAcquire();
          if (!slot) return VerificationBusy();
          HeadIssue issue = IssueVerifiedTreeHead(audit, *audit_.tree_head_key, call.actor,
                                                  TimestampOf(clock_.Now()), false);
          if (!issue.checked.verification.intact()) {
            const std::string& finding = issue.checked.verification.finding().description();
            return server::KeyedStatus(grpc::StatusCode::FAILED_PRECONDITION,
                                       "the audit log does not verify, so no tree head is signed: " + finding,
                                       "error.audit.head_refused", {{"finding", finding}});
          }
          if (issue.issued) head = std::move(issue.issued);
        }
        *response->mutable_head() = std::move(*head);
        response->set_public_key(audit_.tree_head_key->public_key());
        return grpc::Status::OK;
      });
}

grpc::ServerUnaryReactor* MonitoringService::GetConsistencyProof(
    grpc::CallbackServerContext* context, const v1::GetConsistencyProofRequest* request,
    v1::GetConsistencyProofResponse* response) {
  return executor_.Handle(
      context, "Monitoring.GetConsistencyProof", response, [=](const server::CallScope& call) {
        if (auto denied = server::RequireRole(call.actor, kTransparencyReaders, "read audit log proofs");
            !denied.ok()) {
          return denied;
        }
        AuditLog audit(call.redis);
        const FieldViolations violations =
            CheckConsistencyRequest(request->first_size(), request->second_size(), audit.TreeSize());
        if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));
        for (std::string& node :
             MerkleConsistencyProof(audit.StoredNodes(), request->first_size(), request->second_size())) {
          response->add_proof(std::move(node));
        }
        return grpc::Status::OK;
      });
}

grpc::ServerUnaryReactor* MonitoringService::GetInclusionProof(grpc::CallbackServerContext* context,
                                                               const v1::GetInclusionProofRequest* request,
                                                               v1::GetInclusionProofResponse* response) {
  return executor_.Handle(
      context, "Monitoring.GetInclusionProof", response, [=](const server::CallScope& call) {
        if (auto denied = server::RequireRole(call.actor, kTransparencyReaders, "read audit log proofs");
            !denied.ok()) {
          return denied;
        }
        AuditLog audit(call.redis);
        const FieldViolations violations =
            CheckInclusionRequest(request->sequence(), request->tree_size(), audit.TreeSize());
        if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));
        const std::uint64_t index = request->sequence() - 1;
        std::vector<v1::AuditChainEntry> entries = audit.EntriesAt(index, 1);
        std::vector<std::string> leaves = audit.Leaves(index, 1);
        if (!entries.empty()) *response->mutable_entry() = std::move(entries.front());
        if (!leaves.empty()) response->set_leaf_hash(std::move(leaves.front()));
        for (std::string& node : MerkleInclusionProof(audit.StoredNodes(), index, request->tree_size())) {
          response->add_proof(std::move(node));
        }
        return grpc::Status::OK;
      });
}

grpc::ServerUnaryReactor* MonitoringService::ListAuditLeaves(grpc::CallbackServerContext* context,
                                                             const v1::ListAuditLeavesRequest* request,
                                                             v1::ListAuditLeavesResponse* response) {
  return executor_.Handle(
      context, "Monitoring.ListAuditLeaves", response, [=](const server::CallScope& call) {
        if (auto denied = server::RequireRole(call.actor, kTransparencyReaders, "read audit log leaves");
            !denied.ok()) {
          return denied;
        }
        FieldViolations violations;
        const int count = ResolveLeafCount(request->count(), violations);
        if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));
        AuditLog audit(call.redis);
        const std::uint64_t first = request->from_sequence() == 0 ? 0 : request->from_sequence() - 1;
        for (std::string& leaf : audit.Leaves(first, static_cast<std::uint64_t>(count))) {
          response->add_leaf_hashes(std::move(leaf));
        }
        response->set_tree_size(audit.TreeSize());
        return grpc::Status::OK;
      });
}

}  // namespace ansinh::monitoring
