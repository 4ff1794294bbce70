#pragma once

// How the assignment core reports failure: a value, never an exception. The
// three codes map one to one onto gRPC status codes in the adapter, and the
// field violations onto a google.rpc.BadRequest.

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace ansinh::assignment {

enum class ErrorCode {
  // Bad input: `violations` names every bad field.
  kInvalidArgument,
  // The input is well formed but the case's current state forbids it.
  kFailedPrecondition,
  // The actor may not do this.
  kPermissionDenied,
};

struct FieldViolation {
  // Path of the field in the request, e.g. "amount_vnd" or "organizations[2].capacity".
  std::string field;
  std::string description;

  bool operator==(const FieldViolation&) const = default;
};

struct Error {
  ErrorCode code = ErrorCode::kInvalidArgument;
  std::string message;
  std::vector<FieldViolation> violations;

  static Error InvalidArgument(std::vector<FieldViolation> violations);
  static Error FailedPrecondition(std::string message);
  static Error PermissionDenied(std::string message);
};

inline Error Error::InvalidArgument(std::vector<FieldViolation> violations) {
  std::string message = "invalid request:";
  for (const FieldViolation& violation : violations) {
    message += " " + violation.field + ": " + violation.description + ";";
  }
  if (!violations.empty()) message.pop_back();
  return Error{ErrorCode::kInvalidArgument, std::move(message), std::move(violations)};
}

inline Error Error::FailedPrecondition(std::string message) {
  return Error{ErrorCode::kFailedPrecondition, std::move(message), {}};
}

inline Error Error::PermissionDenied(std::string message) {
  return Error{ErrorCode::kPermissionDenied, std::move(message), {}};
}

// A value of T or the Error that prevented it.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(state_); }

  const T& value() const& { return std::get<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }

  const Error& error() const { return std::get<Error>(state_); }

 private:
  std::variant<T, Error> state_;
};

}  // namespace ansinh::assignment
