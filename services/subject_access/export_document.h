#pragma once

// A subject access export as a document a person reads (docs/data-protection.md,
// "Subject access and correction"): one HTML page, UTF-8, that prints as it
// shows, every label and value in the translator's language (Vietnamese for
// the data subject: dates dd/mm/yyyy, money "1.500.000 ₫", enum values in
// words from the catalogs, explanations and history lines from their
// catalog messages). Pure: no I/O.

#include <string>

#include "ansinh/v1/subject_access.pb.h"
#include "i18n/translator.h"

namespace ansinh::subject_access {

// The whole document. Every text that comes from the data is HTML-escaped.
std::string RenderExportDocument(const v1::SubjectAccessExport& exported, const i18n::Translator& words);

// `text` with &, <, >, " and ' escaped for HTML.
std::string EscapeHtml(const std::string& text);

}  // namespace ansinh::subject_access
