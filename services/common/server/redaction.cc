#include "server/redaction.h"

#include <google/protobuf/descriptor.h>

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace ansinh::server {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// Whether any message reachable from `root` (itself included) has a marked
// field. The descriptor graph can be cyclic (LocalizedText holds lists of
// LocalizedText), so it is walked once with a visited set, never recursively.
bool ComputeMayCarryMarks(const Descriptor* root) {
  std::set<const Descriptor*> visited = {root};
  std::vector<const Descriptor*> pending = {root};
  while (!pending.empty()) {
    const Descriptor* type = pending.back();
    pending.pop_back();
    for (int i = 0; i < type->field_count(); ++i) {
      const FieldDescriptor* field = type->field(i);
      if (IsMarked(PolicyOf(*field))) return true;
      if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
          visited.insert(field->message_type()).second) {
        pending.push_back(field->message_type());
      }
    }
  }
  return false;
}

// ComputeMayCarryMarks, remembered per message type: every response passes
// here, most carry nothing marked, and their walk then stops at the top.
bool MayCarryMarks(const Descriptor* type) {
  static std::mutex mutex;
  static std::unordered_map<const Descriptor*, bool> known;
  std::lock_guard lock(mutex);
  auto found = known.find(type);
  if (found != known.end()) return found->second;
  const bool carries = ComputeMayCarryMarks(type);
  known.emplace(type, carries);
  return carries;
}

bool DescendsInto(const FieldDescriptor& field) {
  return field.cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && MayCarryMarks(field.message_type());
}

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

void CollectMarked(const Message& message, const std::string& prefix, std::string household,
                   FieldsByHousehold& found) {
  if (!MayCarryMarks(message.GetDescriptor())) return;
  if (std::string own = OwnHouseholdId(message); !own.empty()) household = std::move(own);
  const Reflection* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> present;
  reflection->ListFields(message, &present);
  for (const FieldDescriptor* field : present) {
    const std::string path = prefix.empty() ? field->name() : prefix + "." + field->name();
    if (IsMarked(PolicyOf(*field))) {
      found[household].insert(path);
      continue;
    }
    if (!DescendsInto(*field)) continue;
    if (field->is_repeated()) {
      const int size = reflection->FieldSize(message, field);
      for (int i = 0; i < size; ++i) {
        CollectMarked(reflection->GetRepeatedMessage(message, field, i), path, household, found);
      }
    } else {
      CollectMarked(reflection->GetMessage(message, field), path, household, found);
    }
  }
}

}  // namespace

const v1::FieldPolicy& PolicyOf(const FieldDescriptor& field) {
  return field.options().GetExtension(v1::field);
}

bool IsMarked(const v1::FieldPolicy& policy) { return policy.personal() || policy.sensitive(); }

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

bool ReadsOfMarkedFieldsAreRecorded(const v1::Actor& reader) { return reader.role() == v1::ROLE_AUDITOR; }

v1::PersonalDataRead MarkedFieldsCarried(const Message& message) {
  FieldsByHousehold found;
  CollectMarked(message, "", "", found);
  v1::PersonalDataRead read;
  for (const auto& [household_id, fields] : found) {
    v1::PersonalDataRead::HouseholdFields* entry = read.add_households();
    entry->set_household_id(household_id);
    for (const std::string& field : fields) entry->add_fields(field);
  }
  return read;
}

}  // namespace ansinh::server
