#include "server/redaction.h"

#include <google/protobuf/descriptor.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "personal_data/field_marks.h"

namespace ansinh::server {
namespace {

using personal_data::DescendsInto;
using personal_data::IsMarked;
using personal_data::MayCarryMarks;
using personal_data::PolicyOf;

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

int RedactMessage(v1::Role role, Message& message) {
  if (!MayCarryMarks(message.GetDescriptor())) return 0;
  const Reflection* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> present;
  reflection->ListFields(message, &present);
  int cleared = 0;
  for (const FieldDescriptor* field : present) {
    const v1::FieldPolicy& policy = PolicyOf(*field);
    if (IsMarked(policy) && !MayReceive(role, policy)) {
      reflection->ClearField(&message, field);
      ++cleared;
      continue;
    }
    if (!DescendsInto(*field)) continue;
    if (field->is_repeated()) {
      const int size = reflection->FieldSize(message, field);
      for (int i = 0; i < size; ++i) {
        cleared += RedactMessage(role, *reflection->MutableRepeatedMessage(&message, field, i));
      }
    } else {
      cleared += RedactMessage(role, *reflection->MutableMessage(&message, field));
    }
  }
  return cleared;
}

// The household a message is about, when it names one itself.
std::string OwnHouseholdId(const Message& message) {
  const FieldDescriptor* field = message.GetDescriptor()->FindFieldByName("household_id");
  if (field == nullptr || field->is_repeated() || field->cpp_type() != FieldDescriptor::CPPTYPE_STRING) {
    return {};
  }
  return message.GetReflection()->GetString(message, field);
}

using FieldsByHousehold = std::map<std::string, std::set<std::string>>;

bool Counts(const v1::FieldPolicy& policy, RecordedMarks which) {
  return which == RecordedMarks::kSensitive ? policy.sensitive() : IsMarked(policy);
}

void CollectMarked(const Message& message, const std::string& prefix, std::string household,
                   RecordedMarks which, FieldsByHousehold& found) {
  if (!MayCarryMarks(message.GetDescriptor())) return;
  if (std::string own = OwnHouseholdId(message); !own.empty()) household = std::move(own);
  const Reflection* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> present;
  reflection->ListFields(message, &present);
  for (const FieldDescriptor* field : present) {
    const std::string path = prefix.empty() ? field->name() : prefix + "." + field->name();
    const v1::FieldPolicy& policy = PolicyOf(*field);
    if (Counts(policy, which)) {
      found[household].insert(path);
      continue;
    }
    // A personal field that is not counted holds no message with a field
    // that is (marks sit on leaves: strings, numbers, texts).
    if (IsMarked(policy)) continue;
    if (!DescendsInto(*field)) continue;
    if (field->is_repeated()) {
      const int size = reflection->FieldSize(message, field);
      for (int i = 0; i < size; ++i) {
        CollectMarked(reflection->GetRepeatedMessage(message, field, i), path, household, which, found);
      }
    } else {
      CollectMarked(reflection->GetMessage(message, field), path, household, which, found);
    }
  }
}

}  // namespace

bool MayReceive(v1::Role role, const v1::FieldPolicy& policy) {
  if (!IsMarked(policy)) return true;
  switch (role) {
    case v1::ROLE_WARD_OFFICER:
    case v1::ROLE_AUDITOR:
    case v1::ROLE_SERVICE:
      return true;
    case v1::ROLE_ORGANIZATION_STAFF:
      return policy.staff_visible();
    default:
      // A role added later receives nothing marked until someone decides
      // otherwise.
      return false;
  }
}

int RedactForReader(const v1::Actor& reader, Message& message) {
  return RedactMessage(reader.role(), message);
}

bool AnswersAChange(std::string_view method) {
  const google::protobuf::MethodDescriptor* descriptor =
      google::protobuf::DescriptorPool::generated_pool()->FindMethodByName("ansinh.v1." +
                                                                           std::string(method));
  return descriptor != nullptr && descriptor->options().GetExtension(v1::method).changes();
}

RecordedMarks RecordedMarksFor(const v1::Actor& reader) {
  return reader.role() == v1::ROLE_AUDITOR ? RecordedMarks::kPersonalOrSensitive : RecordedMarks::kSensitive;
}

v1::PersonalDataRead MarkedFieldsCarried(const Message& message, RecordedMarks which) {
  FieldsByHousehold found;
  CollectMarked(message, "", "", which, found);
  v1::PersonalDataRead read;
  for (const auto& [household_id, fields] : found) {
    v1::PersonalDataRead::HouseholdFields* entry = read.add_households();
    entry->set_household_id(household_id);
    for (const std::string& field : fields) entry->add_fields(field);
  }
  return read;
}

}  // namespace ansinh::server
