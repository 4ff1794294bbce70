#include "classification/adapters/core_status.h"

#include <grpcpp/support/error_details.h>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace ansinh::classification {
namespace {

grpc::StatusCode CodeOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return grpc::StatusCode::INVALID_ARGUMENT;
    case ErrorCode::kFailedPrecondition:
      return grpc::StatusCode::FAILED_PRECONDITION;
    case ErrorCode::kNotFound:
      return grpc::StatusCode::NOT_FOUND;
    case ErrorCode::kAlreadyExists:
      return grpc::StatusCode::ALREADY_EXISTS;
  }
  return grpc::StatusCode::INTERNAL;
}

}  // namespace

grpc::Status StatusFromError(const Error& error) {
  const grpc::StatusCode code = CodeOf(error.code);
  if (error.violations.empty()) return {code, error.message};
  google::rpc::BadRequest bad_request;
  for (const FieldViolation& violation : error.violations) {
    auto* item = bad_request.add_field_violations();
    item->set_field(violation.field);
    item->set_description(violation.description);
  }
  google::rpc::Status rich;
  rich.set_code(code);
  rich.set_message(error.message);
  rich.add_details()->PackFrom(bad_request);
  grpc::Status status;
  grpc::SetErrorDetails(rich, &status);
  return status;
}

}  // namespace ansinh::classification
