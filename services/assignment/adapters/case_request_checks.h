#pragma once

#include <grpcpp/support/status.h>

#include <string>
#include <string_view>

namespace ansinh::assignment {

// INVALID_ARGUMENT on field `field` when `case_id` is empty or not of the
// form "CASE-<household id>-<number>"; OK otherwise.
grpc::Status CheckCaseIdField(std::string_view case_id, const std::string& field = "case_id");

}  // namespace ansinh::assignment
