// The foundation, tried the way an operator meets it: the four real
// binaries on a real Redis start, report SERVING, refuse callers without a
// token, ride out a Redis outage without losing an event, and stop cleanly.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <thread>

#include "ansinh/v1/household.pb.h"
#include "ansinh/v1/operations.grpc.pb.h"
#include "ansinh/v1/registry.grpc.pb.h"
#include "events/stream_names.h"
#include "eventually.h"
#include "household_builders.h"
#include "ward_stack.h"

namespace ansinh {
namespace {

using testkit::AuthorizedContext;
using testkit::Eventually;
using testkit::WardStack;
using Serving = grpc::health::v1::HealthCheckResponse;

v1::Household NewHousehold(const std::string& national_id) {
  return testkit::OneMemberHousehold({.full_name = "Lê Văn Tám",
                                      .sex = v1::SEX_MALE,
                                      .date_of_birth = "1970-01-15",
                                      .national_id = national_id,
                                      .education_level = v1::EDUCATION_LEVEL_LOWER_SECONDARY,
                                      .nutrition = v1::NUTRITION_NORMAL},
                                     {.address = "3 Kiệt 7 Phạm Văn Đồng", .residential_group = "TDP-02"});
}

grpc::Status Register(WardStack& stack, const std::string& national_id) {
  auto stub = v1::Registry::NewStub(stack.service("registry").channel());
  v1::CreateHouseholdRequest request;
  *request.mutable_household() = NewHousehold(national_id);
  v1::CreateHouseholdResponse response;
  return stub->CreateHousehold(AuthorizedContext(stack.tokens().officer, std::chrono::seconds(5)).get(),
                               request, &response);
}

// True when every consumer group on `stream` has read and acknowledged
// every entry (XINFO GROUPS: lag 0, pending 0).
bool GroupsCaughtUp(redis::Connection& redis, const std::string& stream, size_t expected_groups) {
  redis::Reply groups = redis.Command({"XINFO", "GROUPS", stream});
  if (groups.elements.size() < expected_groups) return false;
  for (const auto& group : groups.elements) {
    for (size_t i = 0; i + 1 < group.elements.size(); i += 2) {
      const std::string& key = group.elements[i].str;
      const redis::Reply& value = group.elements[i + 1];
      if ((key == "pending" || key == "lag") && value.integer != 0) return false;
      if (key == "lag" && value.IsNil()) return false;
    }
  }
  return true;
}

TEST(FoundationStack, AllFourStartReportServingAndStopCleanlyOnSigterm) {
  WardStack stack;
  stack.Start();
  for (const auto& name : WardStack::ServiceNames()) {
    EXPECT_EQ(stack.service(name).Health(), Serving::SERVING) << name;
    auto stub = v1::Operations::NewStub(stack.service(name).channel());
    v1::ServiceInfo info;
    ASSERT_TRUE(stub->GetServiceInfo(AuthorizedContext(stack.tokens().auditor).get(), {}, &info).ok())
        << name;
    EXPECT_EQ(info.service(), name);
    EXPECT_TRUE(info.redis_reachable());
    EXPECT_GT(info.resident_memory_bytes(), 0);
  }
  for (const auto& name : WardStack::ServiceNames()) {
    const std::string address = stack.service(name).address();
    const int port = std::stoi(address.substr(address.rfind(':') + 1));
    auto exit = stack.service(name).Terminate();
    ASSERT_TRUE(exit.has_value()) << name << " did not stop within 15 s";
    EXPECT_TRUE(WIFEXITED(*exit) && WEXITSTATUS(*exit) == 0) << name << " exit status " << *exit;
    EXPECT_FALSE(testkit::WaitForPort(port, std::chrono::milliseconds(100)))
        << name << " still listens after stopping";
  }
}

TEST(FoundationStack, CallsWithoutAValidTokenAreRefusedByEveryServiceButHealthAnswers) {
  WardStack stack;
  stack.Start();
  for (const auto& name : WardStack::ServiceNames()) {
    auto stub = v1::Operations::NewStub(stack.service(name).channel());
    v1::ServiceInfo info;
    {
      grpc::ClientContext bare;
      bare.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
      EXPECT_EQ(stub->GetServiceInfo(&bare, {}, &info).error_code(), grpc::StatusCode::UNAUTHENTICATED)
          << name;
    }
    EXPECT_EQ(stub->GetServiceInfo(AuthorizedContext("not-a-token").get(), {}, &info).error_code(),
              grpc::StatusCode::UNAUTHENTICATED)
        << name;
    {
      // Two authorization headers, even one good: which one would speak for
      // the call is left to chance, so the call is refused.
      auto twice = AuthorizedContext(stack.tokens().officer);
      twice->AddMetadata("authorization", "Bearer " + stack.tokens().auditor);
      const grpc::Status status = stub->GetServiceInfo(twice.get(), {}, &info);
      EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << name;
      EXPECT_EQ(status.error_message(), "send one authorization header, not several") << name;
    }
    EXPECT_EQ(stub->GetServiceInfo(AuthorizedContext(stack.tokens().officer).get(), {}, &info).error_code(),
              grpc::StatusCode::OK)
        << name << ": one good header is accepted";
    EXPECT_EQ(stack.service(name).Health(), Serving::SERVING) << name << ": health needs no token";
  }
}

TEST(FoundationStack, ARedisOutageMakesServicesNotServingAndNoEventIsLost) {
  WardStack stack;
  stack.Start();
  ASSERT_TRUE(Register(stack, "046170000001").ok());
  redis::Connection redis(stack.redis().Options());
  const std::string registry_stream = events::EventStream(events::kRegistrySource, 0);
  // classification and monitoring both consume the registry's events.
  ASSERT_TRUE(
      Eventually([&] { return GroupsCaughtUp(redis, registry_stream, 2); }, std::chrono::seconds(20)));

  stack.redis().Kill();
  for (const auto& name : WardStack::ServiceNames()) {
    EXPECT_TRUE(stack.service(name).WaitForHealth(Serving::NOT_SERVING, std::chrono::seconds(10))) << name;
  }
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(Register(stack, "046170000002").error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(4)) << "fails fast";

  stack.redis().Start();  // same port, same AOF
  for (const auto& name : WardStack::ServiceNames()) {
    EXPECT_TRUE(stack.service(name).WaitForHealth(Serving::SERVING, std::chrono::seconds(15))) << name;
  }
  ASSERT_TRUE(Register(stack, "046170000003").ok());
  redis.Disconnect();
  EXPECT_EQ(redis.Command({"XLEN", registry_stream}).AsInteger(), 2)
      << "the event acknowledged before the crash and the one after";
  EXPECT_TRUE(Eventually([&] { return GroupsCaughtUp(redis, registry_stream, 2); }, std::chrono::seconds(30)))
      << "the consumers resumed by themselves and applied everything";
}

}  // namespace
}  // namespace ansinh
