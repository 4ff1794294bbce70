#pragma once

// A document (document.h) as a PDF: A4 portrait, Pango for the text and
// Cairo for the pages, so Vietnamese letters with their tone marks are
// shaped and embedded as text a reader can search and copy. Tables break
// across pages repeating their header row; charts are vector drawings with
// legends; every page has the caller's footer.
//
// The font family must be installed (DejaVu Sans from the Debian package
// fonts-dejavu-core, deploy/local/packages.txt): a family fontconfig does
// not know, or a text with a letter no installed font can draw, is refused
// (FAILED_PRECONDITION) rather than printed with a substitute font or with
// boxes for letters. docs/reports.md, "Rendering".

#include <string>

#include "kernel/result.h"
#include "report_document/document.h"

namespace ansinh::report_document {

struct PdfOptions {
  // "{page}" and "{pages}" are replaced on each page: "Trang {page}/{pages}".
  // Empty: no footer.
  std::string footer_template = "{page}/{pages}";
  std::string font_family = "DejaVu Sans";
};

struct RenderedPdf {
  std::string bytes = {};
  int pages = 0;
};

// The PDF in memory (what the console serves). INVALID_ARGUMENT naming each
// bad field of the document (CheckDocument in document_checks.h);
// FAILED_PRECONDITION when the font is missing or cannot draw a letter.
Result<RenderedPdf> RenderPdf(const Document& document, const PdfOptions& options = {});

// The same written to `path`, through a temporary file beside it renamed
// into place, so that no reader ever sees half a report. Refuses as
// RenderPdf does, and with FAILED_PRECONDITION when the file cannot be
// written. Returns the page count.
Result<int> WritePdfFile(const Document& document, const std::string& path, const PdfOptions& options = {});

}  // namespace ansinh::report_document
