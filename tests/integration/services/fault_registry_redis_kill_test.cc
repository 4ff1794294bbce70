// kill -9 of Redis while clients write (AOF with appendfsync always, as in
// production): every write the registry acknowledged is there after Redis
// restarts on the same directory and port; writes that failed may or may
// not be. The registry itself needs no restart: it reconnects.
#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "fault_fixture.h"
#include "registry_test_fixture.h"

namespace ansinh::registry::testkit {
namespace {

using ansinh::testkit::Eventually;

constexpr int kWriters = 4;

TEST_F(RegistryTest, EveryAcknowledgedWriteSurvivesKillNineOfRedis) {
  std::atomic<bool> stop{false};
  std::atomic<int> next{0};
  std::atomic<int> failures{0};
  std::mutex mutex;
  std::vector<std::string> acknowledged;
  const auto acknowledged_count = [&] {
    std::lock_guard lock(mutex);
    return acknowledged.size();
  };

  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&] {
      auto stub = v1::Registry::NewStub(registry_.channel());
      while (!stop.load()) {
        const int n = next.fetch_add(1);
        v1::CreateHouseholdRequest request;
        *request.mutable_household() = Family(10 + 2 * n, "Người Ghi " + std::to_string(n));
        v1::CreateHouseholdResponse response;
        const grpc::Status status = stub->CreateHousehold(
            AuthorizedContext(tokens_.officer, std::chrono::seconds(5)).get(), request, &response);
        if (status.ok()) {
          std::lock_guard lock(mutex);
          acknowledged.push_back(response.household().household_id());
        } else {
          failures.fetch_add(1);
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
      }
    });
  }
  const auto stop_writers = [&] {
    stop.store(true);
    for (auto& writer : writers) writer.join();
  };

  ASSERT_TRUE(Eventually([&] { return acknowledged_count() >= 100; }, std::chrono::seconds(30)))
      << "the writers did not get going";
  redis_.Kill();
  const size_t before_crash = acknowledged_count();
  // The writers notice: their calls fail instead of hanging.
  EXPECT_TRUE(Eventually([&] { return failures.load() >= kWriters; }, std::chrono::seconds(10)));
  redis_.Restart();
  EXPECT_TRUE(
      registry_.WaitForHealth(grpc::health::v1::HealthCheckResponse::SERVING, std::chrono::seconds(15)));
  // Writes resume after the restart without restarting the registry.
  const bool resumed =
      Eventually([&] { return acknowledged_count() >= before_crash + 50; }, std::chrono::seconds(30));
  stop_writers();
  ASSERT_TRUE(resumed) << "no writes were acknowledged after Redis came back";

  // Every acknowledged household is there, with its registration event.
  std::set<std::string> registered;
  for (const auto& event : Events()) {
    if (event.event_type() == "registry.household_registered.v1") registered.insert(event.aggregate_id());
  }
  size_t missing = 0;
  for (const std::string& household_id : acknowledged) {
    v1::GetHouseholdRequest request;
    request.set_household_id(household_id);
    v1::GetHouseholdResponse response;
    const grpc::Status status = stub_->GetHousehold(Auditor().get(), request, &response);
    if (!status.ok() || !registered.contains(household_id)) {
      ++missing;
      ADD_FAILURE() << household_id << " was acknowledged but is lost: " << status.error_message();
    }
  }
  EXPECT_EQ(missing, 0u);
  RecordProperty("acknowledged_writes", std::to_string(acknowledged.size()));
  RecordProperty("failed_writes", std::to_string(failures.load()));
}

}  // namespace
}  // namespace ansinh::registry::testkit
