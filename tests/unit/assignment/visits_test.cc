#include "assignment/core/visits.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_world.h"

namespace ansinh::assignment {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testkit::Staff;
using testkit::World;

class VisitTest : public ::testing::Test {
 protected:
  VisitTest() { case_.set_helper_id("women-01"); }

  v1::RecordVisitRequest Request() const {
    v1::RecordVisitRequest request;
    request.set_case_id(case_.case_id());
    request.set_visited_on("2025-05-20");
    request.set_notes("Chị Hoa đã bắt đầu nuôi gà; con trai đi học đều.");
    request.set_observed_change(v1::OBSERVED_CHANGE_IMPROVED);
    request.set_reason("thăm định kỳ tháng 5");
    return request;
  }

  Result<CaseChange> Record(const v1::RecordVisitRequest& request) {
    return RecordVisit(case_, request, world_.Context(Staff("womens-union"), "2025-06-01"));
  }

  World world_;
  v1::Case case_ = world_.Open("HH-000001", "2025-01-15");
};

TEST_F(VisitTest, RecordsAVisitByTheCasesHelper) {
  const Result<CaseChange> change = Record(Request());
  ASSERT_TRUE(change.ok()) << change.error().message;
  const v1::Visit& visit = change.value().updated_case.visits(0);
  EXPECT_EQ(visit.visit_id(), "V1");
  EXPECT_EQ(visit.visited_on(), "2025-05-20");
  EXPECT_EQ(visit.helper_id(), "women-01");
  EXPECT_EQ(visit.observed_change(), v1::OBSERVED_CHANGE_IMPROVED);
  EXPECT_EQ(visit.recorded_on(), "2025-06-01");
  EXPECT_THAT(testkit::EventTypes(change.value()), ElementsAre("assignment.visit_recorded.v1"));
  EXPECT_EQ(std::get<v1::VisitRecorded>(change.value().events[0].payload).visit().notes(), visit.notes());
}

TEST_F(VisitTest, BadInputNamesEachField) {
  v1::RecordVisitRequest request = Request();
  request.set_visited_on("2025-06-02");
  request.set_helper_id("nobody");
  request.clear_notes();
  request.clear_observed_change();
  request.clear_reason();
  const Result<CaseChange> change = Record(request);
  ASSERT_FALSE(change.ok());
  EXPECT_THAT(testkit::ViolationFields(change.error()),
              ElementsAre("visited_on", "helper_id", "notes", "observed_change", "reason"));

  request = Request();
  request.set_visited_on("2025-01-14");
  const Result<CaseChange> before_opening = Record(request);
  ASSERT_FALSE(before_opening.ok());
  EXPECT_EQ(before_opening.error().violations,
            (FieldViolations{{"visited_on", "must not be before the case opened on 2025-01-15"}}));
}

TEST_F(VisitTest, HelperOfAnotherOrganizationIsRefused) {
  v1::RecordVisitRequest request = Request();
  request.set_helper_id("farmers-01");
  const Result<CaseChange> change = Record(request);
  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(change.error().message, HasSubstr("belongs to farmers-union"));
}

}  // namespace
}  // namespace ansinh::assignment
