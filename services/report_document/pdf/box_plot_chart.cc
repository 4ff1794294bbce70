#include "report_document/pdf/chart_frame.h"
#include "report_document/pdf/charts.h"

namespace ansinh::report_document::pdf {
namespace {

void DrawBox(cairo_t* cr, const ChartFrame& frame, const BoxStatistics& box, double centre, double width,
             Color color) {
  const double left = centre - width / 2;
  cairo_set_line_width(cr, 0.9);
  // The whiskers, with caps half the box's width.
  SetColor(cr, color);
  cairo_move_to(cr, centre, frame.Y(box.minimum));
  cairo_line_to(cr, centre, frame.Y(box.first_quartile));
  cairo_move_to(cr, centre, frame.Y(box.third_quartile));
  cairo_line_to(cr, centre, frame.Y(box.maximum));
  cairo_move_to(cr, centre - width / 4, frame.Y(box.minimum));
  cairo_line_to(cr, centre + width / 4, frame.Y(box.minimum));
  cairo_move_to(cr, centre - width / 4, frame.Y(box.maximum));
  cairo_line_to(cr, centre + width / 4, frame.Y(box.maximum));
  cairo_stroke(cr);
  // The box from the first to the third quartile, and the median across it.
  const double top = frame.Y(box.third_quartile);
  const double height = frame.Y(box.first_quartile) - top;
  SetColor(cr, color, 0.25);
  cairo_rectangle(cr, left, top, width, height);
  cairo_fill_preserve(cr);
  SetColor(cr, color);
  cairo_stroke(cr);
  cairo_set_line_width(cr, 2);
  cairo_move_to(cr, left, frame.Y(box.median));
  cairo_line_to(cr, left + width, frame.Y(box.median));
  cairo_stroke(cr);
}

}  // namespace

void DrawBoxPlotChart(Canvas& canvas, PageFlow& flow, const BoxPlotChart& chart) {
  std::vector<LegendEntry> legend;
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    legend.push_back({chart.series[s], SeriesColor(s), LegendMark::kBox});
  }
  std::vector<std::string> names;
  for (const BoxGroup& group : chart.groups) names.push_back(group.name);
  const Rect area = PlaceChart(flow, chart.height);
  ChartFrame frame(canvas, area, chart.title, chart.value_axis, chart.group_title, names, std::move(legend));
  frame.DrawFrame();
  const double slot = frame.SlotWidth();
  const double series = static_cast<double>(std::max<std::size_t>(chart.series.size(), 1));
  // The boxes of a group take 60% of its slot, side by side, at most 36 points each.
  const double box_width = std::min(36.0, slot * 0.6 / series);
  for (std::size_t g = 0; g < chart.groups.size(); ++g) {
    const double centre = frame.plot().x + slot * (static_cast<double>(g) + 0.5);
    frame.DrawLabelBelow(centre, chart.groups[g].name);
    frame.ClipToPlot();
    for (std::size_t b = 0; b < chart.groups[g].boxes.size(); ++b) {
      if (!chart.groups[g].boxes[b]) continue;
      const double offset = (static_cast<double>(b) - (series - 1) / 2) * box_width * 1.15;
      DrawBox(canvas.cr(), frame, *chart.groups[g].boxes[b], centre + offset, box_width, SeriesColor(b));
    }
    frame.EndClip();
  }
  EndChart(flow, area);
}

}  // namespace ansinh::report_document::pdf
