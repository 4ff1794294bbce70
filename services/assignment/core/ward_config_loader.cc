#include "assignment/core/ward_config_loader.h"

#include <cstdint>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <vector>

#include <nlohmann/json.hpp>

#include "assignment/core/directory_validation.h"

namespace ansinh::assignment {
namespace {

using nlohmann::json;

// Reads typed members of one JSON object, recording a violation for each
// missing, mistyped or unknown member.
class ObjectReader {
 public:
  ObjectReader(const json& object, std::string path, FieldViolations* violations)
      : object_(object), path_(std::move(path)), violations_(violations) {
    if (!object_.is_object()) Violation(path_.empty() ? "(document)" : path_, "must be a JSON object");
  }

  std::string String(const char* key, bool required) {
    const json* value = Member(key, required);
    if (value == nullptr) return "";
    if (!value->is_string()) {
      Mistyped(key, "a string");
      return "";
    }
    return value->get<std::string>();
  }

  int Int(const char* key, bool required, int fallback) {
    const json* value = Member(key, required);
    if (value == nullptr) return fallback;
    if (!value->is_number_integer()) {
      Mistyped(key, "an integer");
      return fallback;
    }
    const auto number = value->get<std::int64_t>();
    if (number < std::numeric_limits<std::int32_t>::min() ||
        number > std::numeric_limits<std::int32_t>::max()) {
      Mistyped(key, "a 32-bit integer");
      return fallback;
    }
    return static_cast<int>(number);
  }

  bool Bool(const char* key, bool fallback) {
    const json* value = Member(key, false);
    if (value == nullptr) return fallback;
    if (!value->is_boolean()) {
      Mistyped(key, "true or false");
      return fallback;
    }
    return value->get<bool>();
  }

  std::vector<std::string> Strings(const char* key, bool required) {
    std::vector<std::string> strings;
    const json* value = Member(key, required);
    if (value == nullptr) return strings;
    if (!value->is_array()) {
      Mistyped(key, "an array of strings");
      return strings;
    }
    for (std::size_t i = 0; i < value->size(); ++i) {
      if (!(*value)[i].is_string()) {
        Violation(Path(key) + "[" + std::to_string(i) + "]", "must be a string");
        continue;
      }
      strings.push_back((*value)[i].get<std::string>());
    }
    return strings;
  }

  // The array member (possibly empty), or nullptr when absent or mistyped.
  const json* Array(const char* key, bool required) {
    const json* value = Member(key, required);
    if (value != nullptr && !value->is_array()) {
      Mistyped(key, "an array");
      return nullptr;
    }
    return value;
  }

  const json* Object(const char* key) {
    const json* value = Member(key, false);
    if (value != nullptr && !value->is_object()) {
      Mistyped(key, "an object");
      return nullptr;
    }
    return value;
  }

  // Reports members that no reader asked for.
  void RefuseUnknownMembers() {
    if (!object_.is_object()) return;
    for (const auto& [key, value] : object_.items()) {
      if (known_.count(key) == 0) Violation(Path(key), "is not a known field");
    }
  }

  std::string Path(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }

 private:
  const json* Member(const char* key, bool required) {
    known_.insert(key);
    if (!object_.is_object()) return nullptr;
    const auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) {
      if (required) Violation(Path(key), "is required");
      return nullptr;
    }
    return &*it;
  }

  void Mistyped(const char* key, std::string_view expected) {
    Violation(Path(key), "must be " + std::string(expected));
  }

  void Violation(std::string field, std::string description) {
    violations_->push_back({std::move(field), std::move(description)});
  }

  const json& object_;
  std::string path_;
  FieldViolations* violations_;
  std::set<std::string> known_;
};

v1::Organization ReadOrganization(const json& item, std::string path, FieldViolations* violations) {
  ObjectReader reader(item, std::move(path), violations);
  v1::Organization organization;
  organization.set_id(reader.String("id", true));
  organization.set_name(reader.String("name", true));
  for (std::string& group : reader.Strings("residential_groups", true)) {
    organization.add_residential_groups(std::move(group));
  }
  organization.set_capacity(reader.Int("capacity", true, 0));
  organization.set_active(reader.Bool("active", true));
  reader.RefuseUnknownMembers();
  return organization;
}

v1::Helper ReadHelper(const json& item, std::string path, FieldViolations* violations) {
  ObjectReader reader(item, std::move(path), violations);
  v1::Helper helper;
  helper.set_id(reader.String("id", true));
  helper.set_full_name(reader.String("full_name", true));
  helper.set_organization_id(reader.String("organization_id", true));
  helper.set_phone(reader.String("phone", true));
  helper.set_max_caseload(reader.Int("max_caseload", true, 0));
  helper.set_active(reader.Bool("active", true));
  reader.RefuseUnknownMembers();
  return helper;
}

AssignmentSettings ReadSettings(const json* object, FieldViolations* violations) {
  AssignmentSettings settings;
  if (object == nullptr) return settings;
  ObjectReader reader(*object, "settings", violations);
  const std::string fallback = reader.String("fallback_organization_id", false);
  if (!fallback.empty()) settings.fallback_organization_id = fallback;
  settings.follow_up_months = reader.Int("follow_up_months", false, settings.follow_up_months);
  settings.visit_overdue_days = reader.Int("visit_overdue_days", false, settings.visit_overdue_days);
  reader.RefuseUnknownMembers();
  return settings;
}

}  // namespace

Result<WardConfig> ParseWardConfig(std::string_view json_text) {
  const json document = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) {
    return Error::InvalidArgument({{"(document)", "is not valid JSON"}});
  }
  FieldViolations violations;
  ObjectReader root(document, "", &violations);
  WardConfig config;
  config.ward = root.String("ward", true);
  config.settings = ReadSettings(root.Object("settings"), &violations);

  std::vector<v1::Organization> organizations;
  if (const json* items = root.Array("organizations", true)) {
    for (std::size_t i = 0; i < items->size(); ++i) {
      organizations.push_back(
          ReadOrganization((*items)[i], "organizations[" + std::to_string(i) + "]", &violations));
    }
  }
  std::vector<v1::Helper> helpers;
  if (const json* items = root.Array("helpers", true)) {
    for (std::size_t i = 0; i < items->size(); ++i) {
      helpers.push_back(ReadHelper((*items)[i], "helpers[" + std::to_string(i) + "]", &violations));
    }
  }
  root.RefuseUnknownMembers();
  if (organizations.empty() && violations.empty()) {
    violations.push_back({"organizations", "must list at least one organization"});
  }
  // Reading problems first; the semantic checks would only repeat them.
  if (violations.empty()) violations = ValidateDirectory(organizations, helpers, config.settings);
  if (!violations.empty()) return Error::InvalidArgument(std::move(violations));

  config.directory = Directory(std::move(organizations), std::move(helpers));
  return config;
}

Result<WardConfig> LoadWardConfigFile(const std::string& path) {
  std::ifstream file(path);
  if (!file) return Error::InvalidArgument({{"file", "cannot read " + path}});
  std::ostringstream text;
  text << file.rdbuf();
  Result<WardConfig> config = ParseWardConfig(text.str());
  if (config.ok()) return config;
  Error error = config.error();
  error.message = path + ": " + error.message;
  return error;
}

}  // namespace ansinh::assignment
