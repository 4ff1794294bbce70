#pragma once

// What the monitoring integration tests share: a real redis-server, the real
// ansinh-monitoring binary with a crafted targets file, and a publisher that
// puts events straight onto the registry, classification and assignment
// streams (as those services would), so each test drives monitoring with a
// known event sequence.

#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "ansinh/v1/assignment.pb.h"
#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/monitoring.grpc.pb.h"
#include "ansinh/v1/registry.pb.h"
#include "events/envelope_codec.h"
#include "events/stream_names.h"
#include "redis/redis_connection.h"
#include "redis_server.h"
#include "service_process.h"
#include "test_tokens.h"

namespace ansinh::testkit {

// A crafted ward's configuration: the seed ward's five targets, two years of
// official history and the default alert thresholds.
inline constexpr char kCraftedTargets[] = R"pb(
  ward_name: "Phường Thử nghiệm"
  source_document: "Nghị quyết thử nghiệm"
  targets {
    target_id: "poor-without-labour-capacity"
    clause: "§2.1"
    title: "Poor households without labour capacity at most 1.7%"
    measure: MEASURE_POOR_WITHOUT_LABOUR_CAPACITY_RATE
    comparison: COMPARISON_AT_MOST
    threshold_percent: 1.7
    due_year: 2025
  }
  targets {
    target_id: "near-poor-below-town"
    clause: "§2.2"
    title: "Near-poor rate below the town's"
    measure: MEASURE_NEAR_POOR_RATE
    comparison: COMPARISON_BELOW
    external_figure_key: "town_near_poor_rate"
    due_year: 2025
  }
  targets {
    target_id: "loans-for-loan-needs"
    clause: "§2.3"
    title: "Loans for every eligible household that needs one"
    measure: MEASURE_LOAN_COVERAGE
    comparison: COMPARISON_AT_LEAST
    threshold_percent: 100
    due_year: 2025
  }
  targets {
    target_id: "training-for-training-needs"
    clause: "§2.3"
    title: "Training for every poor household that needs it"
    measure: MEASURE_TRAINING_COVERAGE
    comparison: COMPARISON_AT_LEAST
    threshold_percent: 100
    due_year: 2025
  }
  targets {
    target_id: "followed-and-helped"
    clause: "§2.4"
    title: "Every poor and near-poor household followed and helped"
    measure: MEASURE_FOLLOWED_AND_HELPED
    comparison: COMPARISON_AT_LEAST
    threshold_percent: 100
    due_year: 2025
  }
  historical_counts {
    review_year: 2016
    poor_households: 230
    poor_rate_percent: 12.04
    note: "Decision 59/2015"
  }
  historical_counts { review_year: 2021 poor_households: 82 poor_rate_percent: 4.1 note: "Decree 07/2021" }
)pb";

// Noon in the ward (05:00 UTC) on an ISO date.
inline google::protobuf::Timestamp WardNoon(const std::string& date) {
  google::protobuf::Timestamp at;
  google::protobuf::util::TimeUtil::FromString(date + "T05:00:00Z", &at);
  return at;
}

inline v1::Actor Officer() {
  v1::Actor actor;
  actor.set_role(v1::ROLE_WARD_OFFICER);
  actor.set_name("Trần Văn Bình");
  return actor;
}

inline v1::Actor ServiceActor(const std::string& name) {
  v1::Actor actor;
  actor.set_role(v1::ROLE_SERVICE);
  actor.set_name(name);
  return actor;
}

class MonitoringFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_.Start();
    const std::string targets = dir_.path() + "/targets.textproto";
    std::ofstream(targets) << kCraftedTargets;
    std::vector<std::string> flags{"--targets-file", targets, "--checkpoint-interval-seconds",
                                   std::to_string(CheckpointIntervalSeconds())};
    if (SignsTreeHeads()) {
      flags.insert(flags.end(), {"--tree-head-key-file", TreeHeadKeyFile()});
    }
    for (const std::string& flag : ExtraFlags()) flags.push_back(flag);
    monitoring_ = std::make_unique<ServiceProcess>("monitoring", redis_, tokens_.WriteFile(dir_.path()),
                                                   dir_.path(), flags);
    monitoring_->Start();
    stub_ = v1::Monitoring::NewStub(monitoring_->channel());
  }

  virtual int CheckpointIntervalSeconds() const { return 0; }
  // The service signs tree heads with a key of its own (created at start in
  // the test's directory).
  virtual bool SignsTreeHeads() const { return true; }
  std::string TreeHeadKeyFile() const { return dir_.path() + "/tree-head.key"; }
  virtual std::vector<std::string> ExtraFlags() const { return {}; }

  // Publishes one event as its service would: the next version of its
  // aggregate, on the household's stream (partition 0: one partition).
  v1::EventEnvelope Publish(std::string_view source, const std::string& type,
                            const std::string& aggregate_type, const std::string& aggregate_id,
                            const std::string& household_id, const google::protobuf::Message& payload,
                            const std::string& date, const v1::Actor& actor = Officer()) {
    const std::string key = std::string(source) + "/" + aggregate_type + "/" + aggregate_id;
    events::EventIdentity identity{type, aggregate_type, aggregate_id, ++versions_[key], household_id};
    v1::EventEnvelope envelope = events::MakeEnvelope(events::EventContext{actor, "", ""}, identity, payload);
    *envelope.mutable_occurred_at() = WardNoon(date);
    XAdd(source, envelope);
    ++published_;
    return envelope;
  }

  // Puts an envelope on its stream as is (a replay of an earlier one).
  void XAdd(std::string_view source, const v1::EventEnvelope& envelope) {
    redis().Command(events::XAddCommand(events::EventStream(source, 0), envelope));
  }

  // --- registry ---
  void Registered(const std::string& household, const std::string& group, const std::string& date) {
    v1::HouseholdRegistered payload;
    payload.mutable_household()->set_household_id(household);
    payload.mutable_household()->set_residential_group(group);
    payload.mutable_household()->set_status(v1::HOUSEHOLD_STATUS_ACTIVE);
    auto* head = payload.mutable_household()->add_members();
    head->set_member_id("M1");
    head->set_full_name("Nguyễn Thị Hương");
    payload.mutable_household()->set_head_member_id("M1");
    Publish(events::kRegistrySource, "registry.household_registered.v1", "household", household, household,
            payload, date);
  }
  void MovedOut(const std::string& household, const std::string& date) {
    v1::HouseholdMovedOut payload;
    payload.set_household_id(household);
    payload.set_reason("chuyển vào Huế");
    Publish(events::kRegistrySource, "registry.household_moved_out.v1", "household", household, household,
            payload, date);
  }
  void Dissolved(const std::string& household, const std::string& date) {
    v1::HouseholdDissolved payload;
    payload.set_household_id(household);
    payload.set_reason("chủ hộ mất, không còn thành viên");
    Publish(events::kRegistrySource, "registry.household_dissolved.v1", "household", household, household,
            payload, date);
  }

  // --- classification ---
  void Approved(const std::string& household, const std::string& round, int year,
                v1::PovertyCategory category, v1::Transition transition, const std::string& date,
                bool without_labour_capacity = false) {
    v1::HouseholdStatusChanged payload;
    payload.set_household_id(household);
    payload.set_category(category);
    payload.set_transition(transition);
    payload.set_without_labour_capacity(without_labour_capacity);
    payload.set_round_id(round);
    payload.set_review_year(year);
    payload.set_approved_date(date);
    payload.set_standard_id("decree-07-2021");
    Publish(events::kClassificationSource, "classification.household_status_changed.v1", "household-status",
            household, household, payload, date, ServiceActor("classification"));
  }
  void RegularReviewOpened(const std::string& round, const std::string& household, const std::string& opened,
                           const std::string& deadline) {
    v1::ReviewRoundOpened payload;
    payload.mutable_round()->set_round_id(round);
    payload.mutable_round()->set_review_year(2025);
    payload.mutable_round()->set_kind(v1::REVIEW_KIND_REGULAR);
    payload.mutable_round()->set_status(v1::ROUND_STATUS_OPEN);
    payload.mutable_round()->set_household_id(household);
    payload.mutable_round()->set_opened_date(opened);
    payload.mutable_round()->set_deadline_date(deadline);
    Publish(events::kClassificationSource, "classification.review_round_opened.v1", "review-round", round,
            household, payload, opened);
  }
  void RoundApproved(const std::string& round, const std::string& household, const std::string& date) {
    v1::RoundApproved payload;
    payload.set_round_id(round);
    payload.set_review_year(2025);
    payload.set_kind(v1::REVIEW_KIND_REGULAR);
    payload.set_approved_by("Chủ tịch UBND phường");
    payload.set_approved_date(date);
    payload.add_approved_household_ids(household);
    Publish(events::kClassificationSource, "classification.round_approved.v1", "review-round", round,
            household, payload, date);
  }

  // --- assignment ---
  static std::string CaseOf(const std::string& household) { return "CASE-" + household + "-1"; }
  void CaseOpened(const std::string& household, const std::string& organization, const std::string& date) {
    v1::CaseOpened payload;
    payload.set_case_id(CaseOf(household));
    payload.set_household_id(household);
    payload.set_organization_id(organization);
    payload.set_category(v1::POVERTY_CATEGORY_POOR);
    payload.set_opened_on(date);
    PublishCase(household, "assignment.case_opened.v1", payload, date);
  }
  void HelperAssigned(const std::string& household, const std::string& organization,
                      const std::string& helper, const std::string& date) {
    v1::HelperAssigned payload;
    payload.set_case_id(CaseOf(household));
    payload.set_household_id(household);
    payload.set_organization_id(organization);
    payload.set_helper_id(helper);
    payload.set_helper_name("Lê Thị Mai");
    payload.set_reason("gần nhà");
    PublishCase(household, "assignment.helper_assigned.v1", payload, date);
  }
  void NeedRecorded(const std::string& household, const std::string& need_id, v1::NeedType type,
                    const std::string& date) {
    v1::NeedRecorded payload;
    payload.set_case_id(CaseOf(household));
    payload.set_household_id(household);
    payload.mutable_need()->set_need_id(need_id);
    payload.mutable_need()->set_type(type);
    payload.mutable_need()->set_status(v1::NEED_STATUS_OPEN);
    payload.mutable_need()->set_recorded_on(date);
    payload.mutable_need()->set_description("vay vốn nuôi bò");
    PublishCase(household, "assignment.need_recorded.v1", payload, date);
  }
  // A loan without a programme stands for one recorded before programmes were required.
  void SupportRecorded(const std::string& household, const std::string& support_id, v1::SupportType type,
                       const std::string& date,
                       v1::CreditProgramme programme = v1::CREDIT_PROGRAMME_UNSPECIFIED) {
    v1::SupportRecorded payload;
    payload.set_case_id(CaseOf(household));
    payload.set_household_id(household);
    payload.mutable_support()->set_support_id(support_id);
    payload.mutable_support()->set_type(type);
    payload.mutable_support()->set_amount_vnd(50000000);
    payload.mutable_support()->set_provider("VBSP");
    payload.mutable_support()->set_delivered_on(date);
    payload.mutable_support()->set_credit_programme(programme);
    PublishCase(household, "assignment.support_recorded.v1", payload, date);
  }
  void VisitRecorded(const std::string& household, const std::string& date) {
    v1::VisitRecorded payload;
    payload.set_case_id(CaseOf(household));
    payload.set_household_id(household);
    payload.mutable_visit()->set_visited_on(date);
    payload.mutable_visit()->set_notes("gia đình ổn định");
    payload.mutable_visit()->set_observed_change(v1::OBSERVED_CHANGE_IMPROVED);
    PublishCase(household, "assignment.visit_recorded.v1", payload, date);
  }
  void PublishCase(const std::string& household, const std::string& type,
                   const google::protobuf::Message& payload, const std::string& date) {
    v1::Actor staff;
    staff.set_role(v1::ROLE_ORGANIZATION_STAFF);
    staff.set_name("Lê Thị Mai");
    staff.set_organization_id("womens-union");
    Publish(events::kAssignmentSource, type, "case", CaseOf(household), household, payload, date, staff);
  }

  // What monitoring consumed, over gRPC.
  v1::GetSeenResponse Seen() {
    v1::GetSeenResponse seen;
    const grpc::Status status =
        stub_->GetSeen(AuthorizedContext(tokens_.officer).get(), v1::GetSeenRequest{}, &seen);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return seen;
  }

  uint64_t ConsumedTotal() {
    uint64_t total = 0;
    const v1::GetSeenResponse seen = Seen();
    for (const v1::SeenStream& stream : seen.streams()) total += stream.events_consumed();
    return total;
  }

  // Waits (at most 15 s) until monitoring has applied `count` events.
  void WaitForConsumed(uint64_t count) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    uint64_t consumed = 0;
    while (std::chrono::steady_clock::now() < deadline) {
      consumed = ConsumedTotal();
      if (consumed >= count && (!ChainFollowsOutbox() || OutboxAppended())) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL() << "monitoring applied " << consumed << " of " << count << " events; log:\n" << monitoring_->log();
  }
  void WaitForAllPublished() { WaitForConsumed(published_); }

  // Whether the background appender runs, so that waiting for events also
  // waits until their audit entries left the outbox for the chain (tests
  // that read the chain's keys directly see every entry).
  virtual bool ChainFollowsOutbox() const { return true; }
  bool OutboxAppended() {
    const redis::Reply last = redis().Command({"GET", "ansinh:{p0}:monitoring:audit-outbox:last"});
    const redis::Reply taken = redis().Command({"HGET", "ansinh:{audit}:monitoring:audit:taken", "0"});
    return last.IsNil() || (!taken.IsNil() && taken.str == last.str);
  }

  // Waits (at most 15 s) until the "monitoring" group has been delivered
  // every entry of the three streams and has acknowledged them all: also
  // the replays, which are skipped and so never counted as consumed.
  void WaitUntilDrained() {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (std::chrono::steady_clock::now() < deadline) {
      if (Drained()) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL() << "monitoring did not drain its streams; log:\n" << monitoring_->log();
  }

  bool Drained() {
    for (std::string_view source :
         {events::kRegistrySource, events::kClassificationSource, events::kAssignmentSource}) {
      const std::string stream = events::EventStream(source, 0);
      redis::Reply newest = redis().Command({"XREVRANGE", stream, "+", "-", "COUNT", "1"});
      if (newest.elements.empty()) continue;
      const std::string last_id = events::ParseEntryReply(newest.elements[0]).id;
      redis::Reply groups = redis().Command({"XINFO", "GROUPS", stream});
      bool group_done = false;
      for (const redis::Reply& group : groups.elements) {
        std::map<std::string, const redis::Reply*> fields;
        for (size_t i = 0; i + 1 < group.elements.size(); i += 2) {
          fields[group.elements[i].str] = &group.elements[i + 1];
        }
        if (fields["name"] == nullptr || fields["name"]->str != "monitoring") continue;
        group_done = fields["pending"] != nullptr && fields["pending"]->integer == 0 &&
                     fields["last-delivered-id"] != nullptr && fields["last-delivered-id"]->str == last_id;
      }
      if (!group_done) return false;
    }
    return true;
  }

  redis::Connection& redis() {
    if (!connection_) connection_ = std::make_unique<redis::Connection>(redis_.Options());
    return *connection_;
  }

  TempDir dir_;
  RedisServer redis_{dir_.path()};
  TestTokens tokens_;
  std::unique_ptr<ServiceProcess> monitoring_;
  std::unique_ptr<v1::Monitoring::Stub> stub_;
  std::unique_ptr<redis::Connection> connection_;
  std::map<std::string, uint64_t> versions_;
  uint64_t published_ = 0;
};

}  // namespace ansinh::testkit
