#pragma once

// One language's messages: locales/<code>.json, a flat JSON object from key
// ("category.POOR", "error.household.not_found") to template
// (i18n/template_text.h). The same files serve the CLI and the web console.

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "i18n/language.h"
#include "kernel/result.h"

namespace ansinh::i18n {

class Catalog {
 public:
  using Messages = std::map<std::string, std::string, std::less<>>;

  Catalog(Language language, Messages messages) : language_(language), messages_(std::move(messages)) {}

  Language language() const { return language_; }
  const Messages& messages() const { return messages_; }
  // The template of `key`; nullptr when the catalog has none.
  const std::string* Find(std::string_view key) const;

 private:
  Language language_;
  Messages messages_;
};

// The catalog in `json`; an InvalidArgument error naming the problem (not a
// JSON object, a value that is not a string, a template whose braces do not
// match) otherwise. `source` names the text in errors (a file name).
Result<Catalog> ParseCatalog(Language language, std::string_view json, std::string_view source);

// locales/<code>.json of `directory`, read and parsed.
Result<Catalog> LoadCatalog(Language language, const std::filesystem::path& directory);

}  // namespace ansinh::i18n
