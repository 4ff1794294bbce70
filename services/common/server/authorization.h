#pragma once

#include <grpcpp/support/status.h>

#include <initializer_list>
#include <string_view>

#include "ansinh/v1/common.pb.h"

namespace ansinh::server {

// OK when the caller's role is one of `allowed`; otherwise PERMISSION_DENIED
// saying who may do `action` ("register households") and who the caller is,
// with the catalog key "error.permission.role": the roles as a list of
// ansinh.v1.Role names, the action as i18n::ActionArg(action) (locales/*.json
// words each action RequireRole is called with).
grpc::Status RequireRole(const v1::Actor& actor, std::initializer_list<v1::Role> allowed,
                         std::string_view action);

// Every authenticated role may read.
inline constexpr std::initializer_list<v1::Role> kAnyRole = {
    v1::ROLE_WARD_OFFICER, v1::ROLE_ORGANIZATION_STAFF, v1::ROLE_AUDITOR, v1::ROLE_SERVICE};

// The roles that act on cases (each call then checks whose case it is):
// auditors and services never change anything through the staff API.
inline constexpr std::initializer_list<v1::Role> kCaseWorkers = {v1::ROLE_WARD_OFFICER,
                                                                 v1::ROLE_ORGANIZATION_STAFF};

}  // namespace ansinh::server
