#pragma once

// The catalogs of locales/ as they were when the program was built, so a
// program speaks Vietnamese without data files; a directory named at run
// time (--locales-dir, ANSINH_LOCALES_DIR) replaces them.

#include <string>
#include <string_view>

#include "i18n/translator.h"
#include "kernel/result.h"

namespace ansinh::i18n {

// The text of locales/<code>.json at build time.
std::string_view EmbeddedCatalogText(Language language);

// A translator for `language` (English as the fallback): from the files of
// `directory`, or from the built-in catalogs when it is empty. An error names
// a file that is missing or does not parse.
Result<Translator> MakeTranslator(Language language, const std::string& directory = "");

}  // namespace ansinh::i18n
