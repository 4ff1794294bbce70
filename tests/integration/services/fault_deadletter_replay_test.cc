// Poison events, end to end with the `ansinh` CLI: an event a consumer cannot
// apply is dead-lettered after --max-deliveries, shows in `ansinh deadletters
// list` and in monitoring's alerts, and once the cause is fixed `ansinh
// deadletters replay` makes it apply exactly once. An event whose payload is
// corrupt can never apply: replayed, it comes back to the dead letters and
// stays visible, and a replay for one group does not disturb another.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "ansinh/v1/monitoring.grpc.pb.h"
#include "ansinh/v1/registry.grpc.pb.h"
#include "fault_fixture.h"
#include "household_builders.h"

namespace ansinh {
namespace {

using testkit::AuthorizedContext;
using testkit::CliRun;
using testkit::Eventually;
using testkit::RegistryStream;
using testkit::WardStack;

constexpr int kMaxDeliveries = 3;
constexpr auto kSettle = std::chrono::seconds(20);

v1::Household OneMemberHousehold() {
  return testkit::OneMemberHousehold({.full_name = "Phan Thị Yến",
                                      .date_of_birth = "1969-02-14",
                                      .national_id = "046169000315",
                                      .education_level = v1::EDUCATION_LEVEL_LOWER_SECONDARY,
                                      .nutrition = v1::NUTRITION_NORMAL},
                                     {.address = "7 Kiệt 3 Lê Lợi", .residential_group = "TDP-03"});
}

// A well-formed envelope whose payload bytes are not the message its type names.
v1::EventEnvelope CorruptMoveOut() {
  v1::EventEnvelope envelope;
  envelope.set_event_id("9d7c2a64-0c4f-4d7e-9a61-3f0e5b2c7d11");
  envelope.set_event_type("registry.household_moved_out.v1");
  envelope.set_aggregate_type("household");
  envelope.set_aggregate_id("HH-POISON");
  envelope.set_household_id("HH-POISON");
  envelope.set_aggregate_version(1);
  envelope.mutable_occurred_at()->set_seconds(1767225600);
  envelope.mutable_actor()->set_name("registry");
  envelope.mutable_actor()->set_role(v1::ROLE_SERVICE);
  envelope.mutable_payload()->set_type_url("type.googleapis.com/ansinh.v1.HouseholdMovedOut");
  envelope.mutable_payload()->set_value(std::string("\xff\xff\xff\xff", 4));
  return envelope;
}

class DeadLetterReplayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(testkit::AnsinhCli())) GTEST_SKIP() << "the ansinh CLI is not built";
    stack_.Start();
    redis_ = std::make_unique<redis::Connection>(stack_.redis().Options("fault-test"));
    registry_ = v1::Registry::NewStub(stack_.service("registry").channel());
    monitoring_ = v1::Monitoring::NewStub(stack_.service("monitoring").channel());
  }

  nlohmann::json ListJson(const std::string& token) {
    const CliRun run =
        testkit::RunCli(stack_, token, {"deadletters", "list", "--json"}, std::chrono::seconds(20));
    EXPECT_EQ(run.exit_code, 0) << run.output;
    // The JSON array is all the command prints on success.
    const size_t start = run.output.find('[');
    if (start == std::string::npos) return nlohmann::json::array();
    return nlohmann::json::parse(run.output.substr(start), nullptr, false);
  }

  int64_t DeadLetters(const std::string& group) {
    return redis_->Command({"XLEN", events::DeadLetterStream(group)}).AsInteger();
  }

  // Timeline entries of `household_id` for `event_id`.
  int TimelineCount(const std::string& household_id, const std::string& event_id) {
    v1::GetHouseholdTimelineRequest request;
    request.set_household_id(household_id);
    v1::GetHouseholdTimelineResponse timeline;
    if (!monitoring_
             ->GetHouseholdTimeline(AuthorizedContext(stack_.tokens().officer).get(), request, &timeline)
             .ok()) {
      return -1;
    }
    int count = 0;
    for (const auto& entry : timeline.entries()) count += entry.event_id() == event_id ? 1 : 0;
    return count;
  }

  std::vector<v1::WardAlert> DeadLetterAlerts() {
    v1::ListAlertsResponse alerts;
    const grpc::Status status = monitoring_->ListAlerts(AuthorizedContext(stack_.tokens().officer).get(),
                                                        v1::ListAlertsRequest{}, &alerts);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::vector<v1::WardAlert> found;
    for (const auto& organization : alerts.organizations()) {
      for (const auto& alert : organization.alerts()) {
        if (alert.kind() == v1::WardAlert::KIND_DEAD_LETTERED_EVENT) found.push_back(alert);
      }
    }
    return found;
  }

  WardStack stack_{{{"classification", {"--max-deliveries", std::to_string(kMaxDeliveries)}},
                    {"monitoring", {"--max-deliveries", std::to_string(kMaxDeliveries)}}}};
  std::unique_ptr<redis::Connection> redis_;
  std::unique_ptr<v1::Registry::Stub> registry_;
  std::unique_ptr<v1::Monitoring::Stub> monitoring_;
};

TEST_F(DeadLetterReplayTest, AFixedEventAppliesOnceOnReplayAndACorruptOneStaysListed) {
  const std::string officer = stack_.tokens().officer;
  // 1. A corrupt payload: classification and monitoring both give up on it.
  redis_->Command(events::XAddCommand(RegistryStream(), CorruptMoveOut()));
  ASSERT_TRUE(Eventually([&] { return DeadLetters("classification") == 1 && DeadLetters("monitoring") == 1; },
                         kSettle))
      << "the corrupt event was not dead-lettered by both consumers";

  // 2. An event monitoring cannot apply because its stored state is damaged.
  v1::CreateHouseholdRequest create;
  *create.mutable_household() = OneMemberHousehold();
  v1::CreateHouseholdResponse created;
  grpc::Status status = registry_->CreateHousehold(AuthorizedContext(officer).get(), create, &created);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const std::string household = created.household().household_id();
  const std::string records_key = "ansinh:{p0}:monitoring:records";
  std::string healthy_record;
  ASSERT_TRUE(Eventually(
      [&] {
        redis::Reply record = redis_->Command({"HGET", records_key, household});
        healthy_record = record.str;
        return !record.IsNil();
      },
      kSettle));
  redis_->Command({"HSET", records_key, household, std::string("\xff\xff\xff\xff", 4)});
  v1::MoveOutRequest move;
  move.set_household_id(household);
  move.set_expected_version(created.household().version());
  move.set_reason("moved to Đà Nẵng");
  v1::MoveOutResponse moved;
  status = registry_->MoveOut(AuthorizedContext(officer).get(), move, &moved);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_TRUE(Eventually([&] { return DeadLetters("monitoring") == 2; }, kSettle))
      << stack_.service("monitoring").log().substr(0, 4000);

  // Paged one at a time over gRPC: both of monitoring's, each once.
  auto operations = v1::Operations::NewStub(stack_.service("monitoring").channel());
  v1::ListDeadLettersRequest page_request;
  page_request.mutable_page()->set_page_size(1);
  std::vector<std::string> paged;
  for (int page = 0; page < 4; ++page) {
    v1::ListDeadLettersResponse response;
    status = operations->ListDeadLetters(AuthorizedContext(officer).get(), page_request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(response.page().total_size(), 2);
    for (const auto& letter : response.dead_letters()) paged.push_back(letter.dead_letter_id());
    if (response.page().next_page_token().empty()) break;
    page_request.mutable_page()->set_page_token(response.page().next_page_token());
  }
  EXPECT_EQ(paged.size(), 2u);
  EXPECT_EQ(std::set<std::string>(paged.begin(), paged.end()).size(), 2u);
  v1::ListDeadLettersRequest unknown_group;
  unknown_group.set_group("registry");
  v1::ListDeadLettersResponse refused;
  EXPECT_EQ(
      operations->ListDeadLetters(AuthorizedContext(officer).get(), unknown_group, &refused).error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);

  // 3. Listed by the CLI, for officers and auditors alike; seen by monitoring's alerts.
  nlohmann::json listed = ListJson(stack_.tokens().auditor);
  ASSERT_TRUE(listed.is_array()) << listed.dump();
  ASSERT_EQ(listed.size(), 3u) << listed.dump(2);
  std::string moved_out_id, monitoring_poison_id;
  for (const auto& letter : listed) {
    EXPECT_EQ(letter.value("stream", ""), RegistryStream());
    EXPECT_EQ(letter.value("event_type", ""), "registry.household_moved_out.v1");
    EXPECT_EQ(std::stoll(letter.value("deliveries", "0")), kMaxDeliveries) << letter.dump();
    EXPECT_FALSE(letter.value("reason", "").empty());
    EXPECT_FALSE(letter.value("dead_letter_id", "").empty());
    EXPECT_FALSE(letter.value("dead_lettered_at", "").empty());
    if (letter.value("group", "") != letter.value("service", "?")) ADD_FAILURE() << letter.dump();
    if (letter.value("aggregate_id", "") == household) {
      EXPECT_EQ(letter.value("group", ""), "monitoring");
      EXPECT_EQ(std::stoll(letter.value("aggregate_version", "0")), 2);
      moved_out_id = letter.value("dead_letter_id", "");
    } else if (letter.value("group", "") == "monitoring") {
      EXPECT_EQ(letter.value("aggregate_id", ""), "HH-POISON");
      monitoring_poison_id = letter.value("dead_letter_id", "");
    }
  }
  ASSERT_FALSE(moved_out_id.empty()) << listed.dump(2);
  ASSERT_FALSE(monitoring_poison_id.empty()) << listed.dump(2);
  const CliRun table = testkit::RunCli(stack_, officer, {"deadletters", "list", "--service", "monitoring"});
  EXPECT_EQ(table.exit_code, 0) << table.output;
  EXPECT_NE(table.output.find(moved_out_id), std::string::npos) << table.output;
  EXPECT_NE(table.output.find("HH-POISON"), std::string::npos) << table.output;

  // Staff may not list; auditors may not replay.
  EXPECT_NE(testkit::RunCli(stack_, stack_.tokens().womens_union_staff, {"deadletters", "list"}).exit_code,
            0);
  EXPECT_NE(testkit::RunCli(stack_, stack_.tokens().auditor,
                            {"deadletters", "replay", "--service", "monitoring", moved_out_id})
                .exit_code,
            0);
  EXPECT_EQ(DeadLetters("monitoring"), 2);

  // 4. Fixed and replayed: applied, exactly once.
  const std::string moved_event_id = [&] {
    for (const auto& event : testkit::ReadStream(*redis_, RegistryStream())) {
      if (event.household_id() == household && event.event_type() == "registry.household_moved_out.v1") {
        return event.event_id();
      }
    }
    return std::string();
  }();
  ASSERT_FALSE(moved_event_id.empty());
  redis_->Command({"HSET", records_key, household, healthy_record});
  // Mended but not yet replayed: the move is not in the household's history.
  EXPECT_EQ(TimelineCount(household, moved_event_id), 0);
  // Monitoring's alerts (which read every record, so only once it is mended)
  // name the event that waits for an operator.
  const auto alerts = DeadLetterAlerts();
  EXPECT_TRUE(std::any_of(alerts.begin(), alerts.end(), [&](const v1::WardAlert& alert) {
    return alert.household_id() == household;
  })) << "monitoring did not alert on the dead-lettered event";
  const int64_t registry_entries = redis_->Command({"XLEN", RegistryStream()}).integer;
  const CliRun replay =
      testkit::RunCli(stack_, officer, {"deadletters", "replay", "--service", "monitoring", moved_out_id});
  ASSERT_EQ(replay.exit_code, 0) << replay.output;
  EXPECT_NE(replay.output.find("1 replayed"), std::string::npos) << replay.output;
  // Into monitoring's own replay stream: the registry's stream is written by
  // the registry alone (monitoring's Redis user may not XADD there).
  EXPECT_NE(replay.output.find("into " + events::ReplayStream("monitoring", events::kRegistrySource, 0)),
            std::string::npos)
      << replay.output;
  EXPECT_EQ(redis_->Command({"XLEN", RegistryStream()}).integer, registry_entries);
  ASSERT_TRUE(Eventually([&] { return TimelineCount(household, moved_event_id) == 1; }, kSettle))
      << stack_.service("monitoring").log().substr(0, 4000);
  EXPECT_EQ(DeadLetters("monitoring"), 1);
  EXPECT_TRUE(Eventually(
      [&] {
        const auto now = DeadLetterAlerts();
        return std::none_of(now.begin(), now.end(),
                            [&](const v1::WardAlert& alert) { return alert.household_id() == household; });
      },
      kSettle));
  // The same id again: gone from the dead letters, so nothing to replay.
  EXPECT_EQ(
      testkit::RunCli(stack_, officer, {"deadletters", "replay", "--service", "monitoring", moved_out_id})
          .exit_code,
      1);
  // The event delivered once more (say a replay raced a late retry): the
  // applied marks skip it.
  redis::Args again = events::XAddCommand(RegistryStream(), [&] {
    for (const auto& event : testkit::ReadStream(*redis_, RegistryStream())) {
      if (event.event_id() == moved_event_id) return event;
    }
    return v1::EventEnvelope();
  }());
  again.push_back(std::string(events::kReplayForGroupField));
  again.push_back("monitoring");
  redis_->Command(again);
  ASSERT_TRUE(
      Eventually([&] { return testkit::Backlog(*redis_, RegistryStream(), "monitoring") == 0; }, kSettle));
  EXPECT_EQ(TimelineCount(household, moved_event_id), 1);
  EXPECT_EQ(DeadLetters("monitoring"), 1);

  // 5. The corrupt event, replayed for monitoring: dead-lettered again, still
  // listed; classification is not handed it a second time.
  const CliRun replay_all =
      testkit::RunCli(stack_, officer, {"deadletters", "replay", "--service", "monitoring", "--all"});
  ASSERT_EQ(replay_all.exit_code, 0) << replay_all.output;
  ASSERT_TRUE(Eventually(
      [&] {
        const redis::Reply entries =
            redis_->Command({"XRANGE", events::DeadLetterStream("monitoring"), "-", "+"});
        return entries.elements.size() == 1 &&
               events::ParseEntryReply(entries.elements[0]).id != monitoring_poison_id;
      },
      kSettle))
      << "the corrupt event did not come back to monitoring's dead letters";
  const nlohmann::json final_list = ListJson(officer);
  ASSERT_EQ(final_list.size(), 2u) << final_list.dump(2);
  for (const auto& letter : final_list) EXPECT_EQ(letter.value("aggregate_id", ""), "HH-POISON");
  EXPECT_TRUE(Eventually([&] { return testkit::Backlog(*redis_, RegistryStream(), "classification") == 0; },
                         kSettle));
  EXPECT_EQ(DeadLetters("classification"), 1);
}

}  // namespace
}  // namespace ansinh

namespace ansinh {
namespace {

// Operations.Ping is the gRPC benchmarks' baseline: no token, no Redis.
TEST(OperationsPing, AnswersWithoutATokenEvenWhileRedisIsFrozen) {
  testkit::TempDir dir;
  testkit::RedisServer redis(dir.path());
  redis.Start();
  testkit::TestTokens tokens;
  testkit::ServiceProcess registry("registry", redis, tokens.WriteFile(dir.path()), dir.path());
  registry.Start();
  auto stub = v1::Operations::NewStub(registry.channel());
  redis.Pause();
  for (int i = 0; i < 3; ++i) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
    v1::PingResponse pong;
    const grpc::Status status = stub->Ping(&context, v1::PingRequest{}, &pong);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }
  // The rest of Operations still wants a token.
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
  v1::ListDeadLettersResponse letters;
  EXPECT_EQ(stub->ListDeadLetters(&context, v1::ListDeadLettersRequest{}, &letters).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  redis.Resume();
}

}  // namespace
}  // namespace ansinh
