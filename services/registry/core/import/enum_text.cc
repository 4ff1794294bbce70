#include "registry/core/import/enum_text.h"

#include <string>

#include "registry/core/search_folding.h"

namespace ansinh::registry {
namespace {

std::string UpperAsciiTrimmed(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const size_t last = text.find_last_not_of(" \t");
  std::string upper(text.substr(first, last - first + 1));
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return upper;
}

// "SEX_" for Sex, from its zero value "SEX_UNSPECIFIED".
std::string ValuePrefix(const google::protobuf::EnumDescriptor& descriptor) {
  constexpr std::string_view kUnspecified = "UNSPECIFIED";
  const google::protobuf::EnumValueDescriptor* zero = descriptor.FindValueByNumber(0);
  if (zero == nullptr) return {};
  const std::string& name = zero->name();
  if (!std::string_view(name).ends_with(kUnspecified)) return {};
  return name.substr(0, name.size() - kUnspecified.size());
}

}  // namespace

std::optional<int> ParseEnumText(const google::protobuf::EnumDescriptor& descriptor, std::string_view text) {
  const std::string upper = UpperAsciiTrimmed(text);
  if (upper.empty()) return std::nullopt;
  if (const auto* value = descriptor.FindValueByName(upper)) return value->number();
  if (const auto* value = descriptor.FindValueByName(ValuePrefix(descriptor) + upper)) {
    return value->number();
  }
  return std::nullopt;
}

std::optional<bool> ParseBoolText(std::string_view text) {
  const std::string folded = FoldForSearch(text);
  if (folded == "true" || folded == "yes" || folded == "1" || folded == "co") return true;
  if (folded == "false" || folded == "no" || folded == "0" || folded == "khong") return false;
  return std::nullopt;
}

}  // namespace ansinh::registry
