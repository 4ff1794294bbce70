#include "server/field_limits.h"

#include <google/protobuf/reflection.h>

#include <algorithm>
#include <array>
#include <string>

namespace ansinh::server {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Reflection;

constexpr size_t kIdChars = 128;
constexpr size_t kDateChars = 32;
constexpr size_t kShortCodeChars = 64;
constexpr size_t kNameChars = 200;
constexpr size_t kAddressChars = 500;
constexpr size_t kFreeTextChars = 2000;
constexpr size_t kPathChars = 4096;
constexpr size_t kDefaultChars = 1000;
constexpr size_t kDefaultBytes = 64 * 1024;
constexpr size_t kMemberCount = 100;
constexpr size_t kDefaultCount = 10000;

// Fields whose names would put them in the wrong row, by full name.
struct LimitOverride {
  std::string_view full_name;
  FieldLimit limit;
};
constexpr std::array<LimitOverride, 2> kOverrides{{
    // An opaque cursor the service itself wrote; longer than an id.
    {"ansinh.v1.PageRequest.page_token", {kDefaultChars, "page token"}},
    // A free-text search: a name, part of an address or a code.
    {"ansinh.v1.SearchHouseholdsRequest.query", {kNameChars, "search text"}},
}};

bool LimitNameHas(std::string_view name, std::string_view part) {
  return name.find(part) != std::string_view::npos;
}

// The rule table on field names (docs/security.md, "Field limits"); the
// first matching row wins.
FieldLimit LimitByName(std::string_view name) {
  if (name == "id" || name.ends_with("_id") || name.ends_with("_ids")) return {kIdChars, "id"};
  if (name.ends_with("_date") || name.ends_with("_dates") || name.ends_with("_on") || name == "as_of" ||
      name == "since" || name.ends_with("_until") || name.ends_with("_closes") || name == "window_start" ||
      name == "window_end" || name == "date_of_birth") {
    return {kDateChars, "date"};
  }
  if (LimitNameHas(name, "reason") || LimitNameHas(name, "note") || LimitNameHas(name, "description") ||
      LimitNameHas(name, "detail") || LimitNameHas(name, "explanation") ||
      LimitNameHas(name, "requirement") || name == "content" || name == "message" ||
      name == "minutes_reference" || name == "legal_reference" || name == "clause" ||
      name == "source_document") {
    return {kFreeTextChars, "free text"};
  }
  if (name == "address") return {kAddressChars, "address"};
  if (name.ends_with("_path") || name.ends_with("_file") || name == "file_name")
    return {kPathChars, "file path"};
  if (name == "name" || name.ends_with("_name") || name == "title" || name.ends_with("_by") ||
      name == "complainant" || name == "surveyor" || name == "provider" ||
      name.ends_with("residential_group") || name == "residential_groups" || name == "savings_group") {
    return {kNameChars, "name"};
  }
  if (name == "code" || name == "phone" || name == "national_id" || name == "key" || name.ends_with("_key") ||
      name == "version" || name == "decision_number") {
    return {kShortCodeChars, "code"};
  }
  return {kDefaultChars, "default"};
}

size_t LimitUtf8Characters(std::string_view text) {
  return static_cast<size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string LimitFieldPath(const std::string& prefix, std::string_view name) {
  return prefix.empty() ? std::string(name) : prefix + "." + std::string(name);
}

FieldViolation FieldTooLong(std::string path, size_t length, const FieldLimit& limit, bool bytes) {
  const std::string unit = bytes ? "bytes" : "characters";
  return {std::move(path),
          "is " + std::to_string(length) + " " + unit + " long; at most " + std::to_string(limit.max) +
              " are accepted",
          bytes ? "violation.field_too_long_bytes" : "violation.field_too_long",
          {{"length", std::to_string(length)}, {"max", std::to_string(limit.max)}}};
}

class LimitWalk {
 public:
  void Walk(const google::protobuf::Message& message, const std::string& prefix) {
    const Reflection& reflection = *message.GetReflection();
    std::vector<const FieldDescriptor*> fields;
    reflection.ListFields(message, &fields);  // only the fields that are set
    for (const FieldDescriptor* field : fields)
      Field(message, reflection, *field, LimitFieldPath(prefix, field->name()));
  }

  FieldViolations Take() { return std::move(violations_); }

 private:
  void Field(const google::protobuf::Message& message, const Reflection& reflection,
             const FieldDescriptor& field, const std::string& path) {
    const bool text = field.cpp_type() == FieldDescriptor::CPPTYPE_STRING;
    const bool nested = field.cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE;
    if (!field.is_repeated()) {
      if (text) Text(reflection.GetStringReference(message, &field, &scratch_), field, path);
      if (nested) Walk(reflection.GetMessage(message, &field), path);
      return;
    }
    const int size = reflection.FieldSize(message, &field);
    const FieldLimit count = CountLimitOf(field);
    if (static_cast<size_t>(size) > count.max) {
      violations_.push_back({path,
                             "has " + std::to_string(size) + " elements; at most " +
                                 std::to_string(count.max) + " are accepted",
                             "violation.too_many_elements",
                             {{"count", std::to_string(size)}, {"max", std::to_string(count.max)}}});
      return;  // its elements are not worth walking
    }
    for (int i = 0; i < size; ++i) {
      const std::string element = path + "[" + std::to_string(i) + "]";
      if (text) Text(reflection.GetRepeatedStringReference(message, &field, i, &scratch_), field, element);
      if (nested) Walk(reflection.GetRepeatedMessage(message, &field, i), element);
    }
  }

  void Text(const std::string& value, const FieldDescriptor& field, const std::string& path) {
    const bool bytes = field.type() == FieldDescriptor::TYPE_BYTES;
    const FieldLimit limit = TextLimitOf(field);
    if (value.size() <= limit.max) return;  // no string has more characters than bytes
    const size_t length = bytes ? value.size() : LimitUtf8Characters(value);
    if (length > limit.max) violations_.push_back(FieldTooLong(path, length, limit, bytes));
  }

  std::string scratch_;
  FieldViolations violations_;
};

}  // namespace

FieldLimit TextLimitOf(const FieldDescriptor& field) {
  for (const LimitOverride& entry : kOverrides) {
    if (entry.full_name == field.full_name()) return entry.limit;
  }
  if (field.type() == FieldDescriptor::TYPE_BYTES) return {kDefaultBytes, "bytes"};
  // A map's keys and values are judged by the map's name.
  const FieldDescriptor* named = &field;
  const google::protobuf::Descriptor* entry = field.containing_type();
  if (entry != nullptr && entry->containing_type() != nullptr) {
    for (int i = 0; i < entry->containing_type()->field_count(); ++i) {
      const FieldDescriptor* candidate = entry->containing_type()->field(i);
      if (candidate->is_map() && candidate->message_type() == entry) named = candidate;
    }
  }
  return LimitByName(named->name());
}

FieldLimit CountLimitOf(const FieldDescriptor& field) {
  if (field.name() == "members") return {kMemberCount, "members of a household"};
  return {kDefaultCount, "default count"};
}

FieldViolations FieldLimitViolations(const google::protobuf::Message& message) {
  LimitWalk walk;
  walk.Walk(message, "");
  return walk.Take();
}

}  // namespace ansinh::server
