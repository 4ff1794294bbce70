// kill -9 of each consumer service in the middle of a large backlog: the
// consumer is stopped while its input piles up, started, killed once it has
// applied some but not all of it, and started again. After it catches up the
// state must be what an uninterrupted run gives: every event applied, none
// applied twice. The proof is in what the consumers publish and count: one
// classification per survey, one case per poor or near-poor household, and
// monitoring's per-stream counts and audit chain equal to the streams.
#include <set>

#include "ansinh/v1/assignment.grpc.pb.h"
#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/monitoring.grpc.pb.h"
#include "fault_fixture.h"

namespace ansinh {
namespace {

using testkit::AssignmentStream;
using testkit::AuthorizedContext;
using testkit::ClassificationStream;
using testkit::CliRun;
using testkit::Eventually;
using testkit::RegistryStream;
using testkit::WardStack;

// Large enough that no consumer drains it between two polls of the test.
constexpr int kCrashWardHouseholds = 1500;
constexpr auto kCrashCatchUp = std::chrono::seconds(60);

class ConsumerCrashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    stack_.Start();
    redis_ = std::make_unique<redis::Connection>(stack_.redis().Options("fault-test"));
  }

  CliRun Cli(const std::vector<std::string>& args,
             std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
    return testkit::RunCli(stack_, stack_.tokens().officer, args, timeout);
  }

  void LoadWard() {
    const CliRun load = Cli({"demo", "load", "--households", std::to_string(kCrashWardHouseholds)});
    ASSERT_EQ(load.exit_code, 0) << load.output;
  }

  // Starts `service` (stopped before its backlog was built), waits until its
  // consumer has applied some of `streams` but not all, and kills it -9.
  // `output` is the stream the consumer publishes its effects to, if any:
  // then "some applied" means effects were published, not only skips marked.
  void KillMidway(const std::string& service, const std::vector<std::string>& streams,
                  const std::string& output = "") {
    const int64_t backlog = testkit::TotalBacklog(*redis_, streams, service);
    ASSERT_GT(backlog, 500) << "too small a backlog to crash in the middle of";
    const auto output_length = [&] {
      return output.empty() ? int64_t{0} : redis_->Command({"XLEN", output}).AsInteger();
    };
    const int64_t output_before = output_length();
    stack_.service(service).Start();
    bool midway = false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!midway && std::chrono::steady_clock::now() < deadline) {
      const int64_t left = testkit::TotalBacklog(*redis_, streams, service);
      const bool applying =
          output.empty() ? testkit::AppliedAggregates(*redis_, service) > 0 : output_length() > output_before;
      midway = applying && left > 0 && left < backlog;
      if (!midway) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    stack_.service(service).Kill();
    ASSERT_TRUE(midway) << service << " was not caught in the middle of its backlog";
    const int64_t left = testkit::TotalBacklog(*redis_, streams, service);
    ASSERT_GT(left, 0) << service << " finished its backlog before it was killed";
    RecordProperty("backlog_left_at_kill", std::to_string(left));
  }

  void RestartAndCatchUp(const std::string& service, const std::vector<std::string>& streams) {
    stack_.service(service).Start();
    ASSERT_TRUE(
        Eventually([&] { return testkit::TotalBacklog(*redis_, streams, service) == 0; }, kCrashCatchUp))
        << service << " did not catch up; backlog " << testkit::TotalBacklog(*redis_, streams, service)
        << "\n"
        << stack_.service(service).log().substr(0, 4000);
    // Nothing was given up on.
    EXPECT_EQ(redis_->Command({"XLEN", events::DeadLetterStream(service)}).AsInteger(), 0);
  }

  WardStack stack_;
  std::unique_ptr<redis::Connection> redis_;
};

// Households of `events` of `type`, each as often as it occurs.
std::multiset<std::string> HouseholdsOf(const std::vector<v1::EventEnvelope>& events, std::string_view type) {
  std::multiset<std::string> households;
  for (const auto& event : events) {
    if (event.event_type() == type) households.insert(event.household_id());
  }
  return households;
}

TEST_F(ConsumerCrashTest, ClassificationKilledMidBacklogClassifiesEverySurveyOnce) {
  const CliRun open = Cli({"review", "open", "--year", "2025", "--date", "2025-11-03"});
  ASSERT_EQ(open.exit_code, 0) << open.output;
  ASSERT_TRUE(stack_.service("classification").Terminate().has_value());
  LoadWard();

  KillMidway("classification", {RegistryStream()}, ClassificationStream());
  RestartAndCatchUp("classification", {RegistryStream()});

  const auto surveyed =
      HouseholdsOf(testkit::ReadStream(*redis_, RegistryStream()), "registry.survey_recorded.v1");
  ASSERT_EQ(surveyed.size(), static_cast<size_t>(kCrashWardHouseholds));
  const auto classifications = testkit::ReadStream(*redis_, ClassificationStream());
  std::multiset<std::string> classified =
      HouseholdsOf(classifications, "classification.survey_classified.v1");
  const auto unclassifiable = HouseholdsOf(classifications, "classification.survey_unclassifiable.v1");
  classified.insert(unclassifiable.begin(), unclassifiable.end());
  // One proposal per surveyed household: none lost, none made twice.
  EXPECT_EQ(classified, surveyed);
  // Every household's registry events are marked applied, up to its last.
  EXPECT_EQ(testkit::AppliedAggregates(*redis_, "classification"), kCrashWardHouseholds);

  // The round goes on to its approval as if nothing had happened.
  const CliRun review = Cli({"review", "demo", "--year", "2025"});
  ASSERT_EQ(review.exit_code, 0) << review.output;
  EXPECT_NE(review.output.find("approved"), std::string::npos) << review.output;
}

TEST_F(ConsumerCrashTest, AssignmentKilledMidBacklogOpensOneCasePerPoorHousehold) {
  LoadWard();
  ASSERT_TRUE(stack_.service("assignment").Terminate().has_value());
  const CliRun review = Cli({"review", "demo", "--year", "2025"}, std::chrono::seconds(75));
  ASSERT_EQ(review.exit_code, 0) << review.output;

  KillMidway("assignment", {ClassificationStream()}, AssignmentStream());
  RestartAndCatchUp("assignment", {ClassificationStream()});

  // The households that need a case: poor or near-poor in the approval.
  std::multiset<std::string> needing_case;
  for (const auto& event : testkit::ReadStream(*redis_, ClassificationStream())) {
    if (event.event_type() != "classification.household_status_changed.v1") continue;
    v1::HouseholdStatusChanged changed;
    ASSERT_TRUE(event.payload().UnpackTo(&changed));
    if (changed.category() == v1::POVERTY_CATEGORY_POOR ||
        changed.category() == v1::POVERTY_CATEGORY_NEAR_POOR) {
      needing_case.insert(changed.household_id());
    }
  }
  ASSERT_GT(needing_case.size(), 10u);
  const auto assignment_events = testkit::ReadStream(*redis_, AssignmentStream());
  EXPECT_EQ(HouseholdsOf(assignment_events, "assignment.case_opened.v1"), needing_case);

  // And the service itself answers with exactly those cases.
  auto stub = v1::Assignment::NewStub(stack_.service("assignment").channel());
  v1::ListCasesRequest request;
  request.mutable_page()->set_page_size(500);
  std::multiset<std::string> listed;
  do {
    v1::ListCasesResponse response;
    const grpc::Status status =
        stub->ListCases(AuthorizedContext(stack_.tokens().officer).get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    for (const auto& found : response.cases()) listed.insert(found.household_id());
    request.mutable_page()->set_page_token(response.page().next_page_token());
  } while (!request.page().page_token().empty());
  EXPECT_EQ(listed, needing_case);
}

TEST_F(ConsumerCrashTest, MonitoringKilledMidBacklogCountsAndAuditsEveryEventOnce) {
  ASSERT_TRUE(stack_.service("monitoring").Terminate().has_value());
  LoadWard();
  // Classification's proposals join the backlog once it has read the surveys.
  ASSERT_TRUE(
      Eventually([&] { return testkit::TotalBacklog(*redis_, {RegistryStream()}, "classification") == 0; },
                 kCrashCatchUp));
  const std::vector<std::string> streams{RegistryStream(), ClassificationStream(), AssignmentStream()};

  KillMidway("monitoring", streams);
  RestartAndCatchUp("monitoring", streams);

  auto stub = v1::Monitoring::NewStub(stack_.service("monitoring").channel());
  v1::GetSeenResponse seen;
  const grpc::Status status =
      stub->GetSeen(AuthorizedContext(stack_.tokens().auditor).get(), v1::GetSeenRequest{}, &seen);
  ASSERT_TRUE(status.ok()) << status.error_message();
  uint64_t total = 0;
  std::map<std::string, uint64_t> consumed;
  for (const auto& stream : seen.streams()) consumed[stream.stream()] = stream.events_consumed();
  for (const auto& stream : streams) {
    const auto length = static_cast<uint64_t>(redis_->Command({"XLEN", stream}).AsInteger());
    EXPECT_EQ(consumed[stream], length) << stream;
    total += length;
  }
  EXPECT_EQ(seen.dead_lettered(), 0u);
  // One audit entry per event, and the chain verifies.
  EXPECT_EQ(seen.audit_entries(), total);
  v1::VerifyAuditResponse verified;
  const grpc::Status verify = stub->VerifyAudit(AuthorizedContext(stack_.tokens().auditor).get(),
                                                v1::VerifyAuditRequest{}, &verified);
  ASSERT_TRUE(verify.ok()) << verify.error_message();
  EXPECT_TRUE(verified.verification().intact());
  EXPECT_EQ(verified.verification().entries_checked(), total);

  // A household's timeline has each of its events once.
  const auto registry_events = testkit::ReadStream(*redis_, RegistryStream());
  ASSERT_FALSE(registry_events.empty());
  for (const std::string& household :
       {registry_events.front().household_id(), registry_events.back().household_id()}) {
    size_t expected = 0;
    for (const auto& stream : streams) {
      for (const auto& event : testkit::ReadStream(*redis_, stream)) {
        expected += event.household_id() == household ? 1 : 0;
      }
    }
    v1::GetHouseholdTimelineRequest request;
    request.set_household_id(household);
    v1::GetHouseholdTimelineResponse timeline;
    const grpc::Status read =
        stub->GetHouseholdTimeline(AuthorizedContext(stack_.tokens().officer).get(), request, &timeline);
    ASSERT_TRUE(read.ok()) << read.error_message();
    // Lines without an event id (such as the read of the timeline itself)
    // are not events.
    std::set<std::string> event_ids;
    size_t event_lines = 0;
    for (const auto& entry : timeline.entries()) {
      if (entry.event_id().empty()) continue;
      event_ids.insert(entry.event_id());
      ++event_lines;
    }
    EXPECT_EQ(event_ids.size(), event_lines) << household;
    EXPECT_EQ(event_ids.size(), expected) << household;
  }
}

}  // namespace
}  // namespace ansinh
