// The registry's Prometheus endpoint end to end: --metrics-port serves
// /metrics, RPCs are counted per method and status code with their latency,
// Redis reachability shows as ansinh_redis_up, and a taken port stops
// start-up with the address named.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <thread>

#include "ansinh/v1/registry.grpc.pb.h"
#include "child_process.h"
#include "household_builders.h"
#include "http_get.h"
#include "prometheus_text.h"
#include "redis_server.h"
#include "service_process.h"
#include "test_tokens.h"

namespace ansinh {
namespace {

using testkit::AuthorizedContext;
using testkit::SampleValue;

constexpr char kGet[] = "ansinh.v1.Registry/GetHousehold";
constexpr char kCreate[] = "ansinh.v1.Registry/CreateHousehold";

class RegistryMetricsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_.Start();
    registry_.EnableMetrics();
    registry_.Start();
    metrics_port_ = registry_.metrics_port();
    stub_ = v1::Registry::NewStub(registry_.channel());
  }

  std::string Scrape() {
    const auto response = testkit::HttpGet(metrics_port_, "/metrics");
    EXPECT_TRUE(response.has_value()) << "nothing answered on port " << metrics_port_;
    if (!response) return "";
    EXPECT_EQ(response->status, 200);
    return response->body;
  }

  // A sample's value, 0 when the series does not exist yet.
  static double Value(const std::string& text, const std::string& name,
                      const std::map<std::string, std::string>& labels) {
    return SampleValue(text, name, labels).value_or(0);
  }

  static double Requests(const std::string& text, const std::string& method, const std::string& code) {
    return Value(text, "ansinh_rpc_requests_total",
                 {{"service", "registry"}, {"method", method}, {"code", code}});
  }

  static double LatencyCount(const std::string& text, const std::string& method) {
    return Value(text, "ansinh_rpc_latency_seconds_count", {{"service", "registry"}, {"method", method}});
  }

  testkit::TempDir dir_;
  testkit::RedisServer redis_{dir_.path()};
  testkit::TestTokens tokens_;
  testkit::ServiceProcess registry_{"registry", redis_, tokens_.WriteFile(dir_.path()), dir_.path()};
  // The port the registry bound for /metrics (it picks a free one).
  int metrics_port_ = 0;
  std::unique_ptr<v1::Registry::Stub> stub_;
};

TEST_F(RegistryMetricsTest, CountsRequestsPerMethodAndCodeWithTheirLatency) {
  const std::string before = Scrape();

  v1::CreateHouseholdRequest create;
  *create.mutable_household() = testkit::OneMemberHousehold({.nutrition = v1::NUTRITION_NORMAL});
  v1::CreateHouseholdResponse created;
  ASSERT_TRUE(stub_->CreateHousehold(AuthorizedContext(tokens_.officer).get(), create, &created).ok());

  v1::CreateHouseholdRequest empty;
  v1::CreateHouseholdResponse refused;
  EXPECT_EQ(stub_->CreateHousehold(AuthorizedContext(tokens_.officer).get(), empty, &refused).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  v1::GetHouseholdRequest get;
  get.set_household_id(created.household().household_id());
  v1::GetHouseholdResponse got;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(stub_->GetHousehold(AuthorizedContext(tokens_.auditor).get(), get, &got).ok());
  }
  v1::GetHouseholdRequest missing;
  missing.set_household_id("00000000-0000-4000-8000-000000000000");
  EXPECT_EQ(stub_->GetHousehold(AuthorizedContext(tokens_.auditor).get(), missing, &got).error_code(),
            grpc::StatusCode::NOT_FOUND);
  grpc::ClientContext anonymous;
  anonymous.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  EXPECT_EQ(stub_->GetHousehold(&anonymous, get, &got).error_code(), grpc::StatusCode::UNAUTHENTICATED);

  // The interceptor records a call before its status leaves the server, so
  // every call above is counted by the time its client returned.
  const std::string after = Scrape();
  struct Row {
    const char* method;
    const char* code;
    double added;
  };
  for (const Row& row : {Row{kCreate, "OK", 1}, Row{kCreate, "INVALID_ARGUMENT", 1}, Row{kGet, "OK", 3},
                         Row{kGet, "NOT_FOUND", 1}, Row{kGet, "UNAUTHENTICATED", 1}}) {
    EXPECT_EQ(Requests(after, row.method, row.code) - Requests(before, row.method, row.code), row.added)
        << row.method << " " << row.code << "\n"
        << after;
  }
  EXPECT_EQ(LatencyCount(after, kGet) - LatencyCount(before, kGet), 5);
  EXPECT_EQ(LatencyCount(after, kCreate) - LatencyCount(before, kCreate), 2);
  EXPECT_GT(Value(after, "ansinh_rpc_latency_seconds_sum", {{"method", kGet}}), 0);
  EXPECT_EQ(Value(after, "ansinh_rpc_latency_seconds_bucket", {{"method", kGet}, {"le", "+Inf"}}),
            LatencyCount(after, kGet));
}

TEST_F(RegistryMetricsTest, ReportsRedisUpAndTheProcess) {
  // SERVING follows the first Redis probe, which sets ansinh_redis_up too;
  // poll anyway so the test never depends on that order.
  std::string text;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  do {
    text = Scrape();
    if (SampleValue(text, "ansinh_redis_up", {{"service", "registry"}}) == 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  } while (std::chrono::steady_clock::now() < deadline);
  EXPECT_EQ(SampleValue(text, "ansinh_redis_up", {{"service", "registry"}}), 1) << text;
  EXPECT_GT(Value(text, "ansinh_process_resident_memory_bytes", {{"service", "registry"}}), 0);
  EXPECT_NE(text.find("# TYPE ansinh_rpc_requests_total counter"), std::string::npos);
  EXPECT_EQ(testkit::HttpGet(metrics_port_, "/elsewhere")->status, 404);

  // Redis gone: the next probe turns the gauge to 0.
  redis_.Stop();
  const auto down_deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  do {
    text = Scrape();
    if (SampleValue(text, "ansinh_redis_up") == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  } while (std::chrono::steady_clock::now() < down_deadline);
  EXPECT_EQ(SampleValue(text, "ansinh_redis_up", {{"service", "registry"}}), 0);
}

TEST(RegistryMetricsStartupTest, RefusesToStartWhenTheMetricsPortIsTaken) {
  testkit::TempDir dir;
  testkit::RedisServer redis{dir.path()};
  redis.Start();
  testkit::TestTokens tokens;
  const std::string tokens_file = tokens.WriteFile(dir.path());

  const int taken = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(taken, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  ASSERT_EQ(listen(taken, 4), 0);
  socklen_t length = sizeof(address);
  getsockname(taken, reinterpret_cast<sockaddr*>(&address), &length);
  const int port = ntohs(address.sin_port);

  testkit::ChildProcess registry;
  registry.Start({std::string(ANSINH_BIN_DIR) + "/ansinh-registry", "--listen", "127.0.0.1:0", "--redis-port",
                  std::to_string(redis.port()), "--redis-password-file", redis.password_file(),
                  "--tokens-file", tokens_file, "--metrics-port", std::to_string(port)},
                 dir.path() + "/registry.log");
  const std::optional<int> status = registry.Wait(std::chrono::seconds(15));
  close(taken);
  ASSERT_TRUE(status.has_value()) << "the registry kept running; log:\n" << registry.ReadLog();
  ASSERT_TRUE(WIFEXITED(*status));
  EXPECT_NE(WEXITSTATUS(*status), 0);
  EXPECT_NE(registry.ReadLog().find("127.0.0.1:" + std::to_string(port)), std::string::npos)
      << registry.ReadLog();
}

}  // namespace
}  // namespace ansinh
