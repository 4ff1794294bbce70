#include "assignment/core/helper_assignment.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ostream>

#include "test_world.h"

namespace ansinh::assignment {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testkit::Officer;
using testkit::Staff;
using testkit::World;

class HelperAssignmentTest : public ::testing::Test {
 protected:
  Result<CaseChange> Assign(const v1::Case& target, const std::string& helper_id,
                            const v1::Actor& actor = Staff("womens-union")) {
    v1::AssignHelperRequest request;
    request.set_case_id(target.case_id());
    request.set_helper_id(helper_id);
    request.set_reason("gần nhà, quen gia đình");
    return AssignHelper(target, request, world_.Context(actor));
  }

  World world_;
  v1::Case case_ = world_.Open("HH-000001");
};

TEST_F(HelperAssignmentTest, AssignsAHelperOfTheResponsibleOrganization) {
  const Result<CaseChange> change = Assign(case_, "women-01");
  ASSERT_TRUE(change.ok()) << change.error().message;
  EXPECT_EQ(change.value().updated_case.helper_id(), "women-01");
  EXPECT_THAT(testkit::EventTypes(change.value()), ElementsAre("assignment.helper_assigned.v1"));
  const auto& payload = std::get<v1::HelperAssigned>(change.value().events[0].payload);
  EXPECT_EQ(payload.helper_id(), "women-01");
  EXPECT_EQ(payload.helper_name(), "Nguyễn Thị women-01");
  EXPECT_EQ(payload.previous_helper_id(), "");
  EXPECT_EQ(payload.reason(), "gần nhà, quen gia đình");
  const v1::CaseHistoryEntry& entry = *change.value().updated_case.history().rbegin();
  EXPECT_EQ(entry.action(), v1::CASE_ACTION_HELPER_ASSIGNED);
  EXPECT_EQ(entry.actor().organization_id(), "womens-union");
  EXPECT_EQ(entry.reason(), "gần nhà, quen gia đình");
  EXPECT_EQ(entry.detail(), "helper Nguyễn Thị women-01 (women-01) assigned");
}

TEST_F(HelperAssignmentTest, ReassignmentNamesThePreviousHelper) {
  const v1::Case with_helper = Assign(case_, "women-01").value().updated_case;
  const Result<CaseChange> change = Assign(with_helper, "women-02");
  ASSERT_TRUE(change.ok()) << change.error().message;
  EXPECT_EQ(std::get<v1::HelperAssigned>(change.value().events[0].payload).previous_helper_id(), "women-01");
  EXPECT_THAT(change.value().updated_case.history().rbegin()->detail(),
              HasSubstr("replaces Nguyễn Thị women-01"));
  // The load moves from one helper to the other.
  const LoadDelta delta = ComputeLoadDelta(&with_helper, change.value().updated_case);
  EXPECT_EQ(delta.helpers.at("women-01"), -1);
  EXPECT_EQ(delta.helpers.at("women-02"), +1);
  EXPECT_TRUE(delta.organizations.empty());
}

struct HelperRefusal {
  const char* name;
  const char* helper_id;
  const char* expected_message;
};

// Names the row in test listings instead of dumping its bytes.
void PrintTo(const HelperRefusal& row, std::ostream* out) { *out << row.name; }

class HelperRefusalTest : public HelperAssignmentTest, public ::testing::WithParamInterface<HelperRefusal> {};

TEST_P(HelperRefusalTest, RefusesAndSaysWhich) {
  world_.loads.open_cases_by_helper["women-02"] = 2;
  const Result<CaseChange> change = Assign(case_, GetParam().helper_id);
  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(change.error().message, GetParam().expected_message);
}

INSTANTIATE_TEST_SUITE_P(
    Refusals, HelperRefusalTest,
    ::testing::Values(
        HelperRefusal{
            "OtherOrganization", "farmers-01",
            "helper Nguyễn Thị farmers-01 (farmers-01) belongs to farmers-union, not to womens-union "
            "which is "
            "responsible for case CASE-HH-000001-1"},
        HelperRefusal{"Inactive", "women-09", "helper Nguyễn Thị women-09 (women-09) is inactive"},
        HelperRefusal{
            "AtMaximum", "women-02",
            "helper Nguyễn Thị women-02 (women-02) already carries 2 open cases, the maximum of 2"}),
    [](const ::testing::TestParamInfo<HelperRefusal>& info) { return info.param.name; });

TEST_F(HelperAssignmentTest, SameHelperTwiceIsRefused) {
  const v1::Case with_helper = Assign(case_, "women-01").value().updated_case;
  const Result<CaseChange> change = Assign(with_helper, "women-01");
  ASSERT_FALSE(change.ok());
  EXPECT_THAT(change.error().message, HasSubstr("already assigned"));
}

TEST_F(HelperAssignmentTest, BadInputNamesEachField) {
  v1::AssignHelperRequest request;
  request.set_case_id("CASE-OTHER-1");
  const Result<CaseChange> change = AssignHelper(case_, request, world_.Context(Officer()));
  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(testkit::ViolationFields(change.error()), ElementsAre("case_id", "helper_id", "reason"));

  const Result<CaseChange> unknown = Assign(case_, "nobody");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().violations, (FieldViolations{{"helper_id", "names no helper (\"nobody\")"}}));
}

// Issue 19: an assignment entered later from the paper records keeps its
// day (the figures of past years count helpers by it); today otherwise.
TEST_F(HelperAssignmentTest, AnAssignmentKeepsTheDayTheHelperTookTheCaseOn) {
  EXPECT_EQ(std::get<v1::HelperAssigned>(Assign(case_, "women-01").value().events[0].payload).assigned_on(),
            "2025-06-01")
      << "today by default";

  v1::AssignHelperRequest request;
  request.set_case_id(case_.case_id());
  request.set_helper_id("women-01");
  request.set_reason("nhập lại từ sổ theo dõi");
  request.set_assigned_on("2025-01-20");
  const Result<CaseChange> backdated = AssignHelper(case_, request, world_.Context(Staff("womens-union")));
  ASSERT_TRUE(backdated.ok()) << backdated.error().message;
  EXPECT_EQ(std::get<v1::HelperAssigned>(backdated.value().events[0].payload).assigned_on(), "2025-01-20");

  for (const char* bad : {"2025-06-02", "2025-01-14", "20/01/2025"}) {
    request.set_assigned_on(bad);
    const Result<CaseChange> refused = AssignHelper(case_, request, world_.Context(Staff("womens-union")));
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_THAT(testkit::ViolationFields(refused.error()), ElementsAre("assigned_on")) << bad;
  }
}

TEST_F(HelperAssignmentTest, ClosedCaseIsRefused) {
  case_.set_state(v1::CASE_STATE_CLOSED);
  case_.set_closed_on("2028-12-10");
  const Result<CaseChange> change = Assign(case_, "women-01");
  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(change.error().message, HasSubstr("closed"));
}

TEST_F(HelperAssignmentTest, OtherOrganizationsStaffIsDenied) {
  const Result<CaseChange> change = Assign(case_, "women-01", Staff("farmers-union"));
  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.error().code, ErrorCode::kPermissionDenied);
}

}  // namespace
}  // namespace ansinh::assignment
