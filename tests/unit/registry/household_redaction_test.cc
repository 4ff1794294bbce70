#include "registry/core/household_redaction.h"

#include <gtest/gtest.h>

namespace ansinh::registry {
namespace {

v1::Member FullMember() {
  v1::Member member;
  member.set_member_id("M1");
  member.set_full_name("Nguyễn Thị Hương");
  member.set_sex(v1::SEX_FEMALE);
  member.set_date_of_birth("1980-04-02");
  member.set_relation_to_head(v1::RELATION_TO_HEAD_HEAD);
  member.set_national_id("046180001234");
  member.set_has_health_insurance(true);
  member.set_enrolled_in_school(false);
  member.set_education_level(v1::EDUCATION_LEVEL_LOWER_SECONDARY);
  member.set_employment(v1::EMPLOYMENT_WAGE_WITHOUT_CONTRACT);
  member.set_lost_working_capacity(true);
  member.set_has_disability(true);
  member.set_monthly_social_allowance_vnd(540000);
  member.set_nutrition(v1::NUTRITION_NORMAL);
  return member;
}

v1::Household FullHousehold() {
  v1::Household household;
  household.set_household_id("HH-000001");
  household.set_code("T05-017");
  household.set_address("12 Kiệt 3, Hương Xuân");
  household.set_residential_group("TDP-05");
  household.set_area_type(v1::AREA_TYPE_URBAN);
  household.set_head_member_id("M1");
  household.set_status(v1::HOUSEHOLD_STATUS_ACTIVE);
  household.set_version(4);
  *household.add_members() = FullMember();
  *household.add_members() = FullMember();
  household.mutable_members(1)->set_member_id("M2");
  return household;
}

v1::Survey FullSurvey() {
  v1::Survey survey;
  survey.set_survey_id("S1");
  survey.set_household_id("HH-000001");
  survey.set_review_year(2025);
  survey.set_floor_area_m2(30.5);
  survey.set_water_source(v1::WATER_SOURCE_TAP);
  survey.set_has_income_per_capita(true);
  survey.set_income_per_capita_vnd(1400000);
  survey.set_has_score_a(true);
  survey.set_score_a(120);
  survey.set_surveyor("Trần Văn Bình");
  *survey.add_members() = FullMember();
  return survey;
}

v1::Actor ActorWith(v1::Role role) {
  v1::Actor actor;
  actor.set_role(role);
  actor.set_name("reader");
  if (role == v1::ROLE_ORGANIZATION_STAFF) actor.set_organization_id("womens-union");
  return actor;
}

TEST(HouseholdRedactionTest, OnlyOrganizationStaffAndUnknownRolesReadRedacted) {
  const struct {
    v1::Role role;
    bool redacted;
  } cases[] = {
      {v1::ROLE_WARD_OFFICER, false},      {v1::ROLE_AUDITOR, false},    {v1::ROLE_SERVICE, false},
      {v1::ROLE_ORGANIZATION_STAFF, true}, {v1::ROLE_UNSPECIFIED, true},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ReadsRedacted(ActorWith(c.role)), c.redacted) << v1::Role_Name(c.role);
  }
}

TEST(HouseholdRedactionTest, MembersLoseIdentifiersAndFiguresButKeepWhatHelpersActOn) {
  v1::Household household = FullHousehold();
  RedactHousehold(household);
  ASSERT_EQ(household.members_size(), 2);
  for (const v1::Member& member : household.members()) {
    EXPECT_EQ(member.national_id(), "");
    EXPECT_EQ(member.date_of_birth(), "");
    EXPECT_EQ(member.monthly_social_allowance_vnd(), 0);
    // What the helper needs to see the missing help stays.
    EXPECT_EQ(member.full_name(), "Nguyễn Thị Hương");
    EXPECT_EQ(member.sex(), v1::SEX_FEMALE);
    EXPECT_EQ(member.relation_to_head(), v1::RELATION_TO_HEAD_HEAD);
    EXPECT_TRUE(member.has_health_insurance());
    EXPECT_EQ(member.education_level(), v1::EDUCATION_LEVEL_LOWER_SECONDARY);
    EXPECT_EQ(member.employment(), v1::EMPLOYMENT_WAGE_WITHOUT_CONTRACT);
    EXPECT_TRUE(member.lost_working_capacity());
    EXPECT_TRUE(member.has_disability());
    EXPECT_EQ(member.nutrition(), v1::NUTRITION_NORMAL);
  }
  EXPECT_EQ(household.members(1).member_id(), "M2");
}

TEST(HouseholdRedactionTest, HouseholdFieldsOutsideMembersAreKept) {
  v1::Household household = FullHousehold();
  RedactHousehold(household);
  v1::Household expected = FullHousehold();
  expected.clear_members();
  household.clear_members();
  EXPECT_EQ(household.SerializeAsString(), expected.SerializeAsString());
}

TEST(HouseholdRedactionTest, SurveysLoseIncomeAndScoreAAndTheirSnapshotIsRedacted) {
  v1::Survey survey = FullSurvey();
  RedactSurvey(survey);
  EXPECT_FALSE(survey.has_income_per_capita());
  EXPECT_EQ(survey.income_per_capita_vnd(), 0);
  EXPECT_FALSE(survey.has_score_a());
  EXPECT_EQ(survey.score_a(), 0);
  ASSERT_EQ(survey.members_size(), 1);
  EXPECT_EQ(survey.members(0).national_id(), "");
  EXPECT_EQ(survey.members(0).date_of_birth(), "");
  EXPECT_DOUBLE_EQ(survey.floor_area_m2(), 30.5);
  EXPECT_EQ(survey.water_source(), v1::WATER_SOURCE_TAP);
  EXPECT_EQ(survey.surveyor(), "Trần Văn Bình");
}

TEST(HouseholdRedactionTest, ForHelpersRedactOnlyForRedactedReaders) {
  for (v1::Role role : {v1::ROLE_WARD_OFFICER, v1::ROLE_AUDITOR, v1::ROLE_SERVICE}) {
    v1::Household household = FullHousehold();
    v1::Survey survey = FullSurvey();
    RedactHouseholdFor(ActorWith(role), household);
    RedactSurveyFor(ActorWith(role), survey);
    EXPECT_EQ(household.SerializeAsString(), FullHousehold().SerializeAsString()) << v1::Role_Name(role);
    EXPECT_EQ(survey.SerializeAsString(), FullSurvey().SerializeAsString()) << v1::Role_Name(role);
  }
  v1::Household household = FullHousehold();
  v1::Survey survey = FullSurvey();
  RedactHouseholdFor(ActorWith(v1::ROLE_ORGANIZATION_STAFF), household);
  RedactSurveyFor(ActorWith(v1::ROLE_ORGANIZATION_STAFF), survey);
  EXPECT_EQ(household.members(0).national_id(), "");
  EXPECT_FALSE(survey.has_income_per_capita());
}

}  // namespace
}  // namespace ansinh::registry
