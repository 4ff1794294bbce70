#include "report_document/pdf/table_drawing.h"

#include <algorithm>
#include <numeric>

#include "report_document/pdf/text_blocks.h"

namespace ansinh::report_document::pdf {
namespace {

constexpr double kCellSize = 8.5;
constexpr double kPadX = 4;
constexpr double kPadY = 3;

Alignment AlignmentOf(const Table& table, std::size_t column) {
  return column < table.alignments.size() ? table.alignments[column] : Alignment::kLeft;
}

// The laid-out cells of one row and its height.
struct LaidOutRow {
  std::vector<TextLayout> cells;
  double height = 0;
};

class TableDrawer {
 public:
  TableDrawer(Canvas& canvas, PageFlow& flow, const Table& table)
      : canvas_(canvas), flow_(flow), table_(table) {}

  void Draw() {
    widths_ = ColumnWidths();
    LaidOutRow header = LayOut(table_.columns, true);
    const double first_row = table_.rows.empty() ? 0 : LayOut(table_.rows[0], IsHighlighted(0)).height;
    double caption_height = 0;
    if (!table_.caption.empty()) {
      caption_height = canvas_.Text(table_.caption, CaptionStyle(), flow_.content_width()).Height() + 4;
    }
    // The caption, the header and the first row stay together.
    flow_.EnsureSpace(caption_height + header.height + first_row);
    if (!table_.caption.empty()) {
      FlowText(canvas_, flow_, table_.caption, CaptionStyle(), Alignment::kLeft, 0, flow_.content_width());
      flow_.Advance(4);
    }
    DrawHeader(header);
    for (std::size_t r = 0; r < table_.rows.size(); ++r) {
      LaidOutRow row = LayOut(table_.rows[r], IsHighlighted(r));
      if (row.height > flow_.remaining()) {
        Rule(0.8, kBlack);
        flow_.NewPage();
        DrawHeader(header);
      }
      DrawRow(row, IsHighlighted(r));
      if (r + 1 < table_.rows.size()) Rule(0.3, kLightGrey);
    }
    Rule(0.8, kBlack);
    flow_.Advance(3);
    if (!table_.source_note.empty()) {
      FlowText(canvas_, flow_, table_.source_note, {.size = 8, .color = kDarkGrey}, Alignment::kLeft, 0,
               flow_.content_width());
    }
    flow_.Advance(9);
  }

 private:
  static TextStyle CaptionStyle() { return {.size = 9.5, .bold = true}; }

  bool IsHighlighted(std::size_t row) const { return table_.highlighted_row == row; }

  std::vector<double> ColumnWidths() {
    std::vector<double> minimum(table_.columns.size(), 0);
    std::vector<double> natural(table_.columns.size(), 0);
    auto measure = [&](std::size_t column, const std::string& text, bool bold) {
      const TextStyle style{.size = kCellSize, .bold = bold};
      natural[column] = std::max(natural[column], canvas_.Text(text, style).Width() + 2 * kPadX);
      // A column narrower than its longest word would break the word.
      minimum[column] = std::max(minimum[column], LongestWord(text, style) + 2 * kPadX);
    };
    for (std::size_t c = 0; c < table_.columns.size(); ++c) measure(c, table_.columns[c], true);
    for (std::size_t r = 0; r < table_.rows.size(); ++r) {
      for (std::size_t c = 0; c < table_.rows[r].size(); ++c) measure(c, table_.rows[r][c], IsHighlighted(r));
    }
    return ShareColumnWidths(minimum, natural, flow_.content_width());
  }

  double LongestWord(const std::string& text, const TextStyle& style) {
    double longest = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t end = text.find_first_of(" \n", start);
      if (end == std::string::npos) end = text.size();
      if (end > start)
        longest = std::max(longest, canvas_.Text(text.substr(start, end - start), style).Width());
      start = end + 1;
    }
    return longest;
  }

  LaidOutRow LayOut(const std::vector<std::string>& cells, bool bold) {
    LaidOutRow row;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      row.cells.push_back(canvas_.Text(cells[c], {.size = kCellSize, .bold = bold}, widths_[c] - 2 * kPadX,
                                       AlignmentOf(table_, c)));
      row.height = std::max(row.height, row.cells.back().Height() + 2 * kPadY);
    }
    return row;
  }

  void DrawCells(const LaidOutRow& row) {
    double x = flow_.left();
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      row.cells[c].Draw(canvas_.cr(), x + kPadX, flow_.y() + kPadY);
      x += widths_[c];
    }
  }

  void Shade(double height, Color color) {
    SetColor(canvas_.cr(), color);
    cairo_rectangle(canvas_.cr(), flow_.left(), flow_.y(), flow_.content_width(), height);
    cairo_fill(canvas_.cr());
  }

  void DrawHeader(const LaidOutRow& header) {
    Rule(0.8, kBlack);
    Shade(header.height, kShade);
    DrawCells(header);
    flow_.Advance(header.height);
    Rule(0.6, kBlack);
  }

  void DrawRow(const LaidOutRow& row, bool highlighted) {
    if (highlighted) Shade(row.height, kShade);
    DrawCells(row);
    flow_.Advance(row.height);
  }

  void Rule(double width, Color color) {
    cairo_t* cr = canvas_.cr();
    SetColor(cr, color);
    cairo_set_line_width(cr, width);
    cairo_move_to(cr, flow_.left(), flow_.y());
    cairo_line_to(cr, flow_.left() + flow_.content_width(), flow_.y());
    cairo_stroke(cr);
  }

  Canvas& canvas_;
  PageFlow& flow_;
  const Table& table_;
  std::vector<double> widths_;
};

}  // namespace

std::vector<double> ShareColumnWidths(const std::vector<double>& minimum, const std::vector<double>& natural,
                                      double available) {
  const double minimum_sum = std::accumulate(minimum.begin(), minimum.end(), 0.0);
  const double natural_sum = std::accumulate(natural.begin(), natural.end(), 0.0);
  std::vector<double> widths(minimum.size());
  if (widths.empty()) return widths;
  if (natural_sum <= available) {
    // Everything fits on one line: the spare room in proportion to the text.
    for (std::size_t i = 0; i < widths.size(); ++i) {
      widths[i] = natural_sum > 0 ? natural[i] * available / natural_sum : available / widths.size();
    }
  } else if (minimum_sum <= available) {
    const double wanted = natural_sum - minimum_sum;
    for (std::size_t i = 0; i < widths.size(); ++i) {
      widths[i] = minimum[i] + (natural[i] - minimum[i]) * (available - minimum_sum) / wanted;
    }
  } else {
    for (std::size_t i = 0; i < widths.size(); ++i) widths[i] = minimum[i] * available / minimum_sum;
  }
  return widths;
}

void DrawTable(Canvas& canvas, PageFlow& flow, const Table& table) {
  TableDrawer(canvas, flow, table).Draw();
}

void DrawFacts(Canvas& canvas, PageFlow& flow, const Facts& facts) {
  const TextStyle label_style{.size = kBodySize, .color = kDarkGrey};
  const TextStyle value_style{.size = kBodySize, .bold = true};
  double label_width = 0;
  for (const Fact& fact : facts.facts)
    label_width = std::max(label_width, canvas.Text(fact.label, label_style).Width());
  label_width = std::min(label_width + 12, flow.content_width() * 0.55);
  const double value_width = flow.content_width() - label_width;
  for (const Fact& fact : facts.facts) {
    const TextLayout label = canvas.Text(fact.label, label_style, label_width - 12);
    const TextLayout value = canvas.Text(fact.value, value_style, value_width);
    const double height = std::max(label.Height(), value.Height()) + 3;
    flow.EnsureSpace(height);
    label.Draw(canvas.cr(), flow.left(), flow.y());
    value.Draw(canvas.cr(), flow.left() + label_width, flow.y());
    flow.Advance(height);
  }
  flow.Advance(7);
}

}  // namespace ansinh::report_document::pdf
