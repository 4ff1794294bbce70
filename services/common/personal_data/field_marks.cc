#include "personal_data/field_marks.h"

#include <mutex>
#include <set>
#include <unordered_map>
#include <vector>

namespace ansinh::personal_data {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

// The descriptor graph can be cyclic (LocalizedText holds lists of
// LocalizedText), so it is walked once with a visited set, never recursively.
bool ComputeMayCarryMarks(const Descriptor* root) {
  std::set<const Descriptor*> visited = {root};
  std::vector<const Descriptor*> pending = {root};
  while (!pending.empty()) {
    const Descriptor* type = pending.back();
    pending.pop_back();
    for (int i = 0; i < type->field_count(); ++i) {
      const FieldDescriptor* field = type->field(i);
      if (IsMarked(*field)) return true;
      if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
          visited.insert(field->message_type()).second) {
        pending.push_back(field->message_type());
      }
    }
  }
  return false;
}

}  // namespace

const v1::FieldPolicy& PolicyOf(const FieldDescriptor& field) {
  return field.options().GetExtension(v1::field);
}

bool IsMarked(const v1::FieldPolicy& policy) { return policy.personal() || policy.sensitive(); }

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

}  // namespace ansinh::personal_data
