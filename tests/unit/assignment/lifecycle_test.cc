#include "assignment/core/lifecycle.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "assignment/core/visits.h"
#include "test_world.h"

namespace ansinh::assignment {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testkit::At;
using testkit::EventTypes;
using testkit::Service;
using testkit::Status;
using testkit::World;

constexpr const char* kOpened = "assignment.case_opened.v1";
constexpr const char* kOrganizationAssigned = "assignment.organization_assigned.v1";

class LifecycleTest : public ::testing::Test {
 protected:
  Result<CaseChange> Apply(const v1::Case* latest, v1::PovertyCategory category, v1::Transition transition,
                           const std::string& date) {
    return ApplyStatusChange(latest, Status("HH-000042", category, transition),
                             world_.Context(Service(), date));
  }

  // Applies and expects success.
  CaseChange Must(const v1::Case* latest, v1::PovertyCategory category, v1::Transition transition,
                  const std::string& date) {
    Result<CaseChange> change = Apply(latest, category, transition, date);
    EXPECT_TRUE(change.ok()) << change.error().message;
    return change.ok() ? std::move(change).value() : CaseChange{};
  }

  v1::Case Escaped(const v1::Case& open, const std::string& date = "2025-12-10") {
    return Must(&open, v1::POVERTY_CATEGORY_AVERAGE, v1::TRANSITION_ESCAPED_POVERTY, date).updated_case;
  }

  World world_;
};

TEST_F(LifecycleTest, PoorStatusOpensACaseAndAssignsAnOrganization) {
  const CaseChange change = Must(nullptr, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2025-01-15");
  const v1::Case& opened = change.updated_case;

  EXPECT_EQ(opened.case_id(), "CASE-HH-000042-1");
  EXPECT_EQ(opened.case_number(), 1);
  EXPECT_EQ(opened.state(), v1::CASE_STATE_OPEN);
  EXPECT_EQ(opened.category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_EQ(opened.residential_group(), "TDP-01");
  EXPECT_EQ(opened.opened_on(), "2025-01-15");
  EXPECT_EQ(opened.organization_id(), "womens-union");
  EXPECT_THAT(opened.assignment_reason(), HasSubstr("covers TDP-01; load 0/10"));
  EXPECT_THAT(EventTypes(change), ElementsAre(kOpened, kOrganizationAssigned));

  // Versions: one per event, matching the history entries, without gaps.
  EXPECT_EQ(opened.version(), 2u);
  ASSERT_EQ(opened.history_size(), 2);
  EXPECT_EQ(opened.history(0).action(), v1::CASE_ACTION_OPENED);
  EXPECT_EQ(opened.history(1).action(), v1::CASE_ACTION_ORGANIZATION_ASSIGNED);
  EXPECT_EQ(opened.history(1).version(), 2u);
  EXPECT_EQ(opened.history(0).actor().role(), v1::ROLE_SERVICE);
  EXPECT_THAT(opened.history(0).reason(),
              HasSubstr("official status POOR (reviewed in 2025 for the 2026 list, NEWLY_POOR)"));
  EXPECT_EQ(change.events[0].aggregate_type, "case");
  EXPECT_EQ(change.events[0].aggregate_id, "CASE-HH-000042-1");
  EXPECT_EQ(change.events[0].household_id, "HH-000042");
  EXPECT_EQ(change.events[0].aggregate_version, 1u);
  EXPECT_EQ(change.events[1].aggregate_version, 2u);

  const auto& payload = std::get<v1::CaseOpened>(change.events[0].payload);
  EXPECT_EQ(payload.case_id(), "CASE-HH-000042-1");
  EXPECT_EQ(payload.household_id(), "HH-000042");
  EXPECT_EQ(payload.residential_group(), "TDP-01");
  EXPECT_EQ(payload.organization_id(), "womens-union");
  EXPECT_EQ(payload.transition(), v1::TRANSITION_NEWLY_POOR);
  const auto& assigned = std::get<v1::OrganizationAssigned>(change.events[1].payload);
  EXPECT_EQ(assigned.reason(), opened.assignment_reason());
  EXPECT_EQ(&change.events[1].message(), &std::get<v1::OrganizationAssigned>(change.events[1].payload));
}

TEST_F(LifecycleTest, SecondPoorStatusForTheSameHouseholdOpensNothing) {
  const v1::Case opened =
      Must(nullptr, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2025-01-15").updated_case;
  const CaseChange again = Must(&opened, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_UNCHANGED, "2026-01-10");
  EXPECT_FALSE(again.changed());
  EXPECT_EQ(again.updated_case.case_id(), opened.case_id());
  EXPECT_EQ(again.updated_case.version(), opened.version());
}

TEST_F(LifecycleTest, NearPoorStatusUpdatesTheCategoryOfTheOpenCase) {
  const v1::Case opened =
      Must(nullptr, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2025-01-15").updated_case;
  const CaseChange change =
      Must(&opened, v1::POVERTY_CATEGORY_NEAR_POOR, v1::TRANSITION_POOR_TO_NEAR_POOR, "2025-12-14");
  EXPECT_EQ(change.updated_case.state(), v1::CASE_STATE_OPEN);
  EXPECT_EQ(change.updated_case.category(), v1::POVERTY_CATEGORY_NEAR_POOR);
  EXPECT_EQ(change.updated_case.case_id(), opened.case_id());
  EXPECT_THAT(EventTypes(change), ElementsAre("assignment.case_category_changed.v1"));
  const auto& payload = std::get<v1::CaseCategoryChanged>(change.events[0].payload);
  EXPECT_EQ(payload.previous_category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_EQ(payload.category(), v1::POVERTY_CATEGORY_NEAR_POOR);
  EXPECT_EQ(change.events[0].aggregate_version, 3u);
}

TEST_F(LifecycleTest, EscapeStartsFollowUpForTheConfiguredPeriod) {
  const v1::Case opened =
      Must(nullptr, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2025-01-15").updated_case;
  const CaseChange change =
      Must(&opened, v1::POVERTY_CATEGORY_AVERAGE, v1::TRANSITION_ESCAPED_POVERTY, "2025-12-10");
  EXPECT_EQ(change.updated_case.state(), v1::CASE_STATE_FOLLOW_UP);
  EXPECT_EQ(change.updated_case.follow_up_started_on(), "2025-12-10");
  EXPECT_EQ(change.updated_case.follow_up_until(), "2028-12-10");
  EXPECT_EQ(change.updated_case.organization_id(), "womens-union");
  EXPECT_THAT(EventTypes(change), ElementsAre("assignment.follow_up_started.v1"));
  const auto& payload = std::get<v1::FollowUpStarted>(change.events[0].payload);
  EXPECT_EQ(payload.previous_category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_EQ(payload.category(), v1::POVERTY_CATEGORY_AVERAGE);
  EXPECT_EQ(payload.follow_up_until(), "2028-12-10");

  world_.settings.follow_up_months = 12;
  const CaseChange shorter =
      Must(&opened, v1::POVERTY_CATEGORY_NOT_POOR, v1::TRANSITION_ESCAPED_POVERTY, "2025-12-10");
  EXPECT_EQ(shorter.updated_case.follow_up_until(), "2026-12-10");
}

TEST_F(LifecycleTest, FollowUpClosesAfterThePeriodAndNotBefore) {
  const v1::Case opened =
      Must(nullptr, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2025-01-15").updated_case;
  v1::Case followed = Escaped(opened);

  const CaseChange early = CloseIfFollowUpEnded(followed, Service(), At("2028-12-09"));
  EXPECT_FALSE(early.changed());
  EXPECT_EQ(early.updated_case.state(), v1::CASE_STATE_FOLLOW_UP);
  EXPECT_FALSE(FollowUpEnded(followed, testkit::D("2028-12-09")));

  const CaseChange closed = CloseIfFollowUpEnded(followed, Service(), At("2028-12-10"));
  ASSERT_TRUE(closed.changed());
  EXPECT_EQ(closed.updated_case.state(), v1::CASE_STATE_CLOSED);
  EXPECT_EQ(closed.updated_case.closed_on(), "2028-12-10");
  EXPECT_THAT(EventTypes(closed), ElementsAre("assignment.case_closed.v1"));
  EXPECT_EQ(std::get<v1::CaseClosed>(closed.events[0].payload).follow_up_started_on(), "2025-12-10");

  // An open case is never closed by time.
  EXPECT_FALSE(CloseIfFollowUpEnded(opened, Service(), At("2040-01-01")).changed());
  // Closing twice is a no-op.
  EXPECT_FALSE(CloseIfFollowUpEnded(closed.updated_case, Service(), At("2029-01-01")).changed());
}

TEST_F(LifecycleTest, ClosingCountsOpenNeedsAndWithdrawsAPendingTransfer) {
  v1::Case followed =
      Escaped(Must(nullptr, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2025-01-15").updated_case);
  followed.add_needs()->set_status(v1::NEED_STATUS_OPEN);
  followed.add_needs()->set_status(v1::NEED_STATUS_MET);
  followed.mutable_pending_transfer()->set_to_organization_id("farmers-union");

  const CaseChange closed = CloseIfFollowUpEnded(followed, Service(), At("2029-01-01"));
  EXPECT_EQ(std::get<v1::CaseClosed>(closed.events[0].payload).open_needs(), 1);
  EXPECT_FALSE(closed.updated_case.has_pending_transfer());
  EXPECT_THAT(closed.updated_case.history().rbegin()->detail(),
              HasSubstr("pending transfer to farmers-union withdrawn"));
}

TEST_F(LifecycleTest, RelapseDuringFollowUpReopensTheSameCaseWithItsHelper) {
  v1::Case opened =
      Must(nullptr, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2025-01-15").updated_case;
  opened.set_helper_id("women-01");
  const v1::Case followed = Escaped(opened);

  const CaseChange change = Must(&followed, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_RELAPSED, "2026-12-01");
  const v1::Case& reopened = change.updated_case;
  EXPECT_EQ(reopened.case_id(), opened.case_id());
  EXPECT_EQ(reopened.state(), v1::CASE_STATE_OPEN);
  EXPECT_EQ(reopened.reopened_on(), "2026-12-01");
  EXPECT_EQ(reopened.follow_up_until(), "");
  EXPECT_EQ(reopened.organization_id(), "womens-union");
  EXPECT_EQ(reopened.helper_id(), "women-01");
  EXPECT_THAT(EventTypes(change), ElementsAre("assignment.case_reopened.v1"));
  const auto& payload = std::get<v1::CaseReopened>(change.events[0].payload);
  EXPECT_EQ(payload.follow_up_started_on(), "2025-12-10");
  EXPECT_EQ(payload.helper_id(), "women-01");
  EXPECT_EQ(payload.transition(), v1::TRANSITION_RELAPSED);
}

TEST_F(LifecycleTest, RelapseReleasesAHelperWhoIsFullAndReassignsFromAnInactiveOrganization) {
  v1::Case opened =
      Must(nullptr, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2025-01-15").updated_case;
  opened.set_helper_id("women-01");
  const v1::Case followed = Escaped(opened);

  world_.loads.open_cases_by_helper["women-01"] = 2;  // her maximum
  const CaseChange full = Must(&followed, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_RELAPSED, "2026-12-01");
  EXPECT_EQ(full.updated_case.helper_id(), "");
  EXPECT_EQ(full.updated_case.history().rbegin()->action(), v1::CASE_ACTION_HELPER_RELEASED);
  EXPECT_THAT(full.updated_case.history().rbegin()->detail(),
              HasSubstr("already carries 2 open cases (maximum 2)"));

  world_.directory = Directory({testkit::MakeOrganization("fatherland-front", {"TDP-01"}, 5),
                                testkit::MakeOrganization("womens-union", {"TDP-01"}, 10, /*active=*/false)},
                               {testkit::MakeHelper("women-01", "womens-union", 2)});
  const CaseChange moved = Must(&followed, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_RELAPSED, "2026-12-01");
  EXPECT_EQ(moved.updated_case.organization_id(), "fatherland-front");
  EXPECT_EQ(moved.updated_case.helper_id(), "");
  EXPECT_THAT(EventTypes(moved), ElementsAre("assignment.case_reopened.v1", kOrganizationAssigned));
  EXPECT_EQ(std::get<v1::OrganizationAssigned>(moved.events[1].payload).previous_organization_id(),
            "womens-union");
  EXPECT_EQ(moved.events[1].aggregate_version, moved.updated_case.version());
}

TEST_F(LifecycleTest, RelapseAfterClosingOpensANewCaseAndKeepsTheOldOne) {
  const v1::Case opened =
      Must(nullptr, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2025-01-15").updated_case;
  const v1::Case closed = CloseIfFollowUpEnded(Escaped(opened), Service(), At("2028-12-10")).updated_case;
  ASSERT_EQ(closed.state(), v1::CASE_STATE_CLOSED);

  const CaseChange change =
      Must(&closed, v1::POVERTY_CATEGORY_NEAR_POOR, v1::TRANSITION_RELAPSED, "2029-10-01");
  const v1::Case& fresh = change.updated_case;
  EXPECT_EQ(fresh.case_id(), "CASE-HH-000042-2");
  EXPECT_EQ(fresh.case_number(), 2);
  EXPECT_EQ(fresh.previous_case_id(), "CASE-HH-000042-1");
  EXPECT_EQ(fresh.state(), v1::CASE_STATE_OPEN);
  EXPECT_EQ(fresh.category(), v1::POVERTY_CATEGORY_NEAR_POOR);
  EXPECT_EQ(fresh.version(), 2u);
  EXPECT_EQ(change.events[0].aggregate_version, 1u);
  EXPECT_THAT(EventTypes(change), ElementsAre(kOpened, kOrganizationAssigned));
  EXPECT_EQ(std::get<v1::CaseOpened>(change.events[0].payload).previous_case_id(), "CASE-HH-000042-1");
  EXPECT_THAT(fresh.history(0).detail(), HasSubstr("previous case CASE-HH-000042-1 closed on 2028-12-10"));
  // The closed case, with its history, is untouched.
  EXPECT_EQ(closed.state(), v1::CASE_STATE_CLOSED);
}

TEST_F(LifecycleTest, EscapeWithoutAnOpenCaseChangesNothing) {
  EXPECT_FALSE(
      Must(nullptr, v1::POVERTY_CATEGORY_NOT_POOR, v1::TRANSITION_UNCHANGED, "2025-12-10").changed());
  const v1::Case closed =
      CloseIfFollowUpEnded(
          Escaped(
              Must(nullptr, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2025-01-15").updated_case),
          Service(), At("2029-01-01"))
          .updated_case;
  EXPECT_FALSE(Must(&closed, v1::POVERTY_CATEGORY_AVERAGE, v1::TRANSITION_UNCHANGED, "2029-12-10").changed());
  // A second escape during follow-up with the same category is a no-op too.
  const v1::Case followed =
      Escaped(Must(nullptr, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2025-01-15").updated_case);
  EXPECT_FALSE(
      Must(&followed, v1::POVERTY_CATEGORY_AVERAGE, v1::TRANSITION_UNCHANGED, "2026-12-10").changed());
  EXPECT_TRUE(
      Must(&followed, v1::POVERTY_CATEGORY_NOT_POOR, v1::TRANSITION_UNCHANGED, "2026-12-10").changed());
}

TEST_F(LifecycleTest, HouseholdNeverHasTwoCasesThatAreNotClosed) {
  // The adapter stores each result as the household's latest case.
  std::map<std::string, v1::Case> cases;
  const v1::Case* latest = nullptr;
  const auto apply = [&](v1::PovertyCategory category, const std::string& date) {
    const CaseChange change = Must(latest, category, v1::TRANSITION_UNSPECIFIED, date);
    if (!change.changed()) return;
    cases[change.updated_case.case_id()] = change.updated_case;
    latest = &cases[change.updated_case.case_id()];
  };
  apply(v1::POVERTY_CATEGORY_POOR, "2022-01-10");
  apply(v1::POVERTY_CATEGORY_POOR, "2022-02-10");
  apply(v1::POVERTY_CATEGORY_NEAR_POOR, "2022-12-10");
  apply(v1::POVERTY_CATEGORY_AVERAGE, "2023-12-10");
  apply(v1::POVERTY_CATEGORY_POOR, "2024-12-10");
  apply(v1::POVERTY_CATEGORY_NOT_POOR, "2025-12-10");
  const CaseChange closed = CloseIfFollowUpEnded(*latest, Service(), At("2028-12-10"));
  cases[closed.updated_case.case_id()] = closed.updated_case;
  apply(v1::POVERTY_CATEGORY_POOR, "2029-12-10");
  apply(v1::POVERTY_CATEGORY_NEAR_POOR, "2030-12-10");

  int not_closed = 0;
  for (const auto& [id, a_case] : cases) not_closed += a_case.state() != v1::CASE_STATE_CLOSED;
  EXPECT_EQ(not_closed, 1);
  EXPECT_EQ(cases.size(), 2u);
}

TEST_F(LifecycleTest, BadStatusInputNamesEachField) {
  const Result<CaseChange> change = ApplyStatusChange(
      nullptr, StatusChange{"", " ", v1::POVERTY_CATEGORY_UNSPECIFIED, v1::TRANSITION_UNSPECIFIED, 0},
      world_.Context(Service()));
  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(testkit::ViolationFields(change.error()),
              ElementsAre("household_id", "residential_group", "category", "review_year", "list_year"));
}

TEST_F(LifecycleTest, StatusOfAnotherHouseholdIsRefused) {
  const v1::Case opened =
      Must(nullptr, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2025-01-15").updated_case;
  const Result<CaseChange> change =
      ApplyStatusChange(&opened, Status("HH-000099", v1::POVERTY_CATEGORY_POOR), world_.Context(Service()));
  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(change.error().message, HasSubstr("belongs to household HH-000042"));
}

TEST_F(LifecycleTest, OpeningFailsWhenNoOrganizationIsActive) {
  world_.directory = Directory({testkit::MakeOrganization("womens-union", {"TDP-01"}, 10, false)}, {});
  const Result<CaseChange> change =
      Apply(nullptr, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2025-01-15");
  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.error().code, ErrorCode::kFailedPrecondition);
}

// The chairman's decision dates the case: officers enter it days later, and
// assignment applies it later still.
StatusChange DecidedOn(v1::PovertyCategory category, v1::Transition transition, const std::string& date) {
  StatusChange change = Status("HH-000042", category, transition);
  change.decided_on = testkit::D(date);
  return change;
}

TEST_F(LifecycleTest, ACaseOpensOnTheDecisionsDateNotTheDayItIsApplied) {
  const Result<CaseChange> opened = ApplyStatusChange(
      nullptr, DecidedOn(v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2025-11-07"),
      world_.Context(Service(), "2025-11-12"));
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EXPECT_EQ(opened->updated_case.opened_on(), "2025-11-07");
  EXPECT_EQ(std::get<v1::CaseOpened>(opened->events[0].payload).opened_on(), "2025-11-07");

  // A visit made between the decision and its entry is not "before the case
  // opened".
  v1::RecordVisitRequest visit;
  visit.set_case_id(opened->updated_case.case_id());
  visit.set_visited_on("2025-11-10");
  visit.set_notes("first visit after the decision");
  visit.set_observed_change(v1::OBSERVED_CHANGE_NO_CHANGE);
  visit.set_reason("first visit");
  const Result<CaseChange> visited =
      RecordVisit(opened->updated_case, visit, world_.Context(testkit::Officer(), "2025-11-12"));
  ASSERT_TRUE(visited.ok()) << visited.error().message;
  visit.set_visited_on("2025-11-06");
  const Result<CaseChange> before =
      RecordVisit(opened->updated_case, visit, world_.Context(testkit::Officer(), "2025-11-12"));
  ASSERT_FALSE(before.ok());
  EXPECT_THAT(before.error().message, HasSubstr("must not be before the case opened on 2025-11-07"));
}

TEST_F(LifecycleTest, FollowUpAndReopeningDateFromTheDecisionToo) {
  const v1::Case open =
      Must(nullptr, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2025-01-15").updated_case;
  const Result<CaseChange> escaped = ApplyStatusChange(
      &open, DecidedOn(v1::POVERTY_CATEGORY_AVERAGE, v1::TRANSITION_ESCAPED_POVERTY, "2025-12-10"),
      world_.Context(Service(), "2025-12-16"));
  ASSERT_TRUE(escaped.ok()) << escaped.error().message;
  EXPECT_EQ(escaped->updated_case.follow_up_started_on(), "2025-12-10");
  EXPECT_EQ(escaped->updated_case.follow_up_until().substr(5), "12-10") << "N months from the decision";

  const Result<CaseChange> relapsed = ApplyStatusChange(
      &escaped->updated_case, DecidedOn(v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_RELAPSED, "2026-03-02"),
      world_.Context(Service(), "2026-03-09"));
  ASSERT_TRUE(relapsed.ok()) << relapsed.error().message;
  EXPECT_EQ(relapsed->updated_case.reopened_on(), "2026-03-02");
}

TEST_F(LifecycleTest, ADecisionDateIsNeverAfterTheDayAppliedNorBeforeTheCasesLastStep) {
  const Result<CaseChange> future = ApplyStatusChange(
      nullptr, DecidedOn(v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2025-11-20"),
      world_.Context(Service(), "2025-11-12"));
  ASSERT_TRUE(future.ok()) << future.error().message;
  EXPECT_EQ(future->updated_case.opened_on(), "2025-11-12");

  // Escaped on 2025-12-10 (follow-up from then); a decision dated before it
  // reopens the case on that day at the earliest, keeping its history in
  // order.
  const v1::Case open =
      Must(nullptr, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2025-01-15").updated_case;
  const v1::Case followed = Escaped(open, "2025-12-10");
  const Result<CaseChange> earlier = ApplyStatusChange(
      &followed, DecidedOn(v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_RELAPSED, "2025-12-01"),
      world_.Context(Service(), "2025-12-20"));
  ASSERT_TRUE(earlier.ok()) << earlier.error().message;
  EXPECT_EQ(earlier->updated_case.reopened_on(), "2025-12-10");
}

}  // namespace
}  // namespace ansinh::assignment
