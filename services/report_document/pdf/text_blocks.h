#pragma once

// The blocks made of running text: the title block, headings, paragraphs
// and notes. Paragraphs flow line by line, so a long one continues on the
// next page; a heading keeps some room below it, so it never ends a page
// alone.

#include "report_document/document.h"
#include "report_document/pdf/page_flow.h"

namespace ansinh::report_document::pdf {

// The body text's size; tables and charts are set a little smaller.
inline constexpr double kBodySize = 10;

void DrawTitleBlock(Canvas& canvas, PageFlow& flow, const Document& document);
void DrawHeading(Canvas& canvas, PageFlow& flow, const Heading& heading);
void DrawParagraph(Canvas& canvas, PageFlow& flow, const Paragraph& paragraph);
void DrawNote(Canvas& canvas, PageFlow& flow, const Note& note);

// `text` wrapped to `width` and placed `indent` points from the left
// margin, one line at a time, starting a new page where a line does not fit.
void FlowText(Canvas& canvas, PageFlow& flow, std::string_view text, const TextStyle& style,
              Alignment alignment, double indent, double width);

}  // namespace ansinh::report_document::pdf
