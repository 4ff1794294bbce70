#pragma once

// Shared by the assignment_*_test.cc integration tests: a real redis-server,
// the real ansinh-assignment binary with a small test ward, and helpers to
// publish official status events the way the classification service does and
// to read back cases and the events the service published.

#include <google/protobuf/util/time_util.h>
#include <grpcpp/support/error_details.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "ansinh/v1/assignment.grpc.pb.h"
#include "ansinh/v1/classification.pb.h"
#include "bad_request.h"
#include "events/envelope_codec.h"
#include "events/stream_names.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "kernel/ward_clock.h"
#include "redis/redis_connection.h"
#include "redis_server.h"
#include "service_process.h"
#include "test_tokens.h"

namespace ansinh::assignment::testkit {

using ansinh::testkit::AuthorizedContext;
using ansinh::testkit::RedisServer;
using ansinh::testkit::ServiceProcess;
using ansinh::testkit::TempDir;
using ansinh::testkit::TestTokens;
using ansinh::testkit::ViolatedFields;

// TDP-01 is covered by the Women's Union only, TDP-02 by the Farmers' Union
// only; women-01 carries at most one open case; women-03 is inactive.
inline constexpr const char* kTestWardConfig = R"({
  "ward": "Phường thử nghiệm",
  "settings": {"fallback_organization_id": "fatherland-front", "follow_up_months": 36, "visit_overdue_days": 90},
  "organizations": [
    {"id": "fatherland-front", "name": "Ủy ban MTTQ phường", "residential_groups": ["TDP-09"], "capacity": 50},
    {"id": "womens-union", "name": "Hội Liên hiệp Phụ nữ phường", "residential_groups": ["TDP-01"], "capacity": 10},
    {"id": "farmers-union", "name": "Hội Nông dân phường", "residential_groups": ["TDP-02"], "capacity": 10},
    {"id": "youth-union", "name": "Đoàn Thanh niên phường", "residential_groups": ["TDP-03"], "capacity": 10,
     "active": false}
  ],
  "helpers": [
    {"id": "women-01", "full_name": "Nguyễn Thị Hương", "organization_id": "womens-union",
     "phone": "0900000101", "max_caseload": 1},
    {"id": "women-02", "full_name": "Lê Thị Mai", "organization_id": "womens-union",
     "phone": "0900000102", "max_caseload": 5},
    {"id": "women-03", "full_name": "Trần Thị Lan", "organization_id": "womens-union",
     "phone": "0900000103", "max_caseload": 5, "active": false},
    {"id": "farmers-01", "full_name": "Phạm Văn Lộc", "organization_id": "farmers-union",
     "phone": "0900000201", "max_caseload": 5}
  ]
})";

inline const std::string kAssignmentStream = events::EventStream(events::kAssignmentSource, 0);
inline const std::string kClassificationStream = events::EventStream(events::kClassificationSource, 0);

// One official status, as classification publishes it.
struct Status {
  std::string household_id;
  std::string residential_group;
  v1::PovertyCategory category = v1::POVERTY_CATEGORY_POOR;
  v1::Transition transition = v1::TRANSITION_NEWLY_POOR;
  int review_year = 2025;
  // The household aggregate's version in the classification stream.
  uint64_t version = 1;
  // How long ago it happened; the service dates the case by it.
  std::chrono::hours age{0};
};

// "YYYY-MM-DD" plus `days` (negative: earlier).
inline std::string ShiftDate(const std::string& date, int days) {
  return FormatIsoDate(AddDays(ParseIsoDate(date).value(), days));
}

// The ward's date `offset` from now.
inline std::string WardDate(std::chrono::hours offset = std::chrono::hours(0)) {
  return FormatIsoDate(WardDateOf(std::chrono::system_clock::now() + offset));
}

class AssignmentServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_ = std::make_unique<RedisServer>(dir_.path());
    redis_->Start();
    tokens_file_ = tokens_.WriteFile(dir_.path());
    config_file_ = dir_.path() + "/ward.json";
    std::ofstream(config_file_) << kTestWardConfig;
  }

  void TearDown() override {
    if (service_) service_->Terminate();
  }

  // Starts (or restarts, with other flags) the service; the follow-up timer
  // runs every second.
  void StartService(std::vector<std::string> extra = {}) {
    if (service_) {
      ASSERT_TRUE(service_->Terminate().has_value()) << "the previous service did not stop";
    }
    std::vector<std::string> args{"--organizations-file", config_file_, "--follow-up-check-seconds", "1"};
    args.insert(args.end(), extra.begin(), extra.end());
    service_ = std::make_unique<ServiceProcess>("assignment", *redis_, tokens_file_, dir_.path(), args);
    service_->Start();
    client_ = v1::Assignment::NewStub(service_->channel());
  }

  v1::Assignment::Stub& client() { return *client_; }

  redis::Connection& redis() {
    if (!connection_) connection_ = std::make_unique<redis::Connection>(redis_->Options());
    return *connection_;
  }

  // Publishes the status straight into the classification stream.
  v1::EventEnvelope PublishStatus(const Status& status) {
    v1::HouseholdStatusChanged payload;
    payload.set_household_id(status.household_id);
    payload.set_residential_group(status.residential_group);
    payload.set_category(status.category);
    payload.set_transition(status.transition);
    payload.set_review_year(status.review_year);
    payload.set_round_id("ROUND-" + std::to_string(status.review_year));
    v1::EventEnvelope envelope =
        events::MakeEnvelope(events::EventContext{ClassificationActor(), "", ""},
                             events::EventIdentity{"classification.household_status_changed.v1", "household",
                                                   status.household_id, status.version, status.household_id},
                             payload);
    if (status.age.count() > 0) {
      *envelope.mutable_occurred_at() = google::protobuf::util::TimeUtil::SecondsToTimestamp(
          envelope.occurred_at().seconds() -
          std::chrono::duration_cast<std::chrono::seconds>(status.age).count());
    }
    PublishEnvelope(envelope);
    return envelope;
  }

  // On the household's partition of partitions_ (kClassificationStream with
  // the default single partition).
  void PublishEnvelope(const v1::EventEnvelope& envelope) {
    redis().Command(
        events::XAddCommand(events::EventStream(events::kClassificationSource,
                                                events::PartitionOf(envelope.household_id(), partitions_)),
                            envelope));
  }

  static v1::Actor ClassificationActor() {
    v1::Actor actor;
    actor.set_role(v1::ROLE_SERVICE);
    actor.set_name("classification");
    return actor;
  }

  // The household's current case, read as a ward officer; nullopt when none.
  std::optional<v1::Case> CaseOf(const std::string& household_id) {
    v1::GetCaseByHouseholdRequest request;
    request.set_household_id(household_id);
    v1::Case response;
    auto context = AuthorizedContext(tokens_.officer);
    if (!client().GetCaseByHousehold(context.get(), request, &response).ok()) return std::nullopt;
    return response;
  }

  // Polls until the household's current case satisfies `done` (bounded).
  v1::Case WaitForCase(const std::string& household_id, const std::function<bool(const v1::Case&)>& done,
                       std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::optional<v1::Case> found;
    while (std::chrono::steady_clock::now() < deadline) {
      found = CaseOf(household_id);
      if (found && done(*found)) return *found;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "household " << household_id << " did not reach the expected case in time; last seen: "
                  << (found ? found->ShortDebugString() : std::string("no case")) << "\nservice log:\n"
                  << service_->log();
    return found.value_or(v1::Case{});
  }

  v1::Case WaitForVersion(const std::string& household_id, uint64_t version) {
    return WaitForCase(household_id, [version](const v1::Case& found) { return found.version() >= version; });
  }

  // Opens a POOR case for a new household of `group` and waits for it.
  v1::Case OpenCase(const std::string& household_id, const std::string& group) {
    PublishStatus({household_id, group});
    return WaitForVersion(household_id, 2);
  }

  v1::Case GetCase(const std::string& case_id, const std::string& token) {
    v1::GetCaseRequest request;
    request.set_case_id(case_id);
    v1::Case response;
    auto context = AuthorizedContext(token);
    const grpc::Status status = client().GetCase(context.get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  // Every event the service published, oldest first.
  std::vector<v1::EventEnvelope> AssignmentEvents() {
    std::vector<v1::EventEnvelope> published;
    for (const redis::Reply& item : redis().Command({"XRANGE", kAssignmentStream, "-", "+"}).elements) {
      std::string error;
      std::optional<v1::EventEnvelope> envelope = events::DecodeEntry(events::ParseEntryReply(item), &error);
      EXPECT_TRUE(envelope.has_value()) << error;
      if (envelope) published.push_back(std::move(*envelope));
    }
    return published;
  }

  // The event types published about one aggregate, in order.
  std::vector<std::string> EventTypesOf(const std::string& aggregate_id) {
    std::vector<std::string> types;
    for (const v1::EventEnvelope& envelope : AssignmentEvents()) {
      if (envelope.aggregate_id() == aggregate_id) types.push_back(envelope.event_type());
    }
    return types;
  }

  TempDir dir_;
  std::unique_ptr<RedisServer> redis_;
  TestTokens tokens_;
  std::string tokens_file_;
  std::string config_file_;
  std::unique_ptr<ServiceProcess> service_;
  std::unique_ptr<v1::Assignment::Stub> client_;
  std::unique_ptr<redis::Connection> connection_;
  // The partition count the service is started with (--partitions).
  int partitions_ = 1;
};

}  // namespace ansinh::assignment::testkit
