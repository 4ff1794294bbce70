#pragma once

// How a core reports failure: a value, never an exception across its public
// API. One adapter function (server::ToStatus) maps the code to a gRPC status
// code and the violations to a google.rpc.BadRequest.

#include <string>

#include "kernel/field_violation.h"

namespace ansinh {

enum class ErrorCode {
  // The caller's input is wrong; violations name every bad field.
  kInvalidArgument,
  // The input is well formed but the current state does not allow it (a
  // step out of order, a case in the wrong state); the message says why.
  kFailedPrecondition,
  kNotFound,
  // The effect was already applied (a replayed event, a repeated approval):
  // consumers treat it as success.
  kAlreadyExists,
  // The actor may not do this.
  kPermissionDenied,
};

struct Error {
  ErrorCode code = ErrorCode::kInvalidArgument;
  std::string message;
  FieldViolations violations;
  // Optionally, the message as a catalog key and its named arguments
  // (locales/*.json, docs/i18n.md), for clients that show it in the user's
  // language; server::ToStatus sends them as a google.rpc.ErrorInfo.
  // `message` stays the English text API clients and tests read.
  std::string key = {};
  MessageArgs args = {};

  // This error with its catalog key and arguments:
  //   Error::NotFound("no review round " + id).WithKey("error.round.not_found", {{"round", id}})
  Error WithKey(std::string message_key, MessageArgs message_args = {}) &&;

  // "invalid request: field: description; field: description", the message
  // clients read when they do not read the BadRequest; key
  // "error.invalid_request", the violations saying the rest.
  static Error InvalidArgument(FieldViolations violations);
  // With the caller's own message (classification words it per step).
  static Error InvalidArgument(std::string message, FieldViolations violations = {});
  // Violations too when they say what is missing (the facts of a survey a
  // standard cannot classify).
  static Error FailedPrecondition(std::string message, FieldViolations violations = {});
  static Error NotFound(std::string message);
  static Error AlreadyExists(std::string message);
  static Error PermissionDenied(std::string message);
};

}  // namespace ansinh
