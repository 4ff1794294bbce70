#pragma once

#include <grpcpp/support/status.h>

#include "assignment/core/result.h"

namespace ansinh::assignment {

// The core's Error as a gRPC status: INVALID_ARGUMENT with a BadRequest
// naming every field, FAILED_PRECONDITION or PERMISSION_DENIED with the
// core's message.
grpc::Status StatusOf(const Error& error);

}  // namespace ansinh::assignment
