#pragma once

// Enumerations on the command line: "policy-credit" <->
// SUPPORT_TYPE_POLICY_CREDIT, "livestock" <-> LIVELIHOOD_MODEL_KIND_LIVESTOCK.
// Shared by the commands that take an enum value as an option.

#include <google/protobuf/descriptor.h>

#include <cctype>
#include <string>
#include <vector>

namespace ansinh::cli {

struct EnumNames {
  const google::protobuf::EnumDescriptor* descriptor;
  std::string prefix;  // "SUPPORT_TYPE_"

  // Every value but UNSPECIFIED, as typed on the command line.
  std::vector<std::string> Choices() const {
    std::vector<std::string> choices;
    for (int i = 0; i < descriptor->value_count(); ++i) {
      if (descriptor->value(i)->number() != 0) choices.push_back(Label(descriptor->value(i)->number()));
    }
    return choices;
  }

  std::string Label(int number) const {
    const google::protobuf::EnumValueDescriptor* value = descriptor->FindValueByNumber(number);
    if (value == nullptr) return std::to_string(number);
    std::string name = value->name().substr(prefix.size());
    for (char& c : name) c = c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return name;
  }

  // 0 (UNSPECIFIED) for an empty text; the choices are checked by CLI11.
  int Parse(const std::string& text) const {
    if (text.empty()) return 0;
    std::string name = prefix;
    for (char c : text)
      name += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const google::protobuf::EnumValueDescriptor* value = descriptor->FindValueByName(name);
    return value == nullptr ? 0 : value->number();
  }
};

}  // namespace ansinh::cli
