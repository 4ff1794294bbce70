#pragma once

// Catalog messages in the protos: the services put an ansinh.v1.LocalizedText
// beside the English text of an explanation, a description or an alert, and
// clients render it with an i18n::Translator (docs/i18n.md).

#include <google/protobuf/generated_enum_reflection.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "ansinh/v1/common.pb.h"
#include "i18n/message.h"
#include "kernel/error.h"

namespace ansinh::i18n {

// An enum value's name without its type's prefix, as catalog keys and
// arguments spell it: POVERTY_CATEGORY_NEAR_POOR -> "NEAR_POOR",
// WardAlert::KIND_NO_HELPER -> "NO_HELPER" (the prefix is that of the
// type's zero value, ..._UNSPECIFIED). The number in digits when the value
// is unknown.
std::string EnumValueName(const google::protobuf::EnumDescriptor& descriptor, int number);

template <typename Enum>
std::string EnumArg(Enum value) {
  return EnumValueName(*google::protobuf::GetEnumDescriptor<Enum>(), static_cast<int>(value));
}

// A LocalizedText from a key and its arguments, in the order given.
v1::LocalizedText Localized(std::string key,
                            std::initializer_list<std::pair<const char*, ArgValue>> args = {});

// Sets the argument `name` of `text` (replacing its value when it has one).
void SetArg(v1::LocalizedText& text, const std::string& name, std::string value);

// The list argument `name` of `text`, added empty when it has none (an
// optional part left out, until an item is added).
v1::LocalizedText::TextList& TextListOf(v1::LocalizedText& text, const std::string& name);

// Adds `item` to the list argument `name` of `text`.
void AddText(v1::LocalizedText& text, const std::string& name, v1::LocalizedText item);

// A violation's description as a catalog message; empty key when it has none.
v1::LocalizedText TextOf(const FieldViolation& violation);

// An Error's message as a catalog message: its key and arguments, and its
// violations as the list argument "problems", each the message
// "problem.field" ("{field} {description}"). Empty key when the Error has none.
v1::LocalizedText TextOf(const Error& error);

Message FromProto(const v1::LocalizedText& text);

}  // namespace ansinh::i18n
