// Consumer metrics against real events: the registry binary publishes, an
// in-process ConsumerRunner with ServiceMetrics as its observer applies, and
// the figures a service's /metrics would show are read back: events applied
// with their publish-to-apply latency, dead letters, and the consumer lag
// computed from Redis 7's own XINFO GROUPS reply.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "ansinh/v1/registry.grpc.pb.h"
#include "events/consumer_runner.h"
#include "events/event_publisher.h"
#include "events/stream_names.h"
#include "metrics/consumer_lag.h"
#include "metrics/service_metrics.h"
#include "prometheus_text.h"
#include "redis/redis_connection.h"
#include "redis_server.h"
#include "service_process.h"
#include "test_tokens.h"

namespace ansinh {
namespace {

using testkit::AuthorizedContext;
using testkit::SampleValue;

constexpr char kGroup[] = "metrics-test";

// Applies nothing but the runner's own "applied" mark, or refuses everything.
class TestHandler : public events::EventHandler {
 public:
  explicit TestHandler(bool poison) : poison_(poison) {}
  void Apply(events::ApplyContext&) override {
    if (poison_) throw events::PoisonEvent("this test's handler refuses every event");
  }

 private:
  bool poison_;
};

class RegistryConsumerMetricsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_.Start();
    redis_connection_ = std::make_unique<redis::Connection>(redis_.Options());
    registry_.Start();
    stub_ = v1::Registry::NewStub(registry_.channel());
    for (int i = 0; i < 3; ++i) Register(i);
    streams_ = events::EventPublisher(events::kRegistrySource, 1).Streams();
    ASSERT_EQ(streams_.size(), 1u);
    published_ = redis_connection_->Command({"XLEN", streams_[0]}).AsInteger();
    ASSERT_GE(published_, 3);
  }

  void Register(int n) {
    v1::CreateHouseholdRequest request;
    v1::Household& household = *request.mutable_household();
    household.set_address("số " + std::to_string(10 + n) + " kiệt 45 Nguyễn Sinh Cung");
    household.set_residential_group("TDP-05");
    auto* head = household.add_members();
    head->set_full_name("Nguyễn Thị Hương");
    head->set_sex(v1::SEX_FEMALE);
    head->set_date_of_birth("1978-03-02");
    head->set_relation_to_head(v1::RELATION_TO_HEAD_HEAD);
    head->set_national_id("04617800000" + std::to_string(n));
    head->set_has_health_insurance(true);
    head->set_education_level(v1::EDUCATION_LEVEL_UPPER_SECONDARY);
    head->set_employment(v1::EMPLOYMENT_SELF_EMPLOYED);
    head->set_nutrition(v1::NUTRITION_NORMAL);
    v1::CreateHouseholdResponse response;
    const grpc::Status status =
        stub_->CreateHousehold(AuthorizedContext(tokens_.officer).get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  std::unique_ptr<events::ConsumerRunner> Runner(events::EventHandler& handler) {
    events::RunnerOptions options;
    options.group = kGroup;
    options.consumer = "metrics-test-1";
    options.block = std::chrono::milliseconds(100);
    options.max_deliveries = 1;
    options.retry_backoff = std::chrono::milliseconds(0);
    auto runner = std::make_unique<events::ConsumerRunner>(redis_.Options(), options, streams_, handler);
    runner->SetObserver(&metrics_);
    return runner;
  }

  std::optional<int64_t> Lag() {
    return metrics::ConsumerLagOf(redis_connection_->Command({"XINFO", "GROUPS", streams_[0]}), kGroup);
  }

  double Sample(const std::string& name) {
    return SampleValue(metrics_.ExpositionText(), name, {{"service", "test"}, {"group", kGroup}})
        .value_or(-1);
  }

  testkit::TempDir dir_;
  testkit::RedisServer redis_{dir_.path()};
  testkit::TestTokens tokens_;
  testkit::ServiceProcess registry_{"registry", redis_, tokens_.WriteFile(dir_.path()), dir_.path()};
  std::unique_ptr<v1::Registry::Stub> stub_;
  std::unique_ptr<redis::Connection> redis_connection_;
  std::vector<std::string> streams_;
  int64_t published_ = 0;
  metrics::ServiceMetrics metrics_{"test"};
};

TEST_F(RegistryConsumerMetricsTest, CountsAppliedEventsWithLatencyAndTheLagFallsToZero) {
  redis_connection_->Command({"XGROUP", "CREATE", streams_[0], kGroup, "0"});
  EXPECT_EQ(Lag(), published_) << "a group created at 0 has every entry still to do";

  TestHandler handler(false);
  auto runner = Runner(handler);
  for (int pass = 0; pass < 5 && Sample("ansinh_events_applied_total") < published_; ++pass) {
    runner->PollOnce();
  }
  EXPECT_EQ(Sample("ansinh_events_applied_total"), published_);
  EXPECT_EQ(Sample("ansinh_event_apply_latency_seconds_count"), published_);
  EXPECT_GE(Sample("ansinh_event_apply_latency_seconds_sum"), 0);
  EXPECT_EQ(Sample("ansinh_dead_letters_total"), 0);
  EXPECT_EQ(Lag(), 0);
}

TEST_F(RegistryConsumerMetricsTest, CountsDeadLetters) {
  TestHandler handler(true);
  auto runner = Runner(handler);
  for (int pass = 0; pass < 5 && Sample("ansinh_dead_letters_total") < published_; ++pass) {
    runner->PollOnce();
  }
  EXPECT_EQ(Sample("ansinh_dead_letters_total"), published_);
  EXPECT_EQ(Sample("ansinh_events_applied_total"), 0);
  EXPECT_EQ(redis_connection_->Command({"XLEN", events::DeadLetterStream(kGroup)}).AsInteger(), published_);
  EXPECT_EQ(Lag(), 0) << "dead-lettered entries are acknowledged";
}

}  // namespace
}  // namespace ansinh
