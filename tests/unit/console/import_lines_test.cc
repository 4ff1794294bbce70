#include <gtest/gtest.h>

#include "console/import_route.h"
#include "registry/core/import/csv_household_import.h"
#include "registry/core/import/json_lines_import.h"

namespace ansinh::console {
namespace {

TEST(ImportChunkLines, ACsvChunksRowsAreNumberedAsLinesOfTheWholeFile) {
  // The chunk of a file whose data rows 120 and 121 belong to one household
  // and 122 to another; the header repeated at the top.
  const std::string chunk =
      "household_key,address,residential_group,area_type,full_name,sex,relation_to_head\n"
      "h1,12 Lý Thái Tổ,TDP-05,URBAN,Nguyễn Văn An,male,head\n"
      "h1,,,,Trần Thị Bình,female,spouse\n"
      "h2,3 Hàng Bạc,TDP-05,URBAN,Lê Văn Cường,alien,head\n";
  registry::ParsedImport parsed = registry::ParseCsvHouseholds(chunk);
  ASSERT_EQ(parsed.rows.size(), 2u);
  RenumberChunkLines(parsed, true, 120);
  EXPECT_EQ(parsed.rows[0].request.row_number(), 120);
  EXPECT_EQ(parsed.rows[0].member_lines, (std::vector<int64_t>{120, 121}));
  EXPECT_EQ(parsed.rows[1].request.row_number(), 122);
  ASSERT_FALSE(parsed.rows[1].errors.empty());  // the sex "alien"
  EXPECT_EQ(parsed.rows[1].errors[0].line, 122);
}

TEST(ImportChunkLines, ACsvHeaderErrorStaysOnLineOne) {
  registry::ParsedImport parsed = registry::ParseCsvHouseholds("address,full_name\nx,y\n");
  ASSERT_FALSE(parsed.file_errors.empty());
  RenumberChunkLines(parsed, true, 500);
  EXPECT_EQ(parsed.file_errors[0].line, 1);
}

TEST(ImportChunkLines, AJsonLinesChunksFirstLineIsTheGivenLine) {
  registry::ParsedImport parsed = registry::ParseJsonLines(
      "{\"household\": {\"residential_group\": \"TDP-01\"}}\n{\"household\": {\"adress\": \"x\"}}\n");
  ASSERT_EQ(parsed.rows.size(), 2u);
  RenumberChunkLines(parsed, false, 41);
  EXPECT_EQ(parsed.rows[0].request.row_number(), 41);
  EXPECT_EQ(parsed.rows[1].request.row_number(), 42);
  ASSERT_FALSE(parsed.rows[1].errors.empty());
  EXPECT_EQ(parsed.rows[1].errors[0].line, 42);
}

}  // namespace
}  // namespace ansinh::console
