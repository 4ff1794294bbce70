#pragma once

#include "ansinh/v1/classification.grpc.pb.h"
#include "classification/adapters/classification_environment.h"
#include "server/request_executor.h"

namespace ansinh::classification {

// ansinh.v1.Classification over the callback API. Each handler authorizes,
// then runs on the executor's workers: the core decides, the stores read and
// queue writes, and a step's state and its events commit in one MULTI/EXEC
// per slot (WATCH on what it read there, retried when a concurrent step got
// there first; docs/classification.md, "Redis keys"). Only ward officers run
// the review procedure; every role reads.
//
//   open_round_handler.cc    OpenRound
//   round_handlers.cc     RecordMeeting, PostResults, FileComplaint
//   approve_round_handler.cc ApproveRound
//   group_meeting_handler.cc  RecordGroupMeeting
//   round_list_handlers.cc  AddToRoundList, RecordListDecision, ListRoundHouseholds
//   query_handlers.cc     GetRoundProgress, ListRounds, GetOfficialStatus, ListHouseholdStatuses,
//                         ListStandards
//   classify_handlers.cc  ClassifyHousehold, WhatIf
class ClassificationService final : public v1::Classification::CallbackService {
 public:
  // Out of line (compiled once in the adapters library): constructing and
  // destroying the service instantiates the generated CallbackService chain,
  // one template per RPC, which cost main.cc several seconds of compile time.
  ClassificationService(server::RequestExecutor& executor, const ClassificationEnvironment& environment);
  ~ClassificationService() override;

  grpc::ServerUnaryReactor* OpenRound(grpc::CallbackServerContext* context,
                                      const v1::OpenRoundRequest* request,
                                      v1::OpenRoundResponse* response) override;
  grpc::ServerUnaryReactor* AddToRoundList(grpc::CallbackServerContext* context,
                                           const v1::AddToRoundListRequest* request,
                                           v1::AddToRoundListResponse* response) override;
  grpc::ServerUnaryReactor* RecordListDecision(grpc::CallbackServerContext* context,
                                               const v1::RecordListDecisionRequest* request,
                                               v1::RecordListDecisionResponse* response) override;
  grpc::ServerUnaryReactor* ListRoundHouseholds(grpc::CallbackServerContext* context,
                                                const v1::ListRoundHouseholdsRequest* request,
                                                v1::ListRoundHouseholdsResponse* response) override;
  grpc::ServerUnaryReactor* RecordMeeting(grpc::CallbackServerContext* context,
                                          const v1::RecordMeetingRequest* request,
                                          v1::RecordMeetingResponse* response) override;
  grpc::ServerUnaryReactor* RecordGroupMeeting(grpc::CallbackServerContext* context,
                                               const v1::RecordGroupMeetingRequest* request,
                                               v1::RecordGroupMeetingResponse* response) override;
  grpc::ServerUnaryReactor* PostResults(grpc::CallbackServerContext* context,
                                        const v1::PostResultsRequest* request,
                                        v1::PostResultsResponse* response) override;
  grpc::ServerUnaryReactor* FileComplaint(grpc::CallbackServerContext* context,
                                          const v1::FileComplaintRequest* request,
                                          v1::FileComplaintResponse* response) override;
  grpc::ServerUnaryReactor* ApproveRound(grpc::CallbackServerContext* context,
                                         const v1::ApproveRoundRequest* request,
                                         v1::ApproveRoundResponse* response) override;
  grpc::ServerUnaryReactor* GetRoundProgress(grpc::CallbackServerContext* context,
                                             const v1::GetRoundProgressRequest* request,
                                             v1::GetRoundProgressResponse* response) override;
  grpc::ServerUnaryReactor* ListRounds(grpc::CallbackServerContext* context,
                                       const v1::ListRoundsRequest* request,
                                       v1::ListRoundsResponse* response) override;
  grpc::ServerUnaryReactor* ClassifyHousehold(grpc::CallbackServerContext* context,
                                              const v1::ClassifyHouseholdRequest* request,
                                              v1::ClassifyHouseholdResponse* response) override;
  grpc::ServerUnaryReactor* WhatIf(grpc::CallbackServerContext* context, const v1::WhatIfRequest* request,
                                   v1::WhatIfResponse* response) override;
  grpc::ServerUnaryReactor* GetOfficialStatus(grpc::CallbackServerContext* context,
                                              const v1::GetOfficialStatusRequest* request,
                                              v1::GetOfficialStatusResponse* response) override;
  grpc::ServerUnaryReactor* ListHouseholdStatuses(grpc::CallbackServerContext* context,
                                                  const v1::ListHouseholdStatusesRequest* request,
                                                  v1::ListHouseholdStatusesResponse* response) override;
  grpc::ServerUnaryReactor* ListStandards(grpc::CallbackServerContext* context,
                                          const v1::ListStandardsRequest* request,
                                          v1::ListStandardsResponse* response) override;

 private:
  server::RequestExecutor& executor_;
  const ClassificationEnvironment& environment_;
};

}  // namespace ansinh::classification
