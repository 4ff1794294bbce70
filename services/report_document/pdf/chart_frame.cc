#include "report_document/pdf/chart_frame.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace ansinh::report_document::pdf {
namespace {

constexpr double kGap = 4;
constexpr double kMarkWidth = 18;
constexpr double kLegendSpacing = 14;

}  // namespace

Color SeriesColor(std::size_t index) {
  static constexpr Color kPalette[] = {
      {0.000, 0.447, 0.698}, {0.835, 0.369, 0.000}, {0.000, 0.620, 0.451},
      {0.902, 0.624, 0.000}, {0.800, 0.475, 0.655}, {0.337, 0.706, 0.914},
  };
  return kPalette[index % std::size(kPalette)];
}

ChartFrame::ChartFrame(Canvas& canvas, Rect area, std::string_view title, const NumericAxis& value_axis,
                       std::string_view label_axis_title, const std::vector<std::string>& labels_below,
                       std::vector<LegendEntry> legend)
    : canvas_(canvas),
      area_(area),
      title_(title),
      value_axis_(value_axis),
      label_axis_title_(label_axis_title),
      label_slots_(std::max<std::size_t>(labels_below.size(), 1)),
      legend_(std::move(legend)) {
  double top = area_.y;
  if (!title_.empty()) top += canvas_.Text(title_, {.size = 9.5, .bold = true}, area_.width).Height() + kGap;
  double bottom = area_.y + area_.height - LegendHeight();
  double left = area_.x;
  if (!value_axis_.title.empty()) {
    // Rotated a quarter turn: its height is its width on the page.
    left += canvas_.Text(value_axis_.title, {.size = kChartTextSize}).Height() + kGap;
  }
  for (const AxisTick& tick : value_axis_.ticks) {
    value_labels_width_ =
        std::max(value_labels_width_, canvas_.Text(tick.label, {.size = kChartTextSize}).Width());
  }
  left += value_labels_width_ + kGap;
  const double plot_width = area_.x + area_.width - left - 6;
  const double slot = plot_width / static_cast<double>(label_slots_);
  labels_below_height_ = canvas_.Text("Ág", {.size = kChartTextSize}).Height();
  for (const std::string& label : labels_below) {
    labels_below_height_ =
        std::max(labels_below_height_,
                 canvas_.Text(label, {.size = kChartTextSize}, slot - 2, Alignment::kCenter).Height());
  }
  if (!label_axis_title_.empty()) {
    bottom -= canvas_.Text(label_axis_title_, {.size = kChartTextSize}, plot_width).Height() + kGap;
  }
  bottom -= labels_below_height_ + kGap + 2;
  plot_ = {.x = left, .y = top + 4, .width = plot_width, .height = std::max(20.0, bottom - top - 4)};
}

double ChartFrame::Y(double value) const {
  const double share = (value - value_axis_.minimum) / (value_axis_.maximum - value_axis_.minimum);
  return plot_.y + plot_.height * (1 - share);
}

void ChartFrame::DrawFrame() {
  cairo_t* cr = canvas_.cr();
  if (!title_.empty())
    canvas_.Text(title_, {.size = 9.5, .bold = true}, area_.width).Draw(cr, area_.x, area_.y);
  // Grid lines and the value labels, right-aligned against the plot.
  cairo_set_line_width(cr, 0.4);
  for (const AxisTick& tick : value_axis_.ticks) {
    if (tick.value < value_axis_.minimum || tick.value > value_axis_.maximum) continue;
    const double y = Y(tick.value);
    SetColor(cr, kLightGrey);
    cairo_move_to(cr, plot_.x, y);
    cairo_line_to(cr, plot_.x + plot_.width, y);
    cairo_stroke(cr);
    TextLayout label = canvas_.Text(tick.label, {.size = kChartTextSize, .color = kDarkGrey});
    label.Draw(cr, plot_.x - kGap - label.Width(), y - label.Height() / 2);
  }
  if (!value_axis_.title.empty()) {
    TextLayout title = canvas_.Text(value_axis_.title, {.size = kChartTextSize, .color = kDarkGrey},
                                    plot_.height, Alignment::kCenter);
    cairo_save(cr);
    // Turned a quarter counter-clockwise, read from bottom to top.
    cairo_translate(cr, area_.x, plot_.y + plot_.height);
    cairo_rotate(cr, -std::numbers::pi / 2);
    title.Draw(cr, 0, 0);
    cairo_restore(cr);
  }
  // The plot's left and bottom edges.
  SetColor(cr, kMidGrey);
  cairo_set_line_width(cr, 0.7);
  cairo_move_to(cr, plot_.x, plot_.y);
  cairo_line_to(cr, plot_.x, plot_.y + plot_.height);
  cairo_line_to(cr, plot_.x + plot_.width, plot_.y + plot_.height);
  cairo_stroke(cr);
  const double below = plot_.y + plot_.height + kGap + 2 + labels_below_height_ + kGap;
  if (!label_axis_title_.empty()) {
    TextLayout title = canvas_.Text(label_axis_title_, {.size = kChartTextSize, .color = kDarkGrey},
                                    plot_.width, Alignment::kCenter);
    title.Draw(cr, plot_.x, below);
  }
  DrawLegend(area_.y + area_.height - LegendHeight());
}

void ChartFrame::DrawLabelBelow(double x, std::string_view label) {
  const double slot = SlotWidth();
  TextLayout text =
      canvas_.Text(label, {.size = kChartTextSize, .color = kDarkGrey}, slot - 2, Alignment::kCenter);
  text.Draw(canvas_.cr(), x - (slot - 2) / 2, plot_.y + plot_.height + kGap + 2);
}

void ChartFrame::DrawTickBelow(double x) {
  cairo_t* cr = canvas_.cr();
  SetColor(cr, kMidGrey);
  cairo_set_line_width(cr, 0.7);
  cairo_move_to(cr, x, plot_.y + plot_.height);
  cairo_line_to(cr, x, plot_.y + plot_.height + 3);
  cairo_stroke(cr);
}

void ChartFrame::ClipToPlot() {
  cairo_save(canvas_.cr());
  cairo_rectangle(canvas_.cr(), plot_.x, plot_.y, plot_.width, plot_.height);
  cairo_clip(canvas_.cr());
}

void ChartFrame::EndClip() { cairo_restore(canvas_.cr()); }

double ChartFrame::LegendHeight() {
  if (legend_.empty()) return 0;
  const double line = canvas_.Text("Ág", {.size = kChartTextSize}).Height();
  int rows = 1;
  double x = 0;
  for (const LegendEntry& entry : legend_) {
    const double width = kMarkWidth + kGap + canvas_.Text(entry.name, {.size = kChartTextSize}).Width();
    if (x > 0 && x + width > area_.width) ++rows, x = 0;
    x += width + kLegendSpacing;
  }
  return rows * (line + 2) + kGap;
}

void ChartFrame::DrawLegend(double top) {
  cairo_t* cr = canvas_.cr();
  const double line = canvas_.Text("Ág", {.size = kChartTextSize}).Height();
  double x = 0;
  double y = top + kGap;
  for (const LegendEntry& entry : legend_) {
    TextLayout name = canvas_.Text(entry.name, {.size = kChartTextSize});
    const double width = kMarkWidth + kGap + name.Width();
    if (x > 0 && x + width > area_.width) x = 0, y += line + 2;
    const double mark_x = area_.x + x;
    const double middle = y + line / 2;
    switch (entry.mark) {
      case LegendMark::kBox:
        SetColor(cr, entry.color, 0.3);
        cairo_rectangle(cr, mark_x + 3, middle - 4, kMarkWidth - 6, 8);
        cairo_fill_preserve(cr);
        SetColor(cr, entry.color);
        cairo_set_line_width(cr, 0.8);
        cairo_stroke(cr);
        break;
      case LegendMark::kLineWithBand:
        SetColor(cr, entry.color, 0.18);
        cairo_rectangle(cr, mark_x, middle - 4, kMarkWidth, 8);
        cairo_fill(cr);
        [[fallthrough]];
      case LegendMark::kLine:
      case LegendMark::kDashedLine: {
        SetColor(cr, entry.color);
        cairo_set_line_width(cr, 1.4);
        const double dashes[] = {4, 2.5};
        if (entry.mark == LegendMark::kDashedLine) cairo_set_dash(cr, dashes, 2, 0);
        cairo_move_to(cr, mark_x, middle);
        cairo_line_to(cr, mark_x + kMarkWidth, middle);
        cairo_stroke(cr);
        cairo_set_dash(cr, nullptr, 0, 0);
        break;
      }
    }
    name.Draw(cr, mark_x + kMarkWidth + kGap, y);
    x += width + kLegendSpacing;
  }
}

Rect PlaceChart(PageFlow& flow, double height) {
  flow.EnsureSpace(height);
  return {.x = flow.left(), .y = flow.y(), .width = flow.content_width(), .height = height};
}

void EndChart(PageFlow& flow, const Rect& area) { flow.Advance(area.height + 12); }

}  // namespace ansinh::report_document::pdf
