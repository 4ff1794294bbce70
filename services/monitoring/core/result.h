#pragma once

// How the monitoring core reports bad input: a value, never an exception. The
// adapter turns the violations into INVALID_ARGUMENT with a google.rpc.BadRequest.

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace ansinh::monitoring {

struct FieldViolation {
  // Path of the field, e.g. "review_year" or "targets[2].threshold_percent".
  std::string field;
  std::string description;

  bool operator==(const FieldViolation&) const = default;
};

// A value of T, or the violations that prevented it (never empty then).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}   // NOLINT(google-explicit-constructor)
  Result(std::vector<FieldViolation> violations)  // NOLINT(google-explicit-constructor)
      : state_(std::move(violations)) {}

  bool ok() const { return std::holds_alternative<T>(state_); }

  const T& value() const& { return std::get<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }

  const std::vector<FieldViolation>& violations() const {
    return std::get<std::vector<FieldViolation>>(state_);
  }

 private:
  std::variant<T, std::vector<FieldViolation>> state_;
};

}  // namespace ansinh::monitoring
