#include "i18n/proto/localized_text.h"

namespace ansinh::i18n {

std::string EnumValueName(const google::protobuf::EnumDescriptor& descriptor, int number) {
  const google::protobuf::EnumValueDescriptor* value = descriptor.FindValueByNumber(number);
  if (value == nullptr) return std::to_string(number);
  std::string name = value->name();
  const google::protobuf::EnumValueDescriptor* zero = descriptor.FindValueByNumber(0);
  constexpr std::string_view kUnspecified = "UNSPECIFIED";
  if (zero != nullptr && std::string_view(zero->name()).ends_with(kUnspecified)) {
    const std::string_view prefix =
        std::string_view(zero->name()).substr(0, zero->name().size() - kUnspecified.size());
    if (std::string_view(name).starts_with(prefix) && name.size() > prefix.size())
      name.erase(0, prefix.size());
  }
  return name;
}

v1::LocalizedText Localized(std::string key, std::initializer_list<std::pair<const char*, ArgValue>> args) {
  v1::LocalizedText text;
  text.set_key(std::move(key));
  for (const auto& [name, value] : args) SetArg(text, name, value.text);
  return text;
}

void SetArg(v1::LocalizedText& text, const std::string& name, std::string value) {
  for (v1::LocalizedText::Argument& arg : *text.mutable_args()) {
    if (arg.name() == name) {
      arg.set_value(std::move(value));
      return;
    }
  }
  v1::LocalizedText::Argument* arg = text.add_args();
  arg->set_name(name);
  arg->set_value(std::move(value));
}

v1::LocalizedText::TextList& TextListOf(v1::LocalizedText& text, const std::string& name) {
  for (v1::LocalizedText::TextList& list : *text.mutable_texts()) {
    if (list.name() == name) return list;
  }
  v1::LocalizedText::TextList* list = text.add_texts();
  list->set_name(name);
  return *list;
}

void AddText(v1::LocalizedText& text, const std::string& name, v1::LocalizedText item) {
  *TextListOf(text, name).add_items() = std::move(item);
}

v1::LocalizedText TextOf(const FieldViolation& violation) {
  v1::LocalizedText text;
  text.set_key(violation.key);
  for (const auto& [name, value] : violation.args) SetArg(text, name, value);
  return text;
}

v1::LocalizedText TextOf(const Error& error) {
  v1::LocalizedText text;
  if (error.key.empty()) return text;
  text.set_key(error.key);
  for (const auto& [name, value] : error.args) SetArg(text, name, value);
  TextListOf(text, "problems");
  for (const FieldViolation& violation : error.violations) {
    v1::LocalizedText problem = Localized("problem.field", {{"field", violation.field}});
    // A violation without a key keeps its English description as an argument.
    AddText(problem, "description",
            violation.key.empty() ? Localized("problem.as_written", {{"text", violation.description}})
                                  : TextOf(violation));
    AddText(text, "problems", std::move(problem));
  }
  return text;
}

Message FromProto(const v1::LocalizedText& text) {
  Message message;
  message.key = text.key();
  for (const v1::LocalizedText::Argument& arg : text.args()) message.args.emplace(arg.name(), arg.value());
  for (const v1::LocalizedText::TextList& list : text.texts()) {
    std::vector<Message>& items = message.texts[list.name()];
    for (const v1::LocalizedText& item : list.items()) items.push_back(FromProto(item));
  }
  return message;
}

}  // namespace ansinh::i18n
