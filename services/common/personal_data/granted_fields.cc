#include "personal_data/granted_fields.h"

#include <vector>

#include "personal_data/field_marks.h"

namespace ansinh::personal_data {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

constexpr std::string_view kPackagePrefix = "ansinh.v1.";

}  // namespace

std::string MarkedFieldName(const FieldDescriptor& field) {
  std::string message = field.containing_type()->full_name();
  if (message.starts_with(kPackagePrefix)) message.erase(0, kPackagePrefix.size());
  return message + "." + field.name();
}

const FieldDescriptor* MarkedFieldNamed(std::string_view name) {
  const size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == name.size()) return nullptr;
  const Descriptor* message = google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(
      std::string(kPackagePrefix) + std::string(name.substr(0, dot)));
  if (message == nullptr) return nullptr;
  const FieldDescriptor* field = message->FindFieldByName(std::string(name.substr(dot + 1)));
  if (field == nullptr || !IsMarked(*field)) return nullptr;
  return field;
}

int ClearMarkedFieldsExcept(Message& message, const std::set<std::string>& granted) {
  if (!MayCarryMarks(message.GetDescriptor())) return 0;
  const Reflection* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> present;
  reflection->ListFields(message, &present);
  int cleared = 0;
  for (const FieldDescriptor* field : present) {
    if (IsMarked(*field) && !granted.contains(MarkedFieldName(*field))) {
      reflection->ClearField(&message, field);
      ++cleared;
      continue;
    }
    // A granted message-typed field may still hold marked fields of its own.
    if (!DescendsInto(*field)) continue;
    if (field->is_repeated()) {
      const int size = reflection->FieldSize(message, field);
      for (int i = 0; i < size; ++i) {
        cleared += ClearMarkedFieldsExcept(*reflection->MutableRepeatedMessage(&message, field, i), granted);
      }
    } else {
      cleared += ClearMarkedFieldsExcept(*reflection->MutableMessage(&message, field), granted);
    }
  }
  return cleared;
}

}  // namespace ansinh::personal_data
