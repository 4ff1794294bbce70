#pragma once

// What every chart shares: its place on the page (the chart stays whole on
// one page), the title above, the legend below, the value axis on the left
// with its grid lines, tick labels and rotated title, and the band under
// the plot for the labels along the other axis. The three kinds of chart
// (charts.h) draw their data inside plot(), in vectors, clipped to it.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "report_document/document.h"
#include "report_document/pdf/page_flow.h"

namespace ansinh::report_document::pdf {

struct Rect {
  double x = 0;
  double y = 0;
  double width = 0;
  double height = 0;
};

// Colour i of the series, from the Okabe-Ito palette, which readers with a
// colour vision deficiency can tell apart (and which stays distinct printed
// in grey): blue, vermillion, bluish green, orange, reddish purple, sky
// blue, then round again.
Color SeriesColor(std::size_t index);

enum class LegendMark { kLine, kDashedLine, kLineWithBand, kBox };

struct LegendEntry {
  std::string name;
  Color color;
  LegendMark mark = LegendMark::kLine;
};

inline constexpr double kChartTextSize = 8;

class ChartFrame {
 public:
  // Lays the chart out in `area`. `labels_below` are the labels that will
  // share the width under the plot (categories, groups or ticks): each wraps
  // within its share, and the band under the plot is as tall as the
  // tallest.
  ChartFrame(Canvas& canvas, Rect area, std::string_view title, const NumericAxis& value_axis,
             std::string_view label_axis_title, const std::vector<std::string>& labels_below,
             std::vector<LegendEntry> legend);

  const Rect& plot() const { return plot_; }
  // The vertical position of `value` on the value axis.
  double Y(double value) const;
  double SlotWidth() const { return plot_.width / static_cast<double>(label_slots_); }

  // Title, grid, value ticks, axis titles, legend and the plot's frame.
  void DrawFrame();
  // A label under the plot, centred on `x` and wrapped within a slot.
  void DrawLabelBelow(double x, std::string_view label);
  // A small vertical tick on the bottom edge at `x`.
  void DrawTickBelow(double x);
  void ClipToPlot();
  void EndClip();

 private:
  double LegendHeight();
  void DrawLegend(double top);

  Canvas& canvas_;
  Rect area_;
  std::string title_;
  const NumericAxis& value_axis_;
  std::string label_axis_title_;
  std::size_t label_slots_;
  std::vector<LegendEntry> legend_;
  Rect plot_;
  double value_labels_width_ = 0;
  double labels_below_height_ = 0;
};

// Reserves `height` points (a new page if they do not fit) and returns the
// chart's area at the cursor, the full content width.
Rect PlaceChart(PageFlow& flow, double height);
// Moves the cursor below the chart.
void EndChart(PageFlow& flow, const Rect& area);

}  // namespace ansinh::report_document::pdf
