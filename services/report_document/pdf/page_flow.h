#pragma once

// Where the next block goes: the pages of an A4 portrait document, the
// margins, a cursor moving down the current page, and the footer drawn as
// each page is finished ("Trang {page}/{pages}" with the caller's words).
// Blocks ask for the room they need (EnsureSpace) and move down
// (Advance); a block taller than what is left starts a new page.

#include <optional>
#include <string>

#include "report_document/pdf/canvas.h"

namespace ansinh::report_document::pdf {

// A4 portrait in points, with margins of about 2 cm (2,5 cm at the bottom,
// where the footer sits).
struct PageGeometry {
  double width = 595.276;
  double height = 841.890;
  double margin_left = 62;
  double margin_right = 56;
  double margin_top = 56;
  double margin_bottom = 70;
};

class PageFlow {
 public:
  // `total_pages` is known on the second pass only; on the first the footer
  // says the page number for {pages} (the layout does not depend on it).
  PageFlow(Canvas& canvas, const PageGeometry& geometry, std::string footer_template,
           std::optional<int> total_pages);

  double left() const { return geometry_.margin_left; }
  double content_width() const { return geometry_.width - geometry_.margin_left - geometry_.margin_right; }
  double top() const { return geometry_.margin_top; }
  double bottom() const { return geometry_.height - geometry_.margin_bottom; }
  // The tallest block a page can hold.
  double content_height() const { return bottom() - top(); }

  double y() const { return y_; }
  double remaining() const { return bottom() - y_; }
  bool at_top_of_page() const { return y_ <= top(); }
  int page() const { return page_; }

  void Advance(double height) { y_ += height; }
  // Starts a new page unless `height` fits in what is left of this one (or
  // this one is still empty: a block taller than a page starts at the top).
  void EnsureSpace(double height);
  void NewPage();
  // Draws the last page's footer and ends it; returns the page count.
  int Finish();

 private:
  void DrawFooter();

  Canvas& canvas_;
  PageGeometry geometry_;
  std::string footer_template_;
  std::optional<int> total_pages_;
  int page_ = 1;
  double y_;
};

// `footer_template` with every {page} and {pages} replaced.
std::string FooterText(const std::string& footer_template, int page, int pages);

}  // namespace ansinh::report_document::pdf
