#include "i18n/template_text.h"

namespace ansinh::i18n {

std::optional<std::vector<TemplatePiece>> ParseTemplate(std::string_view text) {
  std::vector<TemplatePiece> pieces;
  std::string literal;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
      literal.push_back(c);
      ++i;
      continue;
    }
    if (c == '}') return std::nullopt;
    if (c != '{') {
      literal.push_back(c);
      continue;
    }
    const size_t close = text.find('}', i + 1);
    if (close == std::string_view::npos) return std::nullopt;
    const std::string_view inside = text.substr(i + 1, close - i - 1);
    const size_t colon = inside.find(':');
    TemplatePiece placeholder;
    placeholder.name = std::string(inside.substr(0, colon));
    if (colon != std::string_view::npos) placeholder.spec = std::string(inside.substr(colon + 1));
    if (placeholder.name.empty() || placeholder.name.find('{') != std::string::npos) return std::nullopt;
    if (!literal.empty()) pieces.push_back(TemplatePiece{std::move(literal), "", ""});
    literal.clear();
    pieces.push_back(std::move(placeholder));
    i = close;
  }
  if (!literal.empty()) pieces.push_back(TemplatePiece{std::move(literal), "", ""});
  return pieces;
}

std::optional<std::set<std::string>> PlaceholderNames(std::string_view text) {
  const std::optional<std::vector<TemplatePiece>> pieces = ParseTemplate(text);
  if (!pieces) return std::nullopt;
  std::set<std::string> names;
  for (const TemplatePiece& piece : *pieces) {
    if (!piece.name.empty()) names.insert(piece.name);
  }
  return names;
}

}  // namespace ansinh::i18n
