#pragma once

// Tables and key-value facts on the page. A table's columns get their
// width from their content (as a browser's automatic table layout does):
// every column at least its longest word, the rest of the line shared in
// proportion to how much more each column's text would like. Cells wrap
// within their column. A row that does not fit on the page starts the
// next one, below the header row repeated; a single row taller than a
// whole page is not split and runs past the bottom margin.

#include <vector>

#include "report_document/document.h"
#include "report_document/pdf/page_flow.h"

namespace ansinh::report_document::pdf {

void DrawTable(Canvas& canvas, PageFlow& flow, const Table& table);
void DrawFacts(Canvas& canvas, PageFlow& flow, const Facts& facts);

// The column widths of the automatic layout: `minimum[i]` (the longest
// word) and `natural[i]` (the text on one line) share `available` points.
// When even the minimums do not fit, they are scaled down and words break
// between letters.
std::vector<double> ShareColumnWidths(const std::vector<double>& minimum, const std::vector<double>& natural,
                                      double available);

}  // namespace ansinh::report_document::pdf
