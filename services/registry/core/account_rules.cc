#include "registry/core/account_rules.h"

#include <algorithm>

namespace ansinh::registry {
namespace {

bool IsBlankText(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

size_t CodePoints(const std::string& text) {
  // Every byte that is not a UTF-8 continuation byte starts a character.
  return static_cast<size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool IsOrganizationSlug(const std::string& text) {
  return !text.empty() && text.size() <= AccountLimits::kMaxOrganizationId &&
         std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

bool IsPersonRole(v1::Role role) {
  return role == v1::ROLE_WARD_OFFICER || role == v1::ROLE_ORGANIZATION_STAFF || role == v1::ROLE_AUDITOR;
}

FieldViolation Keyed(std::string field, std::string description, std::string key, MessageArgs args = {}) {
  return {std::move(field), std::move(description), std::move(key), std::move(args)};
}

}  // namespace

bool IsUsername(const std::string& text) {
  return text.size() >= AccountLimits::kMinUsername && text.size() <= AccountLimits::kMaxUsername &&
         std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
         });
}

FieldViolations UsernameViolations(const std::string& username, const std::string& field) {
  if (username.empty()) return {Keyed(field, "is required", "violation.account.username_required")};
  if (IsUsername(username)) return {};
  return {Keyed(field, "must be 3 to 32 lower-case letters, digits, '.', '-' or '_' (e.g. hoi.phunu)",
                "violation.account.username_form")};
}

FieldViolations PasswordViolations(const std::string& password, const std::string& field) {
  const std::string min = std::to_string(AccountLimits::kMinPasswordCharacters);
  if (CodePoints(password) < AccountLimits::kMinPasswordCharacters) {
    return {Keyed(field, "must be at least " + min + " characters", "violation.account.password_short",
                  {{"min", min}})};
  }
  if (password.size() > AccountLimits::kMaxPasswordBytes) {
    const std::string max = std::to_string(AccountLimits::kMaxPasswordBytes);
    return {
        Keyed(field, "must be at most " + max + " bytes", "violation.account.password_long", {{"max", max}})};
  }
  return {};
}

FieldViolations AccountFieldViolations(const std::string& display_name, v1::Role role,
                                       const std::string& organization_id, const std::string& prefix) {
  FieldViolations out;
  if (IsBlankText(display_name)) {
    out.push_back(Keyed(prefix + "display_name", "is required: the person's name, family name first",
                        "violation.account.display_name_required"));
  } else if (display_name.size() > AccountLimits::kMaxDisplayName) {
    const std::string max = std::to_string(AccountLimits::kMaxDisplayName);
    out.push_back(Keyed(prefix + "display_name", "must be at most " + max + " bytes",
                        "violation.account.display_name_long", {{"max", max}}));
  }
  const bool person_role = IsPersonRole(role);
  if (!person_role) {
    out.push_back(Keyed(prefix + "role", "must be ward_officer, organization_staff or auditor",
                        "violation.account.role"));
  }
  if (person_role && role == v1::ROLE_ORGANIZATION_STAFF) {
    if (organization_id.empty()) {
      out.push_back(Keyed(prefix + "organization_id", "is required for organization staff",
                          "violation.account.organization_required"));
    } else if (!IsOrganizationSlug(organization_id)) {
      out.push_back(Keyed(prefix + "organization_id",
                          "must be lowercase letters, digits and '-' (e.g. womens-union)",
                          "violation.account.organization_form"));
    }
  } else if (!organization_id.empty()) {
    out.push_back(Keyed(prefix + "organization_id", "only organization staff belong to an organization",
                        "violation.account.organization_not_staff"));
  }
  return out;
}

FieldViolations CreateAccountViolations(const v1::CreateAccountRequest& request) {
  FieldViolations out = UsernameViolations(request.account().username(), "account.username");
  for (FieldViolation& violation :
       AccountFieldViolations(request.account().display_name(), request.account().role(),
                              request.account().organization_id(), "account.")) {
    out.push_back(std::move(violation));
  }
  for (FieldViolation& violation : PasswordViolations(request.password(), "password")) {
    out.push_back(std::move(violation));
  }
  return out;
}

FieldViolations UpdateAccountViolations(const v1::UpdateAccountRequest& request) {
  FieldViolations out = UsernameViolations(request.username(), "username");
  for (FieldViolation& violation :
       AccountFieldViolations(request.display_name(), request.role(), request.organization_id(), "")) {
    out.push_back(std::move(violation));
  }
  return out;
}

FieldViolations SetPasswordViolations(const v1::SetPasswordRequest& request) {
  FieldViolations out = UsernameViolations(request.username(), "username");
  for (FieldViolation& violation : PasswordViolations(request.password(), "password")) {
    out.push_back(std::move(violation));
  }
  return out;
}

FieldViolations SignInViolations(const v1::SignInRequest& request) {
  FieldViolations out;
  if (request.username().empty()) {
    out.push_back(Keyed("username", "is required", "violation.account.username_required"));
  }
  if (request.password().empty()) {
    out.push_back(Keyed("password", "is required", "violation.account.password_required"));
  }
  return out;
}

}  // namespace ansinh::registry
