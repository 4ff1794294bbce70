#include <numbers>

#include "report_document/pdf/chart_frame.h"
#include "report_document/pdf/charts.h"

namespace ansinh::report_document::pdf {
namespace {

// The series' line, broken where a value is missing, and its points.
void DrawSeriesLine(cairo_t* cr, const ChartFrame& frame, const LineSeries& series, Color color,
                    bool dashed) {
  const double step = frame.SlotWidth();
  auto x_of = [&](std::size_t i) { return frame.plot().x + step * (static_cast<double>(i) + 0.5); };
  SetColor(cr, color);
  cairo_set_line_width(cr, dashed ? 1.2 : 1.6);
  const double dashes[] = {5, 3};
  if (dashed) cairo_set_dash(cr, dashes, 2, 0);
  bool drawing = false;
  for (std::size_t i = 0; i < series.values.size(); ++i) {
    if (!series.values[i]) {
      drawing = false;
      continue;
    }
    const double x = x_of(i);
    const double y = frame.Y(*series.values[i]);
    if (drawing) {
      cairo_line_to(cr, x, y);
    } else {
      cairo_move_to(cr, x, y);
      drawing = true;
    }
  }
  cairo_stroke(cr);
  cairo_set_dash(cr, nullptr, 0, 0);
  if (dashed) return;
  for (std::size_t i = 0; i < series.values.size(); ++i) {
    if (!series.values[i]) continue;
    cairo_new_sub_path(cr);
    cairo_arc(cr, x_of(i), frame.Y(*series.values[i]), 2.3, 0, 2 * std::numbers::pi);
  }
  cairo_fill(cr);
}

void DrawPointLabels(Canvas& canvas, const ChartFrame& frame, const LineSeries& series, Color color) {
  for (std::size_t i = 0; i < series.point_labels.size() && i < series.values.size(); ++i) {
    if (!series.values[i] || series.point_labels[i].empty()) continue;
    TextLayout label = canvas.Text(series.point_labels[i], {.size = 7, .color = color});
    const double x = frame.plot().x + frame.SlotWidth() * (static_cast<double>(i) + 0.5);
    label.Draw(canvas.cr(), x - label.Width() / 2, frame.Y(*series.values[i]) - label.Height() - 2.5);
  }
}

}  // namespace

void DrawLineChart(Canvas& canvas, PageFlow& flow, const LineChart& chart) {
  std::vector<LegendEntry> legend;
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    legend.push_back({chart.series[s].name, SeriesColor(s), LegendMark::kLine});
  }
  if (chart.target) legend.push_back({chart.target->name, kDarkGrey, LegendMark::kDashedLine});
  const Rect area = PlaceChart(flow, chart.height);
  ChartFrame frame(canvas, area, chart.title, chart.value_axis, chart.category_title, chart.categories,
                   std::move(legend));
  frame.DrawFrame();
  for (std::size_t c = 0; c < chart.categories.size(); ++c) {
    const double x = frame.plot().x + frame.SlotWidth() * (static_cast<double>(c) + 0.5);
    frame.DrawTickBelow(x);
    frame.DrawLabelBelow(x, chart.categories[c]);
  }
  frame.ClipToPlot();
  if (chart.target) DrawSeriesLine(canvas.cr(), frame, *chart.target, kDarkGrey, true);
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    DrawSeriesLine(canvas.cr(), frame, chart.series[s], SeriesColor(s), false);
  }
  frame.EndClip();
  // Labels may stand a little above the plot's top edge, so they are not clipped.
  if (chart.target) DrawPointLabels(canvas, frame, *chart.target, kDarkGrey);
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    DrawPointLabels(canvas, frame, chart.series[s], SeriesColor(s));
  }
  EndChart(flow, area);
}

}  // namespace ansinh::report_document::pdf
