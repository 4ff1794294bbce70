#include "server/authorization.h"

#include <string>

#include "auth/roles.h"

namespace ansinh::server {

grpc::Status RequireRole(const v1::Actor& actor, std::initializer_list<v1::Role> allowed,
                         std::string_view action) {
  std::string who_may;
  for (v1::Role role : allowed) {
    if (role == actor.role()) return grpc::Status::OK;
    if (!who_may.empty()) who_may += " or ";
    who_may += auth::RoleName(role);
  }
  return {grpc::StatusCode::PERMISSION_DENIED, "only " + who_may + " may " + std::string(action) +
                                                   "; you are " + std::string(auth::RoleName(actor.role())) +
                                                   " '" + actor.name() + "'"};
}

}  // namespace ansinh::server
