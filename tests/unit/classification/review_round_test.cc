// The review procedure (docs/domain.md §4) as a state machine: a full happy path,
// then every refused step.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

#include "classification/core/official_status.h"
#include "classification/core/review_round.h"
#include "classification/core/round_approval.h"
#include "classification/core/round_posting.h"
#include "classification/core/round_progress.h"
#include "survey_builder.h"

namespace ansinh::classification {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testkit::Approval;
using testkit::DepriveDwelling;
using testkit::Excluded;
using testkit::Meeting;
using testkit::NonDeprivedSurvey;
using testkit::RealCatalog;

CivilDate D(const char* text) { return *ParseIsoDate(text); }

OpenRoundInput Periodic(const std::string& round_id, int year, const std::string& opened_date) {
  OpenRoundInput input;
  input.round_id = round_id;
  input.review_year = year;
  input.kind = v1::REVIEW_KIND_PERIODIC;
  input.opened_by = "Lê Thị Thu";
  input.opened_date = opened_date;
  return input;
}

OpenRoundInput Regular(const std::string& round_id, const std::string& household_id,
                       const std::string& opened_date) {
  OpenRoundInput input = Periodic(round_id, 2025, opened_date);
  input.kind = v1::REVIEW_KIND_REGULAR;
  input.household_id = household_id;
  return input;
}

ComplaintInput Complaint(const std::string& date, const std::string& complainant = "Nguyễn Văn Tám") {
  ComplaintInput input;
  input.received_date = date;
  input.complainant = complainant;
  input.content = "the household's income is understated";
  input.recorded_by = "Lê Thị Thu";
  return input;
}

// A rural survey at the poverty line: POOR with 3 deprivations, NEAR_POOR
// without.
v1::Survey SurveyOf(const std::string& household_id, const std::string& survey_id, bool poor) {
  v1::Survey survey = NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 1500000);
  survey.set_household_id(household_id);
  survey.set_survey_id(survey_id);
  DepriveDwelling(survey, poor ? 3 : 0);
  return survey;
}

v1::RoundHousehold Met(const v1::ReviewRound& round, const v1::RoundHousehold& household, int attendees,
                       int agreed, const char* date = "2025-10-20") {
  Result<v1::RoundHousehold> met = RecordMeeting(round, household, Meeting(date, attendees, agreed));
  EXPECT_TRUE(met.ok()) << met.error().message;
  return met.ok() ? *met : household;
}

// Posts the round and returns the posted households.
std::vector<v1::RoundHousehold> Post(const v1::ReviewRound& round, const std::vector<v1::RoundHousehold>& all,
                                     const char* date) {
  Result<PostingOutcome> posting = PostResults(round, all, date, {});
  EXPECT_TRUE(posting.ok()) << posting.error().message;
  return posting.ok() ? posting->posted : std::vector<v1::RoundHousehold>();
}

TEST(ReviewRoundTest, FullHappyPath) {
  const v1::ReviewRound round = testkit::OpenPeriodicRound();
  EXPECT_EQ(round.status(), v1::ROUND_STATUS_OPEN);
  EXPECT_EQ(round.standard_id(), "decree-07-2021");

  v1::RoundHousehold hh1 = testkit::ProposedHousehold(round, "HH-1", /*poor=*/true);
  v1::RoundHousehold hh2 = testkit::ProposedHousehold(round, "HH-2", /*poor=*/false);
  EXPECT_EQ(hh1.state(), v1::HOUSEHOLD_REVIEW_STATE_PROPOSED);
  EXPECT_EQ(hh1.proposed().category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_EQ(hh1.survey_count(), 1);
  v1::RoundProgress progress = ComputeProgress(round, std::vector{hh1, hh2}, D("2025-10-01"));
  EXPECT_EQ(progress.surveyed(), 2);
  EXPECT_EQ(progress.proposed(), 2);

  // Exactly 50% agreeing is enough.
  hh1 = Met(round, hh1, 20, 10);
  hh2 = Met(round, hh2, 20, 15);
  EXPECT_EQ(hh1.state(), v1::HOUSEHOLD_REVIEW_STATE_MEETING_AGREED);
  EXPECT_TRUE(hh1.meetings(0).passed());
  EXPECT_EQ(hh1.meetings(0).survey_id(), "SV-HH-1");

  // Posted on Monday 3 November: complaints until Wednesday 5 November.
  std::vector<v1::RoundHousehold> posted = Post(round, {hh1, hh2}, "2025-11-03");
  ASSERT_EQ(posted.size(), 2u);
  hh1 = posted[0];
  hh2 = posted[1];
  EXPECT_EQ(hh1.state(), v1::HOUSEHOLD_REVIEW_STATE_POSTED);
  EXPECT_EQ(hh1.complaint_window_closes(), "2025-11-05");

  Result<v1::RoundHousehold> complained = FileComplaint(round, hh2, Complaint("2025-11-05"));
  ASSERT_TRUE(complained.ok()) << complained.error().message;
  hh2 = *complained;
  EXPECT_EQ(hh2.state(), v1::HOUSEHOLD_REVIEW_STATE_COMPLAINED);

  Result<ApprovalOutcome> early = ApproveRound(round, std::vector{hh1, hh2}, Approval("2025-11-06"));
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(early.error().message, HasSubstr("HH-2 (complaint under re-check, needs a new survey)"));

  // The re-check: a new survey, a new meeting, posted again.
  v1::Survey recheck = SurveyOf("HH-2", "SV-HH-2-recheck", /*poor=*/false);
  Result<v1::RoundHousehold> resurveyed = RecordSurvey(round, &hh2, recheck, RealCatalog());
  ASSERT_TRUE(resurveyed.ok()) << resurveyed.error().message;
  hh2 = *resurveyed;
  EXPECT_EQ(hh2.state(), v1::HOUSEHOLD_REVIEW_STATE_PROPOSED);
  EXPECT_EQ(hh2.survey_count(), 2);
  EXPECT_EQ(hh2.complaints_size(), 1);
  hh2 = Met(round, hh2, 12, 9, "2025-11-07");
  posted = Post(round, {hh1, hh2}, "2025-11-10");
  ASSERT_EQ(posted.size(), 1u);
  hh2 = posted[0];
  EXPECT_EQ(hh2.complaint_window_closes(), "2025-11-12");

  progress = ComputeProgress(round, std::vector{hh1, hh2}, D("2025-11-12"));
  EXPECT_EQ(progress.posted(), 2);
  EXPECT_EQ(progress.ready_for_approval(), 1);
  Result<ApprovalOutcome> window_open = ApproveRound(round, std::vector{hh1, hh2}, Approval("2025-11-12"));
  ASSERT_FALSE(window_open.ok());
  EXPECT_THAT(window_open.error().message, HasSubstr("HH-2 (complaint window open until 2025-11-12)"));
  ASSERT_EQ(window_open.error().violations.size(), 1u);
  EXPECT_EQ(window_open.error().violations[0].field, "HH-2");

  Result<ApprovalOutcome> approval = ApproveRound(round, std::vector{hh2, hh1}, Approval("2025-11-13"));
  ASSERT_TRUE(approval.ok()) << approval.error().message;
  EXPECT_EQ(approval->round.status(), v1::ROUND_STATUS_APPROVED);
  EXPECT_EQ(approval->round.approved_date(), "2025-11-13");
  ASSERT_EQ(approval->approved.size(), 2u);
  EXPECT_EQ(approval->approved[0].household_id(), "HH-1");
  EXPECT_EQ(approval->approved[0].result().category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_EQ(approval->approved[1].result().survey_id(), "SV-HH-2-recheck");
  for (const v1::RoundHousehold& household : approval->households) {
    EXPECT_EQ(household.state(), v1::HOUSEHOLD_REVIEW_STATE_APPROVED);
  }
  EXPECT_THAT(approval->event.approved_household_ids(), ElementsAre("HH-1", "HH-2"));
  EXPECT_EQ(approval->event.poor(), 1);
  EXPECT_EQ(approval->event.near_poor(), 1);

  progress = ComputeProgress(approval->round, approval->households, D("2025-11-13"));
  EXPECT_EQ(progress.approved(), 2);

  Result<StatusChange> change = ApplyApproval(v1::OfficialStatus(), approval->approved[0]);
  ASSERT_TRUE(change.ok()) << change.error().message;
  EXPECT_EQ(change->event.transition(), v1::TRANSITION_NEWLY_POOR);
  EXPECT_EQ(change->event.round_id(), "R-2025");
}

TEST(ReviewRoundTest, MeetingInputIsValidated) {
  const v1::ReviewRound round = testkit::OpenPeriodicRound();
  const v1::RoundHousehold household = testkit::ProposedHousehold(round, "HH-1");
  struct Case {
    MeetingInput input;
    std::vector<std::string> fields;
  };
  const std::vector<Case> cases = {
      {Meeting("2025-10-20", 0, -1), {"attendees", "agreed"}},
      {Meeting("2025-10-20", 10, 11), {"agreed"}},
      {Meeting("20/10/2025", 10, 5), {"meeting_date"}},
      {Meeting("2025-08-31", 10, 5), {"meeting_date"}},
  };
  for (const Case& c : cases) {
    Result<v1::RoundHousehold> result = RecordMeeting(round, household, c.input);

    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
    std::vector<std::string> fields;
    for (const FieldViolation& violation : result.error().violations) {
      fields.push_back(violation.field);
    }
    EXPECT_EQ(fields, c.fields) << result.error().message;
  }
}

TEST(ReviewRoundTest, MeetingUnderHalfSendsBackForANewSurvey) {
  const v1::ReviewRound round = testkit::OpenPeriodicRound();
  const v1::RoundHousehold sent_back = Met(round, testkit::ProposedHousehold(round, "HH-12"), 9, 4);
  EXPECT_EQ(sent_back.state(), v1::HOUSEHOLD_REVIEW_STATE_SENT_BACK);
  EXPECT_FALSE(sent_back.meetings(0).passed());

  Result<v1::RoundHousehold> again = RecordMeeting(round, sent_back, Meeting("2025-10-21", 9, 9));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(again.error().message,
            "household HH-12 was sent back by the meeting of 2025-10-20; it "
            "needs a new survey before another meeting");

  Result<v1::RoundHousehold> resurveyed =
      RecordSurvey(round, &sent_back, SurveyOf("HH-12", "SV-12-b", true), RealCatalog());
  ASSERT_TRUE(resurveyed.ok()) << resurveyed.error().message;
  EXPECT_EQ(resurveyed->state(), v1::HOUSEHOLD_REVIEW_STATE_PROPOSED);
}

TEST(ReviewRoundTest, RefusesASecondMeetingAfterAgreement) {
  const v1::ReviewRound round = testkit::OpenPeriodicRound();
  const v1::RoundHousehold agreed = Met(round, testkit::ProposedHousehold(round, "HH-12"), 10, 8);

  Result<v1::RoundHousehold> again = RecordMeeting(round, agreed, Meeting("2025-10-22", 10, 8));

  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().message,
            "household HH-12 was already agreed at the meeting of 2025-10-20; "
            "another meeting needs a new survey");
}

TEST(ReviewRoundTest, RefusesPostingWithoutAnAgreedHousehold) {
  const v1::ReviewRound round = testkit::OpenPeriodicRound();
  const v1::RoundHousehold proposed = testkit::ProposedHousehold(round, "HH-12");

  Result<PostingOutcome> posting = PostResults(round, std::vector{proposed}, "2025-11-03", {});

  ASSERT_FALSE(posting.ok());
  EXPECT_EQ(posting.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(posting.error().message,
            "round R-2025 has no household agreed at a meeting to post (1 "
            "awaiting their meeting)");
}

TEST(ReviewRoundTest, ComplaintWindowIsConfigurable) {
  const v1::ReviewRound round = testkit::OpenPeriodicRound();
  const v1::RoundHousehold agreed = Met(round, testkit::ProposedHousehold(round, "HH-1"), 10, 8);
  PostingPolicy policy;
  policy.complaint_window_working_days = 5;

  Result<PostingOutcome> posting = PostResults(round, std::vector{agreed}, "2025-11-03", policy);

  ASSERT_TRUE(posting.ok()) << posting.error().message;
  EXPECT_EQ(posting->event.complaint_window_closes(), "2025-11-07");
  EXPECT_EQ(posting->round.last_posted_date(), "2025-11-03");
  EXPECT_THAT(posting->event.household_ids(), ElementsAre("HH-1"));
}

TEST(ReviewRoundTest, RefusesComplaintsOutsideThePosting) {
  const v1::ReviewRound round = testkit::OpenPeriodicRound();
  const v1::RoundHousehold proposed = testkit::ProposedHousehold(round, "HH-12");
  const v1::RoundHousehold posted = Post(round, {Met(round, proposed, 10, 8)}, "2025-11-03").at(0);

  Result<v1::RoundHousehold> before = FileComplaint(round, proposed, Complaint("2025-10-25"));
  Result<v1::RoundHousehold> late = FileComplaint(round, posted, Complaint("2025-11-06"));
  Result<v1::RoundHousehold> anonymous =
      FileComplaint(round, posted, Complaint("2025-11-04", /*complainant=*/""));

  ASSERT_FALSE(before.ok());
  EXPECT_EQ(before.error().message,
            "household HH-12 is awaiting its meeting; complaints are taken "
            "while its result is posted");
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(late.error().message, "the complaint window for household HH-12 closed on 2025-11-05");
  ASSERT_FALSE(anonymous.ok());
  EXPECT_EQ(anonymous.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(anonymous.error().violations.size(), 1u);
  EXPECT_EQ(anonymous.error().violations[0].field, "complainant");
}

TEST(ReviewRoundTest, RefusesANewSurveyOncePosted) {
  const v1::ReviewRound round = testkit::OpenPeriodicRound();
  const v1::RoundHousehold posted =
      Post(round, {Met(round, testkit::ProposedHousehold(round, "HH-12"), 10, 8)}, "2025-11-03").at(0);

  Result<v1::RoundHousehold> resurveyed =
      RecordSurvey(round, &posted, SurveyOf("HH-12", "SV-12-b", true), RealCatalog());

  ASSERT_FALSE(resurveyed.ok());
  EXPECT_EQ(resurveyed.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(resurveyed.error().message, HasSubstr("household HH-12 is posted; its result changes only "
                                                    "through a complaint"));
}

TEST(ReviewRoundTest, RefusesSurveysThatDoNotBelongToTheRound) {
  const v1::ReviewRound round = testkit::OpenPeriodicRound();
  v1::Survey last_year = SurveyOf("HH-1", "SV-1", true);
  last_year.set_review_year(2024);
  const v1::RoundHousehold proposed = testkit::ProposedHousehold(round, "HH-1");

  Result<v1::RoundHousehold> wrong_year = RecordSurvey(round, nullptr, last_year, RealCatalog());
  Result<v1::RoundHousehold> replayed =
      RecordSurvey(round, &proposed, SurveyOf("HH-1", "SV-HH-1", true), RealCatalog());

  ASSERT_FALSE(wrong_year.ok());
  EXPECT_EQ(wrong_year.error().message, "survey SV-1 is for review year 2024, round R-2025 is for 2025");
  ASSERT_FALSE(replayed.ok());
  EXPECT_EQ(replayed.error().code, ErrorCode::kAlreadyExists);
}

TEST(ReviewRoundTest, RecordsASurveyTheStandardCannotClassifyWithWhatToCorrect) {
  const v1::ReviewRound round = testkit::OpenPeriodicRound();
  v1::Survey incomplete = SurveyOf("HH-1", "SV-1", true);
  incomplete.set_latrine(v1::LATRINE_TYPE_UNSPECIFIED);

  Result<v1::RoundHousehold> result = RecordSurvey(round, nullptr, incomplete, RealCatalog());

  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->state(), v1::HOUSEHOLD_REVIEW_STATE_UNCLASSIFIABLE);
  EXPECT_EQ(result->survey_count(), 1);
  EXPECT_EQ(result->unclassifiable_survey_id(), "SV-1");
  EXPECT_FALSE(result->has_proposed());
  ASSERT_EQ(result->survey_problems_size(), 1);
  EXPECT_EQ(result->survey_problems(0).field(), "latrine");
  EXPECT_THAT(result->unclassifiable_reason(), HasSubstr("latrine is needed for the latrine indicator"));

  const v1::RoundProgress progress = ComputeProgress(round, std::vector{*result}, D("2025-10-02"));
  EXPECT_EQ(progress.surveyed(), 1);
  EXPECT_EQ(progress.unclassifiable(), 1);
  ASSERT_EQ(progress.unclassifiable_households_size(), 1);
  EXPECT_EQ(progress.unclassifiable_households(0).household_id(), "HH-1");
  EXPECT_EQ(progress.unclassifiable_households(0).message(), result->unclassifiable_reason());
}

TEST(ReviewRoundTest, AnUnclassifiableHouseholdWaitsForACorrectedSurvey) {
  const v1::ReviewRound round = testkit::OpenPeriodicRound();
  const v1::RoundHousehold proposed = testkit::ProposedHousehold(round, "HH-1");
  v1::Survey incomplete = SurveyOf("HH-1", "SV-2", true);
  incomplete.mutable_members(0)->set_sex(v1::SEX_UNSPECIFIED);
  Result<v1::RoundHousehold> unclassifiable = RecordSurvey(round, &proposed, incomplete, RealCatalog());
  ASSERT_TRUE(unclassifiable.ok()) << unclassifiable.error().message;
  EXPECT_EQ(unclassifiable->state(), v1::HOUSEHOLD_REVIEW_STATE_UNCLASSIFIABLE);
  // The earlier proposal stays for reference.
  EXPECT_EQ(unclassifiable->proposed().survey_id(), "SV-HH-1");
  EXPECT_EQ(unclassifiable->survey_problems(0).field(), "members[0].sex");

  Result<v1::RoundHousehold> replayed = RecordSurvey(round, &*unclassifiable, incomplete, RealCatalog());
  Result<v1::RoundHousehold> meeting = RecordMeeting(round, *unclassifiable, Meeting("2025-10-20", 10, 10));
  Result<ApprovalOutcome> approval =
      ApproveRound(round, std::vector{*unclassifiable}, Approval("2025-12-01"));
  Result<v1::RoundHousehold> corrected =
      RecordSurvey(round, &*unclassifiable, SurveyOf("HH-1", "SV-3", false), RealCatalog());

  ASSERT_FALSE(replayed.ok());
  EXPECT_EQ(replayed.error().code, ErrorCode::kAlreadyExists);
  ASSERT_FALSE(meeting.ok());
  EXPECT_EQ(meeting.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(meeting.error().message, HasSubstr("record a corrected survey first"));
  ASSERT_FALSE(approval.ok());
  EXPECT_THAT(approval.error().message, HasSubstr("HH-1 (not classifiable from its latest survey"));
  ASSERT_TRUE(corrected.ok()) << corrected.error().message;
  EXPECT_EQ(corrected->state(), v1::HOUSEHOLD_REVIEW_STATE_PROPOSED);
  EXPECT_EQ(corrected->proposed().survey_id(), "SV-3");
  EXPECT_EQ(corrected->survey_count(), 3);
  EXPECT_TRUE(corrected->unclassifiable_survey_id().empty());
  EXPECT_EQ(corrected->survey_problems_size(), 0);
}

TEST(ReviewRoundTest, NoStandardForTheYearIsARefusalNotAnUnclassifiableSurvey) {
  const v1::ReviewRound round = testkit::OpenPeriodicRound();
  v1::ReviewRound future = round;
  future.set_review_year(2040);
  future.set_list_year(2041);
  v1::Survey survey = SurveyOf("HH-1", "SV-1", true);
  survey.set_review_year(2040);

  Result<v1::RoundHousehold> result = RecordSurvey(future, nullptr, survey, RealCatalog());

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(result.error().violations.empty());
}

TEST(ReviewRoundTest, RegularReviewIsForOneHouseholdWithin15Days) {
  Result<v1::ReviewRound> round = OpenRound(Regular("R-REG-1", "HH-7", "2025-03-10"), RealCatalog(), {});
  ASSERT_TRUE(round.ok()) << round.error().message;
  EXPECT_EQ(round->deadline_date(), "2025-03-25");

  Result<v1::RoundHousehold> other =
      RecordSurvey(*round, nullptr, SurveyOf("HH-8", "SV-8", true), RealCatalog());
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().message, "round R-REG-1 is the regular review of household HH-7, not of HH-8");

  const v1::RoundProgress on_time = ComputeProgress(*round, {}, D("2025-03-25"));
  const v1::RoundProgress late = ComputeProgress(*round, {}, D("2025-03-26"));
  EXPECT_FALSE(on_time.overdue());
  EXPECT_TRUE(late.overdue());

  Result<v1::ReviewRound> second =
      OpenRound(Regular("R-REG-2", "HH-7", "2025-03-11"), RealCatalog(), std::vector{*round});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().message, "household HH-7 already has an open regular review, round R-REG-1");
}

TEST(ReviewRoundTest, OpenRoundRefusals) {
  const v1::ReviewRound existing = testkit::OpenPeriodicRound();
  const std::vector<v1::ReviewRound> rounds = {existing};

  Result<v1::ReviewRound> second_periodic =
      OpenRound(Periodic("R-2025-b", 2025, "2025-09-02"), RealCatalog(), rounds);
  Result<v1::ReviewRound> same_id = OpenRound(Periodic("R-2025", 2026, "2026-09-01"), RealCatalog(), rounds);
  // Adapters derive a periodic round's id from its year: the refusal says
  // why rather than reporting the id clash.
  Result<v1::ReviewRound> same_year_same_id =
      OpenRound(Periodic("R-2025", 2025, "2025-09-05"), RealCatalog(), rounds);
  Result<v1::ReviewRound> no_standard =
      OpenRound(Periodic("R-2040", 2040, "2040-09-01"), RealCatalog(), rounds);
  Result<v1::ReviewRound> regular_without_household =
      OpenRound(Regular("R-REG", "", "2025-03-01"), RealCatalog(), rounds);

  ASSERT_FALSE(second_periodic.ok());
  EXPECT_EQ(second_periodic.error().message, "the periodic review of 2025 already has round R-2025 (open)");
  ASSERT_FALSE(same_id.ok());
  EXPECT_EQ(same_id.error().code, ErrorCode::kAlreadyExists);
  ASSERT_FALSE(same_year_same_id.ok());
  EXPECT_EQ(same_year_same_id.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(same_year_same_id.error().message, "the periodic review of 2025 already has round R-2025 (open)");
  ASSERT_FALSE(no_standard.ok());
  EXPECT_EQ(no_standard.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(no_standard.error().message,
              HasSubstr("no loaded standard covers list year 2041, which a review held in 2040 decides"));
  ASSERT_FALSE(regular_without_household.ok());
  EXPECT_EQ(regular_without_household.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(regular_without_household.error().violations.size(), 1u);
  EXPECT_EQ(regular_without_household.error().violations[0].field, "household_id");
}

TEST(ReviewRoundTest, ApprovalExcludesNamedHouseholdsOnly) {
  const v1::ReviewRound round = testkit::OpenPeriodicRound();
  const v1::RoundHousehold ready =
      Post(round, {Met(round, testkit::ProposedHousehold(round, "HH-1"), 10, 8)}, "2025-11-03").at(0);
  const v1::RoundHousehold sent_back = Met(round, testkit::ProposedHousehold(round, "HH-12"), 10, 2);
  const std::vector<v1::RoundHousehold> households = {ready, sent_back};

  Result<ApprovalOutcome> refused = ApproveRound(round, households, Approval("2025-11-10"));
  Result<ApprovalOutcome> unknown =
      ApproveRound(round, households, Approval("2025-11-10", {Excluded("HH-99", "")}));
  Result<ApprovalOutcome> approved =
      ApproveRound(round, households,
                   Approval("2025-11-10", {Excluded("HH-12", "household moved out during the review")}));

  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message,
            "round R-2025 cannot be approved: 1 household is not ready: HH-12 "
            "(sent back by the meeting, needs a new survey); finish their "
            "steps or exclude them explicitly");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const FieldViolation& violation : unknown.error().violations) {
    fields.push_back(violation.field);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"exclusions[0].household_id", "exclusions[0].reason"}));
  ASSERT_TRUE(approved.ok()) << approved.error().message;
  ASSERT_EQ(approved->approved.size(), 1u);
  EXPECT_EQ(approved->approved[0].household_id(), "HH-1");
  EXPECT_EQ(approved->households[1].state(), v1::HOUSEHOLD_REVIEW_STATE_EXCLUDED);
  EXPECT_EQ(approved->households[1].exclusion_reason(), "household moved out during the review");
  EXPECT_EQ(approved->event.exclusions_size(), 1);
}

TEST(ReviewRoundTest, NothingIsAcceptedAfterApproval) {
  const v1::ReviewRound round = testkit::OpenPeriodicRound();
  const v1::RoundHousehold posted =
      Post(round, {Met(round, testkit::ProposedHousehold(round, "HH-1"), 10, 8)}, "2025-11-03").at(0);
  Result<ApprovalOutcome> approval = ApproveRound(round, std::vector{posted}, Approval("2025-11-10"));
  ASSERT_TRUE(approval.ok()) << approval.error().message;

  Result<ApprovalOutcome> twice = ApproveRound(approval->round, approval->households, Approval("2025-11-11"));
  Result<v1::RoundHousehold> survey =
      RecordSurvey(approval->round, nullptr, SurveyOf("HH-2", "SV-2", true), RealCatalog());

  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().message, "round R-2025 was approved on 2025-11-10 and accepts no more steps");
  ASSERT_FALSE(survey.ok());
  EXPECT_EQ(survey.error().code, ErrorCode::kFailedPrecondition);
}

TEST(ReviewRoundTest, ApprovedResultOfRebuildsWhatApprovalListed) {
  const v1::ReviewRound round = testkit::OpenPeriodicRound();
  const v1::RoundHousehold posted =
      Post(round, {Met(round, testkit::ProposedHousehold(round, "HH-1"), 10, 8)}, "2025-11-03").at(0);
  Result<ApprovalOutcome> approval = ApproveRound(round, std::vector{posted}, Approval("2025-11-10"));
  ASSERT_TRUE(approval.ok()) << approval.error().message;

  const v1::ApprovedResult rebuilt = ApprovedResultOf(approval->round, approval->households.at(0));

  EXPECT_EQ(rebuilt.SerializeAsString(), approval->approved.at(0).SerializeAsString());
  EXPECT_EQ(rebuilt.approved_by(), "Chủ tịch UBND");
  EXPECT_EQ(rebuilt.approved_date(), "2025-11-10");
  EXPECT_EQ(rebuilt.result().survey_id(), "SV-HH-1");
}

TEST(ReviewRoundTest, RefusesApprovingAnEmptyRound) {
  const v1::ReviewRound round = testkit::OpenPeriodicRound();

  Result<ApprovalOutcome> approval = ApproveRound(round, {}, Approval("2025-12-01"));

  ASSERT_FALSE(approval.ok());
  EXPECT_EQ(approval.error().message, "round R-2025 has no surveyed household to approve");
}

}  // namespace
}  // namespace ansinh::classification
