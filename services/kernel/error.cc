#include "kernel/error.h"

#include <utility>

namespace ansinh {

Error Error::InvalidArgument(FieldViolations violations) {
  std::string message = "invalid request:";
  for (const FieldViolation& violation : violations) {
    message += " " + violation.field + ": " + violation.description + ";";
  }
  if (!violations.empty()) message.pop_back();
  return Error{ErrorCode::kInvalidArgument, std::move(message), std::move(violations),
               "error.invalid_request"};
}

Error Error::WithKey(std::string message_key, MessageArgs message_args) && {
  key = std::move(message_key);
  args = std::move(message_args);
  return std::move(*this);
}

Error Error::InvalidArgument(std::string message, FieldViolations violations) {
  return Error{ErrorCode::kInvalidArgument, std::move(message), std::move(violations)};
}

Error Error::FailedPrecondition(std::string message, FieldViolations violations) {
  return Error{ErrorCode::kFailedPrecondition, std::move(message), std::move(violations)};
}

Error Error::NotFound(std::string message) { return Error{ErrorCode::kNotFound, std::move(message), {}}; }

Error Error::AlreadyExists(std::string message) {
  return Error{ErrorCode::kAlreadyExists, std::move(message), {}};
}

Error Error::PermissionDenied(std::string message) {
  return Error{ErrorCode::kPermissionDenied, std::move(message), {}};
}

}  // namespace ansinh
