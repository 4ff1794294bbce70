#pragma once

#include <grpcpp/support/status.h>

#include <string>

#include "kernel/error.h"

namespace ansinh::server {

// A core's Error as a gRPC status, with the Error's message:
// kInvalidArgument -> INVALID_ARGUMENT, kFailedPrecondition ->
// FAILED_PRECONDITION, kNotFound -> NOT_FOUND, kAlreadyExists ->
// ALREADY_EXISTS, kPermissionDenied -> PERMISSION_DENIED. Field violations
// travel as a google.rpc.BadRequest (for FAILED_PRECONDITION too: the facts
// of a survey a standard cannot classify), which `ansinh` prints one per
// line. An adapter's own request checks go through here too:
// ToStatus(Error::InvalidArgument(violations)).
grpc::Status ToStatus(const Error& error);

// Maps the exception currently being handled (call inside a catch block) to
// a status: Redis unreachable -> UNAVAILABLE, timeout -> DEADLINE_EXCEEDED or
// UNAVAILABLE, anything else -> INTERNAL with a short message (details are
// logged, not sent: they may describe internals).
grpc::Status StatusFromCurrentException(const std::string& method);

}  // namespace ansinh::server
