// The review procedure against the real ansinh-classification binary and a
// real Redis, driven as in production: surveys arrive as registry events, the
// officer's steps as RPCs. Covers the refused steps, the meeting and
// complaint loops, approval and its status events, unclassifiable surveys,
// replayed events, surveys recorded before a round, regular reviews, what-if
// and the status lists.
#include <gmock/gmock.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <tuple>

#include "classification_test_fixture.h"

namespace ansinh::classification::testkit {
namespace {

using ansinh::testkit::ChildProcess;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

v1::Exclusion Exclude(const std::string& household_id, const std::string& reason) {
  v1::Exclusion exclusion;
  exclusion.set_household_id(household_id);
  exclusion.set_reason(reason);
  return exclusion;
}

TEST_F(ClassificationTest, StepsOutOfOrderAreRefusedSayingWhy) {
  v1::ReviewRound round;
  ASSERT_TRUE(Open(2025, &round).ok());
  EXPECT_EQ(round.round_id(), "R-2025");
  EXPECT_EQ(round.standard_id(), "decree-07-2021");
  EXPECT_EQ(round.opened_date(), "2025-10-01");
  PublishSurvey(PoorSurvey("HH-000001", "SV-1"));
  PublishSurvey(NearPoorSurvey("HH-000002", "SV-2"));
  ASSERT_TRUE(WaitForSurveyed("R-2025", 2));
  EXPECT_EQ(Progress("R-2025").progress().proposed(), 2);

  const grpc::Status post = Post("R-2025");
  EXPECT_EQ(post.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(post.error_message(),
              HasSubstr("no household agreed at a meeting to post (2 awaiting their meeting)"));

  const grpc::Status complaint = Complain("R-2025", "HH-000001");
  EXPECT_EQ(complaint.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(complaint.error_message(), HasSubstr("complaints are taken while its result is posted"));

  const grpc::Status approve = Approve("R-2025");
  EXPECT_EQ(approve.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(approve.error_message(),
              HasSubstr("2 households are not ready: HH-000001 (awaiting its meeting)"));
  EXPECT_THAT(ViolatedFields(approve), ElementsAre("HH-000001", "HH-000002"));

  v1::RoundHousehold agreed;
  ASSERT_TRUE(Meeting("R-2025", "HH-000001", 10, 5, &agreed).ok());
  EXPECT_EQ(agreed.state(), v1::HOUSEHOLD_REVIEW_STATE_MEETING_AGREED);
  EXPECT_EQ(agreed.proposed().category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_EQ(agreed.proposed().indicators_size(), 12) << "the response carries the full explained result";
  const grpc::Status second_meeting = Meeting("R-2025", "HH-000001", 10, 10);
  EXPECT_EQ(second_meeting.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(second_meeting.error_message(), HasSubstr("was already agreed"));

  const grpc::Status bad_meeting = Meeting("R-2025", "HH-000002", 5, 6);
  EXPECT_EQ(bad_meeting.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(bad_meeting), ElementsAre("agreed"));
  EXPECT_EQ(Meeting("R-2025", "HH-000099", 10, 10).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Meeting("R-1999", "HH-000001", 10, 10).error_code(), grpc::StatusCode::NOT_FOUND);

  const grpc::Status second_round = Open(2025, nullptr);
  EXPECT_EQ(second_round.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(second_round.error_message(), "the periodic review of 2025 already has round R-2025 (open)");
  // Opened today, long before 2040's window: the reason is given, so the
  // refusal is about the standard.
  const grpc::Status no_standard = Open(2040, nullptr, "", "", "a year no standard covers");
  EXPECT_EQ(no_standard.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(no_standard.error_message(),
              HasSubstr("no loaded standard covers list year 2041, which a review held in 2040 decides"));

  // Every refusal left the round as it was: one opening, two proposals, one meeting.
  EXPECT_EQ(ClassificationEvents().size(), 4u);
}

TEST_F(ClassificationTest, OnlyWardOfficersRunTheReviewAndEveryRoleReads) {
  v1::ReviewRound round;
  const grpc::Status staff_open = Open(2025, &round, "", tokens_.womens_union_staff);
  EXPECT_EQ(staff_open.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(staff_open.error_message(), HasSubstr("only ward_officer may run the review procedure"));
  EXPECT_EQ(Open(2025, nullptr, "", tokens_.auditor).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(Open(2025, &round).ok());
  PublishSurvey(PoorSurvey("HH-000001", "SV-1"));
  ASSERT_TRUE(WaitForSurveyed("R-2025", 1));

  EXPECT_EQ(Meeting("R-2025", "HH-000001", 10, 9, nullptr, tokens_.auditor).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Post("R-2025", nullptr, tokens_.service).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Complain("R-2025", "HH-000001", nullptr, tokens_.farmers_union_staff).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Approve("R-2025", nullptr, {}, tokens_.auditor).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  for (const std::string& token : {tokens_.auditor, tokens_.womens_union_staff, tokens_.service}) {
    EXPECT_EQ(Progress("R-2025", token).progress().proposed(), 1);
    v1::ClassifyHouseholdRequest classify;
    classify.set_household_id("HH-000001");
    v1::ClassifyHouseholdResponse classified;
    EXPECT_TRUE(stub_->ClassifyHousehold(AuthorizedContext(token).get(), classify, &classified).ok());
    v1::WhatIfRequest what_if;
    what_if.set_standard_id("decree-351-2025");
    v1::WhatIfResponse report;
    EXPECT_TRUE(stub_->WhatIf(AuthorizedContext(token).get(), what_if, &report).ok());
    v1::ListHouseholdStatusesRequest list;
    v1::ListHouseholdStatusesResponse listed;
    EXPECT_TRUE(stub_->ListHouseholdStatuses(AuthorizedContext(token).get(), list, &listed).ok());
  }
  {
    grpc::ClientContext bare;
    v1::GetRoundProgressRequest request;
    request.set_round_id("R-2025");
    v1::GetRoundProgressResponse response;
    EXPECT_EQ(stub_->GetRoundProgress(&bare, request, &response).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
  }
}

TEST_F(ClassificationTest, AMeetingUnderHalfSendsTheHouseholdBackForANewSurvey) {
  ASSERT_TRUE(Open(2025, nullptr).ok());
  PublishSurvey(PoorSurvey("HH-000001", "SV-1"));
  ASSERT_TRUE(WaitForSurveyed("R-2025", 1));

  v1::RoundHousehold sent_back;
  ASSERT_TRUE(Meeting("R-2025", "HH-000001", 10, 4, &sent_back).ok());
  EXPECT_EQ(sent_back.state(), v1::HOUSEHOLD_REVIEW_STATE_SENT_BACK);
  EXPECT_FALSE(sent_back.meetings(0).passed());
  const grpc::Status again = Meeting("R-2025", "HH-000001", 10, 10);
  EXPECT_EQ(again.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(again.error_message(), HasSubstr("needs a new survey before another meeting"));
  EXPECT_EQ(Progress("R-2025").progress().sent_back(), 1);

  PublishSurvey(NearPoorSurvey("HH-000001", "SV-1-resurvey"));
  ASSERT_TRUE(WaitFor([&] { return Progress("R-2025").progress().proposed() == 1; }));
  v1::RoundHousehold agreed;
  ASSERT_TRUE(Meeting("R-2025", "HH-000001", 8, 8, &agreed).ok());
  EXPECT_EQ(agreed.survey_count(), 2);
  EXPECT_EQ(agreed.proposed().survey_id(), "SV-1-resurvey");
  EXPECT_EQ(agreed.proposed().category(), v1::POVERTY_CATEGORY_NEAR_POOR);
  ASSERT_EQ(agreed.meetings_size(), 2);
  EXPECT_EQ(agreed.meetings(0).survey_id(), "SV-1");
}

TEST_F(ClassificationTest, AGroupMeetingRecordsEveryHouseholdOrNone) {
  ASSERT_TRUE(Open(2025, nullptr).ok());
  for (const char* id : {"HH-000001", "HH-000002", "HH-000003"}) {
    PublishSurvey(PoorSurvey(id, std::string("SV-") + id));
  }
  ASSERT_TRUE(WaitForSurveyed("R-2025", 3));
  auto minutes = [&](std::vector<std::tuple<std::string, int, int>> decisions) {
    v1::RecordGroupMeetingRequest request;
    request.set_round_id("R-2025");
    request.set_meeting_date(today_);
    request.set_minutes_reference("BB-TDP05-2025");
    for (const auto& [household, attendees, agreed] : decisions) {
      v1::GroupMeetingDecision* decision = request.add_decisions();
      decision->set_household_id(household);
      decision->set_attendees(attendees);
      decision->set_agreed(agreed);
    }
    return request;
  };
  v1::RecordGroupMeetingResponse response;

  const grpc::Status invalid =
      stub_->RecordGroupMeeting(AuthorizedContext(tokens_.officer).get(),
                                minutes({{"HH-000001", 10, 8}, {"HH-000002", 10, 11}}), &response);
  EXPECT_EQ(invalid.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(invalid), ElementsAre("decisions[1].agreed"));

  const grpc::Status refused =
      stub_->RecordGroupMeeting(AuthorizedContext(tokens_.officer).get(),
                                minutes({{"HH-000001", 10, 8}, {"HH-000009", 10, 8}}), &response);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(ViolatedFields(refused), ElementsAre("decisions[1].household_id"));
  EXPECT_THAT(refused.error_message(), HasSubstr("HH-000009 is not in round R-2025"));
  EXPECT_EQ(Progress("R-2025").progress().proposed(), 3) << "a refused meeting records nothing";
  EXPECT_TRUE(ClassificationEvents("classification.meeting_recorded.v1").empty());

  const grpc::Status met =
      stub_->RecordGroupMeeting(AuthorizedContext(tokens_.officer).get(),
                                minutes({{"HH-000002", 12, 6}, {"HH-000001", 12, 5}}), &response);
  ASSERT_TRUE(met.ok()) << met.error_message();
  ASSERT_EQ(response.households_size(), 2);
  EXPECT_EQ(response.households(0).household_id(), "HH-000002");
  EXPECT_EQ(response.households(0).state(), v1::HOUSEHOLD_REVIEW_STATE_MEETING_AGREED);
  EXPECT_EQ(response.households(1).state(), v1::HOUSEHOLD_REVIEW_STATE_SENT_BACK);
  EXPECT_EQ(response.households(0).proposed().survey_id(), "SV-HH-000002")
      << "the answer carries the full result";
  EXPECT_GT(response.households(0).proposed().indicators_size(), 0);
  const v1::RoundProgress progress = Progress("R-2025").progress();
  EXPECT_EQ(progress.agreed(), 1);
  EXPECT_EQ(progress.sent_back(), 1);
  EXPECT_EQ(progress.proposed(), 1);

  // One event per household, in the order of the minutes, with the round's
  // consecutive versions.
  const std::vector<v1::EventEnvelope> recorded = ClassificationEvents("classification.meeting_recorded.v1");
  ASSERT_EQ(recorded.size(), 2u);
  EXPECT_EQ(recorded[0].household_id(), "HH-000002");
  EXPECT_EQ(recorded[1].household_id(), "HH-000001");
  EXPECT_EQ(recorded[1].aggregate_version(), recorded[0].aggregate_version() + 1);
  v1::MeetingRecorded payload;
  ASSERT_TRUE(recorded[0].payload().UnpackTo(&payload));
  EXPECT_EQ(payload.meeting().minutes_reference(), "BB-TDP05-2025");
  EXPECT_EQ(payload.meeting().agreed(), 6);

  const grpc::Status again =
      stub_->RecordGroupMeeting(AuthorizedContext(tokens_.officer).get(),
                                minutes({{"HH-000003", 10, 8}, {"HH-000002", 10, 8}}), &response);
  EXPECT_EQ(again.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(again.error_message(), HasSubstr("already agreed"));
  EXPECT_EQ(Progress("R-2025").progress().proposed(), 1) << "HH-000003 waits for a meeting of its own";
}

TEST_F(ClassificationTest, TheCliRecordsAGroupMeetingFromItsDecisions) {
  ASSERT_TRUE(Open(2025, nullptr).ok());
  PublishSurvey(PoorSurvey("HH-000001", "SV-1"));
  PublishSurvey(NearPoorSurvey("HH-000002", "SV-2"));
  ASSERT_TRUE(WaitForSurveyed("R-2025", 2));

  auto run = [&](const std::vector<std::string>& args, std::string* output) {
    std::vector<std::string> argv{std::string(ANSINH_BIN_DIR) + "/ansinh",
                                  "--classification",
                                  service_->address(),
                                  "--token",
                                  tokens_.officer,
                                  "review",
                                  "group-meeting",
                                  "R-2025",
                                  "--date",
                                  today_,
                                  "--minutes",
                                  "BB-TDP05-2025"};
    argv.insert(argv.end(), args.begin(), args.end());
    ChildProcess cli;
    cli.Start(argv, dir_.path() + "/cli-group-meeting.log");
    const std::optional<int> status = cli.Wait(std::chrono::seconds(30));
    *output = cli.ReadLog();
    return status && WIFEXITED(*status) ? WEXITSTATUS(*status) : -1;
  };
  std::string output;
  EXPECT_EQ(run({"--decision", "HH-000001", "20", "17", "--decision", "HH-000002", "20", "21"}, &output), 1);
  EXPECT_THAT(output, HasSubstr("decisions[1].agreed")) << "the refusal names the bad decision";
  EXPECT_EQ(Progress("R-2025").progress().proposed(), 2);

  ASSERT_EQ(run({"--decision", "HH-000001", "20", "17", "--decision", "HH-000002", "20", "9"}, &output), 0)
      << output;
  EXPECT_THAT(output, HasSubstr("recorded the meeting about 2 households"));
  EXPECT_THAT(output, HasSubstr("17 of 20"));
  EXPECT_THAT(output, HasSubstr("sent-back"));
  const v1::RoundProgress progress = Progress("R-2025").progress();
  EXPECT_EQ(progress.agreed(), 1);
  EXPECT_EQ(progress.sent_back(), 1);
}

TEST_F(ClassificationTest, AComplaintForcesARecheckBeforeApproval) {
  ASSERT_TRUE(Open(2025, nullptr).ok());
  PublishSurvey(PoorSurvey("HH-000001", "SV-1"));
  PublishSurvey(NearPoorSurvey("HH-000002", "SV-2"));
  ASSERT_TRUE(WaitForSurveyed("R-2025", 2));
  ASSERT_TRUE(Meeting("R-2025", "HH-000001", 10, 9).ok());
  ASSERT_TRUE(Meeting("R-2025", "HH-000002", 10, 9).ok());
  v1::PostResultsResponse posted;
  ASSERT_TRUE(Post("R-2025", &posted).ok());
  EXPECT_THAT(posted.posted_household_ids(), ElementsAre("HH-000001", "HH-000002"));
  // Posted on Wednesday 1 October 2025: three working days, to Friday.
  EXPECT_EQ(posted.complaint_window_closes(), "2025-10-03");
  EXPECT_EQ(posted.round().last_posted_date(), "2025-10-01");

  v1::RoundHousehold complained;
  ASSERT_TRUE(Complain("R-2025", "HH-000002", &complained).ok());
  EXPECT_EQ(complained.state(), v1::HOUSEHOLD_REVIEW_STATE_COMPLAINED);
  EXPECT_EQ(complained.complaints(0).survey_id(), "SV-2");
  EXPECT_EQ(complained.complaints(0).recorded_by(), "Trần Văn Bình (ward officer)");

  StartClassification("2025-10-06");
  const grpc::Status refused = Approve("R-2025");
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(refused.error_message(), HasSubstr("HH-000002 (complaint under re-check, needs a new survey)"));
  EXPECT_TRUE(ClassificationEvents("classification.household_status_changed.v1").empty());

  // The re-check: a new survey, a meeting, posted again, its own window.
  PublishSurvey(PoorSurvey("HH-000002", "SV-2-recheck"));
  ASSERT_TRUE(WaitFor([&] { return Progress("R-2025").progress().proposed() == 1; }));
  ASSERT_TRUE(Meeting("R-2025", "HH-000002", 12, 7).ok());
  ASSERT_TRUE(Post("R-2025", &posted).ok());
  EXPECT_THAT(posted.posted_household_ids(), ElementsAre("HH-000002"));
  EXPECT_EQ(posted.complaint_window_closes(), "2025-10-08");
  const grpc::Status window_open = Approve("R-2025");
  EXPECT_EQ(window_open.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(window_open.error_message(), HasSubstr("complaint window open until 2025-10-08"));
  const v1::RoundProgress progress = Progress("R-2025").progress();
  EXPECT_EQ(progress.posted(), 2);
  EXPECT_EQ(progress.ready_for_approval(), 1);

  StartClassification("2025-10-09");
  v1::ApproveRoundResponse approved;
  ASSERT_TRUE(Approve("R-2025", &approved).ok());
  ASSERT_EQ(approved.approved_size(), 2);
  EXPECT_EQ(approved.approved(1).household_id(), "HH-000002");
  EXPECT_EQ(approved.approved(1).result().survey_id(), "SV-2-recheck");
  EXPECT_EQ(approved.approved(1).result().category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_EQ(approved.approved(1).transition(), v1::TRANSITION_NEWLY_POOR);
}

TEST_F(ClassificationTest, ApprovalMakesResultsOfficialAndPublishesEveryStatus) {
  const v1::ApproveRoundResponse approved =
      ApproveSurveys({PoorSurvey("HH-000001", "SV-1"), PoorElderlySurvey("HH-000002", "SV-2"),
                      AverageSurvey("HH-000003", "SV-3")});
  EXPECT_EQ(approved.round().status(), v1::ROUND_STATUS_APPROVED);
  EXPECT_EQ(approved.round().approved_date(), "2025-10-06");
  EXPECT_EQ(approved.round().approved_by(), "Trần Văn Bình (ward officer)");
  ASSERT_EQ(approved.approved_size(), 3);
  EXPECT_EQ(approved.approved(0).transition(), v1::TRANSITION_NEWLY_POOR);
  EXPECT_EQ(approved.approved(2).result().category(), v1::POVERTY_CATEGORY_AVERAGE);
  EXPECT_EQ(approved.approved(2).transition(), v1::TRANSITION_UNCHANGED);
  EXPECT_THAT(approved.approval().approved_household_ids(),
              ElementsAre("HH-000001", "HH-000002", "HH-000003"));
  EXPECT_EQ(approved.approval().poor(), 2);
  EXPECT_EQ(approved.approval().poor_without_labour_capacity(), 1);

  // The round's own events: opened, three proposals, three meetings, posted, approved.
  const std::vector<v1::EventEnvelope> round_events = ClassificationEvents();
  std::vector<uint64_t> round_versions;
  for (const v1::EventEnvelope& event : round_events) {
    if (event.aggregate_type() == "review-round") round_versions.push_back(event.aggregate_version());
  }
  EXPECT_THAT(round_versions, ElementsAre(1, 2, 3, 4, 5, 6, 7, 8, 9));
  const std::vector<v1::EventEnvelope> round_approved =
      ClassificationEvents("classification.round_approved.v1");
  ASSERT_EQ(round_approved.size(), 1u);
  v1::RoundApproved approval;
  ASSERT_TRUE(round_approved[0].payload().UnpackTo(&approval));
  EXPECT_EQ(approval.poor(), 2);
  EXPECT_EQ(approval.poor_without_labour_capacity(), 1);
  EXPECT_THAT(approval.approved_household_ids(), ElementsAre("HH-000001", "HH-000002", "HH-000003"));

  // One status event per approved household, UNCHANGED included, each
  // caused by the approval and acted by the officer who approved.
  const std::vector<v1::EventEnvelope> statuses =
      ClassificationEvents("classification.household_status_changed.v1");
  ASSERT_EQ(statuses.size(), 3u);
  std::map<std::string, v1::HouseholdStatusChanged> by_household;
  for (const v1::EventEnvelope& event : statuses) {
    EXPECT_EQ(event.aggregate_type(), "household-status");
    EXPECT_EQ(event.aggregate_id(), event.household_id());
    EXPECT_EQ(event.aggregate_version(), 1u);
    EXPECT_EQ(event.causation_id(), round_approved[0].event_id());
    EXPECT_EQ(event.actor().role(), v1::ROLE_WARD_OFFICER);
    v1::HouseholdStatusChanged payload;
    ASSERT_TRUE(event.payload().UnpackTo(&payload));
    by_household[payload.household_id()] = payload;
  }
  const v1::HouseholdStatusChanged& elderly = by_household.at("HH-000002");
  EXPECT_EQ(elderly.category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_TRUE(elderly.without_labour_capacity());
  EXPECT_EQ(elderly.transition(), v1::TRANSITION_NEWLY_POOR);
  EXPECT_EQ(elderly.previous_category(), v1::POVERTY_CATEGORY_UNSPECIFIED);
  EXPECT_EQ(elderly.indicators_size(), 12);
  EXPECT_EQ(elderly.deprivation_count(), 3);
  EXPECT_EQ(elderly.standard_id(), "decree-07-2021");
  EXPECT_EQ(elderly.round_id(), "R-2025");
  EXPECT_EQ(elderly.review_year(), 2025);
  EXPECT_EQ(elderly.approved_date(), "2025-10-06");
  EXPECT_EQ(elderly.residential_group(), "TDP-07");
  EXPECT_FALSE(by_household.at("HH-000001").without_labour_capacity());
  EXPECT_EQ(by_household.at("HH-000003").transition(), v1::TRANSITION_UNCHANGED);

  const v1::GetOfficialStatusResponse official = OfficialStatus("HH-000002");
  ASSERT_TRUE(official.has_current());
  EXPECT_EQ(official.current().result().category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_EQ(official.history_size(), 0);
  EXPECT_FALSE(OfficialStatus("HH-000404").has_current());

  const v1::RoundProgress progress = Progress("R-2025").progress();
  EXPECT_EQ(progress.approved(), 3);
  const grpc::Status twice = Approve("R-2025");
  EXPECT_EQ(twice.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(twice.error_message(), "round R-2025 was approved on 2025-10-06 and accepts no more steps");

  // The next year's review: the same poor household, confirmed (UNCHANGED,
  // version 2); the average one now poor.
  // The 2026 round lists both poor households; the elderly one, not
  // surveyed this year, needs a recorded decision before the approval.
  StartClassification("2026-10-01");
  v1::ReviewRound next;
  ASSERT_TRUE(Open(2026, &next).ok());
  PublishSurvey(PoorSurvey("HH-000001", "SV-2026-1", "TDP-05", 2026));
  PublishSurvey(PoorSurvey("HH-000003", "SV-2026-3", "TDP-05", 2026));
  ASSERT_TRUE(WaitForSurveyed("R-2026", 2));
  ASSERT_TRUE(Meeting("R-2026", "HH-000001", 10, 9).ok());
  ASSERT_TRUE(Meeting("R-2026", "HH-000003", 10, 9).ok());
  ASSERT_TRUE(Post("R-2026").ok());
  StartClassification("2026-10-12");
  const grpc::Status unsurveyed = Approve("R-2026");
  EXPECT_EQ(unsurveyed.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(unsurveyed.error_message(), HasSubstr("HH-000002 (on the list, neither surveyed nor decided)"));
  ASSERT_TRUE(DecideListed("R-2026", "HH-000002", v1::LIST_DECISION_KIND_CARRIED_OVER,
                           "both in hospital in Huế during the survey")
                  .ok());
  v1::ApproveRoundResponse second;
  ASSERT_TRUE(Approve("R-2026", &second).ok());
  ASSERT_EQ(second.approved_size(), 2);
  ASSERT_EQ(second.approval().exclusions_size(), 1);
  EXPECT_EQ(second.approval().exclusions(0).household_id(), "HH-000002");
  EXPECT_EQ(second.approval().exclusions(0).decision(), v1::LIST_DECISION_KIND_CARRIED_OVER);
  EXPECT_EQ(OfficialStatus("HH-000002").current().round_id(), "R-2025") << "carried over: its status stays";
  EXPECT_EQ(second.approved(0).transition(), v1::TRANSITION_UNCHANGED);
  EXPECT_EQ(second.approved(1).transition(), v1::TRANSITION_NEWLY_POOR);
  EXPECT_EQ(second.approved(1).previous_category(), v1::POVERTY_CATEGORY_AVERAGE);
  std::vector<uint64_t> versions_of_first;
  for (const v1::EventEnvelope& event : ClassificationEvents("classification.household_status_changed.v1")) {
    if (event.household_id() == "HH-000001") versions_of_first.push_back(event.aggregate_version());
  }
  EXPECT_THAT(versions_of_first, ElementsAre(1, 2));
  EXPECT_EQ(OfficialStatus("HH-000003").history_size(), 1);
}

// A province's round approves hundreds of thousands of households: the
// caller can ask for the counts only and page through the statuses after.
TEST_F(ClassificationTest, AnApprovalAskedForCountsOnlyLeavesTheResultsOutOfItsAnswer) {
  v1::ReviewRound round;
  ASSERT_TRUE(Open(2025, &round).ok());
  for (const v1::Survey& survey : {PoorSurvey("HH-000001", "SV-1"), NearPoorSurvey("HH-000002", "SV-2"),
                                   AverageSurvey("HH-000003", "SV-3")}) {
    PublishSurvey(survey);
  }
  ASSERT_TRUE(WaitForSurveyed(round.round_id(), 3));
  for (const std::string household : {"HH-000001", "HH-000002", "HH-000003"}) {
    ASSERT_TRUE(Meeting(round.round_id(), household, 10, 9).ok());
  }
  ASSERT_TRUE(Post(round.round_id()).ok());
  StartClassification("2025-10-06");

  v1::ApproveRoundRequest request;
  request.set_round_id(round.round_id());
  request.set_omit_results(true);
  request.set_decision_number("125/QĐ-UBND");
  request.set_decision_date("2025-10-06");
  v1::ApproveRoundResponse response;
  const grpc::Status status =
      stub_->ApproveRound(AuthorizedContext(tokens_.officer).get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.approved_size(), 0);
  EXPECT_EQ(response.round().status(), v1::ROUND_STATUS_APPROVED);
  EXPECT_THAT(response.approval().approved_household_ids(),
              ElementsAre("HH-000001", "HH-000002", "HH-000003"));
  EXPECT_EQ(response.approval().poor(), 1);
  EXPECT_EQ(response.approval().near_poor(), 1);
  EXPECT_EQ(OfficialStatus("HH-000002").current().result().category(), v1::POVERTY_CATEGORY_NEAR_POOR);
}

TEST_F(ClassificationTest, AnUnclassifiableSurveyShowsWhatToCorrectAndIsNotDeadLettered) {
  ASSERT_TRUE(Open(2025, nullptr).ok());
  v1::Survey missing = PoorSurvey("HH-000001", "SV-1");
  v1::Member* child = missing.add_members();
  *child = Adult("M3", "Nguyễn Văn Út", v1::SEX_MALE, "2019-04-04");
  child->set_employment(v1::EMPLOYMENT_NOT_IN_LABOUR_FORCE);
  child->set_enrolled_in_school(true);
  child->set_education_level(v1::EDUCATION_LEVEL_NONE);
  child->set_national_id("");
  child->set_nutrition(v1::NUTRITION_UNSPECIFIED);
  PublishSurvey(missing);
  ASSERT_TRUE(WaitForSurveyed("R-2025", 1));

  const v1::RoundProgress progress = Progress("R-2025").progress();
  EXPECT_EQ(progress.unclassifiable(), 1);
  EXPECT_EQ(progress.proposed(), 0);
  ASSERT_EQ(progress.unclassifiable_households_size(), 1);
  EXPECT_EQ(progress.unclassifiable_households(0).household_id(), "HH-000001");
  EXPECT_THAT(progress.unclassifiable_households(0).message(), HasSubstr("members[2].nutrition"));
  EXPECT_EQ(DeadLetters(), 0);

  v1::ClassifyHouseholdRequest classify;
  classify.set_household_id("HH-000001");
  v1::ClassifyHouseholdResponse classified;
  const grpc::Status status =
      stub_->ClassifyHousehold(AuthorizedContext(tokens_.officer).get(), classify, &classified);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(ViolatedFields(status), ElementsAre("members[2].nutrition"));

  const std::vector<v1::EventEnvelope> events =
      ClassificationEvents("classification.survey_unclassifiable.v1");
  ASSERT_EQ(events.size(), 1u);
  v1::SurveyUnclassifiable payload;
  ASSERT_TRUE(events[0].payload().UnpackTo(&payload));
  ASSERT_EQ(payload.problems_size(), 1);
  EXPECT_EQ(payload.problems(0).field(), "members[2].nutrition");
  EXPECT_EQ(events[0].actor().role(), v1::ROLE_SERVICE);

  const grpc::Status meeting = Meeting("R-2025", "HH-000001", 10, 10);
  EXPECT_EQ(meeting.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(meeting.error_message(), HasSubstr("record a corrected survey first"));

  child->set_nutrition(v1::NUTRITION_NORMAL);
  missing.set_survey_id("SV-1-corrected");
  PublishSurvey(missing);
  ASSERT_TRUE(WaitFor([&] { return Progress("R-2025").progress().proposed() == 1; }));
  EXPECT_EQ(Progress("R-2025").progress().unclassifiable(), 0);
  ASSERT_TRUE(stub_->ClassifyHousehold(AuthorizedContext(tokens_.officer).get(), classify, &classified).ok());
  EXPECT_EQ(classified.result().survey_id(), "SV-1-corrected");
}

TEST_F(ClassificationTest, AReplayedEventChangesNothing) {
  ASSERT_TRUE(Open(2025, nullptr).ok());
  const v1::EventEnvelope survey_event = PublishSurvey(PoorSurvey("HH-000001", "SV-1"));
  ASSERT_TRUE(WaitForSurveyed("R-2025", 1));
  ASSERT_TRUE(WaitFor([&] { return ClassificationEvents().size() == 2u; }));

  // The same event delivered again, and the same survey in a new event (a
  // registry that published twice).
  Publish(survey_event);
  PublishSurvey(PoorSurvey("HH-000001", "SV-1"));
  PublishSurvey(
      NearPoorSurvey("HH-000009", "SV-9"));  // a marker: once it is in, the two before were consumed
  ASSERT_TRUE(WaitForSurveyed("R-2025", 2));

  EXPECT_EQ(ClassificationEvents("classification.survey_classified.v1").size(), 2u);
  v1::RoundHousehold household;
  ASSERT_TRUE(Meeting("R-2025", "HH-000001", 10, 9, &household).ok());
  EXPECT_EQ(household.survey_count(), 1);
  EXPECT_EQ(DeadLetters(), 0);
}

TEST_F(ClassificationTest, SurveysRecordedBeforeTheRoundJoinItWhenItOpens) {
  PublishSurvey(PoorSurvey("HH-000001", "SV-1"));
  PublishSurvey(NearPoorSurvey("HH-000002", "SV-2"));
  PublishSurvey(PoorSurvey("HH-000003", "SV-2024-3", "TDP-05", 2024));
  redis::Connection redis = Redis();
  ASSERT_TRUE(WaitFor([&] {
    return redis.Command({"SCARD", "ansinh:{p0}:classification:surveyed"}).AsInteger() == 3;
  }));
  EXPECT_TRUE(ClassificationEvents().empty()) << "no round is open: nothing is proposed yet";

  v1::ReviewRound round;
  ASSERT_TRUE(Open(2025, &round).ok());
  const v1::RoundProgress progress = Progress("R-2025").progress();
  EXPECT_EQ(progress.surveyed(), 2) << "the 2024 survey is not for this round";
  EXPECT_EQ(progress.proposed(), 2);

  const std::vector<v1::EventEnvelope> opened = ClassificationEvents("classification.review_round_opened.v1");
  const std::vector<v1::EventEnvelope> classified =
      ClassificationEvents("classification.survey_classified.v1");
  ASSERT_EQ(opened.size(), 1u);
  ASSERT_EQ(classified.size(), 2u);
  for (const v1::EventEnvelope& event : classified) {
    EXPECT_EQ(event.causation_id(), opened[0].event_id());
    EXPECT_EQ(event.actor().role(), v1::ROLE_WARD_OFFICER);
  }
  EXPECT_EQ(redis.Command({"HLEN", "ansinh:{p0}:classification:pending:backfill"}).AsInteger(), 0);
}

// A pull-in cut short (a crash, or a large import winning every race for the
// round's record) leaves earlier surveys pending. The progress says so, and
// the approval takes them in first: no household is left out of the year's
// review because its survey came before the opening.
TEST_F(ClassificationTest, ApprovalFirstTakesInSurveysRecordedBeforeTheOpening) {
  v1::ReviewRound round;
  ASSERT_TRUE(Open(2025, &round).ok());
  PublishSurvey(PoorSurvey("HH-000001", "SV-1"));
  ASSERT_TRUE(WaitForSurveyed(round.round_id(), 1));
  ASSERT_TRUE(Meeting(round.round_id(), "HH-000001", 10, 9).ok());
  ASSERT_TRUE(Post(round.round_id()).ok());
  // The background finisher out of the way: only the approval can take the survey in.
  StartClassification("2025-10-06", 3600);
  redis::Connection redis = Redis();
  v1::Survey earlier = PoorSurvey("HH-000007", "SV-7");
  redis.Command(
      {"HSET", "ansinh:{p0}:classification:surveys:HH-000007", "2025", earlier.SerializeAsString()});
  redis.Command({"SADD", "ansinh:{p0}:classification:surveyed", "HH-000007"});
  const std::vector<v1::EventEnvelope> opened = ClassificationEvents("classification.review_round_opened.v1");
  ASSERT_EQ(opened.size(), 1u);
  redis.Command({"HSET", "ansinh:{p0}:classification:pending:backfill", round.round_id(),
                 opened[0].SerializeAsString()});

  v1::RoundProgress progress = Progress(round.round_id()).progress();
  EXPECT_TRUE(progress.earlier_surveys_joining());
  EXPECT_EQ(progress.surveyed(), 1);

  const grpc::Status refused = Approve(round.round_id());
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << refused.error_message();
  EXPECT_NE(refused.error_message().find("HH-000007"), std::string::npos) << refused.error_message();
  progress = Progress(round.round_id()).progress();
  EXPECT_FALSE(progress.earlier_surveys_joining());
  EXPECT_EQ(progress.surveyed(), 2);
  EXPECT_EQ(progress.proposed(), 1);
  EXPECT_EQ(progress.approved(), 0);
  const std::vector<v1::EventEnvelope> pulled_in =
      ClassificationEvents("classification.survey_classified.v1");
  ASSERT_EQ(pulled_in.size(), 2u);
  EXPECT_EQ(pulled_in.back().household_id(), "HH-000007");
  EXPECT_EQ(pulled_in.back().causation_id(), opened[0].event_id());
}

TEST_F(ClassificationTest, ARegularReviewTakesOnlyItsHouseholdWithinFifteenDays) {
  ASSERT_TRUE(Open(2025, nullptr).ok());
  v1::ReviewRound regular;
  const grpc::Status opened = Open(2025, &regular, "HH-000002");
  ASSERT_TRUE(opened.ok()) << opened.error_message();
  EXPECT_THAT(regular.round_id(), HasSubstr("R-REG-2025-"));
  EXPECT_EQ(regular.deadline_date(), "2025-10-16");
  const grpc::Status twice = Open(2025, nullptr, "HH-000002");
  EXPECT_EQ(twice.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(twice.error_message(), HasSubstr("already has an open regular review"));

  PublishSurvey(PoorSurvey("HH-000001", "SV-1"));
  PublishSurvey(PoorSurvey("HH-000002", "SV-2"));
  ASSERT_TRUE(WaitForSurveyed("R-2025", 2));
  ASSERT_TRUE(WaitForSurveyed(regular.round_id(), 1));
  EXPECT_EQ(Progress(regular.round_id()).progress().surveyed(), 1)
      << "the regular review takes only HH-000002";

  ASSERT_TRUE(Meeting(regular.round_id(), "HH-000002", 6, 6).ok());
  ASSERT_TRUE(Post(regular.round_id()).ok());
  StartClassification("2025-10-17");
  EXPECT_TRUE(Progress(regular.round_id()).progress().overdue());
  v1::ApproveRoundResponse approved;
  ASSERT_TRUE(Approve(regular.round_id(), &approved).ok());
  ASSERT_EQ(approved.approved_size(), 1);
  EXPECT_EQ(approved.approved(0).review_kind(), v1::REVIEW_KIND_REGULAR);
  EXPECT_FALSE(Progress(regular.round_id()).progress().overdue());
  EXPECT_EQ(ClassificationEvents("classification.household_status_changed.v1").size(), 1u);
}

TEST_F(ClassificationTest, WhatIfUnderThe2027LinesLeavesOfficialStatusAlone) {
  ApproveSurveys({PoorSurvey("HH-000001", "SV-1"), AverageSurvey("HH-000002", "SV-2"),
                  UrbanSurvey("HH-000003", "SV-3", 5000000, 0)});
  PublishSurvey(AverageSurvey("HH-000004", "SV-4"));  // surveyed, never approved
  redis::Connection redis = Redis();
  ASSERT_TRUE(WaitFor([&] {
    return redis.Command({"SCARD", "ansinh:{p0}:classification:surveyed"}).AsInteger() == 4;
  }));
  const size_t events_before = ClassificationEvents().size();

  v1::WhatIfRequest request;
  request.set_standard_id("decree-351-2025");
  v1::WhatIfResponse response;
  ASSERT_TRUE(stub_->WhatIf(AuthorizedContext(tokens_.officer).get(), request, &response).ok());
  const v1::WhatIfReport& report = response.report();
  EXPECT_EQ(report.standard_id(), "decree-351-2025");
  EXPECT_EQ(report.classified(), 4);
  EXPECT_EQ(report.compared(), 3);
  EXPECT_EQ(report.would_change(), 1);
  ASSERT_EQ(report.changes_size(), 1);
  EXPECT_EQ(report.changes(0).household_id(), "HH-000002");
  EXPECT_EQ(report.changes(0).from_category(), v1::POVERTY_CATEGORY_AVERAGE);
  EXPECT_EQ(report.changes(0).to_category(), v1::POVERTY_CATEGORY_NEAR_POOR);
  EXPECT_FALSE(response.has_result());

  EXPECT_EQ(ClassificationEvents().size(), events_before)
      << "a ward-wide what-if carries no household's sensitive facts and publishes nothing";

  request.set_household_id("HH-000002");
  ASSERT_TRUE(stub_->WhatIf(AuthorizedContext(tokens_.officer).get(), request, &response).ok());
  EXPECT_EQ(response.result().category(), v1::POVERTY_CATEGORY_NEAR_POOR);
  EXPECT_EQ(response.result().standard_id(), "decree-351-2025");
  EXPECT_EQ(response.report().would_change(), 1);

  request.set_standard_id("decree-999");
  EXPECT_EQ(stub_->WhatIf(AuthorizedContext(tokens_.officer).get(), request, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);

  // The household's what-if gave the officer its income (a sensitive fact):
  // that read is the one event the what-ifs published (docs/monitoring.md).
  std::vector<v1::EventEnvelope> after = ClassificationEvents();
  ASSERT_EQ(after.size(), events_before + 1);
  EXPECT_EQ(after.back().event_type(), "classification.personal_data_read.v1");
  EXPECT_EQ(after.back().actor().role(), v1::ROLE_WARD_OFFICER);
  EXPECT_EQ(after.back().household_id(), "HH-000002");
  v1::PersonalDataRead officer_read;
  ASSERT_TRUE(after.back().payload().UnpackTo(&officer_read));
  EXPECT_EQ(officer_read.rpc(), "Classification.WhatIf");
  ASSERT_EQ(officer_read.households_size(), 1);
  EXPECT_THAT(officer_read.households(0).fields(), ::testing::Contains("result.income_value"));
  EXPECT_THAT(officer_read.households(0).fields(),
              ::testing::Not(::testing::Contains("result.indicators.reason")))
      << "an officer's read of fields only personal is not recorded";

  EXPECT_EQ(OfficialStatus("HH-000002").current().result().category(), v1::POVERTY_CATEGORY_AVERAGE);
  // OfficialStatus reads as an auditor: that read of the income is logged too.
  after = ClassificationEvents();
  ASSERT_EQ(after.size(), events_before + 2);
  EXPECT_EQ(after.back().event_type(), "classification.personal_data_read.v1");
  EXPECT_EQ(after.back().actor().role(), v1::ROLE_AUDITOR);
}

TEST_F(ClassificationTest, ListsByCategoryLabourCapacityAndGroupLeaveOutHouseholdsThatLeft) {
  ApproveSurveys({PoorSurvey("HH-000001", "SV-1", "TDP-05"), PoorElderlySurvey("HH-000002", "SV-2", "TDP-07"),
                  NearPoorSurvey("HH-000003", "SV-3", "TDP-05"), PoorSurvey("HH-000004", "SV-4", "TDP-07")});
  const auto list = [&](v1::PovertyCategory category, bool without_capacity, const std::string& group,
                        int page_size = 0, const std::string& token = "") {
    v1::ListHouseholdStatusesRequest request;
    request.set_category(category);
    request.set_without_labour_capacity_only(without_capacity);
    request.set_residential_group(group);
    return ListStatuses(request, page_size, token);
  };

  EXPECT_THAT(list(v1::POVERTY_CATEGORY_POOR, false, "").first,
              ElementsAre("HH-000001", "HH-000002", "HH-000004"));
  EXPECT_THAT(list(v1::POVERTY_CATEGORY_UNSPECIFIED, true, "").first, ElementsAre("HH-000002"));
  EXPECT_THAT(list(v1::POVERTY_CATEGORY_POOR, false, "TDP-07").first, ElementsAre("HH-000002", "HH-000004"));
  EXPECT_THAT(list(v1::POVERTY_CATEGORY_NEAR_POOR, true, "").first, ElementsAre());
  const auto first_page = list(v1::POVERTY_CATEGORY_UNSPECIFIED, false, "", 3);
  EXPECT_THAT(first_page.first, ElementsAre("HH-000001", "HH-000002", "HH-000003"));
  EXPECT_EQ(first_page.second.total_size(), 4);
  ASSERT_EQ(first_page.second.next_page_token(), "HH-000003");
  EXPECT_THAT(list(v1::POVERTY_CATEGORY_UNSPECIFIED, false, "", 3, "HH-000003").first,
              ElementsAre("HH-000004"));

  PublishMovedOut("HH-000002");
  ASSERT_TRUE(WaitFor([&] { return list(v1::POVERTY_CATEGORY_POOR, false, "").first.size() == 2; }));
  EXPECT_THAT(list(v1::POVERTY_CATEGORY_UNSPECIFIED, true, "").first, ElementsAre());
  v1::WhatIfRequest what_if;
  what_if.set_standard_id("decree-07-2021");
  v1::WhatIfResponse report;
  ASSERT_TRUE(stub_->WhatIf(AuthorizedContext(tokens_.officer).get(), what_if, &report).ok());
  EXPECT_EQ(report.report().classified(), 3) << "a household that left is not in the ward's what-if";
  EXPECT_TRUE(OfficialStatus("HH-000002").has_current()) << "its official history stays";
}

TEST_F(ClassificationTest, ApprovalExcludesNamedHouseholdsWithTheirReason) {
  ASSERT_TRUE(Open(2025, nullptr).ok());
  PublishSurvey(PoorSurvey("HH-000001", "SV-1"));
  PublishSurvey(PoorSurvey("HH-000002", "SV-2"));
  ASSERT_TRUE(WaitForSurveyed("R-2025", 2));
  ASSERT_TRUE(Meeting("R-2025", "HH-000001", 10, 9).ok());
  ASSERT_TRUE(Post("R-2025").ok());
  StartClassification("2025-10-06");
  v1::ApproveRoundResponse approved;
  const grpc::Status no_reason = Approve("R-2025", &approved, {Exclude("HH-000002", "")});
  EXPECT_EQ(no_reason.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(no_reason), ElementsAre("exclusions[0].reason"));
  ASSERT_TRUE(Approve("R-2025", &approved, {Exclude("HH-000002", "the household is moving away")}).ok());
  ASSERT_EQ(approved.approved_size(), 1);
  EXPECT_EQ(Progress("R-2025").progress().excluded(), 1);
  EXPECT_FALSE(OfficialStatus("HH-000002").has_current());
  // The approved proposal went to the official status; the excluded one stays with the round.
  redis::Connection redis = Redis();
  const redis::Reply kept = redis.Command({"HKEYS", "ansinh:{p0}:classification:round:R-2025:proposals"});
  ASSERT_EQ(kept.elements.size(), 1u);
  EXPECT_EQ(kept.elements[0].str, "HH-000002");
}

// Posting and approval read the round page by page (500 records), never
// whole: a round of several pages is posted page by page, one ResultsPosted
// each, and approved from a tally, with every household posted, approved and
// counted exactly once.
TEST_F(ClassificationTest, ARoundOfSeveralPagesIsPostedAndApprovedPageByPage) {
  constexpr int kHouseholds = 600;
  constexpr int kExcluded = 3;
  ASSERT_TRUE(Open(2025, nullptr).ok());
  // Held in two parts, as a group meeting lists at most 1,000 households.
  std::vector<v1::RecordGroupMeetingRequest> meetings(2);
  std::vector<std::string> ids;
  for (int i = 1; i <= kHouseholds; ++i) {
    char id[16];
    std::snprintf(id, sizeof(id), "HH-%06d", i);
    ids.emplace_back(id);
    PublishSurvey(i % 2 == 0 ? PoorSurvey(id, std::string("SV-") + id)
                             : NearPoorSurvey(id, std::string("SV-") + id));
    v1::GroupMeetingDecision* decision = meetings[i % 2].add_decisions();
    decision->set_household_id(id);
    decision->set_attendees(10);
    decision->set_agreed(9);
  }
  ASSERT_TRUE(WaitFor([&] { return Progress("R-2025").progress().surveyed() == kHouseholds; },
                      std::chrono::seconds(60)));
  for (v1::RecordGroupMeetingRequest& meeting : meetings) {
    meeting.set_round_id("R-2025");
    meeting.set_meeting_date("2025-10-01");
    meeting.set_minutes_reference("BB-TDP05-01");
    v1::RecordGroupMeetingResponse met;
    const grpc::Status group =
        stub_->RecordGroupMeeting(AuthorizedContext(tokens_.officer).get(), meeting, &met);
    ASSERT_TRUE(group.ok()) << group.error_message();
  }

  v1::PostResultsResponse posted;
  const grpc::Status post = Post("R-2025", &posted);
  ASSERT_TRUE(post.ok()) << post.error_message();
  EXPECT_THAT(
      std::vector<std::string>(posted.posted_household_ids().begin(), posted.posted_household_ids().end()),
      ::testing::ContainerEq(ids));
  const std::vector<v1::EventEnvelope> postings = ClassificationEvents("classification.results_posted.v1");
  EXPECT_GE(postings.size(), 2u) << "one ResultsPosted per page";
  std::multiset<std::string> in_events;
  for (const v1::EventEnvelope& envelope : postings) {
    v1::ResultsPosted event;
    ASSERT_TRUE(envelope.payload().UnpackTo(&event));
    EXPECT_EQ(event.complaint_window_closes(), posted.complaint_window_closes());
    in_events.insert(event.household_ids().begin(), event.household_ids().end());
  }
  EXPECT_EQ(in_events, std::multiset<std::string>(ids.begin(), ids.end())) << "each household posted once";
  EXPECT_EQ(Progress("R-2025").progress().posted(), kHouseholds);

  StartClassification("2025-10-06");
  std::vector<v1::Exclusion> exclusions;
  for (int i = 0; i < kExcluded; ++i) exclusions.push_back(Exclude(ids[i * 200], "moving away"));
  v1::ApproveRoundResponse approved;
  const grpc::Status approval = Approve("R-2025", &approved, exclusions);
  ASSERT_TRUE(approval.ok()) << approval.error_message();
  EXPECT_EQ(approved.approval().approved_household_ids_size(), kHouseholds - kExcluded);
  EXPECT_EQ(approved.approval().poor() + approved.approval().near_poor(), kHouseholds - kExcluded);
  EXPECT_EQ(approved.approved_size(), kHouseholds - kExcluded);
  const v1::RoundProgress progress = Progress("R-2025").progress();
  EXPECT_EQ(progress.approved(), kHouseholds - kExcluded);
  EXPECT_EQ(progress.excluded(), kExcluded);
  EXPECT_EQ(progress.posted(), 0);
  EXPECT_EQ(ClassificationEvents("classification.household_status_changed.v1").size(),
            static_cast<size_t>(kHouseholds - kExcluded));
}

TEST_F(ClassificationTest, WorkAnInterruptedCallLeftIsFinishedWithoutPublishingTwice) {
  ApproveSurveys({PoorSurvey("HH-000001", "SV-1"), NearPoorSurvey("HH-000002", "SV-2"),
                  AverageSurvey("HH-000003", "SV-3")});
  redis::Connection redis = Redis();

  // Put Redis back where a crash right after the approval's first
  // transaction leaves it: round approved, statuses of HH-000002 and
  // HH-000003 not written, their events not published, their proposed
  // results still with the round.
  std::string approved_envelope;
  std::vector<std::string> status_entries;
  for (const redis::Reply& item : redis.Command({"XRANGE", kClassificationStream, "-", "+"}).elements) {
    const events::StreamEntry entry = events::ParseEntryReply(item);
    std::string error;
    const std::optional<v1::EventEnvelope> envelope = events::DecodeEntry(entry, &error);
    ASSERT_TRUE(envelope.has_value()) << error;
    if (envelope->event_type() == "classification.round_approved.v1")
      approved_envelope = *entry.Field("envelope");
    if (envelope->event_type() == "classification.household_status_changed.v1" &&
        envelope->household_id() != "HH-000001") {
      status_entries.push_back(entry.id);
    }
  }
  ASSERT_FALSE(approved_envelope.empty());
  ASSERT_EQ(status_entries.size(), 2u);
  for (const std::string household : {"HH-000002", "HH-000003"}) {
    redis.Command({"HSET", "ansinh:{p0}:classification:round:R-2025:proposals", household,
                   proposed_at_meeting_.at(household).SerializeAsString()});
  }
  redis::Args forget{"XDEL", kClassificationStream};
  forget.insert(forget.end(), status_entries.begin(), status_entries.end());
  redis.Command(forget);
  for (const std::string household : {"HH-000002", "HH-000003"}) {
    redis.Command({"DEL", "ansinh:{p0}:classification:status:" + household});
    redis.Command({"HDEL", "ansinh:{p0}:classification:status-summaries", household});
    for (const redis::Reply& index :
         redis.Command({"KEYS", "ansinh:{p0}:classification:statuses:*"}).elements) {
      redis.Command({"ZREM", index.str, household});
    }
  }
  // And a round whose opening was cut short before an earlier survey joined it.
  v1::ReviewRound regular;
  ASSERT_TRUE(Open(2025, &regular, "HH-000007").ok());
  v1::Survey earlier = PoorSurvey("HH-000007", "SV-7");
  redis.Command(
      {"HSET", "ansinh:{p0}:classification:surveys:HH-000007", "2025", earlier.SerializeAsString()});
  redis.Command({"SADD", "ansinh:{p0}:classification:surveyed", "HH-000007"});
  const std::vector<v1::EventEnvelope> opened = ClassificationEvents("classification.review_round_opened.v1");
  ASSERT_EQ(opened.size(), 2u);
  redis.Command({"HSET", "ansinh:{p0}:classification:pending:backfill", regular.round_id(),
                 opened[1].SerializeAsString()});
  redis.Command({"SADD", "ansinh:{p0}:classification:round:R-2025:to-apply", "HH-000002", "HH-000003"});
  redis.Command({"HSET", "ansinh:{p0}:classification:pending:approval", "R-2025", approved_envelope});

  // Repeating the approval finishes it (racing the background finisher,
  // which runs every second here); the finisher pulls the survey in.
  v1::ApproveRoundResponse approved;
  const grpc::Status repeated = Approve("R-2025", &approved);
  ASSERT_TRUE(repeated.ok()) << repeated.error_message();
  ASSERT_EQ(approved.approved_size(), 3);
  EXPECT_EQ(approved.approved(1).transition(), v1::TRANSITION_NEWLY_NEAR_POOR);
  EXPECT_THAT(approved.approval().approved_household_ids(),
              ElementsAre("HH-000001", "HH-000002", "HH-000003"))
      << "the repeated call answers with the approval it finished";
  ASSERT_TRUE(WaitFor([&] { return Progress(regular.round_id()).progress().proposed() == 1; }));
  ASSERT_TRUE(WaitFor([&] {
    return redis.Command({"HLEN", "ansinh:{p0}:classification:pending:approval"}).AsInteger() == 0 &&
           redis.Command({"HLEN", "ansinh:{p0}:classification:pending:backfill"}).AsInteger() == 0;
  }));

  std::map<std::string, std::vector<uint64_t>> versions;
  for (const v1::EventEnvelope& event : ClassificationEvents("classification.household_status_changed.v1")) {
    versions[event.household_id()].push_back(event.aggregate_version());
    EXPECT_EQ(event.actor().name(), "Trần Văn Bình (ward officer)");
  }
  EXPECT_THAT(versions["HH-000001"], ElementsAre(1));
  EXPECT_THAT(versions["HH-000002"], ElementsAre(1));
  EXPECT_THAT(versions["HH-000003"], ElementsAre(1));
  EXPECT_EQ(OfficialStatus("HH-000002").current().result().category(), v1::POVERTY_CATEGORY_NEAR_POOR);
  v1::ListHouseholdStatusesRequest list;
  v1::ListHouseholdStatusesResponse listed;
  ASSERT_TRUE(stub_->ListHouseholdStatuses(AuthorizedContext(tokens_.auditor).get(), list, &listed).ok());
  EXPECT_EQ(listed.households_size(), 3);
  const std::vector<v1::EventEnvelope> pulled_in =
      ClassificationEvents("classification.survey_classified.v1");
  ASSERT_FALSE(pulled_in.empty());
  EXPECT_EQ(pulled_in.back().household_id(), "HH-000007");
  EXPECT_EQ(pulled_in.back().causation_id(), opened[1].event_id());
}

// Steps are entered after they happened on paper, so they carry their own
// dates; a date still to come is refused, naming the field.
TEST_F(ClassificationTest, AStepDatedAfterTodayIsRefusedNamingTheField) {
  v1::OpenRoundRequest open;
  open.set_review_year(2025);
  open.set_kind(v1::REVIEW_KIND_PERIODIC);
  v1::OpenRoundResponse opened;
  const struct {
    std::string opened_on;
    std::string why;
  } refused[] = {{"2025-10-02", "must not be after today (2025-10-01)"},
                 {"2025-13-01", "must be an ISO date (YYYY-MM-DD)"},
                 {"1 Oct 2025", "must be an ISO date (YYYY-MM-DD)"}};
  for (const auto& row : refused) {
    open.set_opened_on(row.opened_on);
    const grpc::Status status = stub_->OpenRound(AuthorizedContext(tokens_.officer).get(), open, &opened);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << row.opened_on;
    EXPECT_THAT(ViolatedFields(status), ElementsAre("opened_on")) << row.opened_on;
    EXPECT_THAT(status.error_message(), HasSubstr("opened_on: " + row.why)) << row.opened_on;
  }
  EXPECT_TRUE(ClassificationEvents().empty()) << "a refused opening opens nothing";

  open.set_opened_on("2025-09-15");
  ASSERT_TRUE(stub_->OpenRound(AuthorizedContext(tokens_.officer).get(), open, &opened).ok());
  EXPECT_EQ(opened.round().opened_date(), "2025-09-15");
  PublishSurvey(PoorSurvey("HH-000001", "SV-1"));
  ASSERT_TRUE(WaitForSurveyed("R-2025", 1));
  ASSERT_TRUE(Meeting("R-2025", "HH-000001", 10, 9).ok());

  v1::PostResultsRequest post;
  post.set_round_id("R-2025");
  post.set_posted_on("2025-10-02");
  v1::PostResultsResponse posted;
  const grpc::Status future_post =
      stub_->PostResults(AuthorizedContext(tokens_.officer).get(), post, &posted);
  EXPECT_EQ(future_post.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(future_post), ElementsAre("posted_on"));
  EXPECT_EQ(Progress("R-2025").progress().posted(), 0);
}

TEST_F(ClassificationTest, APostingBeforeTheRoundOpenedIsRefusedSayingWhy) {
  v1::OpenRoundRequest open;
  open.set_review_year(2025);
  open.set_kind(v1::REVIEW_KIND_PERIODIC);
  open.set_opened_on("2025-09-22");
  v1::OpenRoundResponse opened;
  ASSERT_TRUE(stub_->OpenRound(AuthorizedContext(tokens_.officer).get(), open, &opened).ok());
  PublishSurvey(PoorSurvey("HH-000001", "SV-1"));
  ASSERT_TRUE(WaitForSurveyed("R-2025", 1));
  ASSERT_TRUE(Meeting("R-2025", "HH-000001", 10, 9).ok());

  v1::PostResultsRequest post;
  post.set_round_id("R-2025");
  post.set_posted_on("2025-09-21");
  v1::PostResultsResponse posted;
  const grpc::Status early = stub_->PostResults(AuthorizedContext(tokens_.officer).get(), post, &posted);
  EXPECT_EQ(early.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(early.error_message(), HasSubstr("cannot be posted on 2025-09-21: it opened on 2025-09-22"));
  EXPECT_EQ(Progress("R-2025").progress().posted(), 0);

  // Posted on the opening day itself: the window counts from that Monday.
  post.set_posted_on("2025-09-22");
  ASSERT_TRUE(stub_->PostResults(AuthorizedContext(tokens_.officer).get(), post, &posted).ok());
  EXPECT_EQ(posted.round().last_posted_date(), "2025-09-22");
  EXPECT_EQ(posted.complaint_window_closes(), "2025-09-24");
}

// The service's real calendar (no --today-override): a round whose steps
// happened long ago is approved by a decision of long ago, entered today.
TEST_F(ClassificationTest, ARoundOpenedAndPostedInThePastIsApprovedToday) {
  StartClassification("");
  v1::OpenRoundRequest open;
  open.set_review_year(2025);
  open.set_kind(v1::REVIEW_KIND_PERIODIC);
  open.set_opened_on("2025-11-03");
  v1::OpenRoundResponse opened;
  ASSERT_TRUE(stub_->OpenRound(AuthorizedContext(tokens_.officer).get(), open, &opened).ok());
  EXPECT_EQ(opened.round().opened_date(), "2025-11-03");
  PublishSurvey(PoorSurvey("HH-000001", "SV-1"));
  ASSERT_TRUE(WaitForSurveyed("R-2025", 1));

  v1::RecordMeetingRequest meeting;
  meeting.set_round_id("R-2025");
  meeting.set_household_id("HH-000001");
  meeting.set_meeting_date("2025-11-10");
  meeting.set_attendees(20);
  meeting.set_agreed(17);
  meeting.set_minutes_reference("BB-TDP-05-2025");
  v1::RecordMeetingResponse met;
  ASSERT_TRUE(stub_->RecordMeeting(AuthorizedContext(tokens_.officer).get(), meeting, &met).ok());

  v1::PostResultsRequest post;
  post.set_round_id("R-2025");
  post.set_posted_on("2025-11-17");
  v1::PostResultsResponse posted;
  ASSERT_TRUE(stub_->PostResults(AuthorizedContext(tokens_.officer).get(), post, &posted).ok());
  EXPECT_EQ(posted.round().last_posted_date(), "2025-11-17");
  EXPECT_EQ(posted.complaint_window_closes(), "2025-11-19") << "3 working days from Monday 17 November";

  v1::ApproveRoundResponse approved;
  const grpc::Status approval = Approve("R-2025", &approved, {}, "", "2025-11-24");
  ASSERT_TRUE(approval.ok()) << approval.error_message();
  EXPECT_EQ(approved.round().status(), v1::ROUND_STATUS_APPROVED);
  EXPECT_EQ(approved.round().approved_date(), "2025-11-24") << "dated by the decision";
  EXPECT_GT(approved.round().approval_entered_date(), "2025-11-24") << "entered on the real today";
  ASSERT_EQ(approved.approved_size(), 1);
  EXPECT_EQ(approved.approved(0).result().category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_EQ(approved.approved(0).approved_date(), approved.round().approved_date());
}

TEST(ClassificationStartupTest, RefusesToStartWhenAStandardDoesNotValidate) {
  TempDir dir;
  const std::string standards = dir.path() + "/standards";
  std::filesystem::create_directories(standards);
  std::ofstream(standards + "/broken.textproto") << "id: \"broken\"\nversion: 1\nfirst_list_year: 2030\n";
  TestTokens tokens;
  const std::string log = dir.path() + "/classification.log";
  // `timeout` bounds the wait should the service start after all (exit 124).
  const std::string command = "timeout 10 " + std::string(ANSINH_BIN_DIR) +
                              "/ansinh-classification --listen 127.0.0.1:0 --tokens-file " +
                              tokens.WriteFile(dir.path()) + " --standards-dir " + standards + " >" + log +
                              " 2>&1";
  const int status = std::system(command.c_str());

  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 2);
  std::ifstream in(log);
  const std::string output((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_THAT(output, HasSubstr("classification cannot start"));
  EXPECT_THAT(output, HasSubstr("broken.textproto"));
}

TEST(ClassificationStartupTest, RefusesToStartWhenTheRetirementAgesDoNotValidate) {
  // The repository's standards with a schedule whose women's steps never
  // reach their ceiling (55 years 4 months plus steps of 3 months).
  TempDir dir;
  const std::filesystem::path standards = dir.path() + "/standards";
  std::filesystem::copy(std::string(ANSINH_SOURCE_DIR) + "/services/classification/standards", standards);
  std::ifstream schedule_in(standards / "retirement-ages.textproto");
  std::string schedule((std::istreambuf_iterator<char>(schedule_in)), std::istreambuf_iterator<char>());
  const std::string step = "yearly_step_months: 4";
  ASSERT_NE(schedule.find(step), std::string::npos);
  schedule.replace(schedule.find(step), step.size(), "yearly_step_months: 3");
  std::ofstream(standards / "retirement-ages.textproto") << schedule;
  TestTokens tokens;
  const std::string log = dir.path() + "/classification.log";
  const std::string command = "timeout 10 " + std::string(ANSINH_BIN_DIR) +
                              "/ansinh-classification --listen 127.0.0.1:0 --tokens-file " +
                              tokens.WriteFile(dir.path()) + " --standards-dir " + standards.string() + " >" +
                              log + " 2>&1";
  const int status = std::system(command.c_str());

  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 2);
  std::ifstream in(log);
  const std::string output((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_THAT(output, HasSubstr("classification cannot start"));
  EXPECT_THAT(output, HasSubstr("retirement-ages.textproto: invalid retirement ages: ages[1].ceiling must be "
                                "reached from first_step in whole yearly steps of 3 months"));
}

}  // namespace
}  // namespace ansinh::classification::testkit
