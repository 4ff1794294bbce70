#pragma once

// The three kinds of chart of the document model (document.h), each drawn
// whole on one page at the cursor, in vectors: lines over categories with
// an optional dashed target, Kaplan-Meier step curves with their shaded
// confidence bands, and box plots.

#include "report_document/document.h"
#include "report_document/pdf/page_flow.h"

namespace ansinh::report_document::pdf {

void DrawLineChart(Canvas& canvas, PageFlow& flow, const LineChart& chart);
void DrawStepChart(Canvas& canvas, PageFlow& flow, const StepChart& chart);
void DrawBoxPlotChart(Canvas& canvas, PageFlow& flow, const BoxPlotChart& chart);

}  // namespace ansinh::report_document::pdf
