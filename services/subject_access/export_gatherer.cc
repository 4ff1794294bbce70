#include "subject_access/export_gatherer.h"

#include <algorithm>
#include <set>

#include "ansinh/v1/assignment.grpc.pb.h"
#include "ansinh/v1/classification.grpc.pb.h"
#include "ansinh/v1/corrections.grpc.pb.h"
#include "ansinh/v1/monitoring.grpc.pb.h"
#include "ansinh/v1/registry.grpc.pb.h"
#include "subject_access/member_scope.h"

namespace ansinh::subject_access {
namespace {

// A part the household may simply not have yet.
bool Absent(const grpc::Status& status) {
  return status.error_code() == grpc::StatusCode::NOT_FOUND ||
         status.error_code() == grpc::StatusCode::FAILED_PRECONDITION;
}

Gathered Failed(grpc::Status status, std::string call) {
  Gathered failed;
  failed.status = std::move(status);
  failed.failed_call = std::move(call);
  return failed;
}

}  // namespace

Gathered GatherExport(const ServiceChannels& channels, const ContextFactory& make_context,
                      const std::string& household_id, const std::string& member_id) {
  // An export is a dozen calls to four services: a connection attempt that
  // fails on a busy machine is tried again until the call's deadline rather
  // than failing the export half gathered.
  const auto context = [&make_context] {
    std::unique_ptr<grpc::ClientContext> made = make_context();
    made->set_wait_for_ready(true);
    return made;
  };
  Gathered gathered;
  v1::SubjectAccessExport& exported = gathered.exported;

  // Recorded before anything is read.
  v1::RecordSubjectAccessExportRequest record;
  record.set_household_id(household_id);
  record.set_member_id(member_id);
  v1::RecordSubjectAccessExportResponse recorded;
  grpc::Status status = v1::Monitoring::NewStub(channels.monitoring)
                            ->RecordSubjectAccessExport(context().get(), record, &recorded);
  if (!status.ok()) return Failed(status, "Monitoring.RecordSubjectAccessExport");
  exported.set_export_id(recorded.export_id());
  *exported.mutable_exported_at() = recorded.recorded_at();
  *exported.mutable_exported_by() = recorded.recorded_by();
  exported.set_household_id(household_id);
  *exported.mutable_history() = recorded.history();

  v1::GetHouseholdRecordRequest record_request;
  record_request.set_household_id(household_id);
  v1::GetHouseholdRecordResponse household;
  status = v1::Registry::NewStub(channels.registry)
               ->GetHouseholdRecord(context().get(), record_request, &household);
  if (!status.ok()) return Failed(status, "Registry.GetHouseholdRecord");
  if (!member_id.empty() &&
      std::none_of(household.household().members().begin(), household.household().members().end(),
                   [&](const v1::Member& member) { return member.member_id() == member_id; })) {
    return Failed(grpc::Status(grpc::StatusCode::NOT_FOUND,
                               "household " + household_id + " has no member " + member_id),
                  "Registry.GetHouseholdRecord");
  }
  *exported.mutable_household() = household.household();
  *exported.mutable_surveys() = household.surveys();

  auto corrections = v1::Corrections::NewStub(channels.registry);
  v1::ListCorrectionRequestsRequest list;
  list.set_household_id(household_id);
  list.mutable_page()->set_page_size(500);
  while (true) {
    v1::ListCorrectionRequestsResponse page;
    status = corrections->ListCorrectionRequests(context().get(), list, &page);
    if (!status.ok()) return Failed(status, "Corrections.ListCorrectionRequests");
    for (v1::CorrectionRequest& request : *page.mutable_requests()) {
      *exported.add_correction_requests() = std::move(request);
    }
    if (page.page().next_page_token().empty()) break;
    list.mutable_page()->set_page_token(page.page().next_page_token());
  }

  auto classification = v1::Classification::NewStub(channels.classification);
  v1::GetOfficialStatusRequest official_request;
  official_request.set_household_id(household_id);
  v1::GetOfficialStatusResponse official;
  status = classification->GetOfficialStatus(context().get(), official_request, &official);
  if (status.ok()) {
    if (official.has_current()) *exported.mutable_official_status() = official.current();
    // Newest first after the current one.
    for (auto earlier = official.history().rbegin(); earlier != official.history().rend(); ++earlier) {
      *exported.add_status_history() = *earlier;
    }
  } else if (!Absent(status)) {
    return Failed(status, "Classification.GetOfficialStatus");
  }
  if (!household.surveys().empty()) {
    v1::ClassifyHouseholdRequest classify_request;
    classify_request.set_household_id(household_id);
    v1::ClassifyHouseholdResponse classified;
    status = classification->ClassifyHousehold(context().get(), classify_request, &classified);
    if (status.ok()) {
      *exported.mutable_latest_classification() = classified.result();
    } else if (!Absent(status)) {
      return Failed(status, "Classification.ClassifyHousehold");
    }
  }

  auto assignment = v1::Assignment::NewStub(channels.assignment);
  v1::GetCaseByHouseholdRequest case_request;
  case_request.set_household_id(household_id);
  v1::Case current;
  status = assignment->GetCaseByHousehold(context().get(), case_request, &current);
  if (status.ok()) {
    std::set<std::string> seen;
    std::string previous = current.previous_case_id();
    seen.insert(current.case_id());
    *exported.add_cases() = std::move(current);
    while (!previous.empty() && seen.insert(previous).second) {
      v1::GetCaseRequest earlier_request;
      earlier_request.set_case_id(previous);
      v1::Case earlier;
      status = assignment->GetCase(context().get(), earlier_request, &earlier);
      if (!status.ok()) return Failed(status, "Assignment.GetCase");
      previous = earlier.previous_case_id();
      *exported.add_cases() = std::move(earlier);
    }
  } else if (!Absent(status)) {
    return Failed(status, "Assignment.GetCaseByHousehold");
  }

  if (!member_id.empty()) exported = ForMember(exported, member_id);
  return gathered;
}

}  // namespace ansinh::subject_access
