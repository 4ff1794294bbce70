#include "registry/core/survey_recording.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "registry/core/survey_snapshot.h"
#include "registry_fixtures.h"

namespace ansinh::registry {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// What a surveyor sends for HH-000007.
v1::Survey Entered() {
  v1::Survey survey = testkit::ValidSurvey();
  survey.set_household_id("HH-000007");
  return survey;
}

// A survey the household already has, as stored.
v1::Survey Stored(int review_year, int sequence) {
  v1::Survey survey = Entered();
  survey.set_review_year(review_year);
  return SnapshotSurvey(survey, testkit::RegisteredHousehold(), sequence);
}

TEST(SurveyAsEnteredTest, IgnoresWhatTheRegistryFillsIn) {
  v1::Survey sent = Entered();
  sent.set_survey_id("SV-2025-000007-9");
  *sent.add_members() = testkit::ValidHousehold().members(0);
  sent.set_area_type(v1::AREA_TYPE_RURAL);
  sent.set_residential_group("TDP-99");
  sent.set_corrects_survey_id("SV-2025-000007-1");

  const v1::Survey entered = SurveyAsEntered(sent);

  EXPECT_EQ(entered.survey_id(), "");
  EXPECT_THAT(entered.members(), IsEmpty());
  EXPECT_EQ(entered.area_type(), v1::AREA_TYPE_UNSPECIFIED);
  EXPECT_EQ(entered.residential_group(), "");
  // What the surveyor says stays.
  EXPECT_EQ(entered.household_id(), "HH-000007");
  EXPECT_EQ(entered.corrects_survey_id(), "SV-2025-000007-1");
  EXPECT_EQ(entered.income_per_capita_vnd(), 1'850'000);
}

TEST(SnapshotSurveyTest, TakesTheHouseholdAsItWasOnTheSurveyDate) {
  v1::Household household = testkit::RegisteredHousehold();
  household.set_area_type(v1::AREA_TYPE_RURAL);
  v1::Member newborn = household.members(3);
  newborn.set_member_id("M5");
  newborn.set_date_of_birth("2025-12-01");  // after the survey date 2025-10-07
  *household.add_members() = newborn;

  const v1::Survey snapshot = SnapshotSurvey(Entered(), household, 3);

  EXPECT_EQ(snapshot.survey_id(), "SV-2025-000007-3");
  EXPECT_EQ(snapshot.household_id(), "HH-000007");
  EXPECT_EQ(snapshot.area_type(), v1::AREA_TYPE_RURAL);
  EXPECT_EQ(snapshot.residential_group(), "TDP-05");
  ASSERT_EQ(snapshot.members_size(), 4);
  EXPECT_EQ(snapshot.members(3).member_id(), "M4");
}

TEST(RecordSurveyTest, AppendsTheSnapshotAndLeavesTheHouseholdVersion) {
  const std::vector<v1::Survey> existing{Stored(2024, 1)};

  Result<HouseholdChange> change =
      RecordSurvey(testkit::RegisteredHousehold(), existing, Entered(), testkit::Rules());

  ASSERT_TRUE(change.ok()) << change.error().message;
  EXPECT_EQ(change->after.SerializeAsString(), testkit::RegisteredHousehold().SerializeAsString());
  ASSERT_TRUE(change->recorded_survey.has_value());
  const v1::Survey& recorded = *change->recorded_survey;
  EXPECT_EQ(recorded.survey_id(), "SV-2025-000007-2");
  EXPECT_EQ(recorded.members_size(), 4);
  ASSERT_EQ(change->events.size(), 1u);
  EXPECT_EQ(EventTypeOf(change->events[0]), "registry.survey_recorded.v1");
  const auto& event = std::get<v1::SurveyRecorded>(change->events[0]);
  EXPECT_EQ(event.household_version(), 3u);
  EXPECT_EQ(event.survey().SerializeAsString(), recorded.SerializeAsString());
}

TEST(RecordSurveyTest, AnEndedHouseholdIsSurveyedNoMore) {
  v1::Household household = testkit::RegisteredHousehold();
  household.set_status(v1::HOUSEHOLD_STATUS_DISSOLVED);

  Result<HouseholdChange> change = RecordSurvey(household, {}, Entered(), testkit::Rules());

  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(change.error().message, "household HH-000007 is no longer active; surveys are closed");
}

TEST(RecordSurveyTest, ACorrectionReplacesASurveyOfTheSameHouseholdAndYear) {
  const std::vector<v1::Survey> existing{Stored(2024, 1), Stored(2025, 2)};
  v1::Survey correction = Entered();

  correction.set_corrects_survey_id("SV-2025-000007-2");
  Result<HouseholdChange> fits =
      RecordSurvey(testkit::RegisteredHousehold(), existing, correction, testkit::Rules());
  ASSERT_TRUE(fits.ok()) << fits.error().message;
  EXPECT_EQ(fits->recorded_survey->survey_id(), "SV-2025-000007-3");
  EXPECT_EQ(fits->recorded_survey->corrects_survey_id(), "SV-2025-000007-2");

  correction.set_corrects_survey_id("SV-2025-000008-1");
  Result<HouseholdChange> unknown =
      RecordSurvey(testkit::RegisteredHousehold(), existing, correction, testkit::Rules());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(unknown.error().violations,
              ElementsAre(testkit::IsViolation("survey.corrects_survey_id",
                                               "no survey SV-2025-000008-1 for household HH-000007")));

  correction.set_corrects_survey_id("SV-2024-000007-1");
  Result<HouseholdChange> other_year =
      RecordSurvey(testkit::RegisteredHousehold(), existing, correction, testkit::Rules());
  ASSERT_FALSE(other_year.ok());
  EXPECT_THAT(other_year.error().violations,
              ElementsAre(testkit::IsViolation("survey.corrects_survey_id",
                                               "corrects a survey of 2024, not of 2025")));
}

TEST(RecordSurveyTest, AFactTheHouseholdLacksIsReportedOnTheHousehold) {
  v1::Household household = testkit::RegisteredHousehold();
  household.mutable_members(3)->clear_nutrition();

  Result<HouseholdChange> change = RecordSurvey(household, {}, Entered(), testkit::Rules());

  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(
      change.error().violations,
      ElementsAre(testkit::IsViolation(
          "survey.household_id", "; complete the household (UpdateMember) before recording the survey")));
  EXPECT_EQ(change.error().violations[0].description.rfind("nutrition required for", 0), 0u)
      << change.error().violations[0].description;
}

TEST(RecordSurveyTest, AHouseholdBornAfterTheSurveyDateWasNotSurveyed) {
  v1::Household household = testkit::RegisteredHousehold();
  for (v1::Member& member : *household.mutable_members()) member.set_date_of_birth("2025-11-01");

  Result<HouseholdChange> change = RecordSurvey(household, {}, Entered(), testkit::Rules());

  ASSERT_FALSE(change.ok());
  EXPECT_THAT(
      change.error().violations,
      ElementsAre(testkit::IsViolation(
          "survey.survey_date", "every member of household HH-000007 was born after the survey date")));
}

}  // namespace
}  // namespace ansinh::registry
