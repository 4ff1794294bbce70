// Households joining and leaving livelihood models on their cases: the
// request's checks, each household's own refusals, "already" without an
// event, the history's words without the note.
#include "assignment/core/model_participation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "assignment/core/case_operation_outcomes.h"
#include "test_world.h"

namespace ansinh::assignment {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testkit::Officer;
using testkit::Staff;
using testkit::World;

class ModelParticipationTest : public ::testing::Test {
 protected:
  static v1::LivelihoodModel GoatModel() {
    v1::LivelihoodModel model;
    model.set_model_id("de-tdp01");
    model.set_name("Nuôi dê TDP 1");
    model.set_kind(v1::LIVELIHOOD_MODEL_KIND_LIVESTOCK);
    model.set_organization_id("womens-union");
    model.set_started_on("2025-01-01");
    model.set_ended_on("2025-12-31");
    model.add_residential_groups("TDP-01");
    model.set_version(1);
    return model;
  }

  v1::JoinLivelihoodModelRequest JoinRequest(const std::string& date = "2025-05-01") const {
    v1::JoinLivelihoodModelRequest request;
    request.set_model_id("de-tdp01");
    request.add_household_ids(case_.household_id());
    request.set_joined_on(date);
    request.set_note("nhận 2 con dê cái");
    request.set_reason("họp tổ");
    return request;
  }

  Result<CaseChange> Join(const v1::Case& target, const v1::JoinLivelihoodModelRequest& request,
                          const v1::Actor& actor) const {
    return JoinLivelihoodModel(target, request, model_, world_.Context(actor, "2025-06-01"));
  }

  v1::Case Joined() const {
    Result<CaseChange> change = Join(case_, JoinRequest(), Staff("womens-union"));
    EXPECT_TRUE(change.ok()) << change.error().message;
    return change.value().updated_case;
  }

  v1::LeaveLivelihoodModelRequest LeaveRequest(const std::string& date) const {
    v1::LeaveLivelihoodModelRequest request;
    request.set_model_id("de-tdp01");
    request.set_household_id(case_.household_id());
    request.set_left_on(date);
    request.set_reason("đã có thu nhập ổn định");
    return request;
  }

  World world_;
  v1::Case case_ = world_.Open("HH-000001", "2025-01-15");
  v1::LivelihoodModel model_ = GoatModel();
};

TEST_F(ModelParticipationTest, JoiningAppendsTheParticipationItsHistoryAndItsEvent) {
  const Result<CaseChange> change = Join(case_, JoinRequest(), Staff("womens-union"));
  ASSERT_TRUE(change.ok()) << change.error().message;
  const v1::Case& updated = change.value().updated_case;
  ASSERT_EQ(updated.participations_size(), 1);
  const v1::ModelParticipation& participation = updated.participations(0);
  EXPECT_EQ(participation.model_id(), "de-tdp01");
  EXPECT_EQ(participation.joined_on(), "2025-05-01");
  EXPECT_TRUE(participation.left_on().empty());
  EXPECT_EQ(participation.note(), "nhận 2 con dê cái");
  EXPECT_EQ(participation.recorded_on(), "2025-06-01");
  EXPECT_EQ(participation.recorded_by().organization_id(), "womens-union");
  EXPECT_EQ(updated.version(), case_.version() + 1);
  EXPECT_EQ(updated.history().rbegin()->action(), v1::CASE_ACTION_MODEL_JOINED);
  EXPECT_EQ(updated.history().rbegin()->detail(), "joined livelihood model de-tdp01 on 2025-05-01");
  EXPECT_THAT(testkit::EventTypes(change.value()), ElementsAre("assignment.model_joined.v1"));
  const auto& payload = std::get<v1::ModelParticipationChanged>(change.value().events[0].payload);
  EXPECT_EQ(payload.case_id(), case_.case_id());
  EXPECT_EQ(payload.organization_id(), "womens-union");
  EXPECT_EQ(payload.category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_EQ(payload.participation().note(), "nhận 2 con dê cái");
  EXPECT_EQ(payload.reason(), "họp tổ");
}

TEST_F(ModelParticipationTest, JoiningAgainWhileTakingPartChangesNothing) {
  const v1::Case joined = Joined();
  const Result<CaseChange> again = Join(joined, JoinRequest("2025-05-20"), Officer());
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_FALSE(again.value().changed());
  EXPECT_EQ(again.value().updated_case.version(), joined.version());
  const v1::CaseOperationOutcome outcome = OutcomeOf("HH-000001", joined.case_id(), again);
  EXPECT_TRUE(outcome.already());
  EXPECT_FALSE(outcome.done());
}

TEST_F(ModelParticipationTest, EachHouseholdsOwnRefusalsCarryACatalogMessage) {
  const Result<CaseChange> other = Join(case_, JoinRequest(), Staff("farmers-union"));
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().key, "error.case.other_organization");
  const v1::CaseOperationOutcome refused = OutcomeOf("HH-000001", case_.case_id(), other);
  EXPECT_FALSE(refused.done());
  EXPECT_FALSE(refused.already());
  EXPECT_EQ(refused.refusal_text().key(), "error.case.other_organization");
  EXPECT_THAT(refused.refusal(), HasSubstr("womens-union is responsible for it"));

  const Result<CaseChange> early = Join(case_, JoinRequest("2025-01-14"), Officer());
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(early.error().key, "error.livelihood.joined_before_case_opened");

  v1::Case elsewhere = case_;
  elsewhere.set_residential_group("TDP-02");
  const Result<CaseChange> outside = Join(elsewhere, JoinRequest(), Officer());
  ASSERT_FALSE(outside.ok());
  EXPECT_EQ(outside.error().key, "error.livelihood.outside_groups");

  v1::Case closed = case_;
  closed.set_state(v1::CASE_STATE_CLOSED);
  closed.set_closed_on("2025-05-30");
  const Result<CaseChange> after_closing = Join(closed, JoinRequest(), Officer());
  ASSERT_FALSE(after_closing.ok());
  EXPECT_EQ(after_closing.error().key, "error.case.closed");
}

TEST_F(ModelParticipationTest, TheRequestIsCheckedOnceForEveryHousehold) {
  v1::JoinLivelihoodModelRequest request = JoinRequest("2026-01-05");
  request.add_household_ids("HH-000001");
  request.add_household_ids("");
  request.set_note(std::string(1001, 'x'));
  request.clear_reason();
  EXPECT_THAT(testkit::ViolationFields(
                  Error::InvalidArgument(CheckJoinRequest(request, &model_, testkit::D("2026-06-01")))),
              ElementsAre("household_ids[1]", "household_ids[2]", "joined_on", "note", "reason"));
  EXPECT_THAT(
      CheckJoinRequest(JoinRequest("2024-12-31"), &model_, testkit::D("2025-06-01")),
      ElementsAre(FieldViolation{"joined_on", "must not be before model de-tdp01 started on 2025-01-01"}));
  EXPECT_THAT(CheckJoinRequest(JoinRequest("2025-06-02"), &model_, testkit::D("2025-06-01")),
              ElementsAre(FieldViolation{"joined_on",
                                         "must not be in the future (2025-06-02 is after today "
                                         "2025-06-01)"}));

  v1::JoinLivelihoodModelRequest empty;
  EXPECT_THAT(testkit::ViolationFields(
                  Error::InvalidArgument(CheckJoinRequest(empty, nullptr, testkit::D("2025-06-01")))),
              ElementsAre("model_id", "household_ids", "joined_on", "reason"));
  v1::JoinLivelihoodModelRequest unknown = JoinRequest();
  unknown.set_model_id("ga-tdp09");
  EXPECT_THAT(CheckJoinRequest(unknown, nullptr, testkit::D("2025-06-01")),
              ElementsAre(FieldViolation{"model_id", "names no livelihood model (\"ga-tdp09\")"}));
  v1::JoinLivelihoodModelRequest many = JoinRequest();
  for (int i = 2; i <= kMaxBulkHouseholds + 1; ++i) many.add_household_ids("HH-" + std::to_string(i));
  EXPECT_THAT(testkit::ViolationFields(
                  Error::InvalidArgument(CheckJoinRequest(many, &model_, testkit::D("2025-06-01")))),
              ElementsAre("household_ids"));
}

TEST_F(ModelParticipationTest, LeavingEndsTheParticipationAndAllowsAJoiningAfterIt) {
  const v1::Case joined = Joined();
  const Result<CaseChange> left = LeaveLivelihoodModel(joined, LeaveRequest("2025-05-25"),
                                                       world_.Context(Staff("womens-union"), "2025-06-01"));
  ASSERT_TRUE(left.ok()) << left.error().message;
  const v1::Case& updated = left.value().updated_case;
  EXPECT_EQ(updated.participations(0).left_on(), "2025-05-25");
  EXPECT_EQ(updated.history().rbegin()->action(), v1::CASE_ACTION_MODEL_LEFT);
  EXPECT_THAT(testkit::EventTypes(left.value()), ElementsAre("assignment.model_left.v1"));
  EXPECT_EQ(CurrentParticipation(updated, "de-tdp01"), nullptr);
  EXPECT_NE(ParticipationOn(updated, "de-tdp01", testkit::D("2025-05-25")), nullptr);
  EXPECT_EQ(ParticipationOn(updated, "de-tdp01", testkit::D("2025-05-26")), nullptr);
  EXPECT_EQ(ParticipationOn(updated, "de-tdp01", testkit::D("2025-04-30")), nullptr);

  // Joining again starts a second participation, never one before the last leaving.
  const Result<CaseChange> too_soon = Join(updated, JoinRequest("2025-05-20"), Officer());
  ASSERT_FALSE(too_soon.ok());
  EXPECT_EQ(too_soon.error().key, "error.livelihood.rejoined_before_left");
  const Result<CaseChange> rejoined = Join(updated, JoinRequest("2025-05-30"), Officer());
  ASSERT_TRUE(rejoined.ok()) << rejoined.error().message;
  EXPECT_EQ(rejoined.value().updated_case.participations_size(), 2);
}

TEST_F(ModelParticipationTest, LeavingIsRefusedWithoutATakingPartOrBeforeTheJoining) {
  const OperationContext context = world_.Context(Officer(), "2025-06-01");
  const Result<CaseChange> never = LeaveLivelihoodModel(case_, LeaveRequest("2025-05-25"), context);
  ASSERT_FALSE(never.ok());
  EXPECT_EQ(never.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(never.error().key, "error.livelihood.not_taking_part");

  const Result<CaseChange> early = LeaveLivelihoodModel(Joined(), LeaveRequest("2025-04-30"), context);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().violations,
            (FieldViolations{{"left_on", "must not be before the household joined on 2025-05-01"}}));

  EXPECT_THAT(testkit::ViolationFields(Error::InvalidArgument(
                  CheckLeaveRequest(v1::LeaveLivelihoodModelRequest{}, testkit::D("2025-06-01")))),
              ElementsAre("model_id", "household_id", "left_on", "reason"));
  const Result<CaseChange> other =
      LeaveLivelihoodModel(Joined(), LeaveRequest("2025-05-25"), world_.Context(Staff("farmers-union")));
  EXPECT_EQ(other.error().code, ErrorCode::kPermissionDenied);
}

}  // namespace
}  // namespace ansinh::assignment
