#include "console/request_language.h"

#include <cstdlib>
#include <optional>
#include <string>

namespace ansinh::console {
namespace {

std::string_view Trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// "vi", "vi-VN", "en-US" -> the language; other tags (and "*") -> nullopt.
std::optional<i18n::Language> LanguageOfTag(std::string_view tag) {
  if (tag.size() < 2) return std::nullopt;
  if (tag.size() > 2 && tag[2] != '-' && tag[2] != '_') return std::nullopt;
  return i18n::ParseLanguage(tag.substr(0, 2));
}

}  // namespace

i18n::Language RequestLanguage(std::string_view ansinh_lang_header, std::string_view accept_language_header) {
  if (const auto chosen = LanguageOfTag(Trimmed(ansinh_lang_header))) return *chosen;
  std::optional<i18n::Language> best;
  double best_weight = 0;
  std::string_view rest = accept_language_header;
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    double weight = 1;
    if (const size_t semicolon = item.find(';'); semicolon != std::string_view::npos) {
      const std::string_view parameter = Trimmed(item.substr(semicolon + 1));
      if (parameter.starts_with("q="))
        weight = std::strtod(std::string(parameter.substr(2)).c_str(), nullptr);
      item = item.substr(0, semicolon);
    }
    const auto language = LanguageOfTag(Trimmed(item));
    if (language && weight > best_weight) {
      best = language;
      best_weight = weight;
    }
  }
  return best.value_or(i18n::Language::kVietnamese);
}

}  // namespace ansinh::console
