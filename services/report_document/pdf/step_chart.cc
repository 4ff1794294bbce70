#include "report_document/pdf/chart_frame.h"
#include "report_document/pdf/charts.h"

namespace ansinh::report_document::pdf {
namespace {

class StepPlot {
 public:
  StepPlot(const ChartFrame& frame, const NumericAxis& x_axis) : frame_(frame), x_axis_(x_axis) {}

  double X(double value) const {
    const double share = (value - x_axis_.minimum) / (x_axis_.maximum - x_axis_.minimum);
    return frame_.plot().x + frame_.plot().width * share;
  }
  double Y(double value) const { return frame_.Y(value); }

  // Where point i's level ends: the next point, or the curve's end.
  std::optional<double> EndOf(const StepCurve& curve, std::size_t i) const {
    if (i + 1 < curve.points.size()) return curve.points[i + 1].x;
    return curve.end_x;
  }

  void DrawBand(cairo_t* cr, const StepCurve& curve, Color color) const {
    SetColor(cr, color, 0.16);
    for (std::size_t i = 0; i < curve.points.size(); ++i) {
      const StepPoint& point = curve.points[i];
      const std::optional<double> end = EndOf(curve, i);
      if (!point.lower || !point.upper || !end) continue;
      cairo_rectangle(cr, X(point.x), Y(*point.upper), X(*end) - X(point.x),
                      Y(*point.lower) - Y(*point.upper));
    }
    cairo_fill(cr);
  }

  void DrawCurve(cairo_t* cr, const StepCurve& curve, Color color) const {
    SetColor(cr, color);
    cairo_set_line_width(cr, 1.6);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    cairo_move_to(cr, X(curve.points[0].x), Y(curve.points[0].y));
    for (std::size_t i = 1; i < curve.points.size(); ++i) {
      cairo_line_to(cr, X(curve.points[i].x), Y(curve.points[i - 1].y));
      cairo_line_to(cr, X(curve.points[i].x), Y(curve.points[i].y));
    }
    if (curve.end_x) cairo_line_to(cr, X(*curve.end_x), Y(curve.points.back().y));
    cairo_stroke(cr);
  }

 private:
  const ChartFrame& frame_;
  const NumericAxis& x_axis_;
};

}  // namespace

void DrawStepChart(Canvas& canvas, PageFlow& flow, const StepChart& chart) {
  std::vector<LegendEntry> legend;
  for (std::size_t k = 0; k < chart.curves.size(); ++k) {
    legend.push_back({chart.curves[k].name, SeriesColor(k),
                      chart.curves[k].show_band ? LegendMark::kLineWithBand : LegendMark::kLine});
  }
  std::vector<std::string> tick_labels;
  for (const AxisTick& tick : chart.x_axis.ticks) tick_labels.push_back(tick.label);
  const Rect area = PlaceChart(flow, chart.height);
  ChartFrame frame(canvas, area, chart.title, chart.y_axis, chart.x_axis.title, tick_labels,
                   std::move(legend));
  frame.DrawFrame();
  const StepPlot plot(frame, chart.x_axis);
  for (const AxisTick& tick : chart.x_axis.ticks) {
    if (tick.value < chart.x_axis.minimum || tick.value > chart.x_axis.maximum) continue;
    frame.DrawTickBelow(plot.X(tick.value));
    frame.DrawLabelBelow(plot.X(tick.value), tick.label);
  }
  frame.ClipToPlot();
  // Bands first, so every curve's line stays on top of every band.
  for (std::size_t k = 0; k < chart.curves.size(); ++k) {
    if (chart.curves[k].show_band) plot.DrawBand(canvas.cr(), chart.curves[k], SeriesColor(k));
  }
  for (std::size_t k = 0; k < chart.curves.size(); ++k) {
    plot.DrawCurve(canvas.cr(), chart.curves[k], SeriesColor(k));
  }
  frame.EndClip();
  EndChart(flow, area);
}

}  // namespace ansinh::report_document::pdf
