#include "report_document/document_checks.h"

#include <limits>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sample_report.h"

namespace ansinh::report_document {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> Fields(const FieldViolations& violations) {
  std::vector<std::string> fields;
  for (const FieldViolation& violation : violations) fields.push_back(violation.field);
  return fields;
}

TEST(DocumentChecksTest, TheSampleReportIsDrawable) {
  EXPECT_THAT(CheckDocument(fixtures::SampleReport()), IsEmpty());
}

TEST(DocumentChecksTest, TablesNameEachBadPart) {
  Table table{.columns = {"Mã hộ", "Thu nhập"},
              .alignments = {Alignment::kLeft, Alignment::kRight, Alignment::kRight},
              .rows = {{"HN-001", "1.500.000 ₫"}, {"HN-002"}, {"HN-003", "\xFF"}},
              .highlighted_row = 3};
  EXPECT_THAT(Fields(CheckTable(table)),
              ElementsAre("alignments", "rows[1]", "rows[2][1]", "highlighted_row"));
  EXPECT_THAT(Fields(CheckTable(Table{})), ElementsAre("columns"));
}

TEST(DocumentChecksTest, ChartsNameEachBadPart) {
  Document document;
  document.blocks.push_back(LineChart{.categories = {"2021", "2022"},
                                      .value_axis = {.minimum = 5, .maximum = 5},
                                      .series = {{"Hộ nghèo", {1.0}, {"a", "b", "c"}}},
                                      .height = 20});
  document.blocks.push_back(StepChart{
      .x_axis = {.minimum = 0, .maximum = 36, .ticks = {{std::numeric_limits<double>::infinity(), "∞"}}},
      .curves = {
          {.name = "A",
           .points = {{.x = 0, .y = 1}, {.x = 0, .y = 0.9}, {.x = 5, .y = 0.8, .lower = 0.9, .upper = 0.7}},
           .end_x = 2.0,
           .show_band = true},
          {.name = "B"}}});
  document.blocks.push_back(BoxPlotChart{.series = {"Trước", "Sau", "Sau nữa"},
                                         .groups = {{"Bò", {BoxStatistics{1, 3, 2, 4, 5}, std::nullopt}}}});
  EXPECT_THAT(
      Fields(CheckDocument(document)),
      ElementsAre("blocks[0].value_axis.maximum", "blocks[0].series[0].values",
                  "blocks[0].series[0].point_labels", "blocks[0].height", "blocks[1].x_axis.ticks[0].value",
                  "blocks[1].curves[0].points[1].x", "blocks[1].curves[0].points[2].upper",
                  "blocks[1].curves[0].end_x", "blocks[1].curves[1].points", "blocks[2].series",
                  "blocks[2].groups[0].boxes", "blocks[2].groups[0].boxes[0]"));
}

TEST(DocumentChecksTest, TextsMustBeUtf8) {
  EXPECT_TRUE(IsValidUtf8("Hộ nghèo ₫ 😀"));
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_FALSE(IsValidUtf8("\xC3"));              // cut short
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong "/"
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // a surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(IsValidUtf8("a\x80"));
  Document document{.title = "\xFF", .author = "\xC3"};
  document.blocks.push_back(Facts{{{"ok", "\xFF"}}});
  document.blocks.push_back(Heading{0, "x"});
  EXPECT_THAT(Fields(CheckDocument(document)),
              ElementsAre("title", "author", "blocks[0].facts[0].value", "blocks[1].level"));
}

}  // namespace
}  // namespace ansinh::report_document
