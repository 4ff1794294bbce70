#include "assignment/core/directory_validation.h"

#include <map>
#include <set>
#include <string>

#include "assignment/core/request_checks.h"

namespace ansinh::assignment {
namespace {

constexpr std::size_t kMaxIdLength = 63;
constexpr std::size_t kMaxNameLength = 200;
constexpr int kMaxFollowUpMonths = 120;
constexpr int kMaxVisitOverdueDays = 3650;

bool IsLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AllDigits(std::string_view text) {
  for (char c : text) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

std::string Path(std::string_view prefix, std::string_view field) {
  return std::string(prefix) + std::string(field);
}

}  // namespace

bool IsValidId(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdLength) return false;
  if (id.front() == '-' || id.back() == '-') return false;
  char previous = ' ';
  for (char c : id) {
    if (!IsLowerAlnum(c) && c != '-') return false;
    if (c == '-' && previous == '-') return false;
    previous = c;
  }
  return true;
}

bool IsValidPhone(std::string_view phone) {
  if (phone.size() == 10 && phone.front() == '0') return AllDigits(phone);
  if (phone.size() == 12 && phone.substr(0, 3) == "+84") return AllDigits(phone.substr(3));
  return false;
}

FieldViolations ValidateOrganization(const v1::Organization& organization, std::string_view prefix) {
  FieldViolations violations;
  if (!IsValidId(organization.id())) {
    violations.push_back({Path(prefix, "id"),
                          "must be lowercase letters and digits in dash-separated words, e.g. "
                          "\"womens-union\""});
  }
  CheckRequiredText(organization.name(), Path(prefix, "name"), kMaxNameLength, &violations);
  if (organization.residential_groups().empty()) {
    violations.push_back({Path(prefix, "residential_groups"), "must name at least one residential group"});
  }
  std::set<std::string> seen;
  for (int i = 0; i < organization.residential_groups_size(); ++i) {
    const std::string& group = organization.residential_groups(i);
    const std::string field = Path(prefix, "residential_groups[" + std::to_string(i) + "]");
    if (IsBlank(group)) {
      violations.push_back({field, "must not be empty"});
    } else if (!seen.insert(group).second) {
      violations.push_back({field, "duplicates residential group \"" + group + "\""});
    }
  }
  if (organization.capacity() <= 0) {
    violations.push_back({Path(prefix, "capacity"),
                          "must be greater than 0 (got " + std::to_string(organization.capacity()) + ")"});
  }
  return violations;
}

FieldViolations ValidateHelper(const v1::Helper& helper, std::string_view prefix) {
  FieldViolations violations;
  if (!IsValidId(helper.id())) {
    violations.push_back({Path(prefix, "id"),
                          "must be lowercase letters and digits in dash-separated words, e.g. \"women-03\""});
  }
  CheckRequiredText(helper.full_name(), Path(prefix, "full_name"), kMaxNameLength, &violations);
  if (!IsValidId(helper.organization_id())) {
    violations.push_back({Path(prefix, "organization_id"), "must be an organization id"});
  }
  if (!IsValidPhone(helper.phone())) {
    violations.push_back(
        {Path(prefix, "phone"), "must be \"0\" followed by 9 digits or \"+84\" followed by 9 digits (got \"" +
                                    helper.phone() + "\")"});
  }
  if (helper.max_caseload() <= 0) {
    violations.push_back({Path(prefix, "max_caseload"),
                          "must be greater than 0 (got " + std::to_string(helper.max_caseload()) + ")"});
  }
  return violations;
}

FieldViolations ValidateSettings(const AssignmentSettings& settings, std::string_view prefix) {
  FieldViolations violations;
  if (!IsValidId(settings.fallback_organization_id)) {
    violations.push_back({Path(prefix, "fallback_organization_id"), "must be an organization id"});
  }
  if (settings.follow_up_months <= 0 || settings.follow_up_months > kMaxFollowUpMonths) {
    violations.push_back(
        {Path(prefix, "follow_up_months"), "must be between 1 and " + std::to_string(kMaxFollowUpMonths)});
  }
  if (settings.visit_overdue_days <= 0 || settings.visit_overdue_days > kMaxVisitOverdueDays) {
    violations.push_back({Path(prefix, "visit_overdue_days"),
                          "must be between 1 and " + std::to_string(kMaxVisitOverdueDays)});
  }
  return violations;
}

FieldViolations ValidateDirectory(const std::vector<v1::Organization>& organizations,
                                  const std::vector<v1::Helper>& helpers,
                                  const AssignmentSettings& settings) {
  FieldViolations violations = ValidateSettings(settings, "settings.");
  std::map<std::string, std::size_t> organization_index;
  for (std::size_t i = 0; i < organizations.size(); ++i) {
    const std::string prefix = "organizations[" + std::to_string(i) + "].";
    for (FieldViolation& violation : ValidateOrganization(organizations[i], prefix)) {
      violations.push_back(std::move(violation));
    }
    const auto [it, inserted] = organization_index.emplace(organizations[i].id(), i);
    if (!inserted) {
      violations.push_back({prefix + "id", "duplicates the id \"" + organizations[i].id() +
                                               "\" of organizations[" + std::to_string(it->second) + "]"});
    }
  }
  std::map<std::string, std::size_t> helper_index;
  for (std::size_t i = 0; i < helpers.size(); ++i) {
    const std::string prefix = "helpers[" + std::to_string(i) + "].";
    for (FieldViolation& violation : ValidateHelper(helpers[i], prefix)) {
      violations.push_back(std::move(violation));
    }
    const auto [it, inserted] = helper_index.emplace(helpers[i].id(), i);
    if (!inserted) {
      violations.push_back({prefix + "id", "duplicates the id \"" + helpers[i].id() + "\" of helpers[" +
                                               std::to_string(it->second) + "]"});
    }
    if (IsValidId(helpers[i].organization_id()) &&
        organization_index.count(helpers[i].organization_id()) == 0) {
      violations.push_back({prefix + "organization_id",
                            "names no organization of the ward (\"" + helpers[i].organization_id() + "\")"});
    }
  }
  if (IsValidId(settings.fallback_organization_id) &&
      organization_index.count(settings.fallback_organization_id) == 0) {
    violations.push_back(
        {"settings.fallback_organization_id",
         "names no organization of the ward (\"" + settings.fallback_organization_id + "\")"});
  }
  return violations;
}

}  // namespace ansinh::assignment
