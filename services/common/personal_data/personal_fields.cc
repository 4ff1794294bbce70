#include "personal_data/personal_fields.h"

#include <stdexcept>
#include <vector>

#include "personal_data/field_marks.h"

namespace ansinh::personal_data {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

void RefuseMapsCarryingMarks(const FieldDescriptor& field) {
  // A map's entries have no stable order to put fields back by.
  if (field.is_map()) {
    throw std::logic_error("map field " + field.full_name() + " holds personal fields: not supported");
  }
}

// Moves the marked fields of `message` into `personal` (an empty message of
// the same type); whether it moved any.
bool TakeInto(Message& message, Message& personal) {
  const Reflection* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> present;
  reflection->ListFields(message, &present);
  std::vector<const FieldDescriptor*> marked;
  bool took = false;
  for (const FieldDescriptor* field : present) {
    if (IsMarked(*field)) {
      marked.push_back(field);
      continue;
    }
    if (!DescendsInto(*field)) continue;
    RefuseMapsCarryingMarks(*field);
    if (field->is_repeated()) {
      const int size = reflection->FieldSize(message, field);
      bool any = false;
      for (int i = 0; i < size; ++i) {
        Message* element = reflection->AddMessage(&personal, field);
        any = TakeInto(*reflection->MutableRepeatedMessage(&message, field, i), *element) || any;
      }
      if (!any) reflection->ClearField(&personal, field);
      took = took || any;
    } else if (TakeInto(*reflection->MutableMessage(&message, field),
                        *reflection->MutableMessage(&personal, field))) {
      took = true;
    } else {
      reflection->ClearField(&personal, field);
    }
  }
  if (!marked.empty()) {
    // `personal` has none of these set yet: the swap moves them over.
    reflection->SwapFields(&message, &personal, marked);
    took = true;
  }
  return took;
}

// Whether `personal` fits `message`: every repeated message field it carries
// has the same length in both, at every depth.
bool SameShape(const Message& message, const Message& personal) {
  const Reflection* reflection = personal.GetReflection();
  std::vector<const FieldDescriptor*> present;
  reflection->ListFields(personal, &present);
  for (const FieldDescriptor* field : present) {
    if (IsMarked(*field) || field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (field->is_repeated()) {
      const int size = reflection->FieldSize(personal, field);
      if (size != reflection->FieldSize(message, field)) return false;
      for (int i = 0; i < size; ++i) {
        if (!SameShape(reflection->GetRepeatedMessage(message, field, i),
                       reflection->GetRepeatedMessage(personal, field, i))) {
          return false;
        }
      }
    } else if (!SameShape(reflection->GetMessage(message, field), reflection->GetMessage(personal, field))) {
      return false;
    }
  }
  return true;
}

void PutBack(Message& message, Message& personal) {
  const Reflection* reflection = personal.GetReflection();
  std::vector<const FieldDescriptor*> present;
  reflection->ListFields(personal, &present);
  std::vector<const FieldDescriptor*> marked;
  for (const FieldDescriptor* field : present) {
    if (IsMarked(*field)) {
      marked.push_back(field);
    } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && field->is_repeated()) {
      const int size = reflection->FieldSize(personal, field);
      for (int i = 0; i < size; ++i) {
        PutBack(*reflection->MutableRepeatedMessage(&message, field, i),
                *reflection->MutableRepeatedMessage(&personal, field, i));
      }
    } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      PutBack(*reflection->MutableMessage(&message, field), *reflection->MutableMessage(&personal, field));
    }
  }
  if (!marked.empty()) reflection->SwapFields(&message, &personal, marked);
}

// Binds a sealed part to its owner and to the type it was taken from, so it
// opens nowhere else.
std::string AssociatedData(const std::string& key_owner, const Message& message) {
  return "ansinh personal fields\x1f" + key_owner + "\x1f" + message.GetDescriptor()->full_name();
}

}  // namespace

std::unique_ptr<Message> TakePersonalFields(Message& message) {
  if (!MayCarryMarks(message.GetDescriptor())) return nullptr;
  std::unique_ptr<Message> personal(message.New());
  if (!TakeInto(message, *personal)) return nullptr;
  return personal;
}

bool RestorePersonalFields(Message& message, Message& personal) {
  if (message.GetDescriptor() != personal.GetDescriptor() || !SameShape(message, personal)) return false;
  PutBack(message, personal);
  return true;
}

std::optional<v1::SealedPersonalFields> SealPersonalFields(Message& message, const std::string& key_owner,
                                                           const AesKey& data_key) {
  const std::unique_ptr<Message> personal = TakePersonalFields(message);
  if (personal == nullptr) return std::nullopt;
  v1::SealedPersonalFields sealed;
  sealed.set_key_owner(key_owner);
  sealed.set_sealed(Seal(data_key, personal->SerializeAsString(), AssociatedData(key_owner, message)));
  return sealed;
}

bool OpenPersonalFields(Message& message, const v1::SealedPersonalFields& sealed, const AesKey& data_key) {
  const std::optional<std::string> bytes =
      Open(data_key, sealed.sealed(), AssociatedData(sealed.key_owner(), message));
  if (!bytes) return false;
  std::unique_ptr<Message> personal(message.New());
  if (!personal->ParseFromString(*bytes)) return false;
  return RestorePersonalFields(message, *personal);
}

}  // namespace ansinh::personal_data
