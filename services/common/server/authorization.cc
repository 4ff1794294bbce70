#include "server/authorization.h"

#include <string>

#include "auth/roles.h"
#include "i18n/message.h"
#include "i18n/proto/localized_text.h"
#include "server/status_mapping.h"

namespace ansinh::server {

grpc::Status RequireRole(const v1::Actor& actor, std::initializer_list<v1::Role> allowed,
                         std::string_view action) {
  std::string who_may;
  std::string roles;
  for (v1::Role role : allowed) {
    if (role == actor.role()) return grpc::Status::OK;
    if (!who_may.empty()) who_may += " or ";
    who_may += auth::RoleName(role);
    if (!roles.empty()) roles += ',';
    roles += i18n::EnumArg(role);
  }
  return KeyedStatus(grpc::StatusCode::PERMISSION_DENIED,
                     "only " + who_may + " may " + std::string(action) + "; you are " +
                         std::string(auth::RoleName(actor.role())) + " '" + actor.name() + "'",
                     "error.permission.role",
                     {{"roles", roles},
                      {"action", i18n::ActionArg(action)},
                      {"role", i18n::EnumArg(actor.role())},
                      {"name", actor.name()}});
}

}  // namespace ansinh::server
