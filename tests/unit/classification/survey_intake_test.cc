// A survey taken into a round: the core returns the whole change (record,
// proposal, the round event with its version), so these tests check what the
// consumer and the round's pull-in store and publish.
#include "classification/core/survey_intake.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <variant>

#include "classification/core/event_facts.h"
#include "classification/core/review_round.h"
#include "survey_builder.h"

namespace ansinh::classification {
namespace {

using ::testing::HasSubstr;
using testkit::RealCatalog;

// The round's stored event count in these tests: ReviewRoundOpened and a few
// surveys before, so the next version is 8.
constexpr uint64_t kStoredRoundEvents = 7;

// `household_id`'s rural survey at the poverty line: POOR with 3 dwelling
// deprivations, NEAR_POOR without.
v1::Survey IntakeSurvey(const std::string& household_id, const std::string& survey_id, bool poor = true) {
  v1::Survey survey = testkit::NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 1500000);
  survey.set_household_id(household_id);
  survey.set_survey_id(survey_id);
  testkit::DepriveDwelling(survey, poor ? 3 : 0);
  return survey;
}

v1::ReviewRound RegularRoundOf(const std::string& household_id) {
  OpenRoundInput input;
  input.round_id = "R-REG-1";
  input.review_year = 2025;
  input.kind = v1::REVIEW_KIND_REGULAR;
  input.household_id = household_id;
  input.opened_by = "Lê Thị Thu";
  input.opened_date = "2025-09-01";
  Result<v1::ReviewRound> round = OpenRound(input, RealCatalog(), {});
  EXPECT_TRUE(round.ok()) << round.error().message;
  return round.ok() ? *round : v1::ReviewRound();
}

TEST(SurveyIntakeTest, AFirstSurveyIsClassifiedAsTheRoundsNextEvent) {
  const v1::ReviewRound round = testkit::OpenPeriodicRound();
  const v1::Survey survey = IntakeSurvey("HH-1", "SV-1");

  const SurveyIntake intake = TakeSurveyIntoRound(round, kStoredRoundEvents, nullptr, survey, RealCatalog());

  EXPECT_EQ(intake.outcome, IntakeOutcome::kClassified);
  EXPECT_TRUE(intake.reason.empty());
  ASSERT_TRUE(intake.changed());
  EXPECT_EQ(intake.household->round_id(), "R-2025");
  EXPECT_EQ(intake.household->household_id(), "HH-1");
  EXPECT_EQ(intake.household->state(), v1::HOUSEHOLD_REVIEW_STATE_PROPOSED);
  EXPECT_EQ(intake.household->survey_count(), 1);
  ASSERT_TRUE(intake.proposal.has_value());
  EXPECT_EQ(intake.proposal->survey_id(), "SV-1");
  EXPECT_EQ(intake.proposal->category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_EQ(intake.proposal->SerializeAsString(), intake.household->proposed().SerializeAsString());

  ASSERT_EQ(intake.events.size(), 1u);
  const RoundEvent& event = intake.events.front();
  EXPECT_EQ(event.event_type, kSurveyClassified);
  EXPECT_EQ(event.round_version, kStoredRoundEvents + 1);
  EXPECT_EQ(event.household_id, "HH-1");
  EXPECT_EQ(intake.round_events, kStoredRoundEvents + 1);
  ASSERT_TRUE(std::holds_alternative<v1::SurveyClassified>(event.payload));
  const auto& classified = std::get<v1::SurveyClassified>(event.payload);
  EXPECT_EQ(classified.round_id(), "R-2025");
  EXPECT_EQ(classified.household_id(), "HH-1");
  EXPECT_EQ(classified.residential_group(), "TDP-05");
  EXPECT_EQ(classified.survey_id(), "SV-1");
  EXPECT_EQ(classified.survey_count(), 1);
  // The event carries the proposal's facts; the words stay with the round.
  EXPECT_EQ(classified.result().SerializeAsString(), ResultFactsOf(*intake.proposal).SerializeAsString());
  EXPECT_FALSE(intake.proposal->category_reason().empty());
  EXPECT_TRUE(classified.result().category_reason().empty());
  EXPECT_EQ(&event.message(), &classified);
}

TEST(SurveyIntakeTest, ASurveyLackingAFactIsPublishedAsUnclassifiableWithoutAProposal) {
  const v1::ReviewRound round = testkit::OpenPeriodicRound();
  const v1::RoundHousehold proposed = testkit::ProposedHousehold(round, "HH-1");
  v1::Survey incomplete = IntakeSurvey("HH-1", "SV-2");
  incomplete.set_latrine(v1::LATRINE_TYPE_UNSPECIFIED);

  const SurveyIntake intake =
      TakeSurveyIntoRound(round, kStoredRoundEvents, &proposed, incomplete, RealCatalog());

  EXPECT_EQ(intake.outcome, IntakeOutcome::kUnclassifiable);
  EXPECT_THAT(intake.reason, HasSubstr("latrine is needed for the latrine indicator"));
  ASSERT_TRUE(intake.changed());
  EXPECT_EQ(intake.household->state(), v1::HOUSEHOLD_REVIEW_STATE_UNCLASSIFIABLE);
  EXPECT_EQ(intake.household->unclassifiable_reason(), intake.reason);
  // The earlier proposal stays in the record; no new one is stored.
  EXPECT_EQ(intake.household->proposed().survey_id(), "SV-HH-1");
  EXPECT_FALSE(intake.proposal.has_value());

  ASSERT_EQ(intake.events.size(), 1u);
  const RoundEvent& event = intake.events.front();
  EXPECT_EQ(event.event_type, kSurveyUnclassifiable);
  EXPECT_EQ(event.round_version, kStoredRoundEvents + 1);
  EXPECT_EQ(event.household_id, "HH-1");
  ASSERT_TRUE(std::holds_alternative<v1::SurveyUnclassifiable>(event.payload));
  const auto& unclassifiable = std::get<v1::SurveyUnclassifiable>(event.payload);
  EXPECT_EQ(unclassifiable.round_id(), "R-2025");
  EXPECT_EQ(unclassifiable.residential_group(), "TDP-05");
  EXPECT_EQ(unclassifiable.survey_id(), "SV-2");
  EXPECT_EQ(unclassifiable.reason(), intake.reason);
  EXPECT_EQ(unclassifiable.survey_count(), 2);
  ASSERT_EQ(unclassifiable.problems_size(), 1);
  EXPECT_EQ(unclassifiable.problems(0).field(), "latrine");
  EXPECT_EQ(&event.message(), &unclassifiable);
}

TEST(SurveyIntakeTest, AReplayedSurveyChangesNothing) {
  const v1::ReviewRound round = testkit::OpenPeriodicRound();
  const v1::RoundHousehold proposed = testkit::ProposedHousehold(round, "HH-1");

  const SurveyIntake intake = TakeSurveyIntoRound(round, kStoredRoundEvents, &proposed,
                                                  IntakeSurvey("HH-1", "SV-HH-1"), RealCatalog());

  EXPECT_EQ(intake.outcome, IntakeOutcome::kAlreadyRecorded);
  EXPECT_THAT(intake.reason, HasSubstr("already the latest survey"));
  EXPECT_FALSE(intake.changed());
  EXPECT_FALSE(intake.proposal.has_value());
  EXPECT_TRUE(intake.events.empty());
  EXPECT_EQ(intake.round_events, kStoredRoundEvents);
}

TEST(SurveyIntakeTest, ASurveyThePostedHouseholdCannotTakeIsRefusedWithTheReason) {
  const v1::ReviewRound round = testkit::OpenPeriodicRound();
  v1::RoundHousehold posted = testkit::ProposedHousehold(round, "HH-1");
  posted.set_state(v1::HOUSEHOLD_REVIEW_STATE_POSTED);

  const SurveyIntake intake =
      TakeSurveyIntoRound(round, kStoredRoundEvents, &posted, IntakeSurvey("HH-1", "SV-2"), RealCatalog());

  EXPECT_EQ(intake.outcome, IntakeOutcome::kRefused);
  EXPECT_THAT(intake.reason, HasSubstr("household HH-1 is posted"));
  EXPECT_FALSE(intake.changed());
  EXPECT_TRUE(intake.events.empty());
  EXPECT_EQ(intake.round_events, kStoredRoundEvents);
}

TEST(SurveyIntakeTest, SurveysTakenOneAfterAnotherNumberTheRoundsEventsWithoutGaps) {
  const v1::ReviewRound round = testkit::OpenPeriodicRound();
  uint64_t round_events = 1;
  std::vector<uint64_t> versions;
  for (const char* household_id : {"HH-1", "HH-2", "HH-3"}) {
    const SurveyIntake intake =
        TakeSurveyIntoRound(round, round_events, nullptr,
                            IntakeSurvey(household_id, std::string("SV-") + household_id), RealCatalog());
    ASSERT_EQ(intake.events.size(), 1u);
    versions.push_back(intake.events.front().round_version);
    round_events = intake.round_events;
  }

  EXPECT_EQ(versions, (std::vector<uint64_t>{2, 3, 4}));
  EXPECT_EQ(round_events, 4u);
}

TEST(SurveyIntakeTest, AnOpenRoundCoversSurveysOfItsYearAndARegularOneOnlyItsHouseholds) {
  const v1::ReviewRound periodic = testkit::OpenPeriodicRound();
  const v1::ReviewRound regular = RegularRoundOf("HH-7");
  v1::ReviewRound approved = periodic;
  approved.set_status(v1::ROUND_STATUS_APPROVED);
  v1::Survey last_year = IntakeSurvey("HH-1", "SV-1");
  last_year.set_review_year(2024);

  EXPECT_TRUE(RoundCoversSurvey(periodic, IntakeSurvey("HH-1", "SV-1")));
  EXPECT_FALSE(RoundCoversSurvey(periodic, last_year));
  EXPECT_FALSE(RoundCoversSurvey(approved, IntakeSurvey("HH-1", "SV-1")));
  EXPECT_TRUE(RoundCoversSurvey(regular, IntakeSurvey("HH-7", "SV-7")));
  EXPECT_FALSE(RoundCoversSurvey(regular, IntakeSurvey("HH-8", "SV-8")));
  // A survey made for a regular review amends this year's list: the periodic
  // round, deciding next year's, does not take it; the household's regular
  // round does.
  v1::Survey for_regular_review = IntakeSurvey("HH-7", "SV-9");
  for_regular_review.set_kind(v1::REVIEW_KIND_REGULAR);
  EXPECT_FALSE(RoundCoversSurvey(periodic, for_regular_review));
  EXPECT_TRUE(RoundCoversSurvey(regular, for_regular_review));
}

}  // namespace
}  // namespace ansinh::classification
