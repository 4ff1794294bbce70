#include "report_document/pdf_renderer.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "pdf_tools.h"
#include "sample_report.h"

namespace ansinh::report_document {
namespace {

using fixtures::Nfc;
using fixtures::PdfPageText;
using ::testing::HasSubstr;
using ::testing::Not;

// The sample report rendered once for the suite and written where the
// poppler tools can read it.
class PdfRendererTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    scratch_ = new fixtures::ScratchDirectory();
    path_ = new std::string(scratch_->path() + "/tong-ket.pdf");
    const auto pages = WritePdfFile(fixtures::SampleReport(), *path_, {.footer_template = fixtures::kFooter});
    ASSERT_TRUE(pages.ok()) << pages.error().message;
    pages_ = *pages;
  }
  static void TearDownTestSuite() {
    delete path_;
    delete scratch_;
  }

  static fixtures::ScratchDirectory* scratch_;
  static std::string* path_;
  static int pages_;
};

fixtures::ScratchDirectory* PdfRendererTest::scratch_ = nullptr;
std::string* PdfRendererTest::path_ = nullptr;
int PdfRendererTest::pages_ = 0;

TEST_F(PdfRendererTest, HeadingsAndFiguresComeBackWithTheirDiacritics) {
  // The title wraps on the page: compared with its line breaks as spaces.
  const std::string text = fixtures::CollapseWhitespace(fixtures::PdfText(*path_));
  for (const char* expected : {fixtures::kTitle, fixtures::kPovertyRateHeading, fixtures::kWomensUnionHeading,
                               fixtures::kKaplanMeierHeading, fixtures::kRateFigure, fixtures::kIncomeFigure,
                               fixtures::kDiacriticsLine, "Huế, ngày 31 tháng 12 năm 2025", "Trước hỗ trợ",
                               "Chăn nuôi bò sinh sản", "Số tháng kể từ khi được hỗ trợ"}) {
    EXPECT_THAT(text, HasSubstr(Nfc(expected))) << expected;
  }
}

TEST_F(PdfRendererTest, PageCountAndFooterOnEveryPage) {
  // The household table alone needs more than a page.
  EXPECT_GE(pages_, 3);
  EXPECT_EQ(fixtures::PdfPageCount(*path_), pages_);
  for (int page = 1; page <= pages_; ++page) {
    EXPECT_THAT(PdfPageText(*path_, page),
                HasSubstr("Trang " + std::to_string(page) + "/" + std::to_string(pages_)))
        << "page " << page;
  }
}

TEST_F(PdfRendererTest, TheTableRunsOverPagesRepeatingItsHeaderRow) {
  int first_page = 0;
  int last_page = 0;
  for (int page = 1; page <= pages_; ++page) {
    const std::string text = PdfPageText(*path_, page);
    if (first_page == 0 && text.find(fixtures::HouseholdCode(1)) != std::string::npos) first_page = page;
    if (text.find(fixtures::HouseholdCode(fixtures::kHouseholdRows)) != std::string::npos) last_page = page;
  }
  ASSERT_GT(first_page, 0);
  ASSERT_GT(last_page, first_page) << "the table should run over at least two pages";
  for (int page = first_page; page <= last_page; ++page) {
    const std::string text = PdfPageText(*path_, page);
    EXPECT_THAT(text, HasSubstr(Nfc(fixtures::kHouseholdColumn))) << "page " << page;
    EXPECT_THAT(text, HasSubstr(Nfc(fixtures::kIncomeBeforeColumn))) << "page " << page;
  }
  // Every row is there once, in order across the pages.
  const std::string whole = fixtures::PdfText(*path_);
  std::size_t at = 0;
  for (int row = 1; row <= fixtures::kHouseholdRows; ++row) {
    const std::size_t found = whole.find(fixtures::HouseholdCode(row), at);
    ASSERT_NE(found, std::string::npos) << fixtures::HouseholdCode(row);
    at = found;
  }
}

TEST_F(PdfRendererTest, TheTitleIsTheDocumentsMetadata) {
  EXPECT_EQ(fixtures::PdfTitle(*path_), Nfc(fixtures::kTitle));
}

TEST_F(PdfRendererTest, SetInDejaVuSansEmbeddedWithNoOtherFont) {
  const std::vector<std::string> fonts = fixtures::PdfFontNames(*path_);
  ASSERT_FALSE(fonts.empty());
  bool bold = false;
  for (const std::string& font : fonts) {
    // A subset's name: six letters, "+", the font's PostScript name.
    EXPECT_THAT(font, HasSubstr("+DejaVuSans")) << "a substitute font was used";
    bold = bold || font.ends_with("DejaVuSans-Bold");
  }
  EXPECT_TRUE(bold);
}

TEST_F(PdfRendererTest, ChartsAreVectorsNotImages) { EXPECT_EQ(fixtures::PdfImageCount(*path_), 0); }

TEST(PdfRendering, InMemoryBytesAreTheSameDocument) {
  const auto rendered = RenderPdf(fixtures::SampleReport(), {.footer_template = fixtures::kFooter});
  ASSERT_TRUE(rendered.ok()) << rendered.error().message;
  EXPECT_TRUE(rendered->bytes.starts_with("%PDF-"));
  EXPECT_THAT(rendered->bytes.substr(rendered->bytes.size() - 8), HasSubstr("%%EOF"));
  fixtures::ScratchDirectory scratch;
  const std::string path = scratch.path() + "/bytes.pdf";
  std::ofstream(path, std::ios::binary) << rendered->bytes;
  EXPECT_EQ(fixtures::PdfPageCount(path), rendered->pages);
  EXPECT_THAT(fixtures::PdfText(path), HasSubstr(Nfc(fixtures::kKaplanMeierHeading)));
}

TEST(PdfRendering, DecomposedInputComesOutAsTheSameWords) {
  // "Hộ cận nghèo" with the base letters and combining marks apart (NFD).
  const std::string decomposed = "Ho\xCC\xA3\xCC\x82 ca\xCC\xA3\xCC\x82n nghe\xCC\x80o";
  ASSERT_NE(decomposed, Nfc(decomposed));
  Document document{.title = "Thử"};
  document.blocks.push_back(Paragraph{decomposed});
  fixtures::ScratchDirectory scratch;
  const std::string path = scratch.path() + "/nfd.pdf";
  ASSERT_TRUE(WritePdfFile(document, path).ok());
  EXPECT_THAT(fixtures::PdfText(path), HasSubstr("Hộ cận nghèo"));
}

TEST(PdfRendering, AnEmptyFooterTemplateLeavesNoFooter) {
  Document document{.title = "Tỷ lệ hộ nghèo"};
  fixtures::ScratchDirectory scratch;
  const std::string path = scratch.path() + "/plain.pdf";
  ASSERT_TRUE(WritePdfFile(document, path, {.footer_template = ""}).ok());
  EXPECT_EQ(fixtures::PdfPageCount(path), 1);
  EXPECT_THAT(fixtures::PdfText(path), Not(HasSubstr("1/1")));
}

TEST(PdfRendering, PageBreaksStartNewPagesButNeverABlankOne) {
  Document document;
  document.blocks.push_back(PageBreak{});  // on the first, still empty page: ignored
  document.blocks.push_back(Paragraph{"Trang một"});
  document.blocks.push_back(PageBreak{});
  document.blocks.push_back(Paragraph{"Trang hai"});
  const auto rendered = RenderPdf(document);
  ASSERT_TRUE(rendered.ok());
  EXPECT_EQ(rendered->pages, 2);
}

TEST(PdfRendering, RefusesABadDocumentNamingEachField) {
  Document document{.title = "ok"};
  document.blocks.push_back(Heading{4, "Mục"});
  document.blocks.push_back(Paragraph{"\xC3\x28"});
  const auto refused = RenderPdf(document);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const FieldViolation& violation : refused.error().violations) fields.push_back(violation.field);
  EXPECT_THAT(fields, ::testing::ElementsAre("blocks[0].level", "blocks[1].text"));
}

TEST(PdfRendering, RefusesAFontThatIsNotInstalled) {
  const auto refused = RenderPdf(fixtures::SampleReport(), {.font_family = "No Such Family Sans"});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(refused.error().message, HasSubstr("No Such Family Sans"));
}

TEST(PdfRendering, RefusesALetterNoFontCanDraw) {
  // U+10FFFD, a private-use character no font on the machine draws.
  Document document{.title = "Thử"};
  document.blocks.push_back(Paragraph{"Ký hiệu \xF4\x8F\xBF\xBD lạ"});
  const auto refused = RenderPdf(document);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(refused.error().message, HasSubstr("Ký hiệu"));
}

TEST(PdfRendering, AFileThatCannotBeWrittenIsRefusedAndLeavesNothing) {
  fixtures::ScratchDirectory scratch;
  const std::string path = scratch.path() + "/no-such-directory/report.pdf";
  const auto refused = WritePdfFile(fixtures::SampleReport(), path);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(std::filesystem::is_empty(scratch.path()));
}

}  // namespace
}  // namespace ansinh::report_document
