// Step 1 of the review (docs/domain.md §4): the round's list, its window and
// the chairman's decision. The list is drawn up at opening from the official
// statuses, grows by applications and officers' additions, and approval is
// refused while a listed household has neither a result nor a recorded
// decision, or when it would leave much of the list without a new result.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

#include "classification/core/official_status.h"
#include "classification/core/review_round.h"
#include "classification/core/review_window.h"
#include "classification/core/round_approval.h"
#include "classification/core/round_list.h"
#include "classification/core/round_posting.h"
#include "classification/core/round_progress.h"
#include "survey_builder.h"

namespace ansinh::classification {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testkit::DepriveDwelling;
using testkit::NonDeprivedSurvey;
using testkit::RealCatalog;

CivilDate Day(const char* text) { return *ParseIsoDate(text); }

std::vector<std::string> FieldsOf(const Error& error) {
  std::vector<std::string> fields;
  for (const FieldViolation& violation : error.violations) fields.push_back(violation.field);
  return fields;
}

OpenRoundInput PeriodicOn(int year, const std::string& opened_date, const std::string& reason = "") {
  OpenRoundInput input;
  input.round_id = "R-" + std::to_string(year);
  input.review_year = year;
  input.kind = v1::REVIEW_KIND_PERIODIC;
  input.opened_by = "Lê Thị Thu";
  input.opened_date = opened_date;
  input.outside_window_reason = reason;
  return input;
}

v1::HouseholdStatusSummary Official(const std::string& household_id, v1::PovertyCategory category,
                                    const std::string& group = "TDP-05") {
  v1::HouseholdStatusSummary summary;
  summary.set_household_id(household_id);
  summary.set_category(category);
  summary.set_residential_group(group);
  return summary;
}

// A rural survey at the poverty line: POOR with 3 deprivations, NEAR_POOR
// without.
v1::Survey ListSurvey(const std::string& household_id, bool poor = true) {
  v1::Survey survey = NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 1500000);
  survey.set_household_id(household_id);
  survey.set_survey_id("SV-" + household_id);
  DepriveDwelling(survey, poor ? 3 : 0);
  return survey;
}

// The listed household surveyed, agreed at a meeting on 2025-10-20 and posted
// on Monday 2025-11-03 (complaints until Wednesday 2025-11-05).
v1::RoundHousehold ReviewedToPosting(const v1::ReviewRound& round, const v1::RoundHousehold& listed) {
  Result<v1::RoundHousehold> surveyed =
      RecordSurvey(round, &listed, ListSurvey(listed.household_id()), RealCatalog());
  EXPECT_TRUE(surveyed.ok()) << surveyed.error().message;
  if (!surveyed.ok()) return listed;
  MeetingInput meeting{"2025-10-20", 10, 8, "BB-01", "Lê Thị Thu"};
  Result<v1::RoundHousehold> met = RecordMeeting(round, *surveyed, meeting);
  EXPECT_TRUE(met.ok()) << met.error().message;
  if (!met.ok()) return *surveyed;
  Result<PostingOutcome> posting = PostResults(round, std::vector{*met}, "2025-11-03", {});
  EXPECT_TRUE(posting.ok()) << posting.error().message;
  return posting.ok() ? posting->posted.at(0) : *met;
}

ListDecisionInput Decision(v1::ListDecisionKind kind, const std::string& reason,
                           const std::string& decided_on = "2025-10-15") {
  return ListDecisionInput{kind, reason, decided_on, "Lê Thị Thu", Day("2025-11-10")};
}

v1::RoundHousehold Decided(const v1::ReviewRound& round, const v1::RoundHousehold& listed,
                           v1::ListDecisionKind kind, const std::string& reason) {
  Result<RoundHouseholdChange> decided = RecordListDecision(round, 0, listed, Decision(kind, reason));
  EXPECT_TRUE(decided.ok()) << decided.error().message;
  return decided.ok() ? decided->household : listed;
}

ApprovalInput DecisionOf(const std::string& number, const std::string& date, const std::string& today,
                         std::vector<v1::Exclusion> exclusions = {}) {
  ApprovalInput input;
  input.approved_by = "Chủ tịch UBND";
  input.decision_number = number;
  input.decision_date = date;
  input.today = Day(today.c_str());
  input.exclusions = std::move(exclusions);
  return input;
}

// Round R-2025 opened on 2025-09-01 with `statuses` as the official ones.
RoundOpening OpenedWith(const std::vector<v1::HouseholdStatusSummary>& statuses) {
  Result<v1::ReviewRound> round = OpenRound(PeriodicOn(2025, "2025-09-01"), RealCatalog(), {});
  EXPECT_TRUE(round.ok()) << round.error().message;
  return OpeningOf(round.ok() ? *round : v1::ReviewRound(), statuses);
}

// ----------------------------------------------------------------------------
// The window
// ----------------------------------------------------------------------------

TEST(ReviewWindowTest, TheDefaultIsTheFirstOfSeptemberToTheFourteenthOfDecember) {
  Result<ReviewWindow> parsed = ParseReviewWindow("09-01..12-14");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed.value(), ReviewWindow{});
  EXPECT_EQ(FormatReviewWindow(ReviewWindow{}), "09-01..12-14");
  EXPECT_EQ(FormatIsoDate(WindowStart(ReviewWindow{}, 2026)), "2026-09-01");
  EXPECT_EQ(FormatIsoDate(WindowEnd(ReviewWindow{}, 2026)), "2026-12-14");
}

TEST(ReviewWindowTest, AWindowThatIsNotTwoDaysOfOneYearIsRefused) {
  for (const char* text : {"09-01", "9-1..12-14", "09-01..12-32", "02-29..12-14", "12-14..09-01",
                           "ab-cd..12-14", "09-01..12-14x", ""}) {
    Result<ReviewWindow> parsed = ParseReviewWindow(text);
    EXPECT_FALSE(parsed.ok()) << text;
    if (!parsed.ok()) {
      EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument) << text;
    }
  }
  Result<ReviewWindow> one_day = ParseReviewWindow("10-01..10-01");
  ASSERT_TRUE(one_day.ok()) << one_day.error().message;
}

TEST(ReviewWindowTest, APeriodicRoundShowsItsWindowAndOutsideItNeedsAReason) {
  Result<v1::ReviewRound> inside = OpenRound(PeriodicOn(2025, "2025-12-14"), RealCatalog(), {});
  ASSERT_TRUE(inside.ok()) << inside.error().message;
  EXPECT_EQ(inside->window_start(), "2025-09-01");
  EXPECT_EQ(inside->window_end(), "2025-12-14");
  EXPECT_EQ(inside->outside_window_reason(), "");

  for (const char* outside : {"2025-08-31", "2025-12-15", "2026-01-05"}) {
    Result<v1::ReviewRound> refused = OpenRound(PeriodicOn(2025, outside), RealCatalog(), {});
    ASSERT_FALSE(refused.ok()) << outside;
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument) << outside;
    EXPECT_THAT(FieldsOf(refused.error()), ElementsAre("outside_window_reason")) << outside;
    EXPECT_THAT(refused.error().message,
                HasSubstr("the periodic review of 2025 is held from 2025-09-01 to 2025-12-14, and the round "
                          "opens on " +
                          std::string(outside)));
  }

  Result<v1::ReviewRound> late =
      OpenRound(PeriodicOn(2025, "2025-12-20", "typhoon Kajiki delayed the review"), RealCatalog(), {});
  ASSERT_TRUE(late.ok()) << late.error().message;
  EXPECT_EQ(late->outside_window_reason(), "typhoon Kajiki delayed the review");

  Result<v1::ReviewRound> needless =
      OpenRound(PeriodicOn(2025, "2025-10-01", "no reason needed"), RealCatalog(), {});
  ASSERT_FALSE(needless.ok());
  EXPECT_THAT(FieldsOf(needless.error()), ElementsAre("outside_window_reason"));

  OpenRoundInput regular = PeriodicOn(2025, "2025-03-10", "a regular review needs none");
  regular.round_id = "R-REG-1";
  regular.kind = v1::REVIEW_KIND_REGULAR;
  regular.household_id = "HH-7";
  Result<v1::ReviewRound> regular_with_reason = OpenRound(regular, RealCatalog(), {});
  ASSERT_FALSE(regular_with_reason.ok());
  EXPECT_THAT(FieldsOf(regular_with_reason.error()), ElementsAre("outside_window_reason"));
  regular.outside_window_reason.clear();
  Result<v1::ReviewRound> regular_in_march = OpenRound(regular, RealCatalog(), {});
  ASSERT_TRUE(regular_in_march.ok()) << regular_in_march.error().message;
  EXPECT_EQ(regular_in_march->window_start(), "");
}

TEST(ReviewWindowTest, AConfiguredWindowIsTheOneChecked) {
  OpenRoundInput input = PeriodicOn(2025, "2025-08-20");
  input.window = *ParseReviewWindow("08-15..11-30");
  Result<v1::ReviewRound> round = OpenRound(input, RealCatalog(), {});
  ASSERT_TRUE(round.ok()) << round.error().message;
  EXPECT_EQ(round->window_start(), "2025-08-15");
  EXPECT_EQ(round->window_end(), "2025-11-30");
}

// ----------------------------------------------------------------------------
// Drawing up the list
// ----------------------------------------------------------------------------

TEST(RoundListTest, OpeningListsEveryHouseholdOfficiallyPoorOrNearPoor) {
  const RoundOpening opening =
      OpenedWith({Official("HH-3", v1::POVERTY_CATEGORY_NEAR_POOR, "TDP-02"),
                  Official("HH-1", v1::POVERTY_CATEGORY_POOR), Official("HH-2", v1::POVERTY_CATEGORY_AVERAGE),
                  Official("HH-4", v1::POVERTY_CATEGORY_NOT_POOR)});

  ASSERT_EQ(opening.list.households.size(), 2u);
  const v1::RoundHousehold& poor = opening.list.households[0];
  const v1::RoundHousehold& near_poor = opening.list.households[1];
  EXPECT_EQ(poor.household_id(), "HH-1");
  EXPECT_EQ(poor.round_id(), "R-2025");
  EXPECT_EQ(poor.state(), v1::HOUSEHOLD_REVIEW_STATE_LISTED);
  EXPECT_EQ(poor.list_reason(), v1::LIST_REASON_POOR);
  EXPECT_EQ(poor.survey_count(), 0);
  EXPECT_EQ(near_poor.household_id(), "HH-3");
  EXPECT_EQ(near_poor.list_reason(), v1::LIST_REASON_NEAR_POOR);
  EXPECT_EQ(near_poor.residential_group(), "TDP-02");
  EXPECT_EQ(opening.event.listed_poor(), 1);
  EXPECT_EQ(opening.event.listed_near_poor(), 1);
  EXPECT_EQ(opening.event.round().round_id(), "R-2025");

  const v1::RoundProgress progress =
      ComputeProgress(opening.round, opening.list.households, Day("2025-09-02"));
  EXPECT_EQ(progress.on_list(), 2);
  EXPECT_EQ(progress.listed(), 2);
  EXPECT_EQ(progress.surveyed(), 0);
}

TEST(RoundListTest, ARegularRoundHasNoListToDrawUp) {
  OpenRoundInput input = PeriodicOn(2025, "2025-03-10");
  input.round_id = "R-REG-1";
  input.kind = v1::REVIEW_KIND_REGULAR;
  input.household_id = "HH-7";
  Result<v1::ReviewRound> round = OpenRound(input, RealCatalog(), {});
  ASSERT_TRUE(round.ok()) << round.error().message;

  const RoundOpening opening = OpeningOf(*round, std::vector{Official("HH-1", v1::POVERTY_CATEGORY_POOR)});
  EXPECT_TRUE(opening.list.households.empty());

  Result<v1::RoundHousehold> applicant = RecordSurvey(*round, nullptr, ListSurvey("HH-7"), RealCatalog());
  ASSERT_TRUE(applicant.ok()) << applicant.error().message;
  EXPECT_EQ(applicant->list_reason(), v1::LIST_REASON_APPLIED);
}

TEST(RoundListTest, ASurveyMovesAListedHouseholdOnAndKeepsWhyItIsListed) {
  const RoundOpening opening = OpenedWith({Official("HH-1", v1::POVERTY_CATEGORY_POOR)});
  const v1::RoundHousehold& listed = opening.list.households.at(0);

  Result<v1::RoundHousehold> surveyed =
      RecordSurvey(opening.round, &listed, ListSurvey("HH-1"), RealCatalog());
  ASSERT_TRUE(surveyed.ok()) << surveyed.error().message;
  EXPECT_EQ(surveyed->state(), v1::HOUSEHOLD_REVIEW_STATE_PROPOSED);
  EXPECT_EQ(surveyed->list_reason(), v1::LIST_REASON_POOR);
  EXPECT_EQ(surveyed->survey_count(), 1);

  Result<v1::RoundHousehold> newcomer =
      RecordSurvey(opening.round, nullptr, ListSurvey("HH-9"), RealCatalog());
  ASSERT_TRUE(newcomer.ok()) << newcomer.error().message;
  EXPECT_EQ(newcomer->list_reason(), v1::LIST_REASON_SURVEYED);

  // A carried-over household that is surveyed after all: the result
  // replaces the decision.
  const v1::RoundHousehold carried =
      Decided(opening.round, listed, v1::LIST_DECISION_KIND_CARRIED_OVER, "the family was away for work");
  Result<v1::RoundHousehold> late = RecordSurvey(opening.round, &carried, ListSurvey("HH-1"), RealCatalog());
  ASSERT_TRUE(late.ok()) << late.error().message;
  EXPECT_EQ(late->state(), v1::HOUSEHOLD_REVIEW_STATE_PROPOSED);
  EXPECT_FALSE(late->has_list_decision());

  const v1::RoundProgress progress =
      ComputeProgress(opening.round, std::vector{*surveyed, *newcomer}, Day("2025-10-02"));
  EXPECT_EQ(progress.surveyed(), 2);
  EXPECT_EQ(progress.on_list(), 1);
  EXPECT_EQ(progress.listed(), 0);
}

// ----------------------------------------------------------------------------
// Adding to the list
// ----------------------------------------------------------------------------

ListAddition Addition(const std::string& household_id, v1::ListReason reason, const std::string& note) {
  return ListAddition{household_id, reason, note, "Lê Thị Thu"};
}

const KnownHousehold kInWard{true, "", "TDP-04"};

TEST(RoundListTest, AnApplicantIsListedWithItsReasonAndAnnounced) {
  const RoundOpening opening = OpenedWith({});

  Result<RoundHouseholdChange> added = AddToList(opening.round, 4, nullptr, kInWard,
                                                 Addition("HH-5", v1::LIST_REASON_APPLIED, "đơn số 12/2025"));

  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_EQ(added->household.state(), v1::HOUSEHOLD_REVIEW_STATE_LISTED);
  EXPECT_EQ(added->household.list_reason(), v1::LIST_REASON_APPLIED);
  EXPECT_EQ(added->household.list_note(), "đơn số 12/2025");
  EXPECT_EQ(added->household.listed_by(), "Lê Thị Thu");
  EXPECT_EQ(added->household.residential_group(), "TDP-04");
  EXPECT_EQ(added->round_events, 5u);
  EXPECT_EQ(added->event.event_type, kHouseholdListed);
  EXPECT_EQ(added->event.round_version, 5u);
  EXPECT_EQ(added->event.household_id, "HH-5");
  const auto& listed = std::get<v1::HouseholdListed>(added->event.payload);
  EXPECT_EQ(listed.reason(), v1::LIST_REASON_APPLIED);
  EXPECT_EQ(listed.note(), "đơn số 12/2025");
  EXPECT_EQ(listed.residential_group(), "TDP-04");
}

TEST(RoundListTest, AHouseholdASurveyBroughtInKeepsItsStateWhenListed) {
  const RoundOpening opening = OpenedWith({});
  Result<v1::RoundHousehold> surveyed =
      RecordSurvey(opening.round, nullptr, ListSurvey("HH-5"), RealCatalog());
  ASSERT_TRUE(surveyed.ok());

  Result<RoundHouseholdChange> added = AddToList(
      opening.round, 1, &*surveyed, kInWard, Addition("HH-5", v1::LIST_REASON_ADDED, "lost her job in May"));

  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_EQ(added->household.state(), v1::HOUSEHOLD_REVIEW_STATE_PROPOSED);
  EXPECT_EQ(added->household.list_reason(), v1::LIST_REASON_ADDED);
  EXPECT_EQ(added->household.proposed().survey_id(), "SV-HH-5");
}

TEST(RoundListTest, AdditionsTheListCannotTakeAreRefused) {
  const RoundOpening opening = OpenedWith({Official("HH-1", v1::POVERTY_CATEGORY_POOR)});

  Result<RoundHouseholdChange> bad =
      AddToList(opening.round, 0, nullptr, kInWard, Addition("", v1::LIST_REASON_POOR, ""));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(FieldsOf(bad.error()), ElementsAre("household_id", "reason", "note"));

  Result<RoundHouseholdChange> unknown = AddToList(opening.round, 0, nullptr, KnownHousehold{},
                                                   Addition("HH-404", v1::LIST_REASON_APPLIED, "đơn 1"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  EXPECT_THAT(unknown.error().message, HasSubstr("household HH-404 is not known"));

  Result<RoundHouseholdChange> departed =
      AddToList(opening.round, 0, nullptr, KnownHousehold{true, "moved out: to Huế city", "TDP-04"},
                Addition("HH-6", v1::LIST_REASON_APPLIED, "đơn 2"));
  ASSERT_FALSE(departed.ok());
  EXPECT_EQ(departed.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(departed.error().message,
            "household HH-6 has left the ward (moved out: to Huế city); it is no longer reviewed");

  Result<RoundHouseholdChange> twice = AddToList(opening.round, 0, &opening.list.households.at(0), kInWard,
                                                 Addition("HH-1", v1::LIST_REASON_ADDED, "again"));
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(twice.error().message, "household HH-1 is already on the list of round R-2025 (poor)");

  OpenRoundInput input = PeriodicOn(2025, "2025-03-10");
  input.round_id = "R-REG-1";
  input.kind = v1::REVIEW_KIND_REGULAR;
  input.household_id = "HH-7";
  Result<v1::ReviewRound> regular = OpenRound(input, RealCatalog(), {});
  ASSERT_TRUE(regular.ok());
  Result<RoundHouseholdChange> to_regular =
      AddToList(*regular, 0, nullptr, kInWard, Addition("HH-8", v1::LIST_REASON_APPLIED, "đơn 3"));
  ASSERT_FALSE(to_regular.ok());
  EXPECT_EQ(to_regular.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(to_regular.error().message, HasSubstr("only a periodic round has a list"));
}

// ----------------------------------------------------------------------------
// Decisions about listed households not surveyed
// ----------------------------------------------------------------------------

TEST(RoundListTest, AListedHouseholdNotSurveyedGetsARecordedDecision) {
  const RoundOpening opening = OpenedWith({Official("HH-1", v1::POVERTY_CATEGORY_POOR)});
  const v1::RoundHousehold& listed = opening.list.households.at(0);

  Result<RoundHouseholdChange> decided = RecordListDecision(
      opening.round, 7, listed, Decision(v1::LIST_DECISION_KIND_MOVED_AWAY, "moved to Đà Nẵng in August"));

  ASSERT_TRUE(decided.ok()) << decided.error().message;
  EXPECT_EQ(decided->household.state(), v1::HOUSEHOLD_REVIEW_STATE_LIST_DECIDED);
  EXPECT_EQ(decided->household.list_decision().kind(), v1::LIST_DECISION_KIND_MOVED_AWAY);
  EXPECT_EQ(decided->household.list_decision().reason(), "moved to Đà Nẵng in August");
  EXPECT_EQ(decided->household.list_decision().decided_on(), "2025-10-15");
  EXPECT_EQ(decided->household.list_decision().recorded_by(), "Lê Thị Thu");
  EXPECT_EQ(decided->event.event_type, kListDecisionRecorded);
  EXPECT_EQ(decided->event.round_version, 8u);
  EXPECT_EQ(std::get<v1::ListDecisionRecorded>(decided->event.payload).decision().kind(),
            v1::LIST_DECISION_KIND_MOVED_AWAY);

  // A decision may be corrected while the round is open.
  Result<RoundHouseholdChange> corrected =
      RecordListDecision(opening.round, 8, decided->household,
                         Decision(v1::LIST_DECISION_KIND_DISSOLVED, "the head died in July"));
  ASSERT_TRUE(corrected.ok()) << corrected.error().message;
  EXPECT_EQ(corrected->household.list_decision().kind(), v1::LIST_DECISION_KIND_DISSOLVED);
}

TEST(RoundListTest, ADecisionWithoutKindReasonOrAProperDateIsRefused) {
  const RoundOpening opening = OpenedWith({Official("HH-1", v1::POVERTY_CATEGORY_POOR)});
  const v1::RoundHousehold& listed = opening.list.households.at(0);

  Result<RoundHouseholdChange> empty = RecordListDecision(
      opening.round, 0, listed, Decision(v1::LIST_DECISION_KIND_UNSPECIFIED, "", "15/10/2025"));
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(FieldsOf(empty.error()), ElementsAre("kind", "reason", "decided_on"));

  Result<RoundHouseholdChange> before_opening = RecordListDecision(
      opening.round, 0, listed, Decision(v1::LIST_DECISION_KIND_CARRIED_OVER, "away", "2025-08-31"));
  ASSERT_FALSE(before_opening.ok());
  EXPECT_THAT(FieldsOf(before_opening.error()), ElementsAre("decided_on"));

  Result<RoundHouseholdChange> future = RecordListDecision(
      opening.round, 0, listed, Decision(v1::LIST_DECISION_KIND_CARRIED_OVER, "away", "2025-11-11"));
  ASSERT_FALSE(future.ok());
  EXPECT_THAT(FieldsOf(future.error()), ElementsAre("decided_on"));
  EXPECT_THAT(future.error().message, HasSubstr("must not be after today (2025-11-10)"));
}

TEST(RoundListTest, ASurveyedHouseholdIsDecidedByItsResultNotByADecision) {
  const RoundOpening opening = OpenedWith({Official("HH-1", v1::POVERTY_CATEGORY_POOR)});
  Result<v1::RoundHousehold> surveyed =
      RecordSurvey(opening.round, &opening.list.households.at(0), ListSurvey("HH-1"), RealCatalog());
  ASSERT_TRUE(surveyed.ok());

  Result<RoundHouseholdChange> decided =
      RecordListDecision(opening.round, 0, *surveyed, Decision(v1::LIST_DECISION_KIND_CARRIED_OVER, "away"));

  ASSERT_FALSE(decided.ok());
  EXPECT_EQ(decided.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(decided.error().message, HasSubstr("household HH-1 is awaiting its meeting in round R-2025"));
}

// ----------------------------------------------------------------------------
// Approval against the list
// ----------------------------------------------------------------------------

TEST(RoundListApprovalTest, AListedHouseholdWithoutResultOrDecisionBlocksTheApproval) {
  const RoundOpening opening = OpenedWith(
      {Official("HH-1", v1::POVERTY_CATEGORY_POOR), Official("HH-2", v1::POVERTY_CATEGORY_NEAR_POOR)});
  const v1::RoundHousehold posted = ReviewedToPosting(opening.round, opening.list.households.at(0));
  const v1::RoundHousehold& unsurveyed = opening.list.households.at(1);
  const std::vector<v1::RoundHousehold> households = {posted, unsurveyed};

  Result<ApprovalOutcome> refused =
      ApproveRound(opening.round, households, DecisionOf("125/QĐ-UBND", "2025-11-10", "2025-11-12"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(
      refused.error().message,
      "round R-2025 cannot be approved: 1 household is not ready: HH-2 (on the list, neither surveyed nor "
      "decided); finish their steps or exclude them explicitly (a listed household that was not surveyed "
      "needs a survey or a recorded decision: moved away, dissolved or carried over)");
  ASSERT_EQ(refused.error().violations.size(), 1u);
  EXPECT_EQ(refused.error().violations[0].field, "HH-2");

  // Excluding it at approval is no substitute for the recorded decision.
  v1::Exclusion exclusion;
  exclusion.set_household_id("HH-2");
  exclusion.set_reason("not surveyed");
  Result<ApprovalOutcome> excluded = ApproveRound(
      opening.round, households, DecisionOf("125/QĐ-UBND", "2025-11-10", "2025-11-12", {exclusion}));
  ASSERT_FALSE(excluded.ok());
  EXPECT_EQ(excluded.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(FieldsOf(excluded.error()), ElementsAre("exclusions[0].household_id"));
  EXPECT_THAT(excluded.error().message, HasSubstr("record a decision about it"));
}

TEST(RoundListApprovalTest, DecidedHouseholdsAreLeftOutWithTheirDecision) {
  const RoundOpening opening = OpenedWith({Official("HH-1", v1::POVERTY_CATEGORY_POOR),
                                           Official("HH-2", v1::POVERTY_CATEGORY_NEAR_POOR),
                                           Official("HH-3", v1::POVERTY_CATEGORY_POOR)});
  const std::vector<v1::RoundHousehold> households = {
      ReviewedToPosting(opening.round, opening.list.households.at(0)),
      Decided(opening.round, opening.list.households.at(1), v1::LIST_DECISION_KIND_MOVED_AWAY,
              "moved to Đà Nẵng in August"),
      Decided(opening.round, opening.list.households.at(2), v1::LIST_DECISION_KIND_DISSOLVED,
              "the last member died in June")};

  Result<ApprovalOutcome> approval =
      ApproveRound(opening.round, households, DecisionOf("125/QĐ-UBND", "2025-11-10", "2025-11-12"));

  ASSERT_TRUE(approval.ok()) << approval.error().message;
  ASSERT_EQ(approval->approved.size(), 1u);
  EXPECT_EQ(approval->households[1].state(), v1::HOUSEHOLD_REVIEW_STATE_EXCLUDED);
  EXPECT_EQ(approval->households[1].exclusion_reason(), "moved to Đà Nẵng in August");
  EXPECT_EQ(approval->households[1].list_decision().kind(), v1::LIST_DECISION_KIND_MOVED_AWAY);
  ASSERT_EQ(approval->event.exclusions_size(), 2);
  EXPECT_EQ(approval->event.exclusions(0).household_id(), "HH-2");
  EXPECT_EQ(approval->event.exclusions(0).decision(), v1::LIST_DECISION_KIND_MOVED_AWAY);
  EXPECT_EQ(approval->event.exclusions(1).decision(), v1::LIST_DECISION_KIND_DISSOLVED);
  // Those that left are off the list: the one in the ward is covered.
  EXPECT_EQ(approval->event.on_list(), 3);
  EXPECT_EQ(approval->event.on_list_in_ward(), 1);
  EXPECT_EQ(approval->event.on_list_approved(), 1);
}

// Ten listed households still in the ward, nine surveyed and posted: `left`
// of the nine posted are instead carried over.
std::vector<v1::RoundHousehold> TenListed(const v1::ReviewRound& round,
                                          const std::vector<v1::RoundHousehold>& listed, int carried_over) {
  std::vector<v1::RoundHousehold> households;
  for (size_t i = 0; i < listed.size(); ++i) {
    if (static_cast<int>(i) < carried_over) {
      households.push_back(Decided(round, listed[i], v1::LIST_DECISION_KIND_CARRIED_OVER,
                                   "working in Bình Dương, not reachable"));
    } else {
      households.push_back(ReviewedToPosting(round, listed[i]));
    }
  }
  return households;
}

TEST(RoundListApprovalTest, AnApprovalThatLeavesMoreThanTheShareOfTheListUnreviewedIsRefused) {
  std::vector<v1::HouseholdStatusSummary> statuses;
  for (int i = 10; i < 20; ++i)
    statuses.push_back(Official("HH-" + std::to_string(i), v1::POVERTY_CATEGORY_POOR));
  const RoundOpening opening = OpenedWith(statuses);
  ASSERT_EQ(opening.list.households.size(), 10u);

  // 10% of 10: one carried over is allowed.
  Result<ApprovalOutcome> one =
      ApproveRound(opening.round, TenListed(opening.round, opening.list.households, 1),
                   DecisionOf("125/QĐ-UBND", "2025-11-10", "2025-11-12"));
  ASSERT_TRUE(one.ok()) << one.error().message;
  EXPECT_EQ(one->event.on_list_in_ward(), 10);
  EXPECT_EQ(one->event.on_list_approved(), 9);

  std::vector<v1::RoundHousehold> two_left = TenListed(opening.round, opening.list.households, 1);
  v1::Exclusion exclusion;
  exclusion.set_household_id("HH-19");
  exclusion.set_reason("result disputed in court");
  Result<ApprovalOutcome> two = ApproveRound(
      opening.round, two_left, DecisionOf("125/QĐ-UBND", "2025-11-10", "2025-11-12", {exclusion}));
  ASSERT_FALSE(two.ok());
  EXPECT_EQ(two.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(
      two.error().message,
      "round R-2025 cannot be approved: it would leave 2 of the 10 households on its list still in the ward "
      "without a new result, and at most 1 (10%, rounded up) may be: HH-10 (carried over without a survey: "
      "working in Bình Dương, not reachable), HH-19 (excluded: result disputed in court); survey them");
  EXPECT_THAT(FieldsOf(two.error()), ElementsAre("HH-10", "HH-19"));

  // A ward that allows none.
  ApprovalInput strict = DecisionOf("125/QĐ-UBND", "2025-11-10", "2025-11-12");
  strict.max_unreviewed_list_percent = 0;
  Result<ApprovalOutcome> none =
      ApproveRound(opening.round, TenListed(opening.round, opening.list.households, 1), strict);
  ASSERT_FALSE(none.ok());
  EXPECT_THAT(none.error().message, HasSubstr("at most 0 (0%, rounded up)"));
}

TEST(RoundListApprovalTest, HouseholdsASurveyBroughtInDoNotCountOnTheList) {
  const RoundOpening opening = OpenedWith({Official("HH-1", v1::POVERTY_CATEGORY_POOR)});
  Result<v1::RoundHousehold> newcomer =
      RecordSurvey(opening.round, nullptr, ListSurvey("HH-9"), RealCatalog());
  ASSERT_TRUE(newcomer.ok());
  MeetingInput meeting{"2025-10-20", 10, 2, "BB-01", "Lê Thị Thu"};
  Result<v1::RoundHousehold> sent_back = RecordMeeting(opening.round, *newcomer, meeting);
  ASSERT_TRUE(sent_back.ok());
  v1::Exclusion exclusion;
  exclusion.set_household_id("HH-9");
  exclusion.set_reason("needs a new survey next year");

  Result<ApprovalOutcome> approval = ApproveRound(
      opening.round, std::vector{ReviewedToPosting(opening.round, opening.list.households.at(0)), *sent_back},
      DecisionOf("125/QĐ-UBND", "2025-11-10", "2025-11-12", {exclusion}));

  ASSERT_TRUE(approval.ok()) << approval.error().message;
  EXPECT_EQ(approval->event.on_list(), 1);
  EXPECT_EQ(approval->event.on_list_approved(), 1);
}

// ----------------------------------------------------------------------------
// The chairman's decision
// ----------------------------------------------------------------------------

TEST(ChairmansDecisionTest, TheApprovalIsDatedByTheDecisionEnteredLater) {
  const RoundOpening opening = OpenedWith({Official("HH-1", v1::POVERTY_CATEGORY_POOR)});
  const v1::RoundHousehold posted = ReviewedToPosting(opening.round, opening.list.households.at(0));

  Result<ApprovalOutcome> approval =
      ApproveRound(opening.round, std::vector{posted}, DecisionOf("125/QĐ-UBND", "2025-11-10", "2025-11-20"));

  ASSERT_TRUE(approval.ok()) << approval.error().message;
  EXPECT_EQ(approval->round.approved_date(), "2025-11-10");
  EXPECT_EQ(approval->round.decision_number(), "125/QĐ-UBND");
  EXPECT_EQ(approval->round.decision_date(), "2025-11-10");
  EXPECT_EQ(approval->round.approval_entered_date(), "2025-11-20");
  EXPECT_EQ(approval->event.approved_date(), "2025-11-10");
  EXPECT_EQ(approval->event.decision_number(), "125/QĐ-UBND");
  EXPECT_EQ(approval->event.decision_date(), "2025-11-10");
  EXPECT_EQ(approval->event.entered_date(), "2025-11-20");
  ASSERT_EQ(approval->approved.size(), 1u);
  EXPECT_EQ(approval->approved[0].approved_date(), "2025-11-10");
  EXPECT_EQ(approval->approved[0].decision_number(), "125/QĐ-UBND");

  Result<StatusChange> status = ApplyApproval(v1::OfficialStatus(), approval->approved[0]);
  ASSERT_TRUE(status.ok()) << status.error().message;
  EXPECT_EQ(status->event.approved_date(), "2025-11-10");
  EXPECT_EQ(status->event.decision_number(), "125/QĐ-UBND");
  EXPECT_EQ(status->event.decision_date(), "2025-11-10");
}

TEST(ChairmansDecisionTest, AHouseholdWhoseWindowClosedOnlyAfterTheDecisionIsNotReady) {
  const RoundOpening opening = OpenedWith({Official("HH-1", v1::POVERTY_CATEGORY_POOR)});
  const v1::RoundHousehold posted = ReviewedToPosting(opening.round, opening.list.households.at(0));

  // Complaints were accepted until 2025-11-05: a decision of that day came
  // too early, however late it is entered.
  Result<ApprovalOutcome> early =
      ApproveRound(opening.round, std::vector{posted}, DecisionOf("125/QĐ-UBND", "2025-11-05", "2025-11-20"));

  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(early.error().message, HasSubstr("HH-1 (complaint window open until 2025-11-05)"));
}

TEST(ChairmansDecisionTest, ADecisionWithoutNumberOrWithADateOutsideTheRoundIsRefused) {
  const RoundOpening opening = OpenedWith({Official("HH-1", v1::POVERTY_CATEGORY_POOR)});
  const v1::RoundHousehold posted = ReviewedToPosting(opening.round, opening.list.households.at(0));
  const std::vector<v1::RoundHousehold> households = {posted};

  struct Case {
    std::string number, date;
    std::vector<std::string> fields;
    std::string why;
  } cases[] = {
      {"", "", {"decision_number", "decision_date"}, "must give the number of the chairman's decision"},
      {"125/QĐ-UBND", "10/11/2025", {"decision_date"}, "must be an ISO date"},
      {"125/QĐ-UBND", "2025-11-21", {"decision_date"}, "must not be after today (2025-11-20)"},
      {"125/QĐ-UBND", "2025-08-31", {"decision_date"}, "must not be before the round opened (2025-09-01)"},
  };
  for (const Case& c : cases) {
    const ApprovalInput input = DecisionOf(c.number, c.date, "2025-11-20");
    Result<ApprovalOutcome> refused = ApproveRound(opening.round, households, input);
    ASSERT_FALSE(refused.ok()) << c.date;
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument) << c.date;
    EXPECT_EQ(FieldsOf(refused.error()), c.fields) << c.date;
    EXPECT_THAT(refused.error().message, HasSubstr(c.why)) << c.date;
  }
  EXPECT_THAT(FieldsOf(Error::InvalidArgument(ValidateDecision(DecisionOf("", "2025-11-21", "2025-11-20")))),
              ElementsAre("decision_number", "decision_date"));
}

TEST(RoundListTest, ProgressCountsTheListAndItsDecisions) {
  const RoundOpening opening =
      OpenedWith({Official("HH-1", v1::POVERTY_CATEGORY_POOR), Official("HH-2", v1::POVERTY_CATEGORY_POOR),
                  Official("HH-3", v1::POVERTY_CATEGORY_NEAR_POOR)});
  const std::vector<v1::RoundHousehold> households = {
      opening.list.households.at(0),
      Decided(opening.round, opening.list.households.at(1), v1::LIST_DECISION_KIND_CARRIED_OVER, "away"),
      Decided(opening.round, opening.list.households.at(2), v1::LIST_DECISION_KIND_MOVED_AWAY, "to Huế")};

  const v1::RoundProgress progress = ComputeProgress(opening.round, households, Day("2025-10-01"));

  EXPECT_EQ(progress.on_list(), 3);
  EXPECT_EQ(progress.listed(), 1);
  EXPECT_EQ(progress.list_decided(), 2);
  EXPECT_EQ(progress.carried_over(), 1);
  EXPECT_EQ(progress.surveyed(), 0);
}

}  // namespace
}  // namespace ansinh::classification
