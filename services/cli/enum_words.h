#pragma once

// Enum values in words: the catalog message "<namespace>.<VALUE>" of the
// value's type (category.POOR, transition.NEWLY_POOR, review_state.POSTED),
// "-" for the UNSPECIFIED zero. DisplayedEnums lists every enum the CLI shows
// and its namespace; the catalog tests check that both languages word each
// value.

#include <google/protobuf/descriptor.h>
#include <google/protobuf/generated_enum_reflection.h>

#include <string>
#include <string_view>
#include <vector>

namespace ansinh::cli {

struct EnumNamespace {
  const google::protobuf::EnumDescriptor* descriptor;
  // The key of value V is prefix + V + suffix.
  std::string_view prefix;
  std::string_view suffix;
};

const std::vector<EnumNamespace>& DisplayedEnums();

// The catalog key of a value: "category.POOR"; empty for the zero value and
// for an enum DisplayedEnums does not list.
std::string EnumKey(const google::protobuf::EnumDescriptor& descriptor, int number);

std::string EnumWords(const google::protobuf::EnumDescriptor& descriptor, int number);

template <typename Enum>
std::string EnumWords(Enum value) {
  return EnumWords(*google::protobuf::GetEnumDescriptor<Enum>(), static_cast<int>(value));
}

}  // namespace ansinh::cli
