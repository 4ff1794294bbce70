#include "auth/roles.h"

#include <array>
#include <utility>

namespace ansinh::auth {
namespace {

constexpr std::array<std::pair<v1::Role, std::string_view>, 5> kRoleNames{{
    {v1::ROLE_WARD_OFFICER, "ward_officer"},
    {v1::ROLE_ORGANIZATION_STAFF, "organization_staff"},
    {v1::ROLE_AUDITOR, "auditor"},
    {v1::ROLE_SERVICE, "service"},
    {v1::ROLE_OUTSIDE_CONSUMER, "outside_consumer"},
}};

}  // namespace

std::string_view RoleName(v1::Role role) {
  for (const auto& [value, name] : kRoleNames) {
    if (value == role) return name;
  }
  return "unspecified";
}

std::optional<v1::Role> ParseRole(std::string_view name) {
  for (const auto& [value, role_name] : kRoleNames) {
    if (role_name == name) return value;
  }
  return std::nullopt;
}

}  // namespace ansinh::auth
