#include "unary_scenarios.h"

#include <atomic>
#include <map>
#include <stdexcept>

#include "ansinh/v1/assignment.grpc.pb.h"
#include "ansinh/v1/classification.grpc.pb.h"
#include "ansinh/v1/operations.grpc.pb.h"
#include "ansinh/v1/registry.grpc.pb.h"
#include "kernel/ward_clock.h"
#include "service_process.h"

namespace ansinh::bench {
namespace {

constexpr int kInFlightPoints[] = {1, 8, 32};
constexpr size_t kVisitedCases = 200;
constexpr auto kWarmUp = std::chrono::milliseconds(500);

// One asynchronous unary call of `Stub` with its own context, request and
// response, kept alive until its callback has run.
template <typename Request, typename Response>
struct CallState {
  explicit CallState(CallsOutstanding& calls) : hold(calls) {}
  CallsOutstanding::Hold hold;  // first: released after the context
  grpc::ClientContext context;
  Request request;
  Response response;
};

void Authorize(grpc::ClientContext& context, const std::string& token) {
  context.AddMetadata("authorization", "Bearer " + token);
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
}

void Require(const grpc::Status& status, const std::string& step) {
  if (!status.ok()) throw std::runtime_error(step + " failed: " + status.error_message());
}

// Gives the first kVisitedCases cases a helper of their organization, so
// visits can be recorded on them. Returns those cases.
std::vector<std::string> PrepareVisitedCases(testkit::WardStack& stack, const PipelineResult& cycle,
                                             v1::Assignment::Stub& stub) {
  std::vector<std::string> cases;
  std::map<std::string, std::string> helper_of_organization;
  for (size_t i = 0; i < cycle.case_ids.size() && cases.size() < kVisitedCases; ++i) {
    v1::GetCaseRequest get;
    get.set_case_id(cycle.case_ids[i]);
    v1::Case a_case;
    grpc::ClientContext get_context;
    Authorize(get_context, stack.tokens().officer);
    Require(stub.GetCase(&get_context, get, &a_case), "reading a case");
    std::string& helper_id = helper_of_organization[a_case.organization_id()];
    if (helper_id.empty()) {
      v1::UpsertHelperRequest upsert;
      upsert.set_reason("benchmark helper");
      v1::Helper* helper = upsert.mutable_helper();
      helper->set_id("bench-" + a_case.organization_id());
      helper->set_full_name("Nguyễn Văn Bình");
      helper->set_organization_id(a_case.organization_id());
      helper->set_phone("0912345678");
      helper->set_max_caseload(1000);
      helper->set_active(true);
      v1::UpsertHelperResponse upserted;
      grpc::ClientContext upsert_context;
      Authorize(upsert_context, stack.tokens().officer);
      Require(stub.UpsertHelper(&upsert_context, upsert, &upserted), "creating a benchmark helper");
      helper_id = upserted.helper().id();
    }
    v1::AssignHelperRequest assign;
    assign.set_case_id(a_case.case_id());
    assign.set_helper_id(helper_id);
    assign.set_reason("benchmark");
    v1::Case assigned;
    grpc::ClientContext assign_context;
    Authorize(assign_context, stack.tokens().officer);
    Require(stub.AssignHelper(&assign_context, assign, &assigned), "assigning a benchmark helper");
    cases.push_back(a_case.case_id());
  }
  if (cases.empty()) throw std::runtime_error("no case was opened: nothing to record visits on");
  return cases;
}

// Registry.GetHousehold of the cycle's households in turn.
AsyncCall GetHouseholdCall(v1::Registry::Stub& registry, const std::string& token,
                           const PipelineResult& cycle, std::atomic<size_t>& next_household,
                           CallsOutstanding& outstanding) {
  return [&registry, &token, &cycle, &next_household,
          &outstanding](std::function<void(const grpc::Status&)> done) {
    auto call = std::make_shared<CallState<v1::GetHouseholdRequest, v1::GetHouseholdResponse>>(outstanding);
    Authorize(call->context, token);
    call->request.set_household_id(cycle.household_ids[next_household++ % cycle.household_ids.size()]);
    registry.async()->GetHousehold(&call->context, &call->request, &call->response,
                                   [call, done](grpc::Status status) { done(status); });
  };
}

}  // namespace

std::vector<LoadResult> RunHouseholdReads(testkit::WardStack& stack, const PipelineResult& cycle,
                                          std::chrono::milliseconds duration_per_point) {
  auto registry = v1::Registry::NewStub(BenchChannel(stack, "registry"));
  const std::string token = stack.tokens().officer;
  std::atomic<size_t> next_household{0};
  CallsOutstanding outstanding;
  const AsyncCall get_household = GetHouseholdCall(*registry, token, cycle, next_household, outstanding);
  std::vector<LoadResult> results;
  for (const int in_flight : kInFlightPoints) {
    results.push_back(
        RunClosedLoop("Registry.GetHousehold", in_flight, kWarmUp, duration_per_point, get_household));
  }
  outstanding.WaitUntilAllReleased();
  return results;
}

std::vector<LoadResult> RunUnaryScenarios(testkit::WardStack& stack, const PipelineResult& cycle,
                                          std::chrono::milliseconds duration_per_point) {
  auto operations = v1::Operations::NewStub(BenchChannel(stack, "registry"));
  auto registry = v1::Registry::NewStub(BenchChannel(stack, "registry"));
  auto assignment = v1::Assignment::NewStub(BenchChannel(stack, "assignment"));
  auto classification = v1::Classification::NewStub(BenchChannel(stack, "classification"));
  const std::string token = stack.tokens().officer;
  const std::vector<std::string> visited_cases = PrepareVisitedCases(stack, cycle, *assignment);
  // Visits are dated in the ward's calendar (UTC+7), as the CLI dates them.
  const std::string today = FormatIsoDate(WardClock().Today());
  std::atomic<size_t> next_household{0};
  std::atomic<size_t> next_case{0};
  CallsOutstanding outstanding;

  const AsyncCall ping = [&](std::function<void(const grpc::Status&)> done) {
    auto call = std::make_shared<CallState<v1::PingRequest, v1::PingResponse>>(outstanding);
    call->context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    operations->async()->Ping(&call->context, &call->request, &call->response,
                              [call, done](grpc::Status status) { done(status); });
  };
  const AsyncCall get_household = GetHouseholdCall(*registry, token, cycle, next_household, outstanding);
  // An official status with its explanation (re-derived from the survey
  // and the standard on read), and a page of the status lists.
  const AsyncCall get_official_status = [&](std::function<void(const grpc::Status&)> done) {
    auto call =
        std::make_shared<CallState<v1::GetOfficialStatusRequest, v1::GetOfficialStatusResponse>>(outstanding);
    Authorize(call->context, token);
    call->request.set_household_id(cycle.household_ids[next_household++ % cycle.household_ids.size()]);
    classification->async()->GetOfficialStatus(&call->context, &call->request, &call->response,
                                               [call, done](grpc::Status status) { done(status); });
  };
  const AsyncCall list_statuses = [&](std::function<void(const grpc::Status&)> done) {
    auto call =
        std::make_shared<CallState<v1::ListHouseholdStatusesRequest, v1::ListHouseholdStatusesResponse>>(
            outstanding);
    Authorize(call->context, token);
    call->request.mutable_page()->set_page_size(50);
    classification->async()->ListHouseholdStatuses(&call->context, &call->request, &call->response,
                                                   [call, done](grpc::Status status) { done(status); });
  };
  const AsyncCall record_visit = [&](std::function<void(const grpc::Status&)> done) {
    auto call = std::make_shared<CallState<v1::RecordVisitRequest, v1::RecordVisitResponse>>(outstanding);
    Authorize(call->context, token);
    call->request.set_case_id(visited_cases[next_case++ % visited_cases.size()]);
    call->request.set_visited_on(today);
    call->request.set_notes("benchmark visit");
    call->request.set_observed_change(v1::OBSERVED_CHANGE_NO_CHANGE);
    call->request.set_reason("monthly visit");
    assignment->async()->RecordVisit(&call->context, &call->request, &call->response,
                                     [call, done](grpc::Status status) { done(status); });
  };

  std::vector<LoadResult> results;
  for (const auto& [name, start_call] : std::vector<std::pair<std::string, const AsyncCall*>>{
           {"Operations.Ping (empty)", &ping},
           {"Registry.GetHousehold", &get_household},
           {"Classification.GetOfficialStatus", &get_official_status},
           {"Classification.ListHouseholdStatuses (50)", &list_statuses},
           {"Assignment.RecordVisit", &record_visit}}) {
    for (const int in_flight : kInFlightPoints) {
      results.push_back(RunClosedLoop(name, in_flight, kWarmUp, duration_per_point, *start_call));
    }
  }
  outstanding.WaitUntilAllReleased();
  return results;
}

}  // namespace ansinh::bench
