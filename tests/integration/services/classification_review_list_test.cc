// The review's list and its refusals (docs/domain.md §4, step 1), and the
// chairman's decision, against the real ansinh-classification binary: the
// list drawn up at opening from the official statuses, households added and
// decided, the approval refused while the list is not settled, the window of
// the periodic review, and steps dated when they happened.
#include <gmock/gmock.h>

#include "classification_test_fixture.h"

namespace ansinh::classification::testkit {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> IdsOf(const std::vector<v1::RoundHousehold>& households) {
  std::vector<std::string> ids;
  for (const v1::RoundHousehold& household : households) ids.push_back(household.household_id());
  return ids;
}

class ReviewListTest : public ClassificationTest {
 protected:
  // The 2025 review approved with `surveys`, then the service on 2026-10-01
  // with round R-2026 open: its list is drawn up from the 2025 statuses.
  void OpenTheNextYear(const std::vector<v1::Survey>& surveys) {
    const v1::ApproveRoundResponse approved = ApproveSurveys(surveys);
    ASSERT_EQ(approved.approved_size(), static_cast<int>(surveys.size()));
    StartClassification("2026-10-01");
    v1::ReviewRound round;
    const grpc::Status opened = Open(2026, &round);
    ASSERT_TRUE(opened.ok()) << opened.error_message();
  }

  // Surveys of 2026 for `households`, agreed and posted on 2026-10-01
  // (complaints until Friday 2026-10-02); the service moved on to 2026-10-12.
  void ReviewIn2026(const std::vector<std::string>& households) {
    for (const std::string& household : households) {
      PublishSurvey(PoorSurvey(household, "SV-2026-" + household, "TDP-05", 2026));
    }
    ASSERT_TRUE(WaitForSurveyed("R-2026", static_cast<int>(households.size())));
    for (const std::string& household : households) {
      const grpc::Status met = Meeting("R-2026", household, 10, 9);
      ASSERT_TRUE(met.ok()) << met.error_message();
    }
    ASSERT_TRUE(Post("R-2026").ok());
    StartClassification("2026-10-12");
  }
};

TEST_F(ReviewListTest, OpeningListsEveryHouseholdOfficiallyPoorOrNearPoorStillInTheWard) {
  const v1::ApproveRoundResponse approved =
      ApproveSurveys({PoorSurvey("HH-000001", "SV-1"), NearPoorSurvey("HH-000002", "SV-2"),
                      AverageSurvey("HH-000003", "SV-3"), PoorSurvey("HH-000004", "SV-4")});
  ASSERT_EQ(approved.approved_size(), 4);
  PublishMovedOut("HH-000004");
  ASSERT_TRUE(WaitFor([&] {
    v1::ListHouseholdStatusesRequest request;
    request.set_category(v1::POVERTY_CATEGORY_POOR);
    v1::ListHouseholdStatusesResponse response;
    return stub_->ListHouseholdStatuses(AuthorizedContext(tokens_.auditor).get(), request, &response).ok() &&
           response.households_size() == 1;
  })) << "the departure takes HH-000004 off the lists";

  StartClassification("2026-10-01");
  v1::ReviewRound round;
  ASSERT_TRUE(Open(2026, &round).ok());
  EXPECT_EQ(round.window_start(), "2026-09-01");
  EXPECT_EQ(round.window_end(), "2026-12-14");

  const std::vector<v1::RoundHousehold> listed = RoundHouseholds("R-2026", /*list_only=*/true);
  ASSERT_THAT(IdsOf(listed), ElementsAre("HH-000001", "HH-000002"));
  EXPECT_EQ(listed[0].list_reason(), v1::LIST_REASON_POOR);
  EXPECT_EQ(listed[0].state(), v1::HOUSEHOLD_REVIEW_STATE_LISTED);
  EXPECT_EQ(listed[0].residential_group(), "TDP-05");
  EXPECT_EQ(listed[1].list_reason(), v1::LIST_REASON_NEAR_POOR);

  const v1::RoundProgress progress = Progress("R-2026").progress();
  EXPECT_EQ(progress.on_list(), 2);
  EXPECT_EQ(progress.listed(), 2);
  EXPECT_EQ(progress.surveyed(), 0);

  v1::ReviewRoundOpened opened;
  for (const v1::EventEnvelope& event : ClassificationEvents("classification.review_round_opened.v1")) {
    if (event.aggregate_id() == "R-2026") {
      ASSERT_TRUE(event.payload().UnpackTo(&opened));
    }
  }
  EXPECT_EQ(opened.listed_poor(), 1);
  EXPECT_EQ(opened.listed_near_poor(), 1);

  // A survey moves a listed household on and keeps why it is listed; an
  // unlisted one comes in as surveyed.
  PublishSurvey(PoorSurvey("HH-000001", "SV-2026-1", "TDP-05", 2026));
  PublishSurvey(PoorSurvey("HH-000003", "SV-2026-3", "TDP-05", 2026));
  ASSERT_TRUE(WaitForSurveyed("R-2026", 2));
  const std::vector<v1::RoundHousehold> all = RoundHouseholds("R-2026");
  ASSERT_THAT(IdsOf(all), ElementsAre("HH-000001", "HH-000002", "HH-000003"));
  EXPECT_EQ(all[0].state(), v1::HOUSEHOLD_REVIEW_STATE_PROPOSED);
  EXPECT_EQ(all[0].list_reason(), v1::LIST_REASON_POOR);
  EXPECT_EQ(all[2].list_reason(), v1::LIST_REASON_SURVEYED);
  EXPECT_EQ(Progress("R-2026").progress().listed(), 1);
}

TEST_F(ReviewListTest, AnApplicantIsAddedOnlyWhenKnownAndStillInTheWard) {
  ASSERT_TRUE(Open(2025, nullptr).ok());
  PublishRegistered("HH-000010", "TDP-09");
  v1::RoundHousehold added;
  ASSERT_TRUE(WaitFor([&] {
    return AddToList("R-2025", "HH-000010", v1::LIST_REASON_APPLIED, "đơn số 12/2025", &added).ok();
  })) << "the registration reaches the service";
  EXPECT_EQ(added.state(), v1::HOUSEHOLD_REVIEW_STATE_LISTED);
  EXPECT_EQ(added.list_reason(), v1::LIST_REASON_APPLIED);
  EXPECT_EQ(added.list_note(), "đơn số 12/2025");
  EXPECT_EQ(added.residential_group(), "TDP-09");
  EXPECT_EQ(added.listed_by(), "Trần Văn Bình (ward officer)");
  const std::vector<v1::EventEnvelope> listed = ClassificationEvents("classification.household_listed.v1");
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].household_id(), "HH-000010");
  v1::HouseholdListed payload;
  ASSERT_TRUE(listed[0].payload().UnpackTo(&payload));
  EXPECT_EQ(payload.reason(), v1::LIST_REASON_APPLIED);

  const grpc::Status twice = AddToList("R-2025", "HH-000010", v1::LIST_REASON_ADDED, "again");
  EXPECT_EQ(twice.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  const grpc::Status unknown = AddToList("R-2025", "HH-000404", v1::LIST_REASON_APPLIED, "đơn số 13/2025");
  EXPECT_EQ(unknown.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(unknown.error_message(), HasSubstr("HH-000404 is not known"));
  const grpc::Status bad = AddToList("R-2025", "HH-000010", v1::LIST_REASON_POOR, "");
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(bad), ElementsAre("reason", "note"));
  const grpc::Status by_staff =
      AddToList("R-2025", "HH-000010", v1::LIST_REASON_ADDED, "x", nullptr, tokens_.womens_union_staff);
  EXPECT_EQ(by_staff.error_code(), grpc::StatusCode::PERMISSION_DENIED);

  // Moved out, and its last survey arriving after: known, but no longer
  // reviewed. The household's events apply in order, so once its survey is
  // in the round its departure is known.
  PublishMovedOut("HH-000011");
  PublishSurvey(PoorSurvey("HH-000011", "SV-11"));
  ASSERT_TRUE(WaitForSurveyed("R-2025", 1));
  const grpc::Status left = AddToList("R-2025", "HH-000011", v1::LIST_REASON_ADDED, "lost her job");
  EXPECT_EQ(left.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(left.error_message(), HasSubstr("household HH-000011 has left the ward (moved out: "));
  EXPECT_EQ(ClassificationEvents("classification.household_listed.v1").size(), 1u)
      << "refusals publish nothing";
}

TEST_F(ReviewListTest, ApprovalWaitsForEveryListedHouseholdAndRefusesLeavingTooMuchOfTheList) {
  OpenTheNextYear(
      {PoorSurvey("HH-000001", "SV-1"), PoorSurvey("HH-000002", "SV-2"), PoorSurvey("HH-000004", "SV-4")});
  ASSERT_THAT(IdsOf(RoundHouseholds("R-2026", true)), ElementsAre("HH-000001", "HH-000002", "HH-000004"));
  ReviewIn2026({"HH-000001"});

  const grpc::Status unsettled = Approve("R-2026");
  EXPECT_EQ(unsettled.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(unsettled.error_message(),
              HasSubstr("2 households are not ready: HH-000002 (on the list, neither surveyed nor decided), "
                        "HH-000004 (on the list, neither surveyed nor decided)"));
  EXPECT_THAT(ViolatedFields(unsettled), ElementsAre("HH-000002", "HH-000004"));
  const grpc::Status excluded = Approve("R-2026", nullptr, {[] {
                                          v1::Exclusion exclusion;
                                          exclusion.set_household_id("HH-000002");
                                          exclusion.set_reason("not surveyed");
                                          return exclusion;
                                        }()});
  EXPECT_EQ(excluded.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(excluded), ElementsAre("exclusions[0].household_id"));

  // A decision needs a kind and a reason, dated within the round.
  v1::RecordListDecisionRequest undated;
  undated.set_round_id("R-2026");
  undated.set_household_id("HH-000002");
  undated.set_decided_on("2026-10-13");
  v1::RecordListDecisionResponse ignored;
  const grpc::Status future =
      stub_->RecordListDecision(AuthorizedContext(tokens_.officer).get(), undated, &ignored);
  EXPECT_EQ(future.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(future), ElementsAre("decided_on"));
  undated.clear_decided_on();
  const grpc::Status empty =
      stub_->RecordListDecision(AuthorizedContext(tokens_.officer).get(), undated, &ignored);
  EXPECT_EQ(empty.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(empty), ElementsAre("kind", "reason"));
  const grpc::Status surveyed =
      DecideListed("R-2026", "HH-000001", v1::LIST_DECISION_KIND_CARRIED_OVER, "no need to survey");
  EXPECT_EQ(surveyed.error_code(), grpc::StatusCode::FAILED_PRECONDITION);

  // Two of three carried over: more than 10% (rounded up: 1) of the list.
  v1::RoundHousehold decided;
  ASSERT_TRUE(DecideListed("R-2026", "HH-000002", v1::LIST_DECISION_KIND_CARRIED_OVER,
                           "working in Bình Dương, not reachable", &decided)
                  .ok());
  EXPECT_EQ(decided.state(), v1::HOUSEHOLD_REVIEW_STATE_LIST_DECIDED);
  EXPECT_EQ(decided.list_decision().decided_on(), "2026-10-12");
  ASSERT_TRUE(DecideListed("R-2026", "HH-000004", v1::LIST_DECISION_KIND_CARRIED_OVER, "abroad").ok());
  EXPECT_EQ(Progress("R-2026").progress().carried_over(), 2);
  const grpc::Status too_few = Approve("R-2026");
  EXPECT_EQ(too_few.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(too_few.error_message(),
              HasSubstr("it would leave 2 of the 3 households on its list still in the ward without a new "
                        "result, and at most 1 (10%, rounded up) may be"));
  EXPECT_THAT(ViolatedFields(too_few), ElementsAre("HH-000002", "HH-000004"));
  EXPECT_TRUE(ClassificationEvents("classification.round_approved.v1").size() == 1u) << "only 2025's";

  // It had in fact moved away: off the list, and the approval goes through.
  ASSERT_TRUE(
      DecideListed("R-2026", "HH-000004", v1::LIST_DECISION_KIND_MOVED_AWAY, "moved to Đà Nẵng").ok());
  v1::ApproveRoundResponse approved;
  const grpc::Status status = Approve("R-2026", &approved);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(approved.approved_size(), 1);
  EXPECT_EQ(approved.approval().on_list(), 3);
  EXPECT_EQ(approved.approval().on_list_in_ward(), 2);
  EXPECT_EQ(approved.approval().on_list_approved(), 1);
  ASSERT_EQ(approved.approval().exclusions_size(), 2);
  EXPECT_EQ(approved.approval().exclusions(0).household_id(), "HH-000002");
  EXPECT_EQ(approved.approval().exclusions(0).decision(), v1::LIST_DECISION_KIND_CARRIED_OVER);
  EXPECT_EQ(approved.approval().exclusions(1).decision(), v1::LIST_DECISION_KIND_MOVED_AWAY);
  EXPECT_EQ(OfficialStatus("HH-000002").current().round_id(), "R-2025") << "carried over: its status stays";
  const std::vector<v1::EventEnvelope> decisions =
      ClassificationEvents("classification.list_decision_recorded.v1");
  ASSERT_EQ(decisions.size(), 3u);
  EXPECT_EQ(decisions[0].actor().name(), "Trần Văn Bình (ward officer)");
}

TEST_F(ReviewListTest, APeriodicRoundOutsideItsWindowNeedsAReasonOnTheRecord) {
  v1::OpenRoundRequest request;
  request.set_review_year(2025);
  request.set_kind(v1::REVIEW_KIND_PERIODIC);
  request.set_opened_on("2025-08-20");
  v1::OpenRoundResponse response;
  const grpc::Status refused = stub_->OpenRound(AuthorizedContext(tokens_.officer).get(), request, &response);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(refused), ElementsAre("outside_window_reason"));
  EXPECT_THAT(refused.error_message(), HasSubstr("held from 2025-09-01 to 2025-12-14"));
  EXPECT_TRUE(ClassificationEvents().empty()) << "a refused opening opens nothing";

  request.set_outside_window_reason("the town asked for an early review after the floods");
  const grpc::Status opened = stub_->OpenRound(AuthorizedContext(tokens_.officer).get(), request, &response);
  ASSERT_TRUE(opened.ok()) << opened.error_message();
  const v1::ReviewRound round = Progress("R-2025").round();
  EXPECT_EQ(round.outside_window_reason(), "the town asked for an early review after the floods");
  EXPECT_EQ(round.window_start(), "2025-09-01");
}

TEST_F(ClassificationTest, TheChairmansDecisionDatesTheApprovalAndItsStatuses) {
  ASSERT_TRUE(Open(2025, nullptr).ok());
  PublishSurvey(PoorSurvey("HH-000001", "SV-1"));
  ASSERT_TRUE(WaitForSurveyed("R-2025", 1));
  ASSERT_TRUE(Meeting("R-2025", "HH-000001", 10, 9).ok());
  ASSERT_TRUE(Post("R-2025").ok());  // Wednesday 2025-10-01: complaints until Friday 2025-10-03
  StartClassification("2025-10-20");

  v1::ApproveRoundRequest request;
  request.set_round_id("R-2025");
  v1::ApproveRoundResponse response;
  const grpc::Status undecided =
      stub_->ApproveRound(AuthorizedContext(tokens_.officer).get(), request, &response);
  EXPECT_EQ(undecided.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(undecided), ElementsAre("decision_number", "decision_date"));
  request.set_decision_number("125/QĐ-UBND");
  for (const char* date : {"2025-10-21", "2025-09-30", "20/10/2025"}) {
    request.set_decision_date(date);
    const grpc::Status refused =
        stub_->ApproveRound(AuthorizedContext(tokens_.officer).get(), request, &response);
    EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << date;
    EXPECT_THAT(ViolatedFields(refused), ElementsAre("decision_date")) << date;
  }
  request.set_decision_date("2025-10-03");
  const grpc::Status early =
      stub_->ApproveRound(AuthorizedContext(tokens_.officer).get(), request, &response);
  EXPECT_EQ(early.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(early.error_message(), HasSubstr("HH-000001 (complaint window open until 2025-10-03)"));
  EXPECT_EQ(Progress("R-2025").round().status(), v1::ROUND_STATUS_OPEN);
  EXPECT_TRUE(ClassificationEvents("classification.round_approved.v1").empty());

  request.set_decision_date("2025-10-06");
  const grpc::Status approved =
      stub_->ApproveRound(AuthorizedContext(tokens_.officer).get(), request, &response);
  ASSERT_TRUE(approved.ok()) << approved.error_message();
  EXPECT_EQ(response.round().approved_date(), "2025-10-06");
  EXPECT_EQ(response.round().decision_number(), "125/QĐ-UBND");
  EXPECT_EQ(response.round().approval_entered_date(), "2025-10-20");
  EXPECT_EQ(response.approval().decision_date(), "2025-10-06");
  EXPECT_EQ(response.approval().entered_date(), "2025-10-20");
  EXPECT_EQ(OfficialStatus("HH-000001").current().approved_date(), "2025-10-06");
  const std::vector<v1::EventEnvelope> statuses =
      ClassificationEvents("classification.household_status_changed.v1");
  ASSERT_EQ(statuses.size(), 1u);
  v1::HouseholdStatusChanged status;
  ASSERT_TRUE(statuses[0].payload().UnpackTo(&status));
  EXPECT_EQ(status.approved_date(), "2025-10-06");
  EXPECT_EQ(status.decision_number(), "125/QĐ-UBND");
  EXPECT_EQ(status.decision_date(), "2025-10-06");
}

TEST_F(ClassificationTest, PaperStepsDatedAfterTodayAreRefusedNamingTheField) {
  ASSERT_TRUE(Open(2025, nullptr).ok());
  PublishSurvey(PoorSurvey("HH-000001", "SV-1"));
  PublishSurvey(PoorSurvey("HH-000002", "SV-2"));
  ASSERT_TRUE(WaitForSurveyed("R-2025", 2));

  v1::RecordMeetingRequest meeting;
  meeting.set_round_id("R-2025");
  meeting.set_household_id("HH-000001");
  meeting.set_meeting_date("2025-10-02");
  meeting.set_attendees(10);
  meeting.set_agreed(9);
  v1::RecordMeetingResponse met;
  const grpc::Status future_meeting =
      stub_->RecordMeeting(AuthorizedContext(tokens_.officer).get(), meeting, &met);
  EXPECT_EQ(future_meeting.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(future_meeting), ElementsAre("meeting_date"));

  v1::RecordGroupMeetingRequest group;
  group.set_round_id("R-2025");
  group.set_meeting_date("2025-10-02");
  v1::GroupMeetingDecision* decision = group.add_decisions();
  decision->set_household_id("HH-000002");
  decision->set_attendees(10);
  decision->set_agreed(9);
  v1::RecordGroupMeetingResponse group_met;
  const grpc::Status future_group =
      stub_->RecordGroupMeeting(AuthorizedContext(tokens_.officer).get(), group, &group_met);
  EXPECT_EQ(future_group.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(future_group), ElementsAre("meeting_date"));
  EXPECT_EQ(Progress("R-2025").progress().proposed(), 2) << "nothing was recorded";

  ASSERT_TRUE(Meeting("R-2025", "HH-000001", 10, 9).ok());
  ASSERT_TRUE(Post("R-2025").ok());
  v1::FileComplaintRequest complaint;
  complaint.set_round_id("R-2025");
  complaint.set_household_id("HH-000001");
  complaint.set_complainant("Nguyễn Văn Tám (neighbour)");
  complaint.set_content("the household's income is understated");
  complaint.set_received_date("2025-10-02");
  v1::FileComplaintResponse complained;
  const grpc::Status future_complaint =
      stub_->FileComplaint(AuthorizedContext(tokens_.officer).get(), complaint, &complained);
  EXPECT_EQ(future_complaint.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(future_complaint), ElementsAre("received_date"));
  EXPECT_EQ(Progress("R-2025").progress().complained(), 0);
  EXPECT_TRUE(ClassificationEvents("classification.complaint_filed.v1").empty());
}

}  // namespace
}  // namespace ansinh::classification::testkit
