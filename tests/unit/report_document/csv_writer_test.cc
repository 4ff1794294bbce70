#include "report_document/csv_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sample_report.h"

namespace ansinh::report_document {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

Table TwoColumns(std::vector<std::vector<std::string>> rows) {
  return Table{.columns = {"Tên", "Giá trị"}, .rows = std::move(rows)};
}

TEST(CsvWriterTest, HeaderThenRowsWithCrlfAfterAByteOrderMark) {
  const auto csv = TableToCsv(TwoColumns({{"Tỷ lệ hộ nghèo", "4,1%"}, {"Thu nhập", "1.500.000 ₫"}}));
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(*csv, std::string(kBom) +
                      "Tên,Giá trị\r\n"
                      "Tỷ lệ hộ nghèo,\"4,1%\"\r\n"
                      "Thu nhập,1.500.000 ₫\r\n");
}

TEST(CsvWriterTest, WithoutTheMarkOnRequest) {
  const auto csv = TableToCsv(TwoColumns({{"a", "b"}}), {.byte_order_mark = false});
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(*csv, "Tên,Giá trị\r\na,b\r\n");
}

TEST(CsvWriterTest, QuotesCommasQuotesAndLineBreaksAsRfc4180) {
  const auto csv =
      TableToCsv(TwoColumns({{"Hội \"Phụ nữ\"", "dòng 1\ndòng 2"}, {"a\r\nb", "x,y"}, {"", "  "}}),
                 {.byte_order_mark = false});
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(*csv,
            "Tên,Giá trị\r\n"
            "\"Hội \"\"Phụ nữ\"\"\",\"dòng 1\ndòng 2\"\r\n"
            "\"a\r\nb\",\"x,y\"\r\n"
            ",  \r\n");
}

TEST(CsvWriterTest, FormulasAreWrittenAsTextButSignedNumbersStayNumbers) {
  const auto csv = TableToCsv(TwoColumns({{"=HYPERLINK(\"http://x\")", "-5,2%"},
                                          {"@SUM(A1)", "+1.500.000 ₫"},
                                          {"-Hộ mới", "-"},
                                          {"+84 90", "\tx"}}),
                              {.byte_order_mark = false});
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(*csv,
            "Tên,Giá trị\r\n"
            "\"'=HYPERLINK(\"\"http://x\"\")\",\"-5,2%\"\r\n"
            "'@SUM(A1),+1.500.000 ₫\r\n"
            "'-Hộ mới,'-\r\n"
            "+84 90,'\tx\r\n");
}

TEST(CsvWriterTest, TheSampleTableHasAHeaderAndALinePerRow) {
  const Table table = fixtures::HouseholdTable();
  const auto csv = TableToCsv(table);
  ASSERT_TRUE(csv.ok());
  ASSERT_TRUE(csv->starts_with(kBom));
  std::size_t lines = 0;
  for (std::size_t at = csv->find("\r\n"); at != std::string::npos; at = csv->find("\r\n", at + 2)) ++lines;
  EXPECT_EQ(lines, table.rows.size() + 1);
  EXPECT_THAT(*csv, ::testing::HasSubstr("HN-003,Tổ 14 (Đông Ba),903.000 ₫,1.500.000 ₫,Có\r\n"));
}

TEST(CsvWriterTest, RefusesARowOfTheWrongWidth) {
  const auto refused = TableToCsv(TwoColumns({{"a", "b"}, {"c"}}));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(refused.error().violations.size(), 1u);
  EXPECT_EQ(refused.error().violations[0].field, "rows[1]");
}

}  // namespace
}  // namespace ansinh::report_document
