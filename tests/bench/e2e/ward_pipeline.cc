#include "ward_pipeline.h"

#include "child_process.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "ansinh/v1/assignment.grpc.pb.h"
#include "ansinh/v1/classification.grpc.pb.h"
#include "ansinh/v1/operations.grpc.pb.h"
#include "ansinh/v1/registry.grpc.pb.h"
#include "grpc_load.h"
#include "kernel/ward_clock.h"
#include "registry/client/household_import_client.h"
#include "registry/core/demo/demo_ward_generator.h"
#include "service_process.h"

namespace ansinh::bench {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int kReviewYear = 2025;
// Group meetings change the round's shared record: more in flight only
// conflict.
constexpr int kMeetingsInFlight = 2;
// A residential group's households fit one meeting's minutes.
constexpr size_t kHouseholdsPerMeeting = 500;
constexpr auto kStepDeadline = std::chrono::minutes(10);
constexpr auto kPollInterval = std::chrono::milliseconds(50);
constexpr auto kProgressPollInterval = std::chrono::milliseconds(500);
// GetRoundProgress calls timed once the round is posted.
constexpr int kProgressReadsTimed = 50;

}  // namespace

std::shared_ptr<grpc::Channel> BenchChannel(testkit::WardStack& stack, const std::string& service) {
  grpc::ChannelArguments arguments;
  // A 200,000-household import or approval answers with one result per
  // household: far above gRPC's 4 MiB default.
  arguments.SetMaxReceiveMessageSize(-1);
  return grpc::CreateCustomChannel(stack.service(service).address(), grpc::InsecureChannelCredentials(),
                                   arguments);
}

namespace {

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void Check(const grpc::Status& status, const std::string& step) {
  if (!status.ok()) {
    throw std::runtime_error(step + " failed: " + std::to_string(status.error_code()) + " " +
                             status.error_message());
  }
}

std::unique_ptr<grpc::ClientContext> OfficerContext(
    testkit::WardStack& stack, std::chrono::seconds deadline = std::chrono::seconds(60)) {
  return testkit::AuthorizedContext(stack.tokens().officer, deadline);
}

// Every proposed household gets its residential group's meeting, as the
// procedure requires; one RecordGroupMeeting per group (at most
// kHouseholdsPerMeeting households), kMeetingsInFlight at a time. A call a
// concurrent change of the round aborted is sent again, as any client
// retries ABORTED.
int64_t RecordMeetings(testkit::WardStack& stack, const std::string& round_id,
                       const std::vector<std::vector<std::string>>& groups) {
  auto stub = v1::Classification::NewStub(BenchChannel(stack, "classification"));
  std::vector<v1::RecordGroupMeetingRequest> meetings;
  for (const std::vector<std::string>& group : groups) {
    for (size_t start = 0; start < group.size(); start += kHouseholdsPerMeeting) {
      v1::RecordGroupMeetingRequest& request = meetings.emplace_back();
      request.set_round_id(round_id);
      request.set_meeting_date("2025-11-10");
      request.set_minutes_reference("BB-BENCH-2025-" + std::to_string(meetings.size()));
      for (size_t i = start; i < group.size() && i < start + kHouseholdsPerMeeting; ++i) {
        v1::GroupMeetingDecision* decision = request.add_decisions();
        decision->set_household_id(group[i]);
        decision->set_attendees(20);
        decision->set_agreed(17);
      }
    }
  }
  std::mutex mutex;
  std::condition_variable finished;
  size_t next = 0;
  int running = 0;
  int64_t recorded = 0;
  grpc::Status first_error;
  std::vector<size_t> retry;
  CallsOutstanding outstanding;
  std::function<void()> start_next = [&] {
    // Called with `mutex` held.
    if ((next >= meetings.size() && retry.empty()) || !first_error.ok()) return;
    size_t index = 0;
    if (!retry.empty()) {
      index = retry.back();
      retry.pop_back();
    } else {
      index = next++;
    }
    struct Call {
      explicit Call(CallsOutstanding& calls) : hold(calls) {}
      CallsOutstanding::Hold hold;  // first: released after the context
      std::unique_ptr<grpc::ClientContext> context;
      v1::RecordGroupMeetingResponse response;
    };
    auto call = std::make_shared<Call>(outstanding);
    call->context = OfficerContext(stack);
    ++running;
    stub->async()->RecordGroupMeeting(call->context.get(), &meetings[index], &call->response,
                                      [&, call, index](const grpc::Status& status) {
                                        const std::lock_guard lock(mutex);
                                        --running;
                                        if (status.ok()) {
                                          recorded += call->response.households_size();
                                        } else if (status.error_code() == grpc::StatusCode::ABORTED) {
                                          retry.push_back(index);
                                        } else if (first_error.ok()) {
                                          first_error = status;
                                        }
                                        start_next();
                                        if (running == 0) finished.notify_all();
                                      });
  };
  {
    std::unique_lock lock(mutex);
    for (int i = 0; i < kMeetingsInFlight; ++i) start_next();
    finished.wait(lock, [&] { return running == 0; });
  }
  outstanding.WaitUntilAllReleased();
  Check(first_error, "recording the meetings");
  return recorded;
}

v1::RoundProgress Progress(testkit::WardStack& stack, const std::string& round_id) {
  auto stub = v1::Classification::NewStub(BenchChannel(stack, "classification"));
  v1::GetRoundProgressRequest request;
  request.set_round_id(round_id);
  v1::GetRoundProgressResponse response;
  Check(stub->GetRoundProgress(OfficerContext(stack).get(), request, &response),
        "reading the round's progress");
  return response.progress();
}

// True when no consumer group behind `operations` has undelivered or
// unacknowledged entries.
bool ConsumersIdle(testkit::WardStack& stack, v1::Operations::Stub& operations, const std::string& service) {
  v1::ServiceInfo info;
  Check(operations.GetServiceInfo(OfficerContext(stack).get(), v1::GetServiceInfoRequest(), &info),
        "reading " + service + "'s consumer lag");
  for (const v1::ConsumerStreamInfo& stream : info.consumed()) {
    if (stream.lag() != 0 || stream.pending() != 0) return false;
  }
  return true;
}

// Upstream first, twice in a row: a downstream group checked before its
// upstream published would otherwise look idle too early. One channel per
// service for the whole wait: the polls must not reconnect every 50 ms.
void WaitUntilIdle(testkit::WardStack& stack, const std::vector<std::string>& consumers) {
  std::vector<std::unique_ptr<v1::Operations::Stub>> operations;
  for (const std::string& service : consumers)
    operations.push_back(v1::Operations::NewStub(BenchChannel(stack, service)));
  const auto deadline = Clock::now() + kStepDeadline;
  int idle_sweeps = 0;
  while (idle_sweeps < 2) {
    if (Clock::now() > deadline) throw std::runtime_error("consumers did not drain within 10 minutes");
    bool idle = true;
    for (size_t i = 0; i < consumers.size() && idle; ++i)
      idle = ConsumersIdle(stack, *operations[i], consumers[i]);
    idle_sweeps = idle ? idle_sweeps + 1 : 0;
    if (idle_sweeps < 2) std::this_thread::sleep_for(kPollInterval);
  }
}

std::vector<std::string> ListCaseIds(testkit::WardStack& stack) {
  auto stub = v1::Assignment::NewStub(BenchChannel(stack, "assignment"));
  std::vector<std::string> ids;
  v1::ListCasesRequest request;
  request.mutable_page()->set_page_size(500);
  do {
    v1::ListCasesResponse response;
    Check(stub->ListCases(OfficerContext(stack).get(), request, &response), "listing cases");
    for (const v1::Case& a_case : response.cases()) ids.push_back(a_case.case_id());
    request.mutable_page()->set_page_token(response.page().next_page_token());
  } while (!request.page().page_token().empty());
  return ids;
}

}  // namespace

PipelineResult RunYearlyCycle(testkit::WardStack& stack, int64_t households, uint64_t seed) {
  PipelineResult result;
  result.households = households;
  registry::DemoWardOptions ward_options;
  ward_options.household_count = households;
  // The registry checks ages against this day, as `ansinh demo load` does.
  ward_options.registered_on = WardClock().Today();
  const std::vector<registry::DemoHousehold> ward = registry::GenerateDemoWard(seed, ward_options);

  const Clock::time_point start = Clock::now();
  auto classification = v1::Classification::NewStub(BenchChannel(stack, "classification"));
  v1::OpenRoundRequest open;
  open.set_review_year(kReviewYear);
  open.set_kind(v1::REVIEW_KIND_PERIODIC);
  open.set_opened_on("2025-11-03");
  v1::OpenRoundResponse opened;
  Check(classification->OpenRound(OfficerContext(stack).get(), open, &opened), "opening the round");
  const std::string round_id = opened.round().round_id();

  auto registry = v1::Registry::NewStub(BenchChannel(stack, "registry"));
  size_t next_row = 0;
  const registry::client::ImportOutcome import = registry::client::StreamImport(
      *registry, [&] { return OfficerContext(stack, std::chrono::seconds(3600)); },
      [&]() -> std::optional<v1::ImportHouseholdsRequest> {
        if (next_row >= ward.size()) return std::nullopt;
        const size_t row = next_row++;
        return registry::ToImportRow(ward[row], static_cast<int64_t>(row + 1));
      },
      households, {});
  Check(import.status, "importing the households");
  result.import_seconds = SecondsSince(start);
  result.imported = import.response.imported_count();
  for (const v1::ImportRowResult& row : import.response.results()) {
    if (row.has_imported()) result.household_ids.push_back(row.imported().household_id());
  }
  std::cerr << "imported " << result.imported << " households in " << result.import_seconds << " s\n";

  // Wait on the classification service's consumer lag first, then read the
  // progress (a few hash fields) until every survey has joined.
  WaitUntilIdle(stack, {"classification"});
  const auto join_deadline = Clock::now() + kStepDeadline;
  while (Progress(stack, round_id).surveyed() < result.imported) {
    if (Clock::now() > join_deadline)
      throw std::runtime_error("surveys did not join the round within 10 minutes");
    std::this_thread::sleep_for(kProgressPollInterval);
  }
  result.surveys_joined_seconds = SecondsSince(start);

  // Unclassifiable households await a corrected survey, not a meeting.
  std::set<std::string> unclassifiable;
  const v1::RoundProgress joined = Progress(stack, round_id);
  for (const v1::HouseholdError& problem : joined.unclassifiable_households()) {
    unclassifiable.insert(problem.household_id());
  }
  std::map<std::string, std::vector<std::string>> groups;
  for (const v1::ImportRowResult& row : import.response.results()) {
    if (!row.has_imported() || unclassifiable.contains(row.imported().household_id())) continue;
    const registry::DemoHousehold& generated = ward.at(static_cast<size_t>(row.row_number() - 1));
    groups[generated.household.residential_group()].push_back(row.imported().household_id());
  }
  std::vector<std::vector<std::string>> meeting_groups;
  for (auto& [group, members] : groups) meeting_groups.push_back(std::move(members));
  result.meetings = RecordMeetings(stack, round_id, meeting_groups);
  result.meetings_seconds = SecondsSince(start);
  v1::PostResultsRequest post;
  post.set_round_id(round_id);
  post.set_posted_on("2025-11-17");
  v1::PostResultsResponse posted;
  Check(classification->PostResults(OfficerContext(stack, std::chrono::seconds(600)).get(), post, &posted),
        "posting the results");
  result.posted_seconds = SecondsSince(start);
  // The round at its fullest: every household in it, most of them posted.
  std::vector<double> progress_latencies_ms;
  for (int read = 0; read < kProgressReadsTimed; ++read) {
    const Clock::time_point asked = Clock::now();
    Progress(stack, round_id);
    progress_latencies_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - asked).count());
  }
  result.progress_read = Summarize(std::move(progress_latencies_ms));

  v1::ApproveRoundRequest approve;
  approve.set_round_id(round_id);
  approve.set_omit_results(true);  // a province's results are read page by page, not in one answer
  // The chairman's decision, signed once the complaint window of the
  // posting of 2025-11-17 has closed.
  approve.set_decision_number("125/QĐ-UBND");
  approve.set_decision_date("2025-11-24");
  const v1::RoundProgress before_approval = Progress(stack, round_id);
  for (const v1::HouseholdError& problem : before_approval.unclassifiable_households()) {
    v1::Exclusion* exclusion = approve.add_exclusions();
    exclusion->set_household_id(problem.household_id());
    exclusion->set_reason("survey to be corrected");
  }
  v1::ApproveRoundResponse approved;
  Check(classification->ApproveRound(OfficerContext(stack, std::chrono::seconds(600)).get(), approve,
                                     &approved),
        "approving the round");
  result.approved_seconds = SecondsSince(start);
  result.approved = approved.approval().approved_household_ids_size();
  result.official_poor = approved.approval().poor();
  result.official_near_poor = approved.approval().near_poor();

  WaitUntilIdle(stack, {"classification", "assignment", "monitoring"});
  result.drained_seconds = SecondsSince(start);
  result.case_ids = ListCaseIds(stack);
  result.cases_opened = static_cast<int64_t>(result.case_ids.size());
  return result;
}

nlohmann::json EndToEndReport(const PipelineResult& cycle) {
  return {{"households", cycle.households},
          {"imported", cycle.imported},
          {"meetings", cycle.meetings},
          {"approved", cycle.approved},
          {"official_poor", cycle.official_poor},
          {"official_near_poor", cycle.official_near_poor},
          {"cases_opened", cycle.cases_opened},
          {"import_seconds", cycle.import_seconds},
          {"surveys_joined_seconds", cycle.surveys_joined_seconds},
          {"meetings_seconds", cycle.meetings_seconds},
          {"posted_seconds", cycle.posted_seconds},
          {"approved_seconds", cycle.approved_seconds},
          {"drained_seconds", cycle.drained_seconds},
          {"round_progress_p50_ms", cycle.progress_read.p50_ms},
          {"round_progress_p99_ms", cycle.progress_read.p99_ms},
          {"import_rows_per_second", static_cast<double>(cycle.imported) / cycle.import_seconds},
          {"households_per_second", static_cast<double>(cycle.households) / cycle.drained_seconds}};
}

std::map<std::string, std::vector<std::string>> WithFreshMetricsPorts(
    std::map<std::string, std::vector<std::string>> extra_args) {
  for (auto& [service, flags] : extra_args) {
    const auto port = std::find(flags.begin(), flags.end(), "--metrics-port");
    if (port != flags.end() && port + 1 != flags.end()) *(port + 1) = std::to_string(testkit::FreePort());
  }
  return extra_args;
}

void KeepServiceLogs(const std::string& from, const std::string& to) {
  std::filesystem::create_directories(to);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(from)) {
    if (entry.path().extension() == ".log") {
      std::filesystem::copy_file(entry.path(), to + "/" + entry.path().filename().string(),
                                 std::filesystem::copy_options::overwrite_existing);
    }
  }
  std::cerr << "the services' logs are kept in " << to << "\n";
}

}  // namespace ansinh::bench
