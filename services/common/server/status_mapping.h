#pragma once

#include <grpcpp/support/status.h>

#include <string>
#include <vector>

namespace ansinh::server {

struct FieldViolation {
  std::string field;        // "members[2].national_id"
  std::string description;  // "must be exactly 12 digits"
};

// INVALID_ARGUMENT with a google.rpc.BadRequest listing every violation; the
// message names the fields too, for clients that do not read details.
grpc::Status InvalidArgument(const std::vector<FieldViolation>& violations);

// Maps the exception currently being handled (call inside a catch block) to
// a status: Redis unreachable -> UNAVAILABLE, timeout -> DEADLINE_EXCEEDED or
// UNAVAILABLE, anything else -> INTERNAL with a short message (details are
// logged, not sent: they may describe internals).
grpc::Status StatusFromCurrentException(const std::string& method);

}  // namespace ansinh::server
