// The arithmetic of the PDF's layout, apart from any drawing.

#include <numeric>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "report_document/pdf/page_flow.h"
#include "report_document/pdf/table_drawing.h"

namespace ansinh::report_document::pdf {
namespace {

using ::testing::DoubleNear;
using ::testing::ElementsAre;

double Sum(const std::vector<double>& widths) { return std::accumulate(widths.begin(), widths.end(), 0.0); }

TEST(ColumnWidthsTest, ShortTextsShareTheSpareRoomInProportion) {
  const auto widths = ShareColumnWidths({20, 30}, {40, 60}, 200);
  EXPECT_THAT(widths, ElementsAre(DoubleNear(80, 1e-9), DoubleNear(120, 1e-9)));
}

TEST(ColumnWidthsTest, LongTextsWrapButNoColumnIsNarrowerThanItsLongestWord) {
  // A long name column and a short figures column on 300 points.
  const auto widths = ShareColumnWidths({60, 50}, {500, 70}, 300);
  EXPECT_THAT(Sum(widths), DoubleNear(300, 1e-9));
  EXPECT_GE(widths[0], 60);
  EXPECT_GE(widths[1], 50);
  // Each gets its minimum plus a share of the rest in proportion to what it wants beyond it.
  EXPECT_THAT(widths[1], DoubleNear(50 + 20 * 190.0 / 460, 1e-9));
}

TEST(ColumnWidthsTest, WhenEvenTheLongestWordsDoNotFitTheyShrinkTogether) {
  const auto widths = ShareColumnWidths({200, 200}, {300, 300}, 300);
  EXPECT_THAT(widths, ElementsAre(DoubleNear(150, 1e-9), DoubleNear(150, 1e-9)));
  EXPECT_TRUE(ShareColumnWidths({}, {}, 300).empty());
}

TEST(FooterTextTest, ReplacesPageAndPages) {
  EXPECT_EQ(FooterText("Trang {page}/{pages}", 2, 7), "Trang 2/7");
  EXPECT_EQ(FooterText("{page} - {page}", 3, 9), "3 - 3");
  EXPECT_EQ(FooterText("Báo cáo tổng kết", 1, 1), "Báo cáo tổng kết");
  EXPECT_EQ(FooterText("{pag} {pages", 1, 2), "{pag} {pages");
  EXPECT_EQ(FooterText("", 1, 1), "");
}

}  // namespace
}  // namespace ansinh::report_document::pdf
