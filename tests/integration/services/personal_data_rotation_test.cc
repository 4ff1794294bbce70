// Key rotation while the whole stack runs (docs/data-protection.md, "Keys"):
// households and their surveys keep arriving while `ansinh admin
// rotate-data-keys --retire` wraps every data key with a new KEK and removes
// the old one. Every consumer keeps opening the events (classification
// classifies every survey, monitoring's histories read with their names),
// nothing is dead-lettered or fails, and the registry reads every household.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "ansinh/v1/classification.grpc.pb.h"
#include "ansinh/v1/monitoring.grpc.pb.h"
#include "ansinh/v1/operations.grpc.pb.h"
#include "ansinh/v1/registry.grpc.pb.h"
#include "eventually.h"
#include "household_builders.h"
#include "security_test_support.h"
#include "ward_stack.h"

namespace ansinh {
namespace {

using testkit::AuthorizedContext;
using testkit::Eventually;
using testkit::WardStack;

class PersonalDataRotationTest : public ::testing::Test {
 protected:
  PersonalDataRotationTest() { stack_.Start(); }

  // A household with its survey; its id.
  std::string RegisterSurveyed(int n) {
    auto registry = v1::Registry::NewStub(stack_.service("registry").channel());
    testkit::SampleHead head;
    head.full_name = "Nguyễn Văn Số " + std::to_string(n);
    char serial[7];
    std::snprintf(serial, sizeof serial, "%06d", n);
    head.national_id = std::string("046178") + serial;
    v1::CreateHouseholdRequest create;
    *create.mutable_household() = testkit::OneMemberHousehold(head);
    v1::CreateHouseholdResponse created;
    grpc::Status status = registry->CreateHousehold(Officer().get(), create, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    v1::RecordSurveyRequest record;
    *record.mutable_survey() = testkit::PeriodicSurvey(created.household().household_id());
    v1::RecordSurveyResponse recorded;
    status = registry->RecordSurvey(Officer().get(), record, &recorded);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created.household().household_id();
  }

  std::unique_ptr<grpc::ClientContext> Officer() { return AuthorizedContext(stack_.tokens().officer); }

  v1::ServiceInfo Info(const std::string& service) {
    auto stub = v1::Operations::NewStub(stack_.service(service).channel());
    v1::ServiceInfo info;
    EXPECT_TRUE(stub->GetServiceInfo(Officer().get(), v1::GetServiceInfoRequest{}, &info).ok());
    return info;
  }

  WardStack stack_;
};

TEST_F(PersonalDataRotationTest, ConsumersKeepOpeningEveryEventWhileTheKekIsRotatedAndRetired) {
  std::vector<std::string> households;
  for (int n = 0; n < 3; ++n) households.push_back(RegisterSurveyed(n));
  std::atomic<bool> rotating{true};
  std::vector<std::string> during;
  std::thread writer([&] {
    for (int n = 100; rotating; ++n) during.push_back(RegisterSurveyed(n));
  });
  const std::string keys_dir = stack_.service("registry").PersonalDataKeysDir();
  const security_testing::CommandRun run = security_testing::RunCommand(
      {std::string(ANSINH_BIN_DIR) + "/ansinh", "--lang", "en", "admin", "rotate-data-keys", "--keys-dir",
       keys_dir, "--redis-port", std::to_string(stack_.redis().port()), "--redis-password-file",
       stack_.redis().password_file(), "--retire"});
  rotating = false;
  writer.join();
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_FALSE(std::filesystem::exists(keys_dir + "/20260101T000000Z.kek")) << "the old KEK is retired";
  ASSERT_GT(during.size(), 0u) << "households were registered during the rotation";
  households.insert(households.end(), during.begin(), during.end());
  households.push_back(RegisterSurveyed(9999));

  // Classification opened every survey: each household's survey is
  // classified from its income, which is sealed in the event.
  auto classification = v1::Classification::NewStub(stack_.service("classification").channel());
  auto monitoring = v1::Monitoring::NewStub(stack_.service("monitoring").channel());
  for (const std::string& household : households) {
    v1::ClassifyHouseholdResponse classified;
    ASSERT_TRUE(Eventually(
        [&] {
          v1::ClassifyHouseholdRequest request;
          request.set_household_id(household);
          return classification->ClassifyHousehold(Officer().get(), request, &classified).ok();
        },
        std::chrono::seconds(30)))
        << household << " was never classified";
    EXPECT_GT(classified.result().income_value(), 0) << household << ": its income did not open";
  }
  // Monitoring reads the newest household's history with its names.
  v1::GetHouseholdTimelineRequest request;
  request.set_household_id(households.back());
  ASSERT_TRUE(Eventually(
      [&] {
        v1::GetHouseholdTimelineResponse timeline;
        return monitoring->GetHouseholdTimeline(Officer().get(), request, &timeline).ok() &&
               timeline.Utf8DebugString().find("Nguyễn Văn Số 9999") != std::string::npos;
      },
      std::chrono::seconds(30)))
      << "monitoring did not open the history";
  for (const std::string& service : {"classification", "monitoring", "assignment"}) {
    const v1::ServiceInfo info = Info(service);
    for (const v1::ConsumerCounters& consumer : info.consumers()) {
      EXPECT_EQ(consumer.failed_deliveries(), 0u) << service;
      EXPECT_EQ(consumer.dead_lettered(), 0u) << service;
    }
  }
}

}  // namespace
}  // namespace ansinh
