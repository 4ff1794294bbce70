#include "i18n/language.h"

#include <cctype>

namespace ansinh::i18n {
namespace {

bool StartsWithVi(std::string_view text) {
  return text.size() >= 2 && std::tolower(static_cast<unsigned char>(text[0])) == 'v' &&
         std::tolower(static_cast<unsigned char>(text[1])) == 'i' &&
         (text.size() == 2 || text[2] == '_' || text[2] == '-' || text[2] == '.' || text[2] == '@');
}

bool StartsWithEn(std::string_view text) {
  return text.size() >= 2 && std::tolower(static_cast<unsigned char>(text[0])) == 'e' &&
         std::tolower(static_cast<unsigned char>(text[1])) == 'n' &&
         (text.size() == 2 || text[2] == '_' || text[2] == '-' || text[2] == '.' || text[2] == '@');
}

}  // namespace

std::string_view LanguageCode(Language language) { return language == Language::kVietnamese ? "vi" : "en"; }

std::optional<Language> ParseLanguage(std::string_view text) {
  if (StartsWithVi(text)) return Language::kVietnamese;
  if (StartsWithEn(text)) return Language::kEnglish;
  return std::nullopt;
}

Language LanguageOfLocale(const std::function<std::optional<std::string>(const char*)>& variable) {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const std::optional<std::string> value = variable(name);
    if (!value || value->empty()) continue;
    return StartsWithVi(*value) ? Language::kVietnamese : Language::kEnglish;
  }
  return Language::kEnglish;
}

}  // namespace ansinh::i18n
