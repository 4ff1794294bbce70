#include "registry/core/registration_rows.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "registry_fixtures.h"

namespace ansinh::registry {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

RegistrationRow RowOf(int64_t row_number, v1::Household household, std::optional<v1::Survey> survey = {}) {
  RegistrationRow row;
  row.row_number = row_number;
  row.household = std::move(household);
  row.survey = std::move(survey);
  return row;
}

std::vector<Result<RegistrationRow>> CheckOne(RegistrationRow row,
                                              v1::AreaType ward_area_type = v1::AREA_TYPE_URBAN) {
  std::vector<RegistrationRow> rows;
  rows.push_back(std::move(row));
  return CheckRegistrationRows(std::move(rows), ward_area_type, testkit::kToday, testkit::Rules());
}

// ValidHousehold with a different CCCD for each of its three adults.
v1::Household OtherFamily(const std::string& cccd_prefix) {
  v1::Household household = testkit::ValidHousehold();
  for (int i = 0; i < 3; ++i) household.mutable_members(i)->set_national_id(cccd_prefix + std::to_string(i));
  return household;
}

TEST(CheckRegistrationRowsTest, ClearsWhatTheRegistryAssignsAndFillsTheWardsAreaType) {
  v1::Household sent = testkit::RegisteredHousehold();  // read back from another registry
  sent.set_status(v1::HOUSEHOLD_STATUS_MOVED_OUT);
  sent.clear_area_type();
  v1::Survey survey = testkit::ValidSurvey();
  survey.set_survey_id("SV-2025-000007-1");
  survey.set_household_id("HH-000007");
  *survey.add_members() = sent.members(0);

  std::vector<Result<RegistrationRow>> checked = CheckOne(RowOf(4, sent, survey));

  ASSERT_EQ(checked.size(), 1u);
  ASSERT_TRUE(checked[0].ok()) << checked[0].error().message;
  const RegistrationRow& row = *checked[0];
  EXPECT_EQ(row.row_number, 4);
  EXPECT_EQ(row.household.household_id(), "");
  EXPECT_EQ(row.household.code(), "");
  EXPECT_EQ(row.household.status(), v1::HOUSEHOLD_STATUS_UNSPECIFIED);
  EXPECT_EQ(row.household.version(), 0u);
  EXPECT_EQ(row.household.head_member_id(), "");
  for (const v1::Member& member : row.household.members()) EXPECT_EQ(member.member_id(), "");
  EXPECT_EQ(row.household.area_type(), v1::AREA_TYPE_URBAN);
  ASSERT_TRUE(row.survey.has_value());
  EXPECT_EQ(row.survey->survey_id(), "");
  EXPECT_EQ(row.survey->household_id(), "");
  EXPECT_THAT(row.survey->members(), IsEmpty());
}

TEST(CheckRegistrationRowsTest, AHouseholdOfAnotherAreaTypeDoesNotBelongToTheWard) {
  std::vector<Result<RegistrationRow>> checked =
      CheckOne(RowOf(1, testkit::ValidHousehold()), v1::AREA_TYPE_RURAL);

  ASSERT_FALSE(checked[0].ok());
  EXPECT_EQ(checked[0].error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(
      checked[0].error().violations,
      ElementsAre(testkit::IsViolation("household.area_type",
                                       "this ward is rural (a commune, xã), so are all of its households; "
                                       "leave area_type out or give AREA_TYPE_RURAL")));
}

TEST(CheckRegistrationRowsTest, NamesEveryBadFieldOfHouseholdAndSurvey) {
  v1::Household household = testkit::ValidHousehold();
  household.clear_address();
  v1::Survey survey = testkit::ValidSurvey();
  survey.clear_walls();

  std::vector<Result<RegistrationRow>> checked = CheckOne(RowOf(1, household, survey));

  ASSERT_FALSE(checked[0].ok());
  EXPECT_THAT(checked[0].error().violations,
              ElementsAre(testkit::IsViolation("household.address", "required"),
                          testkit::IsViolation("survey.walls", "required")));
}

TEST(CheckRegistrationRowsTest, AFactTheSnapshotLacksIsReportedOnTheHouseholdsMember) {
  // A girl who was 15 on the survey date (2025-10-07) and is 16 today: the
  // registry needs no nutrition status for her any more, the survey's
  // standard still does. A baby born after the survey date comes first, so
  // her place in the snapshot (4) is not her place in the household (5).
  v1::Household household;
  v1::Member baby = testkit::ValidHousehold().members(3);
  baby.set_full_name("Nguyễn Ngọc Lan");
  baby.set_date_of_birth("2026-01-05");
  baby.set_relation_to_head(v1::RELATION_TO_HEAD_GRANDCHILD);
  *household.add_members() = baby;
  household.MergeFrom(testkit::ValidHousehold());
  v1::Member teen = testkit::ValidHousehold().members(2);
  teen.set_full_name("Nguyễn Thị Thu");
  teen.set_sex(v1::SEX_FEMALE);
  teen.set_date_of_birth("2009-12-01");
  teen.set_national_id("046309000555");
  teen.clear_nutrition();
  *household.add_members() = teen;

  std::vector<Result<RegistrationRow>> checked = CheckOne(RowOf(1, household, testkit::ValidSurvey()));

  ASSERT_FALSE(checked[0].ok());
  EXPECT_THAT(checked[0].error().violations,
              ElementsAre(testkit::IsViolation("household.members[5].nutrition", "Nguyễn Thị Thu")));
}

TEST(CheckRegistrationRowsTest, ASurveyTakenBeforeEveryMemberWasBornIsRefused) {
  // An orphaned baby registered as a household of one, with a survey dated
  // before her birth.
  v1::Household household = testkit::ValidHousehold();
  household.mutable_members()->DeleteSubrange(0, 3);
  v1::Member& baby = *household.mutable_members(0);
  baby.set_date_of_birth("2025-12-01");
  baby.set_relation_to_head(v1::RELATION_TO_HEAD_HEAD);

  std::vector<Result<RegistrationRow>> checked = CheckOne(RowOf(1, household, testkit::ValidSurvey()));

  ASSERT_FALSE(checked[0].ok());
  EXPECT_THAT(checked[0].error().violations,
              ElementsAre(testkit::IsViolation("survey.survey_date",
                                               "every member was born after the survey date 2025-10-07")));
}

TEST(CheckRegistrationRowsTest, ACccdGivenTwiceInTheBatchRefusesTheLaterRow) {
  std::vector<RegistrationRow> rows;
  rows.push_back(RowOf(10, testkit::ValidHousehold()));
  v1::Household again = OtherFamily("04600000000");
  again.mutable_members(1)->set_national_id(testkit::ValidHousehold().members(0).national_id());
  rows.push_back(RowOf(11, again));
  // A refused row refuses no other: row 12 is invalid, row 13 has its CCCD.
  v1::Household invalid = OtherFamily("04611111111");
  invalid.clear_address();
  rows.push_back(RowOf(12, invalid));
  rows.push_back(RowOf(13, OtherFamily("04611111111")));

  std::vector<Result<RegistrationRow>> checked =
      CheckRegistrationRows(std::move(rows), v1::AREA_TYPE_URBAN, testkit::kToday, testkit::Rules());

  ASSERT_EQ(checked.size(), 4u);
  EXPECT_TRUE(checked[0].ok());
  ASSERT_FALSE(checked[1].ok());
  EXPECT_EQ(checked[1].error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(checked[1].error().violations,
              ElementsAre(testkit::IsViolation("household.members[1].national_id",
                                               "national ID 046080001234 is also given in row 10")));
  EXPECT_FALSE(checked[2].ok());
  EXPECT_TRUE(checked[3].ok()) << checked[3].error().message;
}

// Every problem of a rejected row at once: the household's, the survey's,
// a fact the survey's member snapshot lacks and a CCCD an earlier row of
// the batch gives. Fixing the row is one round, not one per problem.
TEST(CheckRegistrationRowsTest, ARejectedRowNamesEveryProblemAtOnce) {
  std::vector<RegistrationRow> rows;
  rows.push_back(RowOf(20, testkit::ValidHousehold()));
  v1::Household household = OtherFamily("04622222222");
  household.clear_address();
  household.mutable_members(1)->set_national_id(testkit::ValidHousehold().members(0).national_id());
  // 15 on the survey date (2025-10-07), 16 today: only the survey's
  // standard still needs her nutrition status.
  v1::Member teen = testkit::ValidHousehold().members(2);
  teen.set_full_name("Nguyễn Thị Thu");
  teen.set_sex(v1::SEX_FEMALE);
  teen.set_date_of_birth("2009-12-01");
  teen.set_national_id("046309000556");
  teen.clear_nutrition();
  *household.add_members() = teen;
  v1::Survey survey = testkit::ValidSurvey();
  survey.clear_walls();
  rows.push_back(RowOf(21, household, survey));

  std::vector<Result<RegistrationRow>> checked =
      CheckRegistrationRows(std::move(rows), v1::AREA_TYPE_URBAN, testkit::kToday, testkit::Rules());

  ASSERT_EQ(checked.size(), 2u);
  EXPECT_TRUE(checked[0].ok());
  ASSERT_FALSE(checked[1].ok());
  EXPECT_EQ(checked[1].error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(checked[1].error().violations,
              ElementsAre(testkit::IsViolation("household.address", "required"),
                          testkit::IsViolation("survey.walls", "required"),
                          testkit::IsViolation("household.members[4].nutrition", "Nguyễn Thị Thu"),
                          testkit::IsViolation("household.members[1].national_id",
                                               "national ID 046080001234 is also given in row 20")));
}

// A survey whose year or date is wrong cannot say which standard or day
// the snapshot is judged by: then only the survey's own problems are named.
TEST(CheckRegistrationRowsTest, ASnapshotIsNotJudgedByASurveyWithoutAUsableDate) {
  v1::Household household = testkit::ValidHousehold();
  household.mutable_members(3)->clear_nutrition();
  household.clear_address();
  v1::Survey survey = testkit::ValidSurvey();
  survey.set_survey_date("07/10/2025");

  std::vector<Result<RegistrationRow>> checked = CheckOne(RowOf(1, household, survey));

  ASSERT_FALSE(checked[0].ok());
  std::vector<std::string> fields;
  for (const FieldViolation& violation : checked[0].error().violations) fields.push_back(violation.field);
  EXPECT_THAT(fields, ::testing::UnorderedElementsAre("household.address", "household.members[3].nutrition",
                                                      "survey.survey_date"));
}

TEST(RegisterHouseholdTest, ANewHouseholdAndItsFirstSurvey) {
  std::vector<Result<RegistrationRow>> checked =
      CheckOne(RowOf(1, testkit::ValidHousehold(), testkit::ValidSurvey()));
  ASSERT_TRUE(checked[0].ok()) << checked[0].error().message;

  const HouseholdChange change = RegisterHousehold(std::move(checked[0].value()), "HH-000042", "T05-017");

  EXPECT_EQ(change.after.household_id(), "HH-000042");
  EXPECT_EQ(change.after.code(), "T05-017");
  EXPECT_EQ(change.after.status(), v1::HOUSEHOLD_STATUS_ACTIVE);
  EXPECT_EQ(change.after.version(), 1u);
  EXPECT_EQ(change.after.head_member_id(), "M1");
  ASSERT_EQ(change.events.size(), 2u);
  EXPECT_EQ(EventTypeOf(change.events[0]), "registry.household_registered.v1");
  EXPECT_EQ(std::get<v1::HouseholdRegistered>(change.events[0]).household().SerializeAsString(),
            change.after.SerializeAsString());
  EXPECT_EQ(EventTypeOf(change.events[1]), "registry.survey_recorded.v1");
  const auto& recorded = std::get<v1::SurveyRecorded>(change.events[1]);
  EXPECT_EQ(recorded.household_version(), 1u);
  ASSERT_TRUE(change.recorded_survey.has_value());
  EXPECT_EQ(change.recorded_survey->survey_id(), "SV-2025-000042-1");
  EXPECT_EQ(change.recorded_survey->household_id(), "HH-000042");
  EXPECT_EQ(change.recorded_survey->members_size(), 4);
  EXPECT_EQ(recorded.survey().SerializeAsString(), change.recorded_survey->SerializeAsString());
}

TEST(RegisterHouseholdTest, WithoutASurveyOnlyTheRegistration) {
  const HouseholdChange change =
      RegisterHousehold(RowOf(1, testkit::ValidHousehold()), "HH-000043", "T05-018");

  ASSERT_EQ(change.events.size(), 1u);
  EXPECT_EQ(EventTypeOf(change.events[0]), "registry.household_registered.v1");
  EXPECT_FALSE(change.recorded_survey.has_value());
}

}  // namespace
}  // namespace ansinh::registry
