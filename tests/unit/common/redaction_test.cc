// The one field policy (server/redaction.h) on the messages it was first
// written for: the registry's households and surveys keep, for organization
// staff, exactly what the registry's own redaction kept before it was folded
// into the generic one; and on classification results, the staff income leak
// of issue 15.
#include "server/redaction.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ansinh/v1/assignment.pb.h"
#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/household.pb.h"
#include "ansinh/v1/monitoring.pb.h"
#include "ansinh/v1/registry.pb.h"

namespace ansinh::server {
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

v1::Household RedactedFor(v1::Role role, v1::Household household) {
  RedactForReader(ActorWith(role), household);
  return household;
}

v1::Survey RedactedFor(v1::Role role, v1::Survey survey) {
  RedactForReader(ActorWith(role), survey);
  return survey;
}

TEST(FieldPolicyTest, OfficersAuditorsAndServicesReceiveEveryField) {
  for (v1::Role role : {v1::ROLE_WARD_OFFICER, v1::ROLE_AUDITOR, v1::ROLE_SERVICE}) {
    EXPECT_EQ(RedactedFor(role, FullHousehold()).SerializeAsString(), FullHousehold().SerializeAsString())
        << v1::Role_Name(role);
    EXPECT_EQ(RedactedFor(role, FullSurvey()).SerializeAsString(), FullSurvey().SerializeAsString())
        << v1::Role_Name(role);
  }
}

TEST(FieldPolicyTest, StaffMembersLoseIdentifiersAndFiguresButKeepWhatHelpersActOn) {
  const v1::Household household = RedactedFor(v1::ROLE_ORGANIZATION_STAFF, FullHousehold());
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

TEST(FieldPolicyTest, StaffKeepHouseholdFieldsOutsideMembers) {
  v1::Household household = RedactedFor(v1::ROLE_ORGANIZATION_STAFF, FullHousehold());
  v1::Household expected = FullHousehold();
  expected.clear_members();
  household.clear_members();
  EXPECT_EQ(household.SerializeAsString(), expected.SerializeAsString());
}

TEST(FieldPolicyTest, StaffSurveysLoseIncomeAndScoreAAndTheirSnapshotIsRedacted) {
  const v1::Survey survey = RedactedFor(v1::ROLE_ORGANIZATION_STAFF, FullSurvey());
  EXPECT_FALSE(survey.has_income_per_capita());
  EXPECT_EQ(survey.income_per_capita_vnd(), 0);
  EXPECT_FALSE(survey.has_score_a());
  EXPECT_EQ(survey.score_a(), 0);
  ASSERT_EQ(survey.members_size(), 1);
  EXPECT_EQ(survey.members(0).national_id(), "");
  EXPECT_EQ(survey.members(0).date_of_birth(), "");
  EXPECT_EQ(survey.members(0).full_name(), "Nguyễn Thị Hương");
  EXPECT_DOUBLE_EQ(survey.floor_area_m2(), 30.5);
  EXPECT_EQ(survey.water_source(), v1::WATER_SOURCE_TAP);
  EXPECT_EQ(survey.surveyor(), "Trần Văn Bình");
}

TEST(FieldPolicyTest, ARoleAddedLaterReceivesNothingMarked) {
  const v1::Household household = RedactedFor(v1::ROLE_UNSPECIFIED, FullHousehold());
  EXPECT_EQ(household.address(), "");
  EXPECT_EQ(household.code(), "T05-017");
  for (const v1::Member& member : household.members()) {
    EXPECT_EQ(member.full_name(), "");
    EXPECT_EQ(member.national_id(), "");
    EXPECT_FALSE(member.has_disability());
    EXPECT_EQ(member.education_level(), v1::EDUCATION_LEVEL_LOWER_SECONDARY);
  }
}

TEST(FieldPolicyTest, RedactionReachesIntoRepeatedAndNestedMessagesOfAnyResponse) {
  v1::GetHouseholdRecordResponse record;
  *record.mutable_household() = FullHousehold();
  *record.add_surveys() = FullSurvey();
  *record.add_surveys() = FullSurvey();
  v1::SearchHouseholdsResponse search;
  *search.add_hits()->mutable_household() = FullHousehold();
  // 2 members x 3 fields + 2 surveys x (4 figures + 1 member x 3 fields); 2 x 3.
  EXPECT_EQ(RedactForReader(ActorWith(v1::ROLE_ORGANIZATION_STAFF), record), 6 + 2 * (4 + 3));
  EXPECT_EQ(RedactForReader(ActorWith(v1::ROLE_ORGANIZATION_STAFF), search), 6);
  EXPECT_EQ(record.surveys(1).members(0).national_id(), "");
  EXPECT_EQ(search.hits(0).household().members(1).national_id(), "");
  EXPECT_EQ(search.hits(0).household().members(1).full_name(), "Nguyễn Thị Hương");
}

// What ClassifyHousehold returned to Women's Union staff before issue 15: the
// measured income, and each member's name with exact age in the reasons.
v1::ClassificationResult ExplainedResult() {
  v1::ClassificationResult result;
  result.set_household_id("HH-000001");
  result.set_category(v1::POVERTY_CATEGORY_POOR);
  result.set_deprivation_count(1);
  result.set_income_basis(v1::INCOME_BASIS_MEASURED_INCOME);
  result.set_income_value(1'400'000);
  result.set_income_reason(
      "measured income 1,400,000 VND is at or below the urban poverty line 2,000,000 VND");
  result.mutable_income_reason_text()->set_key("income.measured_at_or_below");
  result.set_labour_capacity_reason("can work: Nguyễn Thị Hương (45)");
  v1::LocalizedText::Argument* name = result.mutable_labour_capacity_reason_text()->add_args();
  name->set_name("name");
  name->set_value("Nguyễn Thị Hương");
  v1::IndicatorResult* indicator = result.add_indicators();
  indicator->set_kind(v1::INDICATOR_KIND_HEALTH_INSURANCE);
  indicator->set_deprived(true);
  indicator->set_reason("Nguyễn Văn An (17) has no health insurance");
  indicator->add_member_ids("M2");
  indicator->mutable_reason_text()->set_key("indicator.HEALTH_INSURANCE.deprived");
  return result;
}

TEST(FieldPolicyTest, StaffReceiveNoIncomeNamesOrAgesFromAClassification) {
  v1::ClassifyHouseholdResponse response;
  *response.mutable_result() = ExplainedResult();
  RedactForReader(ActorWith(v1::ROLE_ORGANIZATION_STAFF), response);
  const v1::ClassificationResult& result = response.result();
  EXPECT_EQ(result.income_value(), 0);
  EXPECT_EQ(result.income_reason(), "");
  EXPECT_FALSE(result.has_income_reason_text());
  EXPECT_EQ(result.labour_capacity_reason(), "");
  EXPECT_FALSE(result.has_labour_capacity_reason_text());
  ASSERT_EQ(result.indicators_size(), 1);
  EXPECT_EQ(result.indicators(0).reason(), "");
  EXPECT_FALSE(result.indicators(0).has_reason_text());
  // The verdicts themselves stay: the category and which indicator, for whom.
  EXPECT_EQ(result.category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_TRUE(result.indicators(0).deprived());
  EXPECT_EQ(result.indicators(0).member_ids(0), "M2");
  EXPECT_EQ(result.household_id(), "HH-000001");
}

TEST(FieldPolicyTest, MarkedFieldsCarriedAreGroupedByTheNearestHousehold) {
  v1::GetHouseholdRecordResponse record;
  *record.mutable_household() = FullHousehold();
  *record.add_surveys() = FullSurvey();
  v1::ClassifyHouseholdResponse classified;
  *classified.mutable_result() = ExplainedResult();
  classified.mutable_result()->set_household_id("HH-000002");

  const v1::PersonalDataRead read = MarkedFieldsCarried(record);
  ASSERT_EQ(read.households_size(), 1);
  EXPECT_EQ(read.households(0).household_id(), "HH-000001");
  const std::vector<std::string> fields(read.households(0).fields().begin(),
                                        read.households(0).fields().end());
  EXPECT_TRUE(std::is_sorted(fields.begin(), fields.end()));
  for (const char* expected :
       {"household.address", "household.members.national_id", "household.members.full_name",
        "surveys.income_per_capita_vnd", "surveys.members.date_of_birth"}) {
    EXPECT_NE(std::find(fields.begin(), fields.end(), expected), fields.end()) << expected;
  }
  EXPECT_EQ(std::find(fields.begin(), fields.end(), "household.code"), fields.end());

  const v1::PersonalDataRead explained = MarkedFieldsCarried(classified);
  ASSERT_EQ(explained.households_size(), 1);
  EXPECT_EQ(explained.households(0).household_id(), "HH-000002");
  EXPECT_NE(std::find(explained.households(0).fields().begin(), explained.households(0).fields().end(),
                      "result.income_value"),
            explained.households(0).fields().end());

  // Once redacted for staff, a classification carries nothing marked.
  RedactForReader(ActorWith(v1::ROLE_ORGANIZATION_STAFF), classified);
  EXPECT_EQ(MarkedFieldsCarried(classified).households_size(), 0);
  EXPECT_EQ(MarkedFieldsCarried(v1::ListRoundsResponse{}).households_size(), 0);
}

TEST(FieldPolicyTest, AuditorsReadsOfEveryMarkedFieldAndEveryonesReadsOfSensitiveFieldsAreRecorded) {
  EXPECT_EQ(RecordedMarksFor(ActorWith(v1::ROLE_AUDITOR)), RecordedMarks::kPersonalOrSensitive);
  for (v1::Role role : {v1::ROLE_WARD_OFFICER, v1::ROLE_ORGANIZATION_STAFF, v1::ROLE_SERVICE}) {
    EXPECT_EQ(RecordedMarksFor(ActorWith(role)), RecordedMarks::kSensitive) << v1::Role_Name(role);
  }
}

TEST(FieldPolicyTest, SensitiveFieldsCarriedLeaveOutWhatIsOnlyPersonal) {
  v1::GetHouseholdRecordResponse record;
  *record.mutable_household() = FullHousehold();
  *record.add_surveys() = FullSurvey();
  const v1::PersonalDataRead read = MarkedFieldsCarried(record, RecordedMarks::kSensitive);
  ASSERT_EQ(read.households_size(), 1);
  EXPECT_EQ(read.households(0).household_id(), "HH-000001");
  const std::vector<std::string> fields(read.households(0).fields().begin(),
                                        read.households(0).fields().end());
  const std::vector<std::string> expected = {"household.members.has_disability",
                                             "household.members.has_health_insurance",
                                             "household.members.lost_working_capacity",
                                             "household.members.monthly_social_allowance_vnd",
                                             "household.members.nutrition",
                                             "surveys.has_income_per_capita",
                                             "surveys.has_score_a",
                                             "surveys.income_per_capita_vnd",
                                             "surveys.members.has_disability",
                                             "surveys.members.has_health_insurance",
                                             "surveys.members.lost_working_capacity",
                                             "surveys.members.monthly_social_allowance_vnd",
                                             "surveys.members.nutrition",
                                             "surveys.score_a"};
  EXPECT_EQ(fields, expected);

  // A household whose members' sensitive facts are all unset (a name and an
  // address only) carries nothing whose read is recorded for an officer.
  v1::GetHouseholdResponse plain;
  plain.mutable_household()->set_household_id("HH-000003");
  plain.mutable_household()->set_address("4 Kiệt 9");
  plain.mutable_household()->add_members()->set_full_name("Lê Văn Hải");
  EXPECT_EQ(MarkedFieldsCarried(plain, RecordedMarks::kSensitive).households_size(), 0);
  EXPECT_EQ(MarkedFieldsCarried(plain, RecordedMarks::kPersonalOrSensitive).households_size(), 1);

  // Staff receive the staff-visible sensitive facts, and their read of them is recorded.
  v1::Household for_staff = RedactedFor(v1::ROLE_ORGANIZATION_STAFF, FullHousehold());
  v1::GetHouseholdResponse staff_read;
  *staff_read.mutable_household() = for_staff;
  const v1::PersonalDataRead staff = MarkedFieldsCarried(staff_read, RecordedMarks::kSensitive);
  ASSERT_EQ(staff.households_size(), 1);
  const std::vector<std::string> staff_fields(staff.households(0).fields().begin(),
                                              staff.households(0).fields().end());
  const std::vector<std::string> staff_expected = {
      "household.members.has_disability", "household.members.has_health_insurance",
      "household.members.lost_working_capacity", "household.members.nutrition"};
  EXPECT_EQ(staff_fields, staff_expected);
}

TEST(FieldPolicyTest, ChangesAreMarkedAndReadsAreNot) {
  // A file's methods are in the generated pool once its generated code is linked.
  ASSERT_NE(v1::RecordSupportRequest::descriptor(), nullptr);
  ASSERT_NE(v1::SetExternalFigureRequest::descriptor(), nullptr);
  for (const char* change :
       {"Registry.CreateHousehold", "Registry.UpdateMember", "Classification.FileComplaint",
        "Assignment.RecordSupport", "Monitoring.SetExternalFigure"}) {
    EXPECT_TRUE(AnswersAChange(change)) << change;
  }
  for (const char* read : {"Registry.GetHousehold", "Registry.GetHouseholdRecord", "Classification.WhatIf",
                           "Assignment.GetCaseByHousehold", "Monitoring.GetHouseholdTimeline",
                           "Registry.NoSuchMethod", "NoSuchService.GetHousehold", ""}) {
    EXPECT_FALSE(AnswersAChange(read)) << read;
  }
}

}  // namespace
}  // namespace ansinh::server
