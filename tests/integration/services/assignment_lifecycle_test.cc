// The case lifecycle driven by official status events, against a real Redis
// and the real ansinh-assignment binary: opening with a responsible
// organization, idempotence, follow-up, closing after the period, relapse.
#include "assignment_test_fixture.h"

namespace ansinh::assignment::testkit {
namespace {

constexpr auto kMonth = std::chrono::hours(24 * 31);

using AssignmentLifecycleTest = AssignmentServiceTest;

TEST_F(AssignmentLifecycleTest, AStatusEventOpensACaseWithAResponsibleOrganizationAndItsReason) {
  StartService();
  const v1::EventEnvelope cause = PublishStatus({"HH-000001", "TDP-01"});
  const v1::Case opened = WaitForVersion("HH-000001", 2);

  EXPECT_EQ(opened.case_id(), "CASE-HH-000001-1");
  EXPECT_EQ(opened.state(), v1::CASE_STATE_OPEN);
  EXPECT_EQ(opened.category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_EQ(opened.organization_id(), "womens-union") << "the only organization covering TDP-01";
  EXPECT_NE(opened.assignment_reason().find("TDP-01"), std::string::npos) << opened.assignment_reason();
  EXPECT_EQ(opened.opened_on(), WardDate());
  ASSERT_EQ(opened.history_size(), 2);
  EXPECT_EQ(opened.history(0).action(), v1::CASE_ACTION_OPENED);
  EXPECT_EQ(opened.history(1).action(), v1::CASE_ACTION_ORGANIZATION_ASSIGNED);
  EXPECT_EQ(opened.history(1).actor().role(), v1::ROLE_SERVICE);
  EXPECT_EQ(opened.history(1).actor().name(), "assignment");

  const std::vector<v1::EventEnvelope> published = AssignmentEvents();
  std::vector<v1::EventEnvelope> of_case;
  for (const auto& envelope : published) {
    if (envelope.aggregate_id() == opened.case_id()) of_case.push_back(envelope);
  }
  ASSERT_EQ(of_case.size(), 2u);
  EXPECT_EQ(of_case[0].event_type(), "assignment.case_opened.v1");
  EXPECT_EQ(of_case[1].event_type(), "assignment.organization_assigned.v1");
  for (size_t i = 0; i < of_case.size(); ++i) {
    EXPECT_EQ(of_case[i].aggregate_type(), "case");
    EXPECT_EQ(of_case[i].aggregate_version(), i + 1);
    EXPECT_EQ(of_case[i].household_id(), "HH-000001");
    EXPECT_EQ(of_case[i].actor().role(), v1::ROLE_SERVICE);
    EXPECT_EQ(of_case[i].causation_id(), cause.event_id());
    EXPECT_EQ(of_case[i].correlation_id(), cause.correlation_id());
  }
  v1::CaseOpened payload;
  ASSERT_TRUE(of_case[0].payload().UnpackTo(&payload));
  EXPECT_EQ(payload.organization_id(), "womens-union");
  EXPECT_EQ(payload.residential_group(), "TDP-01");
  EXPECT_TRUE(payload.previous_case_id().empty());

  v1::GetWorkloadRequest request;
  request.set_organization_id("womens-union");
  v1::GetWorkloadResponse workload;
  auto context = AuthorizedContext(tokens_.officer);
  ASSERT_TRUE(client().GetWorkload(context.get(), request, &workload).ok());
  ASSERT_EQ(workload.organizations_size(), 1);
  EXPECT_EQ(workload.organizations(0).open_cases(), 1);
  EXPECT_EQ(workload.organizations(0).cases_without_helper(), 1);
}

TEST_F(AssignmentLifecycleTest, AReplayedOrDuplicatedStatusEventOpensNoSecondCaseAndRecordsNothingTwice) {
  StartService();
  const v1::EventEnvelope first = PublishStatus({"HH-000001", "TDP-01"});
  PublishEnvelope(first);  // the very same event delivered again (at-least-once upstream)
  // The same status confirmed by a later review: a new event, nothing new to record.
  PublishStatus({"HH-000001", "TDP-01", v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_UNCHANGED, 2026, 2});
  // A later event of another household: once it is applied, so are the ones before it.
  OpenCase("HH-000002", "TDP-02");

  const v1::Case only = WaitForVersion("HH-000001", 2);
  EXPECT_EQ(only.case_id(), "CASE-HH-000001-1");
  EXPECT_EQ(only.version(), 2u);
  EXPECT_EQ(only.history_size(), 2);
  EXPECT_EQ(EventTypesOf("CASE-HH-000001-1"),
            (std::vector<std::string>{"assignment.case_opened.v1", "assignment.organization_assigned.v1"}));
  EXPECT_EQ(redis().Command({"SCARD", "ansinh:{p0}:assignment:index:all"}).integer, 2);
  EXPECT_EQ(redis().Command({"HGET", "ansinh:{p0}:assignment:load:organizations", "womens-union"}).str, "1")
      << "the open-case counter counts the household once";
  EXPECT_TRUE(redis().Command({"GET", "ansinh:{p0}:assignment:case:CASE-HH-000001-2"}).IsNil());
}

TEST_F(AssignmentLifecycleTest, ANewCategoryWhileOpenUpdatesTheCase) {
  StartService();
  OpenCase("HH-000001", "TDP-01");
  PublishStatus(
      {"HH-000001", "TDP-01", v1::POVERTY_CATEGORY_NEAR_POOR, v1::TRANSITION_POOR_TO_NEAR_POOR, 2026, 2});
  const v1::Case updated = WaitForVersion("HH-000001", 3);
  EXPECT_EQ(updated.state(), v1::CASE_STATE_OPEN);
  EXPECT_EQ(updated.category(), v1::POVERTY_CATEGORY_NEAR_POOR);
  EXPECT_EQ(updated.review_year(), 2026);
  EXPECT_EQ(updated.history(2).action(), v1::CASE_ACTION_CATEGORY_CHANGED);
  EXPECT_EQ(EventTypesOf(updated.case_id()).back(), "assignment.case_category_changed.v1");
}

TEST_F(AssignmentLifecycleTest, AnEscapeStartsFollowUpAndTheCaseClosesOnlyAfterThePeriod) {
  StartService();
  // HH-000001 escaped 37 months ago: its 36-month follow-up is over.
  PublishStatus(
      {"HH-000001", "TDP-01", v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, 2022, 1, 40 * kMonth});
  PublishStatus({"HH-000001", "TDP-01", v1::POVERTY_CATEGORY_NOT_POOR, v1::TRANSITION_ESCAPED_POVERTY, 2022,
                 2, 37 * kMonth});
  // HH-000002 escapes today: followed for 36 months from now.
  OpenCase("HH-000002", "TDP-01");
  PublishStatus(
      {"HH-000002", "TDP-01", v1::POVERTY_CATEGORY_AVERAGE, v1::TRANSITION_ESCAPED_POVERTY, 2025, 2});

  const v1::Case followed = WaitForVersion("HH-000002", 3);
  EXPECT_EQ(followed.state(), v1::CASE_STATE_FOLLOW_UP);
  EXPECT_EQ(followed.follow_up_started_on(), WardDate());
  EXPECT_GT(followed.follow_up_until(), ShiftDate(WardDate(), 365 * 3 - 3));
  EXPECT_LT(followed.follow_up_until(), ShiftDate(WardDate(), 365 * 3 + 3));
  EXPECT_EQ(EventTypesOf(followed.case_id()).back(), "assignment.follow_up_started.v1");

  const v1::Case closed =
      WaitForCase("HH-000001", [](const v1::Case& found) { return found.state() == v1::CASE_STATE_CLOSED; });
  EXPECT_EQ(closed.closed_on(), WardDate());
  EXPECT_EQ(closed.history(closed.history_size() - 1).action(), v1::CASE_ACTION_CLOSED);
  EXPECT_EQ(EventTypesOf(closed.case_id()).back(), "assignment.case_closed.v1");

  // Several timer passes later the case still in its period is untouched.
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  const v1::Case still = GetCase(followed.case_id(), tokens_.officer);
  EXPECT_EQ(still.state(), v1::CASE_STATE_FOLLOW_UP);
  EXPECT_EQ(still.version(), followed.version());

  // Follow-up cases do not count against capacity; the closed one counts nowhere.
  v1::GetWorkloadRequest request;
  request.set_organization_id("womens-union");
  v1::GetWorkloadResponse workload;
  auto context = AuthorizedContext(tokens_.officer);
  ASSERT_TRUE(client().GetWorkload(context.get(), request, &workload).ok());
  EXPECT_EQ(workload.organizations(0).open_cases(), 0);
  EXPECT_EQ(workload.organizations(0).follow_up_cases(), 1);
}

TEST_F(AssignmentLifecycleTest, TheTodayOverrideClosesAFollowUpOnTheDayItsPeriodEnds) {
  StartService();
  OpenCase("HH-000001", "TDP-01");
  PublishStatus(
      {"HH-000001", "TDP-01", v1::POVERTY_CATEGORY_NOT_POOR, v1::TRANSITION_ESCAPED_POVERTY, 2025, 2});
  const v1::Case followed = WaitForVersion("HH-000001", 3);
  ASSERT_EQ(followed.state(), v1::CASE_STATE_FOLLOW_UP);

  StartService({"--today-override", ShiftDate(followed.follow_up_until(), -1)});
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  EXPECT_EQ(GetCase(followed.case_id(), tokens_.officer).state(), v1::CASE_STATE_FOLLOW_UP)
      << "the day before the period ends, the case is still followed";

  StartService({"--today-override", followed.follow_up_until()});
  const v1::Case closed =
      WaitForCase("HH-000001", [](const v1::Case& found) { return found.state() == v1::CASE_STATE_CLOSED; });
  EXPECT_EQ(closed.closed_on(), followed.follow_up_until());
  EXPECT_EQ(closed.version(), followed.version() + 1);
}

TEST_F(AssignmentLifecycleTest, ARelapseDuringFollowUpReopensTheSameCaseWithItsHelper) {
  StartService();
  const v1::Case opened = OpenCase("HH-000001", "TDP-01");
  v1::AssignHelperRequest assign;
  assign.set_case_id(opened.case_id());
  assign.set_helper_id("women-02");
  assign.set_reason("lives next door");
  v1::Case assigned;
  auto context = AuthorizedContext(tokens_.womens_union_staff);
  ASSERT_TRUE(client().AssignHelper(context.get(), assign, &assigned).ok());

  PublishStatus(
      {"HH-000001", "TDP-01", v1::POVERTY_CATEGORY_NOT_POOR, v1::TRANSITION_ESCAPED_POVERTY, 2025, 2});
  WaitForVersion("HH-000001", 4);
  PublishStatus({"HH-000001", "TDP-01", v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_RELAPSED, 2026, 3});
  const v1::Case reopened = WaitForVersion("HH-000001", 5);

  EXPECT_EQ(reopened.case_id(), opened.case_id()) << "a relapse during follow-up reopens the same case";
  EXPECT_EQ(reopened.state(), v1::CASE_STATE_OPEN);
  EXPECT_EQ(reopened.reopened_on(), WardDate());
  EXPECT_EQ(reopened.helper_id(), "women-02");
  EXPECT_TRUE(reopened.follow_up_until().empty());
  EXPECT_EQ(reopened.history(reopened.history_size() - 1).action(), v1::CASE_ACTION_REOPENED);
  EXPECT_EQ(EventTypesOf(opened.case_id()).back(), "assignment.case_reopened.v1");
  EXPECT_EQ(redis().Command({"HGET", "ansinh:{p0}:assignment:load:helpers", "women-02"}).str, "1");
  EXPECT_EQ(redis().Command({"SCARD", "ansinh:{p0}:assignment:index:all"}).integer, 1);
}

TEST_F(AssignmentLifecycleTest, ARelapseAfterClosingOpensANewCaseAndLeavesTheClosedOneUntouched) {
  StartService();
  PublishStatus(
      {"HH-000001", "TDP-01", v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, 2021, 1, 45 * kMonth});
  PublishStatus({"HH-000001", "TDP-01", v1::POVERTY_CATEGORY_NOT_POOR, v1::TRANSITION_ESCAPED_POVERTY, 2022,
                 2, 40 * kMonth});
  const v1::Case closed =
      WaitForCase("HH-000001", [](const v1::Case& found) { return found.state() == v1::CASE_STATE_CLOSED; });

  PublishStatus({"HH-000001", "TDP-01", v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_RELAPSED, 2026, 3});
  const v1::Case relapsed =
      WaitForCase("HH-000001", [](const v1::Case& found) { return found.case_id() == "CASE-HH-000001-2"; });
  EXPECT_EQ(relapsed.case_number(), 2);
  EXPECT_EQ(relapsed.previous_case_id(), closed.case_id());
  EXPECT_EQ(relapsed.state(), v1::CASE_STATE_OPEN);
  EXPECT_EQ(relapsed.organization_id(), "womens-union");

  const v1::Case old = GetCase(closed.case_id(), tokens_.auditor);
  EXPECT_EQ(old.state(), v1::CASE_STATE_CLOSED);
  EXPECT_EQ(old.version(), closed.version()) << "the closed case is never changed again";
  v1::CaseOpened payload;
  for (const v1::EventEnvelope& envelope : AssignmentEvents()) {
    if (envelope.event_type() == "assignment.case_opened.v1" &&
        envelope.aggregate_id() == relapsed.case_id()) {
      ASSERT_TRUE(envelope.payload().UnpackTo(&payload));
      EXPECT_EQ(envelope.aggregate_version(), 1u);
    }
  }
  EXPECT_EQ(payload.previous_case_id(), closed.case_id());
}

TEST_F(AssignmentLifecycleTest, OtherClassificationEventsAreIgnoredAndAMalformedStatusIsDeadLettered) {
  StartService({"--max-deliveries", "2"});
  v1::Actor actor = ClassificationActor();
  PublishEnvelope(events::MakeEnvelope(
      events::EventContext{actor, "", ""},
      events::EventIdentity{"classification.round_approved.v1", "review_round", "ROUND-2025", 1, ""},
      v1::RoundApproved{}));
  PublishStatus({"HH-000009", ""});  // no residential group: can never be applied
  OpenCase("HH-000001", "TDP-01");

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (redis().Command({"XLEN", "ansinh:deadletter:assignment"}).integer == 0 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const redis::Reply dead = redis().Command({"XRANGE", "ansinh:deadletter:assignment", "-", "+"});
  ASSERT_EQ(dead.elements.size(), 1u) << service_->log();
  const events::StreamEntry entry = events::ParseEntryReply(dead.elements[0]);
  ASSERT_NE(entry.Field("reason"), nullptr);
  EXPECT_NE(entry.Field("reason")->find("residential_group"), std::string::npos) << *entry.Field("reason");
  EXPECT_FALSE(CaseOf("HH-000009").has_value());
  EXPECT_EQ(redis().Command({"SCARD", "ansinh:{p0}:assignment:index:all"}).integer, 1);
}

}  // namespace
}  // namespace ansinh::assignment::testkit
