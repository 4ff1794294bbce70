#include "report_document/pdf_renderer.h"

#include <cairo-pdf.h>
#include <cairo.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <system_error>
#include <type_traits>
#include <variant>

#include "report_document/document_checks.h"
#include "report_document/pdf/charts.h"
#include "report_document/pdf/table_drawing.h"
#include "report_document/pdf/text_blocks.h"

namespace ansinh::report_document {
namespace {

using pdf::Canvas;
using pdf::PageFlow;

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct Pass {
  std::string bytes;
  int pages = 0;
  int unknown_glyphs = 0;
  std::string first_text_with_unknown_glyphs;
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
};

void DrawBlock(Canvas& canvas, PageFlow& flow, const Block& block) {
  std::visit(
      [&](const auto& value) {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, Heading>) {
          pdf::DrawHeading(canvas, flow, value);
        } else if constexpr (std::is_same_v<T, Paragraph>) {
          pdf::DrawParagraph(canvas, flow, value);
        } else if constexpr (std::is_same_v<T, Facts>) {
          pdf::DrawFacts(canvas, flow, value);
        } else if constexpr (std::is_same_v<T, Note>) {
          pdf::DrawNote(canvas, flow, value);
        } else if constexpr (std::is_same_v<T, Table>) {
          pdf::DrawTable(canvas, flow, value);
        } else if constexpr (std::is_same_v<T, LineChart>) {
          pdf::DrawLineChart(canvas, flow, value);
        } else if constexpr (std::is_same_v<T, StepChart>) {
          pdf::DrawStepChart(canvas, flow, value);
        } else if constexpr (std::is_same_v<T, BoxPlotChart>) {
          pdf::DrawBoxPlotChart(canvas, flow, value);
        } else {
          static_assert(std::is_same_v<T, PageBreak>);
          // A break on a page still empty would leave it blank.
          if (!flow.at_top_of_page()) flow.NewPage();
        }
      },
      block);
}

// Lays out and draws the whole document once. The footer's {pages} needs
// the page count, which only a first pass knows: the second draws the same
// layout with it.
Pass Draw(const Document& document, const PdfOptions& options, std::optional<int> total_pages) {
  Pass pass;
  const pdf::PageGeometry geometry;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(AppendToString, &pass.bytes, geometry.width, geometry.height);
  if (!document.title.empty())
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, document.title.c_str());
  if (!document.author.empty()) {
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, document.author.c_str());
  }
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "ansinh");
  cairo_t* cr = cairo_create(surface);
  {
    Canvas canvas(cr, options.font_family);
    PageFlow flow(canvas, geometry, options.footer_template, total_pages);
    if (!document.title.empty() || !document.subtitle.empty() || !document.author.empty() ||
        !document.place_and_date.empty()) {
      pdf::DrawTitleBlock(canvas, flow, document);
    }
    for (const Block& block : document.blocks) DrawBlock(canvas, flow, block);
    pass.pages = flow.Finish();
    pass.unknown_glyphs = canvas.unknown_glyphs();
    pass.first_text_with_unknown_glyphs = canvas.first_text_with_unknown_glyphs();
  }
  pass.status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  if (pass.status == CAIRO_STATUS_SUCCESS) pass.status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  return pass;
}

}  // namespace

Result<RenderedPdf> RenderPdf(const Document& document, const PdfOptions& options) {
  FieldViolations violations = CheckDocument(document);
  if (!IsValidUtf8(options.footer_template)) violations.push_back({"footer_template", "must be valid UTF-8"});
  if (options.font_family.empty()) violations.push_back({"font_family", "must name a font family"});
  if (!violations.empty()) return Error::InvalidArgument(std::move(violations));
  if (!pdf::FontFamilyInstalled(options.font_family)) {
    return Error::FailedPrecondition("font family \"" + options.font_family +
                                     "\" is not installed (DejaVu Sans: Debian package fonts-dejavu-core)");
  }

  const Pass counting = Draw(document, options, std::nullopt);
  if (counting.status != CAIRO_STATUS_SUCCESS) {
    return Error::FailedPrecondition(std::string("cairo could not draw the document: ") +
                                     cairo_status_to_string(counting.status));
  }
  if (counting.unknown_glyphs > 0) {
    return Error::FailedPrecondition("no installed font can draw " + std::to_string(counting.unknown_glyphs) +
                                     " character(s), first in: " + counting.first_text_with_unknown_glyphs);
  }
  Pass final_pass = Draw(document, options, counting.pages);
  if (final_pass.status != CAIRO_STATUS_SUCCESS) {
    return Error::FailedPrecondition(std::string("cairo could not draw the document: ") +
                                     cairo_status_to_string(final_pass.status));
  }
  return RenderedPdf{.bytes = std::move(final_pass.bytes), .pages = final_pass.pages};
}

Result<int> WritePdfFile(const Document& document, const std::string& path, const PdfOptions& options) {
  Result<RenderedPdf> rendered = RenderPdf(document, options);
  if (!rendered.ok()) return rendered.error();
  const std::string partial = path + ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out.write(rendered->bytes.data(), static_cast<std::streamsize>(rendered->bytes.size()));
    out.close();
    if (!out) {
      const std::string reason = std::strerror(errno);
      std::error_code ignored;
      std::filesystem::remove(partial, ignored);
      return Error::FailedPrecondition("cannot write " + partial + ": " + reason);
    }
  }
  std::error_code renamed;
  std::filesystem::rename(partial, path, renamed);
  if (renamed) {
    std::error_code ignored;
    std::filesystem::remove(partial, ignored);
    return Error::FailedPrecondition("cannot move " + partial + " to " + path + ": " + renamed.message());
  }
  return rendered->pages;
}

}  // namespace ansinh::report_document
