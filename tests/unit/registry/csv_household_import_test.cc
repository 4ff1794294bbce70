#include "registry/core/import/csv_household_import.h"

#include <gmock/gmock.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <string>

#include "registry/core/import/import_validation.h"
#include "registry/core/import/json_lines_import.h"
#include "registry_fixtures.h"

namespace ansinh::registry {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST(ParseCsvHouseholdsTest, ReadsTheSampleFile) {
  const ParsedImport parsed = ParseCsvHouseholds(testkit::ReadTestData("households.csv"));
  EXPECT_THAT(parsed.file_errors, IsEmpty());
  ASSERT_EQ(parsed.rows.size(), 3u);
  for (const ParsedRow& row : parsed.rows) {
    EXPECT_THAT(row.errors, IsEmpty());
    EXPECT_THAT(ValidateImportRow(row.request, testkit::kToday, testkit::Rules()), IsEmpty())
        << row.request.ShortDebugString();
  }

  // H1: rows on lines 2, 3 and (after other households) 6.
  const ParsedRow& first = parsed.rows[0];
  EXPECT_EQ(first.request.row_number(), 2);
  EXPECT_THAT(first.member_lines, ElementsAre(2, 3, 6));
  const v1::Household& household = first.request.household();
  EXPECT_EQ(household.address(), "số 12 kiệt 5 Lý Thái Tổ, phường Hương Xuân");
  EXPECT_EQ(household.residential_group(), "TDP-05");
  EXPECT_EQ(household.area_type(), v1::AREA_TYPE_URBAN);
  ASSERT_EQ(household.members_size(), 3);
  const v1::Member& head = household.members(0);
  EXPECT_EQ(head.full_name(), "Nguyễn Văn An");
  EXPECT_EQ(head.sex(), v1::SEX_MALE);
  EXPECT_EQ(head.relation_to_head(), v1::RELATION_TO_HEAD_HEAD);
  EXPECT_EQ(head.national_id(), "046080001234");
  EXPECT_TRUE(head.has_health_insurance());  // "có"
  EXPECT_FALSE(head.enrolled_in_school());   // "không"
  EXPECT_EQ(head.employment(), v1::EMPLOYMENT_WAGE_WITHOUT_CONTRACT);
  const v1::Member& child = household.members(2);
  EXPECT_EQ(child.sex(), v1::SEX_FEMALE);  // "female"
  EXPECT_EQ(child.relation_to_head(), v1::RELATION_TO_HEAD_CHILD);
  EXPECT_EQ(child.national_id(), "");
  EXPECT_EQ(child.nutrition(), v1::NUTRITION_NORMAL);

  ASSERT_TRUE(first.request.has_survey());
  const v1::Survey& survey = first.request.survey();
  EXPECT_EQ(survey.review_year(), 2025);
  EXPECT_EQ(survey.kind(), v1::REVIEW_KIND_PERIODIC);
  EXPECT_EQ(survey.roof(), v1::MATERIAL_QUALITY_NON_DURABLE);
  EXPECT_DOUBLE_EQ(survey.floor_area_m2(), 30.5);
  EXPECT_THAT(survey.information_devices(),
              ElementsAre(v1::INFORMATION_DEVICE_TV, v1::INFORMATION_DEVICE_SMARTPHONE));
  EXPECT_TRUE(survey.has_income_per_capita());
  EXPECT_EQ(survey.income_per_capita_vnd(), 1'650'000);
  EXPECT_FALSE(survey.has_score_a());
  EXPECT_EQ(survey.survey_date(), "2025-10-07");

  // H2: scored, not measured.
  const v1::Survey& scored = parsed.rows[1].request.survey();
  EXPECT_FALSE(scored.has_income_per_capita());
  EXPECT_TRUE(scored.has_score_a());
  EXPECT_EQ(scored.score_a(), 120);
  EXPECT_EQ(parsed.rows[1].request.household().members(0).monthly_social_allowance_vnd(), 500'000);

  // H3: lower-case enum names, quotes inside a quoted address, no survey.
  const ParsedRow& third = parsed.rows[2];
  EXPECT_EQ(third.request.row_number(), 5);
  EXPECT_EQ(third.request.household().address(), "số 40 \"Độc Lập\", phường Hương Xuân");
  EXPECT_EQ(third.request.household().members(0).education_level(), v1::EDUCATION_LEVEL_COLLEGE_OR_HIGHER);
  EXPECT_FALSE(third.request.has_survey());
}

TEST(ParseCsvHouseholdsTest, ReadsTheSameHouseholdAsTheJsonLinesSample) {
  const ParsedImport csv = ParseCsvHouseholds(testkit::ReadTestData("households.csv"));
  const ParsedImport json = ParseJsonLines(testkit::ReadTestData("households.jsonl"));
  ASSERT_FALSE(csv.rows.empty());
  ASSERT_FALSE(json.rows.empty());
  v1::ImportHouseholdsRequest from_csv = csv.rows[0].request;
  v1::ImportHouseholdsRequest from_json = json.rows[0].request;
  from_csv.clear_row_number();
  from_json.clear_row_number();
  std::string differences;
  google::protobuf::util::MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&differences);
  EXPECT_TRUE(differencer.Compare(from_csv, from_json)) << differences;
}

TEST(ParseCsvHouseholdsTest, ColumnsMatchInAnyCaseAndOrder) {
  const ParsedImport parsed = ParseCsvHouseholds(
      "Full_Name,HOUSEHOLD_KEY,Survey.Score_A\n"
      "Lê Văn Tám,k1,140\n");
  EXPECT_THAT(parsed.file_errors, IsEmpty());
  ASSERT_EQ(parsed.rows.size(), 1u);
  EXPECT_EQ(parsed.rows[0].request.household().members(0).full_name(), "Lê Văn Tám");
  EXPECT_TRUE(parsed.rows[0].request.survey().has_score_a());
  EXPECT_EQ(parsed.rows[0].request.survey().score_a(), 140);
}

TEST(ParseCsvHouseholdsTest, ReadsWhetherAnIllMemberWentUntreated) {
  // Decision 59/2015 surveys (to 2021) need the answer.
  const ParsedImport parsed = ParseCsvHouseholds(
      "household_key,full_name,survey.review_year,survey.untreated_illness\n"
      "k1,Lê Văn Tám,2021,some_member\n"
      "k2,Lê Văn Chín,2021,UNTREATED_ILLNESS_NONE\n");
  EXPECT_THAT(parsed.file_errors, IsEmpty());
  ASSERT_EQ(parsed.rows.size(), 2u);
  EXPECT_EQ(parsed.rows[0].request.survey().untreated_illness(), v1::UNTREATED_ILLNESS_SOME_MEMBER);
  EXPECT_EQ(parsed.rows[1].request.survey().untreated_illness(), v1::UNTREATED_ILLNESS_NONE);
}

TEST(ParseCsvHouseholdsTest, HeaderProblemsAreFileErrors) {
  EXPECT_THAT(ParseCsvHouseholds("").file_errors, ElementsAre(testkit::IsImportError(1, "", "header row")));
  EXPECT_THAT(ParseCsvHouseholds("full_name,sex\nA,MALE\n").file_errors,
              ElementsAre(testkit::IsImportError(1, "household_key", "required column missing")));
  const ParsedImport unknown = ParseCsvHouseholds("household_key,full_nmae,survey.wals\nk,A,B\n");
  EXPECT_THAT(unknown.file_errors, ElementsAre(testkit::IsImportError(1, "full_nmae", "unknown column"),
                                               testkit::IsImportError(1, "survey.wals", "unknown column")));
  EXPECT_THAT(unknown.rows, IsEmpty());
  EXPECT_THAT(ParseCsvHouseholds("household_key,sex,SEX\n").file_errors,
              ElementsAre(testkit::IsImportError(1, "sex", "column given twice")));
}

TEST(ParseCsvHouseholdsTest, BadCellsNameTheLineAndColumn) {
  const ParsedImport parsed = ParseCsvHouseholds(
      "household_key,full_name,sex,has_disability,monthly_social_allowance_vnd,"
      "survey.floor_area_m2,survey.information_devices\n"
      "k1,A,MALE,true,0,20,TV\n"
      "k1,B,FEMAL,maybe,1.000.000,abc,TV;FAX\n");
  EXPECT_THAT(parsed.file_errors, IsEmpty());
  ASSERT_EQ(parsed.rows.size(), 1u);
  EXPECT_THAT(
      parsed.rows[0].errors,
      ElementsAre(testkit::IsImportError(3, "sex", "unknown value \"FEMAL\"; expected one of SEX_MALE"),
                  testkit::IsImportError(3, "has_disability", "expected true or false"),
                  testkit::IsImportError(3, "monthly_social_allowance_vnd", "whole number"),
                  testkit::IsImportError(3, "survey.floor_area_m2", "differs from \"20\" on line 2"),
                  testkit::IsImportError(3, "survey.information_devices", "differs")));
}

TEST(ParseCsvHouseholdsTest, BadSurveyCellOnTheFirstRowIsReported) {
  const ParsedImport parsed = ParseCsvHouseholds(
      "household_key,full_name,survey.floor_area_m2,survey.information_devices,survey.review_year\n"
      "k1,A,abc,TV;FAX,2025x\n");
  ASSERT_EQ(parsed.rows.size(), 1u);
  EXPECT_THAT(parsed.rows[0].errors,
              ElementsAre(testkit::IsImportError(2, "survey.floor_area_m2", "expected a number"),
                          testkit::IsImportError(2, "survey.information_devices", "unknown value \"FAX\""),
                          testkit::IsImportError(2, "survey.review_year", "whole number")));
}

TEST(ParseCsvHouseholdsTest, HouseholdCellsMustAgreeAcrossRows) {
  const ParsedImport parsed = ParseCsvHouseholds(
      "household_key,address,full_name\n"
      "k1,12 Lê Lợi,A\n"
      "k1,,B\n"
      "k1,12 Lê Lợi,C\n"
      "k1,14 Lê Lợi,D\n");
  ASSERT_EQ(parsed.rows.size(), 1u);
  EXPECT_EQ(parsed.rows[0].request.household().address(), "12 Lê Lợi");
  EXPECT_EQ(parsed.rows[0].request.household().members_size(), 4);
  EXPECT_THAT(parsed.rows[0].errors,
              ElementsAre(testkit::IsImportError(5, "address",
                                                 "\"14 Lê Lợi\" differs from \"12 Lê Lợi\" on line 2")));
}

TEST(ParseCsvHouseholdsTest, MalformedRecordsGoToTheirHouseholdWhenItIsKnown) {
  const ParsedImport parsed = ParseCsvHouseholds(
      "household_key,full_name,sex\n"
      "k1,A,MALE\n"
      "k1,\"B\"x,FEMALE\n"  // text after a closing quote
      "k2,C\n"              // too few fields
      ",D,MALE\n"           // no key
      "\"k3,E,MALE\n");     // never closed: the key is lost
  ASSERT_EQ(parsed.rows.size(), 2u);
  EXPECT_THAT(parsed.rows[0].errors, ElementsAre(testkit::IsImportError(3, "", "after a closing quote")));
  EXPECT_EQ(parsed.rows[0].request.household().members_size(), 1);
  EXPECT_THAT(parsed.rows[1].errors,
              ElementsAre(testkit::IsImportError(4, "", "has 2 fields, the header has 3")));
  EXPECT_THAT(parsed.file_errors, ElementsAre(testkit::IsImportError(5, "household_key", "empty"),
                                              testkit::IsImportError(6, "", "its household is unknown")));
}

// Found by tests/fuzz/import_parser_fuzzer.cc: a text cell that is not UTF-8
// (a spreadsheet saved in Windows-1258, a stray byte) went into the request as
// is, and protobuf refuses to parse such a string field, so the registry
// would have failed the whole import stream instead of this row.
TEST(ParseCsvHouseholdsTest, TextCellsThatAreNotUtf8AreRowErrors) {
  const struct {
    const char* cell;
    bool valid;
  } cases[] = {
      {"Nguy\xe1\xbb\x85n", true},  // "Nguyễn" in UTF-8
      {"Nguy\xd2n", false},         // Windows-1258 bytes
      {"\xc0\xaf", false},          // an overlong "/"
      {"\xed\xa0\x80", false},      // a UTF-16 surrogate
      {"\xf4\x90\x80\x80", false},  // above U+10FFFF
      {"An\xe1\xbb", false},        // a sequence cut short
      {"\xf0\x9f\x98\x80", true},   // U+1F600, four bytes
  };
  for (const auto& test : cases) {
    const ParsedImport parsed =
        ParseCsvHouseholds(std::string("household_key,address,full_name\nk1,12 Lê Lợi,") + test.cell + "\n");
    ASSERT_EQ(parsed.rows.size(), 1u) << test.cell;
    const ParsedRow& row = parsed.rows[0];
    if (test.valid) {
      EXPECT_THAT(row.errors, IsEmpty()) << test.cell;
    } else {
      EXPECT_THAT(row.errors, ElementsAre(testkit::IsImportError(2, "full_name", "is not UTF-8 text")))
          << test.cell;
    }
    v1::ImportHouseholdsRequest received;
    EXPECT_TRUE(received.ParseFromString(row.request.SerializeAsString())) << test.cell;
  }
}

}  // namespace
}  // namespace ansinh::registry
