#include "report_document/pdf/text_blocks.h"

namespace ansinh::report_document::pdf {
namespace {

// Room a heading needs below itself on the same page: about three lines
// of body text, or the first rows of a table.
constexpr double kKeepWithNext = 48;

}  // namespace

void FlowText(Canvas& canvas, PageFlow& flow, std::string_view text, const TextStyle& style,
              Alignment alignment, double indent, double width) {
  if (text.empty()) return;
  const TextLayout layout = canvas.Text(text, style, width, alignment);
  const std::vector<LineBox> lines = layout.Lines();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    flow.EnsureSpace(lines[i].height);
    layout.DrawLine(canvas.cr(), static_cast<int>(i), flow.left() + indent, flow.y() - lines[i].top);
    flow.Advance(lines[i].height);
  }
}

void DrawTitleBlock(Canvas& canvas, PageFlow& flow, const Document& document) {
  const double width = flow.content_width();
  if (!document.author.empty()) {
    FlowText(canvas, flow, document.author, {.size = kBodySize, .bold = true}, Alignment::kCenter, 0, width);
    flow.Advance(10);
  }
  if (!document.place_and_date.empty()) {
    FlowText(canvas, flow, document.place_and_date, {.size = kBodySize, .color = kDarkGrey},
             Alignment::kRight, 0, width);
    flow.Advance(18);
  }
  FlowText(canvas, flow, document.title, {.size = 17, .bold = true}, Alignment::kCenter, 0, width);
  if (!document.subtitle.empty()) {
    flow.Advance(6);
    FlowText(canvas, flow, document.subtitle, {.size = 12, .color = kDarkGrey}, Alignment::kCenter, 0, width);
  }
  flow.Advance(10);
  cairo_t* cr = canvas.cr();
  SetColor(cr, kMidGrey);
  cairo_set_line_width(cr, 0.8);
  cairo_move_to(cr, flow.left() + width * 0.3, flow.y());
  cairo_line_to(cr, flow.left() + width * 0.7, flow.y());
  cairo_stroke(cr);
  flow.Advance(16);
}

void DrawHeading(Canvas& canvas, PageFlow& flow, const Heading& heading) {
  const double size = heading.level == 1 ? 15 : heading.level == 2 ? 12.5 : 11;
  const double space_before = heading.level == 1 ? 14 : 10;
  const TextStyle style{.size = size, .bold = true};
  const TextLayout measured = canvas.Text(heading.text, style, flow.content_width());
  if (!flow.at_top_of_page()) flow.Advance(space_before);
  flow.EnsureSpace(measured.Height() + kKeepWithNext);
  FlowText(canvas, flow, heading.text, style, Alignment::kLeft, 0, flow.content_width());
  flow.Advance(heading.level == 1 ? 8 : 5);
}

void DrawParagraph(Canvas& canvas, PageFlow& flow, const Paragraph& paragraph) {
  FlowText(canvas, flow, paragraph.text, {.size = kBodySize}, Alignment::kLeft, 0, flow.content_width());
  flow.Advance(7);
}

void DrawNote(Canvas& canvas, PageFlow& flow, const Note& note) {
  FlowText(canvas, flow, note.text, {.size = 8, .color = kDarkGrey}, Alignment::kLeft, 0,
           flow.content_width());
  flow.Advance(5);
}

}  // namespace ansinh::report_document::pdf
