#include "i18n/catalog.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "i18n/template_text.h"

namespace ansinh::i18n {

const std::string* Catalog::Find(std::string_view key) const {
  const auto found = messages_.find(key);
  return found == messages_.end() ? nullptr : &found->second;
}

Result<Catalog> ParseCatalog(Language language, std::string_view json, std::string_view source) {
  const std::string where(source);
  const nlohmann::json parsed = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return Error::InvalidArgument(where + " is not a JSON object of message key to template");
  }
  Catalog::Messages messages;
  for (const auto& [key, value] : parsed.items()) {
    if (!value.is_string()) {
      return Error::InvalidArgument(where + ": the message " + key + " is not a string");
    }
    std::string text = value.get<std::string>();
    if (!ParseTemplate(text)) {
      return Error::InvalidArgument(where + ": the message " + key +
                                    " has a brace that does not open or close a placeholder "
                                    "(write {{ and }} for literal braces)");
    }
    messages.emplace(key, std::move(text));
  }
  return Catalog(language, std::move(messages));
}

Result<Catalog> LoadCatalog(Language language, const std::filesystem::path& directory) {
  const std::filesystem::path file = directory / (std::string(LanguageCode(language)) + ".json");
  std::ifstream in(file, std::ios::binary);
  if (!in) return Error::NotFound("cannot read the message catalog " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  return ParseCatalog(language, text.str(), file.string());
}

}  // namespace ansinh::i18n
