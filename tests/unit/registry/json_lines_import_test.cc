#include "registry/core/import/json_lines_import.h"

#include <gmock/gmock.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <string>

#include "registry/core/demo/demo_ward_generator.h"
#include "registry/core/import/import_validation.h"
#include "registry_fixtures.h"

namespace ansinh::registry {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST(ParseJsonLinesTest, ReadsTheSampleFile) {
  const ParsedImport parsed = ParseJsonLines(testkit::ReadTestData("households.jsonl"));
  EXPECT_THAT(parsed.file_errors, IsEmpty());
  ASSERT_EQ(parsed.rows.size(), 2u);  // the blank second line is skipped

  const ParsedRow& first = parsed.rows[0];
  EXPECT_THAT(first.errors, IsEmpty());
  EXPECT_EQ(first.request.row_number(), 1);
  EXPECT_THAT(first.member_lines, ElementsAre(1, 1, 1));
  EXPECT_EQ(first.request.household().members(1).full_name(), "Trần Thị Hương");
  EXPECT_EQ(first.request.household().members(1).sex(), v1::SEX_FEMALE);
  EXPECT_EQ(first.request.survey().income_per_capita_vnd(), 1'650'000);
  EXPECT_THAT(ValidateImportRow(first.request, testkit::kToday, testkit::Rules()), IsEmpty());

  const ParsedRow& second = parsed.rows[1];
  EXPECT_THAT(second.errors, IsEmpty());
  EXPECT_EQ(second.request.row_number(), 3);
  EXPECT_FALSE(second.request.has_survey());
  EXPECT_THAT(ValidateImportRow(second.request, testkit::kToday, testkit::Rules()), IsEmpty());
}

struct BadLineCase {
  std::string name;
  std::string line;
  std::string field;
  std::string description_part;
};

class BadJsonLineTest : public ::testing::TestWithParam<BadLineCase> {};

TEST_P(BadJsonLineTest, NamesTheLineAndField) {
  const ParsedRow row = ParseJsonLine(GetParam().line, 7);
  EXPECT_EQ(row.request.row_number(), 7);
  EXPECT_THAT(row.errors,
              ElementsAre(testkit::IsImportError(7, GetParam().field, GetParam().description_part)));
}

INSTANTIATE_TEST_SUITE_P(
    Errors, BadJsonLineTest,
    ::testing::Values(
        BadLineCase{"TrailingComma", R"({"household": {"address": "x",}})", "", "invalid JSON at column 31"},
        BadLineCase{"Truncated", R"({"household": {"address": "x")", "", "invalid JSON"},
        BadLineCase{"NotAnObject", R"([{"household": {}}])", "", "expected a JSON object"},
        BadLineCase{"BareWord", "household", "", "invalid JSON"},
        BadLineCase{"UnknownField", R"({"household": {"adress": "x"}})", "household.adress", "unknown field"},
        BadLineCase{"UnknownTopLevelField", R"({"households": {}})", "households", "unknown field"},
        BadLineCase{"UnknownEnumName", R"({"household": {"members": [{}, {"sex": "SEX_X"}]}})",
                    "household.members[1].sex", "invalid value \"SEX_X\""},
        BadLineCase{"WrongType", R"({"survey": {"floor_area_m2": "abc"}})", "survey.floor_area_m2",
                    "invalid value"},
        BadLineCase{"WrongTypeInList",
                    R"({"survey": {"information_devices": ["INFORMATION_DEVICE_TV", "FAX"]}})",
                    "survey.information_devices[1]", "invalid value \"FAX\""}),
    [](const auto& info) { return info.param.name; });

TEST(ParseJsonLineTest, NumericEnumsParseAndAreLeftToValidation) {
  const ParsedRow row = ParseJsonLine(R"({"household": {"members": [{"sex": 7}]}})", 1);
  EXPECT_THAT(row.errors, IsEmpty());
  const FieldViolations violations = ValidateImportRow(row.request, testkit::kToday, testkit::Rules());
  EXPECT_THAT(violations, ::testing::Contains(FieldViolation{"household.members[0].sex", "unknown value 7"}));
}

TEST(ParseJsonLineTest, AcceptsLowerCamelCaseNames) {
  const ParsedRow row = ParseJsonLine(R"({"household": {"residentialGroup": "TDP-03", "members": []}})", 2);
  EXPECT_THAT(row.errors, IsEmpty());
  EXPECT_EQ(row.request.household().residential_group(), "TDP-03");
}

TEST(ParseJsonLinesTest, CountsLinesIncludingBlankOnes) {
  const ParsedImport parsed = ParseJsonLines("\n  \n{\"household\": {}}\r\n{oops}\n");
  ASSERT_EQ(parsed.rows.size(), 2u);
  EXPECT_EQ(parsed.rows[0].request.row_number(), 3);
  EXPECT_THAT(parsed.rows[0].errors, IsEmpty());
  EXPECT_THAT(parsed.rows[1].errors, ElementsAre(testkit::IsImportError(4, "", "invalid JSON")));
}

TEST(FormatJsonLineTest, RoundTripsADemoHousehold) {
  DemoWardOptions options;
  options.household_count = 40;
  for (const DemoHousehold& demo : GenerateDemoWard(3, options)) {
    const v1::ImportHouseholdsRequest row = ToImportRow(demo, 0);
    const std::string line = FormatJsonLine(row);
    EXPECT_EQ(line.find('\n'), std::string::npos);
    EXPECT_THAT(line, HasSubstr("\"residential_group\""));  // proto field names
    const ParsedRow parsed = ParseJsonLine(line, 0);
    ASSERT_THAT(parsed.errors, IsEmpty()) << line;
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(parsed.request, row)) << line;
  }
}

}  // namespace
}  // namespace ansinh::registry
