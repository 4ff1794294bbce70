// The resolution's report as a document (services/reports): what it says
// from monitoring's facts, in Vietnamese, with names rather than ids and
// suppressed cells as "<5"; and the day a report observes by default.
#include "reports/resolution_report_document.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <variant>

#include "i18n/embedded_catalogs.h"

namespace ansinh::reports {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

i18n::Translator Vietnamese() {
  Result<i18n::Translator> words = i18n::MakeTranslator(i18n::Language::kVietnamese);
  EXPECT_TRUE(words.ok());
  return std::move(words).value();
}

v1::GetResolutionReportResponse Facts() {
  v1::GetResolutionReportResponse facts;
  facts.set_first_year(2024);
  facts.set_last_year(2025);
  facts.set_as_of("2025-12-31");
  facts.set_ward_name("Phường Hương Xuân");
  for (int year : {2024, 2025}) {
    v1::ReportYear& shown = *facts.add_years();
    shown.set_review_year(year);
    shown.mutable_figures()->set_list_year(year + 1);
    shown.mutable_figures()->set_households(2000);
    shown.mutable_figures()->mutable_poor()->set_count(year == 2024 ? 55 : 51);
    shown.mutable_figures()->mutable_poor()->set_percent(year == 2024 ? 2.75 : 2.55);
  }
  facts.mutable_years(1)->set_poor_rate_change_points(-0.2);
  v1::SupportTotal& loans = *facts.mutable_years(1)->add_supports();
  loans.set_type(v1::SUPPORT_TYPE_POLICY_CREDIT);
  loans.set_provider("VBSP");
  loans.set_deliveries(6);
  loans.set_households(6);
  loans.set_amount_vnd(300'000'000);
  v1::OutcomeGroup& strong = *facts.mutable_by_model()->add_groups();
  strong.set_key("bo-giong");
  strong.mutable_supported()->set_count(40);
  strong.mutable_escaped_24_months()->set_count(26);
  strong.mutable_escaped_24_months()->set_denominator(39);
  strong.mutable_escaped_24_months()->set_percent(66.67);
  v1::OutcomeGroup& small = *facts.mutable_by_model()->add_groups();
  small.set_key("nam-rom");
  small.mutable_supported()->set_suppressed(true);
  small.mutable_escaped_24_months()->set_suppressed(true);
  return facts;
}

const report_document::Table* TableNamed(const ResolutionReport& report, const std::string& stem_end) {
  for (const ReportTable& table : report.tables) {
    if (table.file_stem.ends_with(stem_end)) return &table.table;
  }
  return nullptr;
}

TEST(ResolutionReportDocumentTest, AFinalReviewInVietnameseNamesModelsAndHidesSmallCells) {
  const i18n::Translator words = Vietnamese();
  ReportNames names;
  names.models["bo-giong"] = "Nuôi bò sinh sản";
  const ResolutionReport report = BuildResolutionReport(Facts(), ReportKind::kFinal, names, words);

  EXPECT_EQ(report.document.title,
            "Báo cáo tổng kết thực hiện Nghị quyết về giảm nghèo bền vững giai đoạn 2024-2025");
  EXPECT_EQ(report.document.place_and_date, "Phường Hương Xuân, ngày 31 tháng 12 năm 2025");
  const report_document::Table* targets = TableNamed(report, "chi-tieu");
  ASSERT_NE(targets, nullptr);
  ASSERT_EQ(targets->rows.size(), 2u);
  EXPECT_EQ(targets->rows[1][0], "2025 (2026)");
  EXPECT_EQ(targets->rows[1][3], "2,55%");
  EXPECT_EQ(targets->rows[1][4], "-0,2 điểm %");

  const report_document::Table* models = TableNamed(report, "mo-hinh-sinh-ke");
  ASSERT_NE(models, nullptr);
  ASSERT_EQ(models->rows.size(), 2u);
  EXPECT_EQ(models->rows[0][0], "Nuôi bò sinh sản") << "a model by its name";
  EXPECT_THAT(models->rows[0][2], HasSubstr("66,67%"));
  EXPECT_EQ(models->rows[1][0], "nam-rom") << "an unknown model by its id";
  EXPECT_EQ(models->rows[1][1], "<5");
  EXPECT_EQ(models->rows[1][2], "<5");

  std::vector<std::string> headings;
  for (const report_document::Block& block : report.document.blocks) {
    if (const auto* heading = std::get_if<report_document::Heading>(&block))
      headings.push_back(heading->text);
  }
  EXPECT_THAT(headings, Contains("V. Các mô hình sinh kế hiệu quả"));
  EXPECT_THAT(headings, Contains("VI. Tập thể, cá nhân đề nghị biểu dương, khen thưởng"));
  // Amounts keep their currency sign on their line.
  const report_document::Table* support = TableNamed(report, "ho-tro");
  ASSERT_NE(support, nullptr);
  ASSERT_EQ(support->rows.size(), 1u);
  EXPECT_EQ(support->rows[0][0], "tín dụng chính sách");
  EXPECT_EQ(support->rows[0][2], "0") << "no loan in 2024";
  EXPECT_EQ(support->rows[0][3], "6");
  EXPECT_EQ(support->rows[0].back(), "300.000.000\u00a0₫");
  // Every table is a CSV file too, numbered in order.
  EXPECT_EQ(report.tables.front().file_stem, "1-chi-tieu");
}

TEST(ResolutionReportDocumentTest, AReportObservesTheEndOfItsLastYearOrTodayIfSooner) {
  EXPECT_EQ(DefaultReportDate(2025, *ParseIsoDate("2026-12-07")), "2025-12-31");
  EXPECT_EQ(DefaultReportDate(2026, *ParseIsoDate("2026-12-07")), "2026-12-07");
}

}  // namespace
}  // namespace ansinh::reports
