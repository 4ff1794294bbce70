// A staff session token across the stack: issued by the registry's
// Accounts.SignIn, it works on the other services with the account's role
// and organization (the assignment service lets a Women's Union account
// register a Women's Union helper, not a Farmers' Union one), and disabling
// the account ends it on every service within a few seconds.
#include <gtest/gtest.h>

#include <chrono>

#include "ansinh/v1/accounts.grpc.pb.h"
#include "ansinh/v1/assignment.grpc.pb.h"
#include "ansinh/v1/classification.grpc.pb.h"
#include "eventually.h"
#include "ward_stack.h"

namespace ansinh {
namespace {

using testkit::AuthorizedContext;
using testkit::Eventually;
using testkit::WardStack;

constexpr char kStaffPassword[] = "mùa lúa chín vàng 2026";

class AccountSessionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    stack_.Start();
    accounts_ = v1::Accounts::NewStub(stack_.service("registry").channel());
    classification_ = v1::Classification::NewStub(stack_.service("classification").channel());
    assignment_ = v1::Assignment::NewStub(stack_.service("assignment").channel());
    // The assignment service seeds its directory of organizations on first use.
    v1::ListOrganizationsResponse organizations;
    ASSERT_TRUE(assignment_
                    ->ListOrganizations(AuthorizedContext(stack_.tokens().officer).get(),
                                        v1::ListOrganizationsRequest(), &organizations)
                    .ok());
  }

  grpc::Status UpsertHelper(const std::string& token, const std::string& organization_id,
                            const std::string& helper_id) {
    v1::UpsertHelperRequest request;
    request.mutable_helper()->set_id(helper_id);
    request.mutable_helper()->set_full_name("Võ Thị Hoa");
    request.mutable_helper()->set_organization_id(organization_id);
    request.mutable_helper()->set_phone("0905123456");
    request.mutable_helper()->set_max_caseload(5);
    request.mutable_helper()->set_active(true);
    request.set_reason("tình nguyện viên mới");
    v1::UpsertHelperResponse response;
    return assignment_->UpsertHelper(AuthorizedContext(token).get(), request, &response);
  }

  grpc::Status ListStandards(const std::string& token) {
    v1::ListStandardsResponse response;
    return classification_->ListStandards(AuthorizedContext(token).get(), v1::ListStandardsRequest(),
                                          &response);
  }

  WardStack stack_;
  std::unique_ptr<v1::Accounts::Stub> accounts_;
  std::unique_ptr<v1::Classification::Stub> classification_;
  std::unique_ptr<v1::Assignment::Stub> assignment_;
};

TEST_F(AccountSessionsTest, ASessionTokenActsWithTheAccountsRoleAndOrganizationUntilTheAccountIsDisabled) {
  v1::CreateAccountRequest create;
  create.mutable_account()->set_username("hoi.phunu");
  create.mutable_account()->set_display_name("Nguyễn Thị Lan");
  create.mutable_account()->set_role(v1::ROLE_ORGANIZATION_STAFF);
  create.mutable_account()->set_organization_id("womens-union");
  create.set_password(kStaffPassword);
  v1::CreateAccountResponse created;
  const grpc::Status create_status =
      accounts_->CreateAccount(AuthorizedContext(stack_.tokens().officer).get(), create, &created);
  ASSERT_TRUE(create_status.ok()) << create_status.error_message();

  v1::SignInRequest sign_in;
  sign_in.set_username("hoi.phunu");
  sign_in.set_password(kStaffPassword);
  v1::SignInResponse signed_in;
  const grpc::Status sign_in_status =
      accounts_->SignIn(AuthorizedContext(stack_.tokens().service).get(), sign_in, &signed_in);
  ASSERT_TRUE(sign_in_status.ok()) << sign_in_status.error_message();
  const std::string& session = signed_in.session_token();

  EXPECT_TRUE(ListStandards(session).ok());
  const grpc::Status own = UpsertHelper(session, "womens-union", "women-test-1");
  EXPECT_TRUE(own.ok()) << own.error_message();
  const grpc::Status other = UpsertHelper(session, "farmers-union", "farmers-test-1");
  EXPECT_EQ(other.error_code(), grpc::StatusCode::PERMISSION_DENIED) << other.error_message();

  v1::UpdateAccountRequest disable;
  disable.set_username("hoi.phunu");
  disable.set_display_name("Nguyễn Thị Lan");
  disable.set_role(v1::ROLE_ORGANIZATION_STAFF);
  disable.set_organization_id("womens-union");
  disable.set_active(false);
  v1::UpdateAccountResponse disabled;
  ASSERT_TRUE(
      accounts_->UpdateAccount(AuthorizedContext(stack_.tokens().officer).get(), disable, &disabled).ok());
  EXPECT_EQ(disabled.sessions_ended(), 1);
  // Each service refreshes its own cache of revoked tokens: one refusing the
  // session says nothing of the other, so each is waited for.
  EXPECT_TRUE(
      Eventually([&] { return ListStandards(session).error_code() == grpc::StatusCode::UNAUTHENTICATED; },
                 std::chrono::seconds(5)));
  EXPECT_TRUE(Eventually(
      [&] {
        return UpsertHelper(session, "womens-union", "women-test-2").error_code() ==
               grpc::StatusCode::UNAUTHENTICATED;
      },
      std::chrono::seconds(5)));
}

}  // namespace
}  // namespace ansinh
