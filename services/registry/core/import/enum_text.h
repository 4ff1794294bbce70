#pragma once

#include <google/protobuf/descriptor.h>

#include <optional>
#include <string_view>

namespace ansinh::registry {

// The number of the enum value named by `text`, written either in full
// ("SEX_FEMALE") or without the enum's prefix ("FEMALE", "female"), in any
// case, surrounding spaces ignored. The prefix is the UNSPECIFIED value's name
// without "UNSPECIFIED" ("SEX_"). nullopt when no value has that name.
std::optional<int> ParseEnumText(const google::protobuf::EnumDescriptor& descriptor, std::string_view text);

// true/false from "true", "false", "yes", "no", "1", "0", "có", "không"
// (with or without diacritics), any case; nullopt for anything else.
std::optional<bool> ParseBoolText(std::string_view text);

}  // namespace ansinh::registry
