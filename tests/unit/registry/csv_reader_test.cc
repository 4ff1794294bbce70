#include "registry/core/import/csv_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ansinh::registry {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<CsvRecord> ReadAll(std::string_view text) {
  CsvReader reader(text);
  std::vector<CsvRecord> records;
  while (std::optional<CsvRecord> record = reader.Next()) records.push_back(*record);
  return records;
}

struct FieldsCase {
  std::string name;
  std::string text;
  std::vector<std::vector<std::string>> records;
};

TEST(CsvReaderTest, ReadsFieldsAsWritten) {
  const FieldsCase cases[] = {
      {"Plain", "a,b,c\n1,2,3\n", {{"a", "b", "c"}, {"1", "2", "3"}}},
      {"NoFinalLineBreak", "a,b\n1,2", {{"a", "b"}, {"1", "2"}}},
      {"Crlf", "a,b\r\n1,2\r\n", {{"a", "b"}, {"1", "2"}}},
      {"CommaInQuotes", "\"Lê, Văn\",x\n", {{"Lê, Văn", "x"}}},
      {"DoubledQuotes", "\"say \"\"hi\"\"\",x\n", {{"say \"hi\"", "x"}}},
      {"OnlyAQuote", "\"\"\"\"\n", {{"\""}}},
      {"LineBreakInQuotes", "\"kiệt 5\nLý Thái Tổ\",x\n", {{"kiệt 5\nLý Thái Tổ", "x"}}},
      {"CrlfInQuotesKept", "\"a\r\nb\"\r\n", {{"a\r\nb"}}},
      {"EmptyFields", ",,\n", {{"", "", ""}}},
      {"TrailingComma", "a,\n", {{"a", ""}}},
      {"TrailingCommaAtEnd", "a,", {{"a", ""}}},
      {"EmptyQuotedField", "\"\",a\n", {{"", "a"}}},
      {"EmptyLinesSkipped", "\n\na\n\r\n\nb\n\n", {{"a"}, {"b"}}},
      {"Utf8Kept", "Nguyễn Thị Hương,Đặng\n", {{"Nguyễn Thị Hương", "Đặng"}}},
      {"ByteOrderMarkSkipped", "\xEF\xBB\xBFhousehold_key,x\n", {{"household_key", "x"}}},
      {"SpacesKept", " a , b \n", {{" a ", " b "}}},
      {"LoneCarriageReturnIsData", "a\rb,c\n", {{"a\rb", "c"}}},
  };
  for (const FieldsCase& c : cases) {
    std::vector<std::vector<std::string>> fields;
    for (const CsvRecord& record : ReadAll(c.text)) {
      EXPECT_THAT(record.error, IsEmpty()) << c.name;
      fields.push_back(record.fields);
    }
    EXPECT_EQ(fields, c.records) << c.name;
  }
}

TEST(CsvReaderTest, EmptyTextHasNoRecords) {
  EXPECT_THAT(ReadAll(""), IsEmpty());
  EXPECT_THAT(ReadAll("\n\r\n"), IsEmpty());
  EXPECT_THAT(ReadAll("\xEF\xBB\xBF"), IsEmpty());
}

TEST(CsvReaderTest, CountsLinesAcrossQuotedLineBreaks) {
  const std::vector<CsvRecord> records = ReadAll("h\n\"two\nlines\"\n\nlast\n");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].line, 1);
  EXPECT_EQ(records[1].line, 2);
  EXPECT_EQ(records[2].line, 5);
}

TEST(CsvReaderTest, QuoteInsideAnUnquotedFieldIsAnErrorAndReadingResumes) {
  const std::vector<CsvRecord> records = ReadAll("a,b\"c,d\nnext,row\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_THAT(records[0].error, HasSubstr("quote inside an unquoted field on line 1"));
  EXPECT_THAT(records[0].fields, ElementsAre("a"));
  EXPECT_THAT(records[1].error, IsEmpty());
  EXPECT_THAT(records[1].fields, ElementsAre("next", "row"));
  EXPECT_EQ(records[1].line, 2);
}

TEST(CsvReaderTest, TextAfterAClosingQuoteIsAnError) {
  const std::vector<CsvRecord> records = ReadAll("\"a\"b,c\nok\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_THAT(records[0].error, HasSubstr("after a closing quote on line 1"));
  EXPECT_THAT(records[1].fields, ElementsAre("ok"));
}

TEST(CsvReaderTest, UnclosedQuoteIsAnError) {
  const std::vector<CsvRecord> records = ReadAll("ok\nx,\"never closed\nmore\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_THAT(records[0].error, IsEmpty());
  EXPECT_THAT(records[1].error, HasSubstr("opened on line 2 is never closed"));
  EXPECT_THAT(records[1].fields, ElementsAre("x"));
}

}  // namespace
}  // namespace ansinh::registry
