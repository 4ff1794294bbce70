#pragma once

// The resolution's yearly report and final review as a document
// (docs/reports.md): the facts monitoring gives (GetResolutionReport) worded
// in the reader's language, laid out as the ward's report is: the targets
// year by year against what was achieved, the movements of the lists, the
// support delivered by kind and source, the emergencies, the most effective
// livelihood models, and the organizations and helpers whose households
// escaped most, with charts. The same document gives the PDF
// (report_document/pdf_renderer.h) and, table by table, the CSV files.

#include <string>
#include <vector>

#include "ansinh/v1/monitoring.pb.h"
#include "i18n/translator.h"
#include "kernel/civil_date.h"
#include "report_document/document.h"
#include "reports/report_names.h"

namespace ansinh::reports {

// A yearly report covers one review year; the final review several (2021-2025).
enum class ReportKind { kYearly, kFinal };

struct ReportTable {
  // A file name without extension, e.g. "1-chi-tieu" ("1-targets" in English).
  std::string file_stem;
  report_document::Table table;
};

struct ResolutionReport {
  report_document::Document document;
  // Every table of the document, in order, for the CSV files.
  std::vector<ReportTable> tables;
};

ResolutionReport BuildResolutionReport(const v1::GetResolutionReportResponse& facts, ReportKind kind,
                                       const ReportNames& names, const i18n::Translator& words);

// The day a report observes when none is asked for: the last day of its last
// review year, or today if that is still to come. A final review of 2021-2025
// made in 2026 then speaks of the period, not of the next year's review under
// another standard.
std::string DefaultReportDate(int last_year, CivilDate today);

// The footer of each page in the reader's language ("Trang {page}/{pages}").
std::string PageFooter(const i18n::Translator& words);

}  // namespace ansinh::reports
