#include "report_document/pdf/page_flow.h"

namespace ansinh::report_document::pdf {

PageFlow::PageFlow(Canvas& canvas, const PageGeometry& geometry, std::string footer_template,
                   std::optional<int> total_pages)
    : canvas_(canvas),
      geometry_(geometry),
      footer_template_(std::move(footer_template)),
      total_pages_(total_pages),
      y_(geometry.margin_top) {}

void PageFlow::EnsureSpace(double height) {
  if (height > remaining() && !at_top_of_page()) NewPage();
}

void PageFlow::NewPage() {
  DrawFooter();
  cairo_show_page(canvas_.cr());
  ++page_;
  y_ = top();
}

int PageFlow::Finish() {
  DrawFooter();
  cairo_show_page(canvas_.cr());
  return page_;
}

void PageFlow::DrawFooter() {
  const std::string text = FooterText(footer_template_, page_, total_pages_.value_or(page_));
  if (text.empty()) return;
  TextLayout footer =
      canvas_.Text(text, {.size = 8, .color = kDarkGrey}, content_width(), Alignment::kCenter);
  // Midway down the bottom margin.
  const double footer_top = bottom() + (geometry_.margin_bottom - footer.Height()) / 2;
  footer.Draw(canvas_.cr(), left(), footer_top);
}

std::string FooterText(const std::string& footer_template, int page, int pages) {
  std::string text;
  for (std::size_t i = 0; i < footer_template.size();) {
    if (footer_template.compare(i, 6, "{page}") == 0) {
      text += std::to_string(page);
      i += 6;
    } else if (footer_template.compare(i, 7, "{pages}") == 0) {
      text += std::to_string(pages);
      i += 7;
    } else {
      text.push_back(footer_template[i++]);
    }
  }
  return text;
}

}  // namespace ansinh::report_document::pdf
