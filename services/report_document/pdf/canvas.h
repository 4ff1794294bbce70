#pragma once

// The drawing surface of the PDF renderer: a Cairo context and the text
// laid out on it by Pango, in one font family. Pango shapes the caller's
// UTF-8 as it is (precomposed Vietnamese letters, or a base letter and
// combining marks), wraps lines at word boundaries, and the PDF embeds the
// glyphs with their Unicode text, so a reader's search and pdftotext find
// the words. Sizes are in PDF points (1/72 inch).

#include <cairo.h>
#include <pango/pangocairo.h>

#include <string>
#include <string_view>
#include <vector>

#include "report_document/document.h"

namespace ansinh::report_document::pdf {

struct Color {
  double red = 0;
  double green = 0;
  double blue = 0;
};

inline constexpr Color kBlack{0, 0, 0};
inline constexpr Color kDarkGrey{0.3, 0.3, 0.3};
inline constexpr Color kMidGrey{0.55, 0.55, 0.55};
inline constexpr Color kLightGrey{0.85, 0.85, 0.85};
inline constexpr Color kShade{0.93, 0.93, 0.93};

void SetColor(cairo_t* cr, Color color, double alpha = 1);

struct TextStyle {
  double size = 10;
  bool bold = false;
  Color color = kBlack;
};

// One line of a laid-out text, relative to the layout's top-left corner.
struct LineBox {
  double x = 0;
  double top = 0;
  double height = 0;
  double baseline = 0;
};

// A Pango layout (owned): the text shaped, and wrapped when given a width;
// drawn in its style's colour.
class TextLayout {
 public:
  TextLayout(PangoLayout* layout, Color color) : layout_(layout), color_(color) {}
  TextLayout(TextLayout&& other) noexcept : layout_(other.layout_), color_(other.color_) {
    other.layout_ = nullptr;
  }
  TextLayout& operator=(TextLayout&&) = delete;
  TextLayout(const TextLayout&) = delete;
  ~TextLayout();

  double Width() const;
  double Height() const;
  std::vector<LineBox> Lines() const;
  // The whole text with its top-left corner at (x, y).
  void Draw(cairo_t* cr, double x, double y) const;
  // Line `index` of Lines() with the layout's top-left corner at (x, y).
  void DrawLine(cairo_t* cr, int index, double x, double y) const;

 private:
  PangoLayout* layout_;
  Color color_;
};

class Canvas {
 public:
  Canvas(cairo_t* cr, std::string font_family) : cr_(cr), font_family_(std::move(font_family)) {}

  cairo_t* cr() const { return cr_; }

  // `text` in `style`; wrapped within `width` points when width > 0 (a word
  // longer than the width is broken between letters).
  TextLayout Text(std::string_view text, const TextStyle& style, double width = -1,
                  Alignment alignment = Alignment::kLeft);

  // Glyphs no installed font could draw (Pango's "unknown glyphs", drawn as
  // boxes), and the first text that had one: the renderer refuses such a
  // document rather than print boxes for letters.
  int unknown_glyphs() const { return unknown_glyphs_; }
  const std::string& first_text_with_unknown_glyphs() const { return first_unknown_; }

 private:
  cairo_t* cr_;
  std::string font_family_;
  int unknown_glyphs_ = 0;
  std::string first_unknown_;
};

// Whether the font map knows `family` itself (not a substitute fontconfig
// would pick for it).
bool FontFamilyInstalled(std::string_view family);

}  // namespace ansinh::report_document::pdf
