// Consumer metrics of a real consumer service: the registry publishes, the
// classification binary (serving /metrics) applies, and its
// /metrics shows every event applied with its publish-to-apply latency and
// a consumer lag that falls to zero. Needs both binaries.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>
#include <thread>

#include "ansinh/v1/registry.grpc.pb.h"
#include "events/stream_names.h"
#include "http_get.h"
#include "prometheus_text.h"
#include "redis/redis_connection.h"
#include "redis_server.h"
#include "service_process.h"
#include "test_tokens.h"

namespace ansinh {
namespace {

using testkit::AuthorizedContext;
using testkit::SampleValue;

class ClassificationRegistryMetricsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_.Start();
    registry_.Start();
    classification_.EnableMetrics();
    classification_.Start();
    metrics_port_ = classification_.metrics_port();
    stub_ = v1::Registry::NewStub(registry_.channel());
  }

  void Register(int n) {
    v1::CreateHouseholdRequest request;
    v1::Household& household = *request.mutable_household();
    household.set_address("số " + std::to_string(20 + n) + " kiệt 45 Nguyễn Sinh Cung");
    household.set_residential_group("TDP-05");
    auto* head = household.add_members();
    head->set_full_name("Nguyễn Văn An");
    head->set_sex(v1::SEX_MALE);
    head->set_date_of_birth("1980-05-01");
    head->set_relation_to_head(v1::RELATION_TO_HEAD_HEAD);
    head->set_national_id("04618000020" + std::to_string(n));
    head->set_has_health_insurance(true);
    head->set_education_level(v1::EDUCATION_LEVEL_UPPER_SECONDARY);
    head->set_employment(v1::EMPLOYMENT_SELF_EMPLOYED);
    head->set_nutrition(v1::NUTRITION_NORMAL);
    v1::CreateHouseholdResponse response;
    const grpc::Status status =
        stub_->CreateHousehold(AuthorizedContext(tokens_.officer).get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  std::string Scrape() {
    const auto response = testkit::HttpGet(metrics_port_, "/metrics");
    return response && response->status == 200 ? response->body : "";
  }

  testkit::TempDir dir_;
  testkit::RedisServer redis_{dir_.path()};
  testkit::TestTokens tokens_;
  std::string tokens_file_ = tokens_.WriteFile(dir_.path());
  // The port classification bound for /metrics (it picks a free one).
  int metrics_port_ = 0;
  testkit::ServiceProcess registry_{"registry", redis_, tokens_file_, dir_.path()};
  testkit::ServiceProcess classification_{
      "classification",
      redis_,
      tokens_file_,
      dir_.path(),
      {"--standards-dir", std::string(ANSINH_SOURCE_DIR) + "/services/classification/standards"}};
  std::unique_ptr<v1::Registry::Stub> stub_;
};

TEST_F(ClassificationRegistryMetricsTest, ShowsEventsAppliedWithLatencyAndNoLagLeft) {
  for (int n = 0; n < 3; ++n) Register(n);
  const std::string stream = events::EventStream(events::kRegistrySource, 0);
  redis::Connection redis(redis_.Options());
  const double published = static_cast<double>(redis.Command({"XLEN", stream}).AsInteger());
  ASSERT_GE(published, 3);

  const std::map<std::string, std::string> group{{"service", "classification"}, {"group", "classification"}};
  const std::map<std::string, std::string> lag_labels{{"group", "classification"}, {"stream", stream}};
  // Events are applied within milliseconds; the lag is read from Redis every
  // few seconds. Poll both with one deadline. The lag series exists only once
  // the host has read XINFO GROUPS (its arithmetic against a lagging group is
  // checked in registry_consumer_metrics_test).
  std::string text;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  do {
    text = Scrape();
    if (SampleValue(text, "ansinh_events_applied_total", group) == published &&
        SampleValue(text, "ansinh_consumer_lag", lag_labels) == 0) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  } while (std::chrono::steady_clock::now() < deadline);

  EXPECT_EQ(SampleValue(text, "ansinh_events_applied_total", group), published) << text;
  EXPECT_EQ(SampleValue(text, "ansinh_event_apply_latency_seconds_count", group), published);
  EXPECT_EQ(SampleValue(text, "ansinh_consumer_lag", lag_labels), 0) << text;
  EXPECT_EQ(SampleValue(text, "ansinh_dead_letters_total", group), 0);
  EXPECT_EQ(SampleValue(text, "ansinh_redis_up", {{"service", "classification"}}), 1);
}

}  // namespace
}  // namespace ansinh
