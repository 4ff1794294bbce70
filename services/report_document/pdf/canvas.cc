#include "report_document/pdf/canvas.h"

#include <glib-object.h>

namespace ansinh::report_document::pdf {

void SetColor(cairo_t* cr, Color color, double alpha) {
  cairo_set_source_rgba(cr, color.red, color.green, color.blue, alpha);
}

TextLayout::~TextLayout() {
  if (layout_ != nullptr) g_object_unref(layout_);
}

double TextLayout::Width() const {
  PangoRectangle logical;
  pango_layout_get_extents(layout_, nullptr, &logical);
  return pango_units_to_double(logical.width);
}

double TextLayout::Height() const {
  PangoRectangle logical;
  pango_layout_get_extents(layout_, nullptr, &logical);
  return pango_units_to_double(logical.height);
}

std::vector<LineBox> TextLayout::Lines() const {
  std::vector<LineBox> lines;
  PangoLayoutIter* iter = pango_layout_get_iter(layout_);
  do {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(iter, nullptr, &logical);
    lines.push_back({.x = pango_units_to_double(logical.x),
                     .top = pango_units_to_double(logical.y),
                     .height = pango_units_to_double(logical.height),
                     .baseline = pango_units_to_double(pango_layout_iter_get_baseline(iter))});
  } while (pango_layout_iter_next_line(iter));
  pango_layout_iter_free(iter);
  return lines;
}

void TextLayout::Draw(cairo_t* cr, double x, double y) const {
  SetColor(cr, color_);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout_);
}

void TextLayout::DrawLine(cairo_t* cr, int index, double x, double y) const {
  const std::vector<LineBox> lines = Lines();
  const LineBox& box = lines.at(static_cast<std::size_t>(index));
  // show_layout_line draws from the line's baseline at its left end; the
  // alignment's offset is the line's x.
  SetColor(cr, color_);
  cairo_move_to(cr, x + box.x, y + box.baseline);
  pango_cairo_show_layout_line(cr, pango_layout_get_line_readonly(layout_, index));
}

TextLayout Canvas::Text(std::string_view text, const TextStyle& style, double width, Alignment alignment) {
  PangoLayout* layout = pango_cairo_create_layout(cr_);
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family(font, font_family_.c_str());
  pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  // Absolute: in points on the page, whatever resolution Pango assumes.
  pango_font_description_set_absolute_size(font, style.size * PANGO_SCALE);
  pango_layout_set_font_description(layout, font);
  pango_font_description_free(font);
  pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
  if (width > 0) {
    pango_layout_set_width(layout, pango_units_from_double(width));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
  }
  pango_layout_set_alignment(layout, alignment == Alignment::kRight    ? PANGO_ALIGN_RIGHT
                                     : alignment == Alignment::kCenter ? PANGO_ALIGN_CENTER
                                                                       : PANGO_ALIGN_LEFT);
  const int unknown = pango_layout_get_unknown_glyphs_count(layout);
  if (unknown > 0 && unknown_glyphs_ == 0) first_unknown_ = std::string(text);
  unknown_glyphs_ += unknown;
  return TextLayout(layout, style.color);
}

bool FontFamilyInstalled(std::string_view family) {
  PangoFontMap* map = pango_cairo_font_map_get_default();
  PangoFontFamily** families = nullptr;
  int count = 0;
  pango_font_map_list_families(map, &families, &count);
  bool found = false;
  for (int i = 0; i < count && !found; ++i) found = family == pango_font_family_get_name(families[i]);
  g_free(families);
  return found;
}

}  // namespace ansinh::report_document::pdf
