#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ansinh/v1/common.pb.h"

namespace ansinh::auth {

// Role names as written in the tokens file and on the command line.
std::string_view RoleName(v1::Role role);  // "ward_officer", ...
std::optional<v1::Role> ParseRole(std::string_view name);

}  // namespace ansinh::auth
