#pragma once

// A report as data, in no language: the document model the renderers
// (pdf_renderer.h, csv_writer.h) draw. Every text in it, numbers included,
// comes from the caller already worded and formatted as the reader should
// see it ("Tỷ lệ hộ nghèo", "1.500.000 ₫", "4,1%"): the library never
// translates, formats a number or picks a word. What it decides is layout:
// where text wraps, where a page breaks, where a chart puts its points.
//
// A document is a title block (title, subtitle, place-and-date line, author
// line) followed by blocks in reading order: headings, paragraphs, key-value
// facts, notes in small type, tables, charts and page breaks.

#include <cstddef>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace ansinh::report_document {

enum class Alignment { kLeft, kCenter, kRight };

// Level 1 (a chapter), 2 (a section) or 3 (a subsection).
struct Heading {
  int level = 1;
  std::string text = {};
};

struct Paragraph {
  std::string text = {};
};

// A label and its value ("Số hộ được hỗ trợ" - "1.204"), in two columns.
struct Fact {
  std::string label = {};
  std::string value = {};
};

struct Facts {
  std::vector<Fact> facts = {};
};

// A note or footnote, in small type.
struct Note {
  std::string text = {};
};

// Starts the next block on a new page.
struct PageBreak {};

// A table of text cells. On paper its header row is repeated on every page
// the table runs onto, and a cell's text wraps within its column.
struct Table {
  std::vector<std::string> columns = {};
  // One per column; a column without one is left-aligned (figures are
  // usually kRight).
  std::vector<Alignment> alignments = {};
  // Each row has one cell per column.
  std::vector<std::vector<std::string>> rows = {};
  // A row drawn on a shaded background in bold (a total, the ward's own line).
  std::optional<std::size_t> highlighted_row = {};
  // Above the table ("Bảng 1. ..."); empty for none.
  std::string caption = {};
  // Below it, in small type ("Nguồn: ..."); empty for none.
  std::string source_note = {};
};

// --- Charts -------------------------------------------------------------
// A chart's axes are the caller's: their range, where their ticks go and
// how each tick is labelled (NiceTicks in nice_ticks.h picks tick values for
// a numeric range; the caller formats them). Values outside an axis's range
// are clipped at the plot's edge. Series take their colours from a fixed
// palette, in order; the legend names each one.

struct AxisTick {
  double value = 0;
  std::string label = {};
};

struct NumericAxis {
  std::string title = {};
  double minimum = 0;
  double maximum = 1;
  std::vector<AxisTick> ticks = {};
};

// One named line over the chart's categories: a value per category (none
// for a gap) and optionally a label printed by each point ("4,1%"; empty
// for none).
struct LineSeries {
  std::string name = {};
  std::vector<std::optional<double>> values = {};
  std::vector<std::string> point_labels = {};
};

// Several series over categories (years), e.g. the poverty rate year by
// year, with an optional target drawn as a dashed line.
struct LineChart {
  std::string title = {};
  std::vector<std::string> categories = {};
  std::string category_title = {};
  NumericAxis value_axis = {};
  std::vector<LineSeries> series = {};
  std::optional<LineSeries> target = {};
  // Height of the whole chart (title and legend included), in points.
  double height = 230;
};

// A point of a step curve: from here the curve stays at y until the next
// point's x. `lower` and `upper` bound the shaded confidence band over the
// same stretch (none: no band there).
struct StepPoint {
  double x = 0;
  double y = 0;
  std::optional<double> lower = {};
  std::optional<double> upper = {};
};

// A Kaplan-Meier curve: its first point is where it starts (0 months, 100%
// still poor), then one point per step; the last level runs on to `end_x`
// when given (the longest follow-up).
struct StepCurve {
  std::string name = {};
  std::vector<StepPoint> points = {};
  std::optional<double> end_x = {};
  bool show_band = false;
};

struct StepChart {
  std::string title = {};
  NumericAxis x_axis = {};
  NumericAxis y_axis = {};
  std::vector<StepCurve> curves = {};
  double height = 260;
};

struct BoxStatistics {
  double minimum = 0;
  double first_quartile = 0;
  double median = 0;
  double third_quartile = 0;
  double maximum = 0;
};

// One group along the chart's axis (a livelihood model) with one box per
// series of the chart (before and after), none where a box is not shown.
struct BoxGroup {
  std::string name = {};
  std::vector<std::optional<BoxStatistics>> boxes = {};
};

// Box plots of several groups; `series` names the boxes of each group (one
// or two: "Trước hỗ trợ", "Sau hỗ trợ").
struct BoxPlotChart {
  std::string title = {};
  std::vector<std::string> series = {};
  std::string group_title = {};
  NumericAxis value_axis = {};
  std::vector<BoxGroup> groups = {};
  double height = 250;
};

using Block =
    std::variant<Heading, Paragraph, Facts, Note, Table, LineChart, StepChart, BoxPlotChart, PageBreak>;

struct Document {
  std::string title = {};
  std::string subtitle = {};
  // "Huế, ngày 31 tháng 12 năm 2025"
  std::string place_and_date = {};
  // Who issues it ("Ủy ban nhân dân phường ...").
  std::string author = {};
  std::vector<Block> blocks = {};
};

}  // namespace ansinh::report_document
