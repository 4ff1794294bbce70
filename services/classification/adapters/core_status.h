#pragma once

#include <grpcpp/support/status.h>

#include "classification/core/error.h"

namespace ansinh::classification {

// A core Error as a gRPC status: kInvalidArgument -> INVALID_ARGUMENT,
// kFailedPrecondition -> FAILED_PRECONDITION, kNotFound -> NOT_FOUND,
// kAlreadyExists -> ALREADY_EXISTS, each with the core's message. Field
// violations travel as a google.rpc.BadRequest (for FAILED_PRECONDITION too:
// the facts of a survey the standard cannot classify), which `ansinh` prints
// one per line.
grpc::Status StatusFromError(const Error& error);

}  // namespace ansinh::classification
