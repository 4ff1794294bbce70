#include "registry/adapters/organization_directory.h"

#include <string_view>

#include "server/status_mapping.h"

namespace ansinh::registry {
namespace {

// services/assignment/adapters/assignment_keys.h: organization id -> Organization.
constexpr std::string_view kOrganizationDirectoryKey = "ansinh:{p0}:assignment:organizations";

}  // namespace

std::optional<grpc::Status> UnknownOrganization(redis::Connection& redis, const std::string& organization_id,
                                                const std::string& field) {
  if (redis.Command({"HEXISTS", std::string(kOrganizationDirectoryKey), organization_id}).AsInteger() == 1) {
    return std::nullopt;
  }
  return server::ToStatus(
      Error::FailedPrecondition(
          "no organization '" + organization_id + "' in the ward's directory",
          {{field,
            "names no organization of the ward's directory (ansinh cases organizations list); "
            "create it first (ansinh cases organizations set)",
            "violation.token.unknown_organization",
            {{"organization", organization_id}}}})
          .WithKey("error.token.unknown_organization", {{"organization", organization_id}}));
}

}  // namespace ansinh::registry
