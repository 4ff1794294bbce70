// Errors returned by the classification core. The core never throws across
// its public API; the gRPC adapter maps ErrorCode to a status code and
// violations to a google.rpc.BadRequest.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace ansinh::classification {

enum class ErrorCode {
  // The caller's input is wrong; violations name every bad field.
  kInvalidArgument,
  // The step is out of order or the stored data does not allow it; the
  // message says why.
  kFailedPrecondition,
  kNotFound,
  // The effect was already applied (a replayed event, a repeated approval):
  // consumers treat it as success.
  kAlreadyExists,
};

// One bad field of an input, in AIP-193 terms.
struct FieldViolation {
  std::string field;
  std::string description;

  bool operator==(const FieldViolation&) const = default;
};

struct Error {
  ErrorCode code = ErrorCode::kInvalidArgument;
  std::string message;
  std::vector<FieldViolation> violations;
};

// "what: field description; field description", the message of an Error
// that carries the violations too.
inline std::string ListViolations(std::string what, const std::vector<FieldViolation>& violations) {
  for (size_t i = 0; i < violations.size(); ++i) {
    what += i == 0 ? ": " : "; ";
    what += violations[i].field + " " + violations[i].description;
  }
  return what;
}

inline Error InvalidArgument(std::string message, std::vector<FieldViolation> violations = {}) {
  return Error{ErrorCode::kInvalidArgument, std::move(message), std::move(violations)};
}

inline Error FailedPrecondition(std::string message, std::vector<FieldViolation> violations = {}) {
  return Error{ErrorCode::kFailedPrecondition, std::move(message), std::move(violations)};
}

// A value or the Error that prevented it (std::expected arrives in C++23).
template <typename T>
class Expected {
 public:
  Expected(T value) : state_(std::move(value)) {}      // NOLINT: implicit by design
  Expected(Error error) : state_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  const T& value() const& { return std::get<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  const Error& error() const { return std::get<Error>(state_); }

 private:
  std::variant<T, Error> state_;
};

}  // namespace ansinh::classification
