// Bulk import over ImportHouseholds: a result per row, a bad row reported
// with every reason while the good rows land, and the CLI's reading of the
// results back onto the lines of a CSV file.
#include <gmock/gmock.h>

#include <map>

#include "registry/client/household_import_client.h"
#include "registry/client/import_report.h"
#include "registry/core/import/csv_household_import.h"
#include "registry_test_fixture.h"

namespace ansinh::registry::testkit {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

class RegistryImportTest : public RegistryTest {
 protected:
  client::ImportOutcome Import(const std::vector<v1::ImportHouseholdsRequest>& rows) {
    size_t next = 0;
    return client::StreamImport(
        *stub_, [this] { return Officer(); },
        [&]() -> std::optional<v1::ImportHouseholdsRequest> {
          if (next == rows.size()) return std::nullopt;
          return rows[next++];
        },
        static_cast<int64_t>(rows.size()), {});
  }
};

v1::ImportHouseholdsRequest Row(int64_t number, v1::Household household, bool with_survey) {
  v1::ImportHouseholdsRequest row;
  row.set_row_number(number);
  *row.mutable_household() = std::move(household);
  if (with_survey) {
    *row.mutable_survey() = Survey2025("");
    row.mutable_survey()->clear_household_id();
  }
  return row;
}

TEST_F(RegistryImportTest, BadRowsAreReportedWithTheirReasonsAndTheGoodRowsLand) {
  const v1::Household existing = Register(Family(900));  // HH-000001 (T05-001)

  std::vector<v1::ImportHouseholdsRequest> rows;
  rows.push_back(Row(10, Family(1), true));
  v1::ImportHouseholdsRequest two_problems = Row(11, Family(10), true);
  two_problems.mutable_household()->mutable_members(1)->set_national_id("04608000001");
  two_problems.mutable_survey()->set_floor_area_m2(-3);
  rows.push_back(two_problems);
  rows.push_back(Row(12, Family(20), false));
  v1::ImportHouseholdsRequest repeated = Row(13, Family(30), false);
  repeated.mutable_household()->mutable_members(0)->set_national_id(NationalId(1));  // row 10's
  rows.push_back(repeated);
  v1::ImportHouseholdsRequest registered = Row(14, Family(40), false);
  registered.mutable_household()->mutable_members(1)->set_national_id(NationalId(900));
  rows.push_back(registered);
  // Valid today, but 15 on the survey date without a nutrition status, which
  // Decree 07/2021 needs for every child under 16: the survey could not be
  // classified, so the row is refused.
  v1::ImportHouseholdsRequest incomplete = Row(15, Family(50), true);
  v1::Member& teenager = *incomplete.mutable_household()->mutable_members(2);
  teenager.set_date_of_birth("2010-01-15");
  teenager.set_national_id(NationalId(52));
  teenager.set_education_level(v1::EDUCATION_LEVEL_LOWER_SECONDARY);
  teenager.clear_nutrition();
  rows.push_back(incomplete);
  v1::ImportHouseholdsRequest unnumbered = Row(0, Family(60), true);
  unnumbered.mutable_household()->set_residential_group("TDP-02");
  rows.push_back(unnumbered);

  const client::ImportOutcome outcome = Import(rows);
  ASSERT_TRUE(outcome.status.ok()) << outcome.status.error_message();
  const v1::ImportHouseholdsResponse& response = outcome.response;
  EXPECT_EQ(outcome.rows_sent, 7);
  EXPECT_EQ(response.imported_count(), 3);
  EXPECT_EQ(response.rejected_count(), 4);
  ASSERT_EQ(response.results_size(), 7);
  std::vector<int64_t> numbers;
  for (const auto& result : response.results()) numbers.push_back(result.row_number());
  EXPECT_THAT(numbers, ElementsAre(10, 11, 12, 13, 14, 15, 7));

  const auto violations = [&](int index) {
    std::vector<std::pair<std::string, std::string>> found;
    for (const auto& violation : response.results(index).rejected().field_violations()) {
      found.emplace_back(violation.field(), violation.description());
    }
    return found;
  };
  ASSERT_TRUE(response.results(0).has_imported());
  EXPECT_EQ(response.results(0).imported().household_id(), "HH-000002");
  EXPECT_EQ(response.results(0).imported().code(), "T05-002");
  EXPECT_EQ(response.results(0).imported().survey_id(), "SV-2025-000002-1");
  EXPECT_THAT(violations(1),
              UnorderedElementsAre(Pair("household.members[1].national_id", HasSubstr("12 digits")),
                                   Pair("survey.floor_area_m2", HasSubstr("negative"))));
  ASSERT_TRUE(response.results(2).has_imported());
  EXPECT_TRUE(response.results(2).imported().survey_id().empty());
  EXPECT_THAT(violations(3),
              ElementsAre(Pair("household.members[0].national_id", HasSubstr("also given in row 10"))));
  EXPECT_THAT(violations(4), ElementsAre(Pair("household.members[1].national_id",
                                              HasSubstr("active household HH-000001 (T05-001)"))));
  EXPECT_THAT(violations(5),
              ElementsAre(Pair("household.members[2].nutrition", HasSubstr("Decree 07/2021"))));
  ASSERT_TRUE(response.results(6).has_imported());
  EXPECT_EQ(response.results(6).imported().code(), "T02-001");

  // Exactly the good rows landed, with their surveys.
  const v1::ListHouseholdsResponse listed = List("", v1::HOUSEHOLD_STATUS_UNSPECIFIED);
  ASSERT_EQ(listed.page().total_size(), 4);
  std::vector<std::string> heads;
  for (const auto& household : listed.households()) heads.push_back(household.members(0).national_id());
  EXPECT_THAT(heads, ElementsAre(NationalId(900), NationalId(1), NationalId(20), NationalId(60)));
  v1::GetHouseholdRecordRequest request;
  request.set_household_id("HH-000002");
  v1::GetHouseholdRecordResponse record;
  ASSERT_TRUE(stub_->GetHouseholdRecord(Auditor().get(), request, &record).ok());
  ASSERT_EQ(record.surveys_size(), 1);
  EXPECT_EQ(record.surveys(0).members_size(), 3);
}

// Every problem of a rejected row comes back at once: the household's, its
// survey's, a fact the survey's member snapshot lacks, a CCCD an earlier row
// gives and a CCCD a registered household holds. Before, the household's
// problems hid the snapshot's and the CCCDs', so a row took several rounds
// of fixing.
TEST_F(RegistryImportTest, ARejectedRowNamesEveryProblemOfItsHouseholdAndSurveyAtOnce) {
  Register(Family(900));  // HH-000001 (T05-001)
  std::vector<v1::ImportHouseholdsRequest> rows;
  rows.push_back(Row(10, Family(1), false));
  v1::ImportHouseholdsRequest everything_wrong = Row(11, Family(10), true);
  v1::Household& household = *everything_wrong.mutable_household();
  household.clear_address();
  household.mutable_members(0)->set_national_id(NationalId(900));  // registered
  household.mutable_members(1)->set_national_id(NationalId(1));    // row 10's
  v1::Member& teenager = *household.mutable_members(2);
  teenager.set_date_of_birth("2010-01-15");
  teenager.set_national_id(NationalId(12));
  teenager.set_education_level(v1::EDUCATION_LEVEL_LOWER_SECONDARY);
  teenager.clear_nutrition();
  everything_wrong.mutable_survey()->clear_walls();
  rows.push_back(everything_wrong);

  const client::ImportOutcome outcome = Import(rows);
  ASSERT_TRUE(outcome.status.ok()) << outcome.status.error_message();
  ASSERT_EQ(outcome.response.results_size(), 2);
  EXPECT_TRUE(outcome.response.results(0).has_imported());
  std::vector<std::pair<std::string, std::string>> found;
  for (const auto& violation : outcome.response.results(1).rejected().field_violations()) {
    found.emplace_back(violation.field(), violation.description());
  }
  EXPECT_THAT(found, UnorderedElementsAre(
                         Pair("household.address", HasSubstr("required")),
                         Pair("household.members[0].national_id", HasSubstr("active household HH-000001")),
                         Pair("household.members[1].national_id", HasSubstr("also given in row 10")),
                         Pair("household.members[2].nutrition", HasSubstr("Decree 07/2021")),
                         Pair("survey.walls", HasSubstr("required"))));
  EXPECT_EQ(outcome.response.imported_count(), 1);
  EXPECT_EQ(outcome.response.rejected_count(), 1);
}

// Several batches of 500 are in flight at once (one read, one prepared, one
// committed): results and events must keep the rows' order, and a CCCD given
// again in a later batch must still be caught.
TEST_F(RegistryImportTest, ALargeImportKeepsOrderAndCatchesACccdRepeatedAcrossBatches) {
  constexpr int kRows = 1600;
  std::vector<v1::ImportHouseholdsRequest> rows;
  for (int i = 1; i <= kRows; ++i) {
    v1::ImportHouseholdsRequest row = Row(i, Family(10 * i), i % 2 == 0);
    row.mutable_household()->set_residential_group("TDP-" + std::to_string(1 + i % 9));
    rows.push_back(std::move(row));
  }
  rows[1299].mutable_household()->mutable_members(0)->set_national_id(NationalId(10 * 7));  // row 7's head
  rows[1499].mutable_household()->mutable_members(1)->set_date_of_birth("2999-01-01");

  const client::ImportOutcome outcome = Import(rows);
  ASSERT_TRUE(outcome.status.ok()) << outcome.status.error_message();
  EXPECT_EQ(outcome.response.imported_count(), kRows - 2);
  EXPECT_EQ(outcome.response.rejected_count(), 2);
  ASSERT_EQ(outcome.response.results_size(), kRows);
  for (int i = 0; i < kRows; ++i) {
    ASSERT_EQ(outcome.response.results(i).row_number(), i + 1);
  }
  const auto& repeated = outcome.response.results(1299);
  ASSERT_TRUE(repeated.has_rejected());
  EXPECT_EQ(repeated.rejected().field_violations(0).field(), "household.members[0].national_id");
  EXPECT_THAT(repeated.rejected().field_violations(0).description(), HasSubstr("active household HH-000007"));
  EXPECT_TRUE(outcome.response.results(1499).has_rejected());
  // Ids in row order: the n-th landed row is HH-n.
  int landed = 0;
  for (const auto& result : outcome.response.results()) {
    if (!result.has_imported()) continue;
    ++landed;
    char expected[16];
    std::snprintf(expected, sizeof expected, "HH-%06d", landed);
    ASSERT_EQ(result.imported().household_id(), expected);
  }
  // One registration per landed row, and a survey for the even ones, each
  // household's events in order.
  std::map<std::string, std::vector<uint64_t>> versions;
  int64_t registrations = 0;
  for (const v1::EventEnvelope& event : Events()) {
    versions[event.aggregate_id()].push_back(event.aggregate_version());
    if (event.event_type() == "registry.household_registered.v1") ++registrations;
  }
  EXPECT_EQ(registrations, kRows - 2);
  for (const auto& [household, seen] : versions) {
    EXPECT_EQ(seen.front(), 1u) << household;
    for (size_t v = 0; v < seen.size(); ++v) ASSERT_EQ(seen[v], v + 1) << household;
  }
  EXPECT_EQ(List("", v1::HOUSEHOLD_STATUS_ACTIVE, 1).page().total_size(), kRows - 2);
}

TEST_F(RegistryImportTest, AnEmptyImportSucceedsWithNoResults) {
  const auto before = Snapshot();
  const client::ImportOutcome outcome = Import({});
  ASSERT_TRUE(outcome.status.ok()) << outcome.status.error_message();
  EXPECT_EQ(outcome.response.results_size(), 0);
  EXPECT_EQ(outcome.response.imported_count(), 0);
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(RegistryImportTest, ACsvFilesProblemsComeBackOnTheirLines) {
  const std::string csv =
      "household_key,address,residential_group,full_name,sex,date_of_birth,relation_to_head,"
      "national_id,has_health_insurance,enrolled_in_school,education_level,employment,nutrition\n"
      // Line 2-3: a good couple.
      "A,số 3 Kim Trà,TDP-12,Lê Thị Lan,female,1960-01-15,head,046160000555,yes,no,primary,"
      "self_employed,\n"
      "A,,,Phan Văn Tý,male,1958-05-01,spouse,046058000556,yes,no,primary,not_in_labour_force,\n"
      // Lines 4-6: the member on line 6 has a CCCD of 11 digits.
      "B,số 9 Hùng Vương,TDP-12,Võ Văn Nam,male,1985-02-02,head,046085000777,yes,no,"
      "upper_secondary,wage_with_contract,\n"
      "B,,,Võ Thị Na,female,2015-03-03,child,,yes,yes,primary,not_in_labour_force,normal\n"
      "B,,,Hồ Thị Mỹ,female,1987-07-07,spouse,04618700077,yes,no,vocational,self_employed,\n"
      // Line 7: a sex the reader does not know: never sent.
      "C,số 1 Lý Thái Tổ,TDP-12,Đỗ Văn Út,X,1970-01-01,head,046070000111,yes,no,primary,"
      "self_employed,\n";
  const ParsedImport parsed = ParseCsvHouseholds(csv);
  ASSERT_TRUE(parsed.file_errors.empty());
  const client::ImportReport report(parsed);
  EXPECT_EQ(report.rows_read(), 3);
  EXPECT_EQ(report.rows_refused_locally(), 1);

  size_t next = 0;
  const client::ImportOutcome outcome = client::StreamImport(
      *stub_, [this] { return Officer(); },
      [&]() -> std::optional<v1::ImportHouseholdsRequest> {
        if (next == report.rows_to_send().size()) return std::nullopt;
        return report.rows_to_send()[next++]->request;
      },
      2, {});
  ASSERT_TRUE(outcome.status.ok()) << outcome.status.error_message();
  EXPECT_EQ(outcome.response.imported_count(), 1);
  EXPECT_EQ(outcome.response.rejected_count(), 1);

  const std::vector<client::LineProblem> problems = report.Problems(outcome.response);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_THAT(problems[0],
              AllOf(Field(&client::LineProblem::line, 6), Field(&client::LineProblem::row_line, 4),
                    Field(&client::LineProblem::field, "household.members[2].national_id")));
  EXPECT_THAT(problems[1],
              AllOf(Field(&client::LineProblem::line, 7), Field(&client::LineProblem::row_line, 7),
                    Field(&client::LineProblem::field, "sex")));
  EXPECT_EQ(List("TDP-12", v1::HOUSEHOLD_STATUS_UNSPECIFIED).households(0).members(1).full_name(),
            "Phan Văn Tý");
}

}  // namespace
}  // namespace ansinh::registry::testkit
