#include "assignment/core/permissions.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ostream>

#include "test_world.h"

namespace ansinh::assignment {
namespace {

using ::testing::HasSubstr;
using testkit::Auditor;
using testkit::Officer;
using testkit::Service;
using testkit::Staff;

v1::Case WomensUnionCase() {
  v1::Case target;
  target.set_case_id("CASE-HH-000001-1");
  target.set_organization_id("womens-union");
  target.mutable_pending_transfer()->set_to_organization_id("farmers-union");
  return target;
}

struct PermissionRow {
  const char* name;
  v1::Actor actor;
  CaseOperation operation;
  bool allowed;
};

// Names the row in test listings instead of dumping its bytes.
void PrintTo(const PermissionRow& row, std::ostream* out) { *out << row.name; }

class CasePermissionTest : public ::testing::TestWithParam<PermissionRow> {};

TEST_P(CasePermissionTest, FollowsTheRule) {
  const std::optional<Error> refusal =
      CheckCasePermission(GetParam().actor, GetParam().operation, WomensUnionCase());
  EXPECT_EQ(!refusal.has_value(), GetParam().allowed) << (refusal ? refusal->message : "allowed");
  if (refusal) {
    EXPECT_EQ(refusal->code, ErrorCode::kPermissionDenied);
  }
}

v1::Actor StaffWithoutOrganization() {
  v1::Actor actor = Staff("");
  actor.set_name("staff.nobody");
  return actor;
}

INSTANTIATE_TEST_SUITE_P(
    Rule, CasePermissionTest,
    ::testing::Values(
        PermissionRow{"OwnOrganizationRecordsSupport", Staff("womens-union"), CaseOperation::kRecordSupport,
                      true},
        PermissionRow{"OwnOrganizationAssignsHelper", Staff("womens-union"), CaseOperation::kAssignHelper,
                      true},
        PermissionRow{"OwnOrganizationRequestsTransfer", Staff("womens-union"),
                      CaseOperation::kRequestTransfer, true},
        PermissionRow{"OtherOrganizationRecordsVisit", Staff("veterans"), CaseOperation::kRecordVisit, false},
        PermissionRow{"OtherOrganizationRecordsNeed", Staff("farmers-union"), CaseOperation::kRecordNeed,
                      false},
        PermissionRow{"AddresseeAccepts", Staff("farmers-union"), CaseOperation::kAcceptTransfer, true},
        PermissionRow{"AddresseeDeclines", Staff("farmers-union"), CaseOperation::kDeclineTransfer, true},
        PermissionRow{"RequesterCannotAccept", Staff("womens-union"), CaseOperation::kAcceptTransfer, false},
        PermissionRow{"ThirdOrganizationCannotDecline", Staff("veterans"), CaseOperation::kDeclineTransfer,
                      false},
        PermissionRow{"StaffWithoutOrganization", StaffWithoutOrganization(), CaseOperation::kRecordNeed,
                      false},
        PermissionRow{"OfficerAssigns", Officer(), CaseOperation::kAssignHelper, true},
        PermissionRow{"OfficerAccepts", Officer(), CaseOperation::kAcceptTransfer, true},
        PermissionRow{"AuditorCannotWrite", Auditor(), CaseOperation::kRecordVisit, false},
        PermissionRow{"ServiceCannotWrite", Service(), CaseOperation::kUpdateNeedStatus, false},
        PermissionRow{"NoRoleCannotWrite", v1::Actor{}, CaseOperation::kRecordNeed, false}),
    [](const ::testing::TestParamInfo<PermissionRow>& info) { return info.param.name; });

TEST(PermissionMessageTest, SaysWhoIsResponsible) {
  const std::optional<Error> refusal =
      CheckCasePermission(Staff("veterans"), CaseOperation::kRecordSupport, WomensUnionCase());
  ASSERT_TRUE(refusal.has_value());
  EXPECT_EQ(refusal->message,
            "staff of veterans may not record support on case CASE-HH-000001-1: womens-union is responsible "
            "for it");
  const std::optional<Error> auditor =
      CheckCasePermission(Auditor(), CaseOperation::kRecordSupport, WomensUnionCase());
  EXPECT_THAT(auditor->message, HasSubstr("auditors read but never write"));
}

TEST(ReadPermissionTest, StaffReadOwnCasesAndOffersOthersReadAll) {
  const v1::Case target = WomensUnionCase();
  EXPECT_TRUE(CanReadCase(Staff("womens-union"), target));
  EXPECT_TRUE(CanReadCase(Staff("farmers-union"), target));  // the transfer is offered to it
  EXPECT_FALSE(CanReadCase(Staff("veterans"), target));
  EXPECT_TRUE(CanReadCase(Officer(), target));
  EXPECT_TRUE(CanReadCase(Auditor(), target));
  EXPECT_TRUE(CanReadCase(Service(), target));
  EXPECT_FALSE(CanReadCase(v1::Actor{}, target));
}

TEST(DirectoryPermissionTest, OrganizationsByOfficersHelpersByTheirOrganization) {
  EXPECT_FALSE(CheckUpsertOrganizationPermission(Officer()).has_value());
  EXPECT_TRUE(CheckUpsertOrganizationPermission(Staff("womens-union")).has_value());
  EXPECT_TRUE(CheckUpsertOrganizationPermission(Auditor()).has_value());

  const v1::Helper women = testkit::MakeHelper("women-05", "womens-union");
  const v1::Helper farmers = testkit::MakeHelper("women-05", "farmers-union");
  EXPECT_FALSE(CheckUpsertHelperPermission(Staff("womens-union"), women, nullptr).has_value());
  EXPECT_FALSE(CheckUpsertHelperPermission(Officer(), farmers, &women).has_value());
  EXPECT_TRUE(CheckUpsertHelperPermission(Staff("farmers-union"), women, nullptr).has_value());
  // Staff cannot take over another organization's helper, nor give theirs away.
  EXPECT_TRUE(CheckUpsertHelperPermission(Staff("farmers-union"), farmers, &women).has_value());
  EXPECT_TRUE(CheckUpsertHelperPermission(Staff("womens-union"), farmers, &women).has_value());
  EXPECT_TRUE(CheckUpsertHelperPermission(Service(), women, nullptr).has_value());
}

}  // namespace
}  // namespace ansinh::assignment
