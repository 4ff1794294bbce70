#include "registry/core/account_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ansinh::registry {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> FieldsOf(const FieldViolations& violations) {
  std::vector<std::string> fields;
  for (const FieldViolation& violation : violations) fields.push_back(violation.field);
  return fields;
}

v1::CreateAccountRequest ValidCreate() {
  v1::CreateAccountRequest request;
  request.mutable_account()->set_username("hoi.phunu");
  request.mutable_account()->set_display_name("Nguyễn Thị Lan");
  request.mutable_account()->set_role(v1::ROLE_ORGANIZATION_STAFF);
  request.mutable_account()->set_organization_id("womens-union");
  request.set_password("mật khẩu dài");
  return request;
}

TEST(AccountRulesTest, UsernamesAreLowerCaseLettersDigitsAndThreeMarks) {
  EXPECT_TRUE(IsUsername("canbo.phuong"));
  EXPECT_TRUE(IsUsername("kiem_toan-2"));
  EXPECT_TRUE(IsUsername("abc"));
  EXPECT_TRUE(IsUsername(std::string(32, 'a')));
  EXPECT_FALSE(IsUsername("ab"));
  EXPECT_FALSE(IsUsername(std::string(33, 'a')));
  EXPECT_FALSE(IsUsername("Canbo.Phuong"));
  EXPECT_FALSE(IsUsername("cán.bộ"));
  EXPECT_FALSE(IsUsername("can bo"));
}

TEST(AccountRulesTest, AValidCreateHasNoViolations) {
  EXPECT_THAT(CreateAccountViolations(ValidCreate()), IsEmpty());
  v1::CreateAccountRequest officer = ValidCreate();
  officer.mutable_account()->set_role(v1::ROLE_WARD_OFFICER);
  officer.mutable_account()->clear_organization_id();
  EXPECT_THAT(CreateAccountViolations(officer), IsEmpty());
}

TEST(AccountRulesTest, AnEmptyCreateNamesEveryRequiredField) {
  const FieldViolations violations = CreateAccountViolations(v1::CreateAccountRequest());
  EXPECT_THAT(FieldsOf(violations),
              ElementsAre("account.username", "account.display_name", "account.role", "password"));
  for (const FieldViolation& violation : violations) EXPECT_FALSE(violation.key.empty()) << violation.field;
}

TEST(AccountRulesTest, PasswordsNeedTenCharactersCountedAsLetters) {
  // Nine characters of which three take two bytes each: still too short.
  EXPECT_THAT(FieldsOf(PasswordViolations("mật khẩuu", "password")), ElementsAre("password"));
  EXPECT_THAT(PasswordViolations("mật khẩu 1", "password"), IsEmpty());
  EXPECT_THAT(FieldsOf(PasswordViolations(std::string(1025, 'x'), "password")), ElementsAre("password"));
  EXPECT_EQ(PasswordViolations("short", "password")[0].args.at("min"), "10");
}

TEST(AccountRulesTest, OnlyOrganizationStaffBelongToAnOrganizationAndTheyMust) {
  v1::CreateAccountRequest staff = ValidCreate();
  staff.mutable_account()->clear_organization_id();
  EXPECT_THAT(FieldsOf(CreateAccountViolations(staff)), ElementsAre("account.organization_id"));
  staff.mutable_account()->set_organization_id("Women's Union");
  EXPECT_THAT(FieldsOf(CreateAccountViolations(staff)), ElementsAre("account.organization_id"));
  v1::CreateAccountRequest auditor = ValidCreate();
  auditor.mutable_account()->set_role(v1::ROLE_AUDITOR);
  const FieldViolations violations = CreateAccountViolations(auditor);
  ASSERT_THAT(FieldsOf(violations), ElementsAre("account.organization_id"));
  EXPECT_EQ(violations[0].key, "violation.account.organization_not_staff");
}

TEST(AccountRulesTest, NoPersonSignsInAsAService) {
  v1::CreateAccountRequest service = ValidCreate();
  service.mutable_account()->set_role(v1::ROLE_SERVICE);
  service.mutable_account()->clear_organization_id();
  const FieldViolations violations = CreateAccountViolations(service);
  ASSERT_THAT(FieldsOf(violations), ElementsAre("account.role"));
  EXPECT_EQ(violations[0].key, "violation.account.role");
}

TEST(AccountRulesTest, UpdateAndSetPasswordNameTheirOwnFields) {
  v1::UpdateAccountRequest update;
  update.set_username("Bad Name");
  EXPECT_THAT(FieldsOf(UpdateAccountViolations(update)), ElementsAre("username", "display_name", "role"));
  v1::SetPasswordRequest password;
  password.set_password("123");
  EXPECT_THAT(FieldsOf(SetPasswordViolations(password)), ElementsAre("username", "password"));
  EXPECT_THAT(FieldsOf(SignInViolations(v1::SignInRequest())), ElementsAre("username", "password"));
  v1::SignInRequest odd;
  odd.set_username("Not A Username");
  odd.set_password("x");
  EXPECT_THAT(SignInViolations(odd), IsEmpty());
}

}  // namespace
}  // namespace ansinh::registry
