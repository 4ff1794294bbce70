// The registry binary end to end over gRPC: register, read, stale update,
// refusal without a token, clean stop.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include "ansinh/v1/registry.grpc.pb.h"
#include "household_builders.h"
#include "redis_server.h"
#include "service_process.h"
#include "test_tokens.h"

namespace ansinh {
namespace {

using testkit::AuthorizedContext;

v1::Household HouseholdWithHead(const std::string& national_id) {
  return testkit::OneMemberHousehold({.national_id = national_id, .nutrition = v1::NUTRITION_NORMAL});
}

class RegistrySmokeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_.Start();
    registry_.Start();
    stub_ = v1::Registry::NewStub(registry_.channel());
  }
  testkit::TempDir dir_;
  testkit::RedisServer redis_{dir_.path()};
  testkit::TestTokens tokens_;
  testkit::ServiceProcess registry_{"registry", redis_, tokens_.WriteFile(dir_.path()), dir_.path()};
  std::unique_ptr<v1::Registry::Stub> stub_;
};

TEST_F(RegistrySmokeTest, RegistersReadsAndRefusesAStaleUpdate) {
  v1::CreateHouseholdRequest create;
  *create.mutable_household() = HouseholdWithHead("046178000001");
  v1::CreateHouseholdResponse created;
  grpc::Status status = stub_->CreateHousehold(AuthorizedContext(tokens_.officer).get(), create, &created);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(created.household().version(), 1u);
  EXPECT_EQ(created.household().code(), "T05-001");

  v1::GetHouseholdRequest get;
  get.set_code("t5-1");
  v1::GetHouseholdResponse got;
  ASSERT_TRUE(stub_->GetHousehold(AuthorizedContext(tokens_.auditor).get(), get, &got).ok());
  EXPECT_EQ(got.household().household_id(), created.household().household_id());

  v1::UpdateHouseholdRequest update;
  update.set_household_id(created.household().household_id());
  update.set_expected_version(1);
  update.set_address("14 Kiệt 45 Nguyễn Sinh Cung");
  v1::UpdateHouseholdResponse updated;
  ASSERT_TRUE(stub_->UpdateHousehold(AuthorizedContext(tokens_.officer).get(), update, &updated).ok());
  EXPECT_EQ(updated.household().version(), 2u);
  update.set_address("16 Kiệt 45");
  status = stub_->UpdateHousehold(AuthorizedContext(tokens_.officer).get(), update, &updated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);

  v1::SearchHouseholdsRequest search;
  search.set_query("nguyen huong");
  v1::SearchHouseholdsResponse found;
  ASSERT_TRUE(stub_->SearchHouseholds(AuthorizedContext(tokens_.officer).get(), search, &found).ok());
  ASSERT_EQ(found.hits_size(), 1);

  create.mutable_household()->mutable_members(0)->set_full_name("Trần Văn Bình");
  status = stub_->CreateHousehold(AuthorizedContext(tokens_.officer).get(), create, &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS) << status.error_message();
}

TEST_F(RegistrySmokeTest, RefusesCallsWithoutAValidTokenAndStopsCleanly) {
  v1::GetHouseholdRequest get;
  get.set_household_id("HH-000001");
  v1::GetHouseholdResponse got;
  {
    grpc::ClientContext bare;  // scoped: a live context keeps the channel open
    EXPECT_EQ(stub_->GetHousehold(&bare, get, &got).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  }
  EXPECT_EQ(stub_->GetHousehold(AuthorizedContext("wrong").get(), get, &got).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  v1::CreateHouseholdRequest create;
  *create.mutable_household() = HouseholdWithHead("046178000002");
  v1::CreateHouseholdResponse created;
  EXPECT_EQ(stub_->CreateHousehold(AuthorizedContext(tokens_.auditor).get(), create, &created).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  stub_.reset();
  auto exit = registry_.Terminate();
  ASSERT_TRUE(exit.has_value());
  EXPECT_TRUE(WIFEXITED(*exit));
  EXPECT_EQ(WEXITSTATUS(*exit), 0);
}

}  // namespace
}  // namespace ansinh
