#include "assignment/core/directory_operations.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_world.h"

namespace ansinh::assignment {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testkit::Officer;
using testkit::Staff;
using testkit::World;

v1::UpsertOrganizationRequest OrganizationRequest(v1::Organization organization) {
  v1::UpsertOrganizationRequest request;
  *request.mutable_organization() = std::move(organization);
  request.set_reason("Nghị quyết phân công năm 2025");
  return request;
}

v1::UpsertHelperRequest HelperRequest(v1::Helper helper) {
  v1::UpsertHelperRequest request;
  *request.mutable_helper() = std::move(helper);
  request.set_reason("hội viên mới");
  return request;
}

TEST(DirectoryOperationsTest, CreatesThenUpdatesAnOrganizationWithVersions) {
  World world;
  const Result<OrganizationChange> created = UpsertOrganization(
      OrganizationRequest(testkit::MakeOrganization("red-cross", {"TDP-04"}, 25)), world.Context(Officer()));
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_TRUE(created.value().created);
  EXPECT_EQ(created.value().organization.version(), 1u);
  ASSERT_EQ(created.value().events.size(), 1u);
  EXPECT_EQ(created.value().events[0].event_type, "assignment.organization_upserted.v1");
  EXPECT_EQ(created.value().events[0].aggregate_type, "organization");
  EXPECT_EQ(created.value().events[0].aggregate_id, "red-cross");
  EXPECT_EQ(created.value().events[0].aggregate_version, 1u);

  ASSERT_NE(world.directory.FindOrganization("womens-union"), nullptr);
  v1::Organization stored = *world.directory.FindOrganization("womens-union");
  stored.set_version(3);
  world.directory = Directory({stored}, {});
  v1::Organization bigger = stored;
  bigger.set_capacity(60);
  bigger.set_version(99);  // ignored: the server owns versions
  const Result<OrganizationChange> updated =
      UpsertOrganization(OrganizationRequest(bigger), world.Context(Officer()));
  ASSERT_TRUE(updated.ok());
  EXPECT_FALSE(updated.value().created);
  EXPECT_EQ(updated.value().organization.version(), 4u);
  EXPECT_EQ(updated.value().organization.capacity(), 60);

  // The same content again changes nothing.
  const Result<OrganizationChange> same =
      UpsertOrganization(OrganizationRequest(stored), world.Context(Officer()));
  ASSERT_TRUE(same.ok());
  EXPECT_TRUE(same.value().events.empty());
  EXPECT_EQ(same.value().organization.version(), 3u);
}

TEST(DirectoryOperationsTest, OrganizationValidationAndPermission) {
  World world;
  v1::Organization bad = testkit::MakeOrganization("Women Union", {"TDP-01", "TDP-01"}, 0);
  bad.clear_name();
  v1::UpsertOrganizationRequest request = OrganizationRequest(bad);
  request.clear_reason();
  const Result<OrganizationChange> change = UpsertOrganization(request, world.Context(Officer()));
  ASSERT_FALSE(change.ok());
  EXPECT_THAT(testkit::ViolationFields(change.error()),
              ElementsAre("organization.id", "organization.name", "organization.residential_groups[1]",
                          "organization.capacity", "reason"));

  const Result<OrganizationChange> staff =
      UpsertOrganization(OrganizationRequest(testkit::MakeOrganization("red-cross", {"TDP-04"}, 25)),
                         world.Context(Staff("red-cross")));
  ASSERT_FALSE(staff.ok());
  EXPECT_EQ(staff.error().code, ErrorCode::kPermissionDenied);
}

TEST(DirectoryOperationsTest, StaffAddHelpersToTheirOwnOrganization) {
  World world;
  const Result<HelperChange> created = UpsertHelper(
      HelperRequest(testkit::MakeHelper("women-07", "womens-union")), world.Context(Staff("womens-union")));
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_TRUE(created.value().created);
  EXPECT_EQ(created.value().events[0].event_type, "assignment.helper_upserted.v1");
  EXPECT_EQ(std::get<v1::HelperUpserted>(created.value().events[0].payload).helper().id(), "women-07");

  const Result<HelperChange> missing =
      UpsertHelper(v1::UpsertHelperRequest{}, world.Context(Staff("womens-union")));
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(testkit::ViolationFields(missing.error()), ElementsAre("helper", "reason"));

  v1::Helper bad = testkit::MakeHelper("women-08", "nowhere", 0);
  bad.set_phone("12345");
  const Result<HelperChange> invalid = UpsertHelper(HelperRequest(bad), world.Context(Officer()));
  ASSERT_FALSE(invalid.ok());
  EXPECT_THAT(testkit::ViolationFields(invalid.error()),
              ElementsAre("helper.phone", "helper.max_caseload", "helper.organization_id"));
}

TEST(DirectoryOperationsTest, HelperWithOpenCasesCannotChangeOrganization) {
  World world;
  world.loads.open_cases_by_helper["women-01"] = 2;
  const Result<HelperChange> change = UpsertHelper(
      HelperRequest(testkit::MakeHelper("women-01", "farmers-union", 2)), world.Context(Officer()));
  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(change.error().message, HasSubstr("carries 2 open cases of womens-union"));

  // Deactivating them is allowed: their cases then show up for reassignment.
  const Result<HelperChange> deactivated =
      UpsertHelper(HelperRequest(testkit::MakeHelper("women-01", "womens-union", 2, /*active=*/false)),
                   world.Context(Officer()));
  ASSERT_TRUE(deactivated.ok()) << deactivated.error().message;
  EXPECT_FALSE(deactivated.value().helper.active());
}

}  // namespace
}  // namespace ansinh::assignment
