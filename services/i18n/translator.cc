#include "i18n/translator.h"

#include <charconv>
#include <optional>

#include "i18n/template_text.h"

namespace ansinh::i18n {
namespace {

std::optional<int64_t> ParseInteger(std::string_view text) {
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// Locale-independent, unlike strtod: the CLI may run under vi_VN.
std::optional<double> ParseDouble(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = text.find(',', start);
    const std::string_view item = text.substr(start, comma == std::string_view::npos ? comma : comma - start);
    if (!item.empty()) items.emplace_back(item);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return items;
}

}  // namespace

Translator::Translator(Catalog chosen, Catalog english)
    : chosen_(std::move(chosen)), english_(std::move(english)) {}

const std::string* Translator::Template(std::string_view key) const {
  if (const std::string* found = chosen_.Find(key)) return found;
  return english_.Find(key);
}

bool Translator::Has(std::string_view key) const { return Template(key) != nullptr; }

std::string Translator::Text(std::string_view key, const Args& args) const {
  return Text(Message{std::string(key), args, {}});
}

std::string Translator::Join(const std::vector<std::string>& items, std::string_view how) const {
  std::string joined;
  const bool conjunction = how == "or" || how == "and";
  const std::string last_word = conjunction ? Text(how == "or" ? "list.or" : "list.and") : "";
  const std::string separator = how.empty() ? "; " : how == "concat" ? "" : ", ";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) joined += conjunction && i + 1 == items.size() ? " " + last_word + " " : separator;
    joined += items[i];
  }
  return joined;
}

std::string Translator::Apply(std::string_view spec, const std::string& value) const {
  if (spec.empty()) return value;
  if (spec == "number") {
    if (const std::optional<int64_t> integer = ParseInteger(value)) return Number(*integer);
    if (const std::optional<double> decimal = ParseDouble(value)) return Decimal(*decimal);
    return value;
  }
  if (spec == "money") {
    const std::optional<int64_t> amount = ParseInteger(value);
    return amount ? Money(*amount) : value;
  }
  if (spec == "decimal" || spec == "percent") {
    const std::optional<double> number = ParseDouble(value);
    if (!number) return value;
    return spec == "decimal" ? Decimal(*number) : Percent(*number);
  }
  if (spec == "date") return Date(value);
  if (spec.starts_with("plural:")) {
    const std::string_view forms = spec.substr(7);
    const size_t colon = forms.find(':');
    if (colon == std::string_view::npos) return value;
    return std::string(value == "1" ? forms.substr(0, colon) : forms.substr(colon + 1));
  }
  if (spec.starts_with("@")) {
    const size_t bar = spec.find('|');
    const std::string prefix =
        std::string(spec.substr(1, bar == std::string_view::npos ? bar : bar - 1)) + ".";
    const auto word = [&](const std::string& item) {
      return Has(prefix + item) ? Text(prefix + item) : item;
    };
    if (bar == std::string_view::npos) return word(value);
    std::vector<std::string> words;
    for (const std::string& item : SplitList(value)) words.push_back(word(item));
    return Join(words, spec.substr(bar + 1) == "list" ? "list" : spec.substr(bar + 1));
  }
  return value;
}

std::string Translator::Text(const Message& message) const {
  const std::string* found = Template(message.key);
  if (found == nullptr) return message.key;
  const std::optional<std::vector<TemplatePiece>> pieces = ParseTemplate(*found);
  // Catalogs are checked when parsed; a template that does not parse is shown as written.
  if (!pieces) return *found;
  std::string out;
  for (const TemplatePiece& piece : *pieces) {
    if (piece.name.empty()) {
      out += piece.text;
    } else if (const auto nested = message.texts.find(piece.name); nested != message.texts.end()) {
      std::vector<std::string> items;
      for (const Message& item : nested->second) items.push_back(Text(item));
      out += Join(items, piece.spec);
    } else if (const auto arg = message.args.find(piece.name); arg != message.args.end()) {
      out += Apply(piece.spec, arg->second);
    } else {
      out += "{" + piece.name + "}";
    }
  }
  return out;
}

}  // namespace ansinh::i18n
