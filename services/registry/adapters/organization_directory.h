#pragma once

#include <grpcpp/support/status.h>

#include <optional>
#include <string>

#include "redis/redis_connection.h"

namespace ansinh::registry {

// FAILED_PRECONDITION when `organization_id` is not in the assignment
// service's directory of organizations (the registry may read it, not write
// it: deploy/local/redis-acl/registry.rules); nullopt when it is. A token or
// an account for an organization that does not exist would act on no case
// and name a stranger in the audit log. An inactive organization exists (its
// staff still close their cases). `field` is the request's path of the id.
std::optional<grpc::Status> UnknownOrganization(redis::Connection& redis, const std::string& organization_id,
                                                const std::string& field = "organization_id");

}  // namespace ansinh::registry
