#pragma once

#include <grpcpp/support/status.h>

#include <string>
#include <utility>
#include <vector>

#include "i18n/message.h"
#include "i18n/translator.h"
#include "metrics/rpc_metrics_interceptor.h"

namespace ansinh::console {

// The HTTP status of a gRPC status code (docs/console.md, "Errors"):
// INVALID_ARGUMENT 400, UNAUTHENTICATED 401, PERMISSION_DENIED 403,
// NOT_FOUND 404, ALREADY_EXISTS/ABORTED/FAILED_PRECONDITION 409,
// RESOURCE_EXHAUSTED 429, UNAVAILABLE 503, DEADLINE_EXCEEDED 504, the
// rest 500.
int HttpStatusOf(grpc::StatusCode code);

// "INVALID_ARGUMENT", as the error body's "code": the name the services'
// metrics use.
using metrics::StatusCodeName;

struct ApiViolation {
  std::string field;
  std::string description;
};

// A refusal as the browser gets it: the body of every non-2xx answer under
// /api/, {"error": {...}}, worded in the request's language.
struct ApiError {
  int http_status = 500;
  std::string code;
  // The catalog key of the message (empty when the service gave none).
  std::string key;
  std::string message;
  std::vector<ApiViolation> violations;
};

// A backend's refusal: the message and each BadRequest violation in the
// translator's language when the status carries their catalog keys
// (google.rpc.ErrorInfo, services/common/server/status_mapping.h), as the
// CLI words them; else as the service wrote them.
ApiError ApiErrorFromStatus(const grpc::Status& status, const i18n::Translator& words);

// A refusal the console words itself: `key` from the catalogs with `args`.
ApiError ConsoleError(grpc::StatusCode code, std::string key, const i18n::Translator& words,
                      i18n::Args args = {});

// {"error": {"http_status", "code", "key", "message", "violations": [...]}}
std::string ErrorBodyJson(const ApiError& error);

}  // namespace ansinh::console
