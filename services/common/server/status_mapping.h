#pragma once

#include <grpcpp/support/status.h>

#include <string>
#include <string_view>

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
//
// An Error with a catalog key (Error::WithKey) also carries a
// google.rpc.ErrorInfo: reason the key, domain kErrorDomain, metadata the
// arguments; each violation with a key one more, domain kViolationDomain,
// with the violation's field path under "field". A client shows them in the
// user's language from locales/*.json (docs/i18n.md); the message stays the
// English text.
//
// A status travels in HTTP/2 headers, which a gRPC client refuses beyond 8
// KiB in all (the message goes twice: percent-encoded in grpc-message and
// inside the base64 details), so it is bounded: the message to kMaxMessageBytes, each field,
// description and argument to kMaxFieldTextBytes, and the violations to
// about kMaxDetailBytes, the rest summed up by one last violation with no
// field ("and N more problems", key violation.more).
grpc::Status ToStatus(const Error& error);

inline constexpr size_t kMaxMessageBytes = 1024;
inline constexpr size_t kMaxFieldTextBytes = 200;
inline constexpr size_t kMaxDetailBytes = 2 * 1024;

// The ErrorInfo domains of ToStatus.
inline constexpr std::string_view kErrorDomain = "ansinh";
inline constexpr std::string_view kViolationDomain = "ansinh.violation";

// A status an adapter words itself, with the English `message` and the
// ErrorInfo of its catalog key: ToStatus of an Error with that code, for the
// codes a core never returns (ABORTED, UNAVAILABLE, INTERNAL).
grpc::Status KeyedStatus(grpc::StatusCode code, std::string message, std::string key, MessageArgs args = {});

// Maps the exception currently being handled (call inside a catch block) to
// a status: Redis unreachable -> UNAVAILABLE, timeout -> DEADLINE_EXCEEDED or
// UNAVAILABLE, anything else -> INTERNAL with a short message (details are
// logged, not sent: they may describe internals).
grpc::Status StatusFromCurrentException(const std::string& method);

}  // namespace ansinh::server
