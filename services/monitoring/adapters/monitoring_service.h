#pragma once

#include <string>
#include <vector>

#include "ansinh/v1/monitoring.grpc.pb.h"
#include "kernel/ward_clock.h"
#include "monitoring/adapters/monitoring_keys.h"
#include "monitoring/adapters/request_checks.h"
#include "monitoring/adapters/tree_head_key.h"
#include "monitoring/adapters/verification_slots.h"
#include "monitoring/core/alerts.h"
#include "personal_data/key_ring.h"
#include "server/request_executor.h"

namespace ansinh::monitoring {

// ansinh.v1.Monitoring over the callback API. Every handler runs on the
// executor's workers: it authorizes the caller, checks the request (naming
// every bad field), loads the records it needs and hands them to the core.
//
// Who may call what (monitoring.proto):
//   figures, scorecard, alerts        ward officers, organization staff, auditors
//                                     (staff see only their organization's alerts)
//   SetExternalFigure                 ward officers
//   timeline, household history      ward officers, auditors, staff of the
//                                     household's responsible organization;
//                                     every such read is sealed into the audit chain
//   audit verify/checkpoints/export   ward officers, auditors
//   tree heads, proofs, leaves        ward officers, auditors
//   GetSeen                           any principal
//
// What the audit log's transparency needs beyond Redis: the key that signs
// tree heads (none: no heads are signed) and the limit on concurrent
// verifications.
struct AuditSettings {
  const TreeHeadKey* tree_head_key = nullptr;
  VerificationSlots* verification_slots = nullptr;
  // Opens the sealed personal fields of the chain's events when a household's
  // history is read (docs/data-protection.md); null: they stay sealed.
  personal_data::KeyRing* key_ring = nullptr;
};

class MonitoringService final : public v1::Monitoring::CallbackService {
 public:
  // Out of line (compiled once in the adapters library): constructing and
  // destroying the service instantiates the generated CallbackService chain,
  // one template per RPC, which cost main.cc several seconds of compile time.
  MonitoringService(server::RequestExecutor& executor, const MonitoringKeys& keys,
                    v1::MonitoringConfig config, WardClock clock, AuditSettings audit);
  ~MonitoringService() override;

  grpc::ServerUnaryReactor* GetDashboard(grpc::CallbackServerContext* context,
                                         const v1::GetDashboardRequest* request,
                                         v1::GetDashboardResponse* response) override;
  grpc::ServerUnaryReactor* GetScorecard(grpc::CallbackServerContext* context,
                                         const v1::GetScorecardRequest* request,
                                         v1::GetScorecardResponse* response) override;
  grpc::ServerUnaryReactor* SetExternalFigure(grpc::CallbackServerContext* context,
                                              const v1::SetExternalFigureRequest* request,
                                              v1::SetExternalFigureResponse* response) override;
  grpc::ServerUnaryReactor* GetHouseholdTimeline(grpc::CallbackServerContext* context,
                                                 const v1::GetHouseholdTimelineRequest* request,
                                                 v1::GetHouseholdTimelineResponse* response) override;
  grpc::ServerUnaryReactor* VerifyAudit(grpc::CallbackServerContext* context,
                                        const v1::VerifyAuditRequest* request,
                                        v1::VerifyAuditResponse* response) override;
  grpc::ServerUnaryReactor* IssueCheckpoint(grpc::CallbackServerContext* context,
                                            const v1::IssueCheckpointRequest* request,
                                            v1::IssueCheckpointResponse* response) override;
  grpc::ServerUnaryReactor* ListCheckpoints(grpc::CallbackServerContext* context,
                                            const v1::ListCheckpointsRequest* request,
                                            v1::ListCheckpointsResponse* response) override;
  grpc::ServerUnaryReactor* ExportAudit(grpc::CallbackServerContext* context,
                                        const v1::ExportAuditRequest* request,
                                        v1::ExportAuditResponse* response) override;
  grpc::ServerUnaryReactor* ExportScorecard(grpc::CallbackServerContext* context,
                                            const v1::ExportScorecardRequest* request,
                                            v1::ExportScorecardResponse* response) override;
  grpc::ServerUnaryReactor* ExportHouseholdHistory(grpc::CallbackServerContext* context,
                                                   const v1::ExportHouseholdHistoryRequest* request,
                                                   v1::ExportHouseholdHistoryResponse* response) override;
  // subject_access_handlers.cc
  grpc::ServerUnaryReactor* RecordSubjectAccessExport(
      grpc::CallbackServerContext* context, const v1::RecordSubjectAccessExportRequest* request,
      v1::RecordSubjectAccessExportResponse* response) override;
  grpc::ServerUnaryReactor* ListAlerts(grpc::CallbackServerContext* context,
                                       const v1::ListAlertsRequest* request,
                                       v1::ListAlertsResponse* response) override;
  grpc::ServerUnaryReactor* GetOutcomes(grpc::CallbackServerContext* context,
                                        const v1::GetOutcomesRequest* request,
                                        v1::GetOutcomesResponse* response) override;
  grpc::ServerUnaryReactor* GetResolutionReport(grpc::CallbackServerContext* context,
                                                const v1::GetResolutionReportRequest* request,
                                                v1::GetResolutionReportResponse* response) override;
  grpc::ServerUnaryReactor* GetSeen(grpc::CallbackServerContext* context, const v1::GetSeenRequest* request,
                                    v1::GetSeenResponse* response) override;
  grpc::ServerUnaryReactor* GetTreeHead(grpc::CallbackServerContext* context,
                                        const v1::GetTreeHeadRequest* request,
                                        v1::GetTreeHeadResponse* response) override;
  grpc::ServerUnaryReactor* GetConsistencyProof(grpc::CallbackServerContext* context,
                                                const v1::GetConsistencyProofRequest* request,
                                                v1::GetConsistencyProofResponse* response) override;
  grpc::ServerUnaryReactor* GetInclusionProof(grpc::CallbackServerContext* context,
                                              const v1::GetInclusionProofRequest* request,
                                              v1::GetInclusionProofResponse* response) override;
  grpc::ServerUnaryReactor* ListAuditLeaves(grpc::CallbackServerContext* context,
                                            const v1::ListAuditLeavesRequest* request,
                                            v1::ListAuditLeavesResponse* response) override;
  grpc::ServerWriteReactor<v1::ExportAuditResponse>* StreamAuditExport(
      grpc::CallbackServerContext* context, const v1::ExportAuditRequest* request) override;

  // The executor's personal-data read recorder (server/redaction.h): an
  // auditor received marked fields through a monitoring RPC. Seals one
  // KIND_PERSONAL_DATA_READ entry per household named, except for the two
  // history RPCs, which seal their read themselves before reading.
  grpc::Status RecordMarkedFieldsRead(const server::CallScope& call, const v1::PersonalDataRead& read);

 private:
  // The scorecard of a review year (0: the latest) measured on `as_of`.
  v1::Scorecard ScorecardOf(redis::Connection& redis, int review_year, CivilDate as_of) const;
  // Refuses a personal-data read the caller may not make, or of a household
  // monitoring knows nothing about; otherwise seals the read into the audit
  // chain (and the household's timeline) before anything is disclosed.
  grpc::Status RecordPersonalDataRead(const server::CallScope& call, const std::string& household_id,
                                      const std::string& what);
  // Seals the read into the audit chain and the household's timeline.
  void SealPersonalDataRead(const server::CallScope& call, const std::string& household_id,
                            const std::string& what);
  // RESOURCE_EXHAUSTED: every verification slot is taken.
  grpc::Status VerificationBusy() const;

  server::RequestExecutor& executor_;
  const MonitoringKeys& keys_;
  const v1::MonitoringConfig config_;
  const AlertThresholds thresholds_;
  // Today in the ward (figures and alerts "as of" today, the staff's
  // responsibility) and the instant that stamps what monitoring records.
  const WardClock clock_;
  const AuditSettings audit_;
};

}  // namespace ansinh::monitoring
