#include "assignment/adapters/core_status.h"

#include <vector>

#include "server/status_mapping.h"

namespace ansinh::assignment {

grpc::Status StatusOf(const Error& error) {
  switch (error.code) {
    case ErrorCode::kInvalidArgument: {
      std::vector<server::FieldViolation> violations;
      violations.reserve(error.violations.size());
      for (const FieldViolation& violation : error.violations) {
        violations.push_back({violation.field, violation.description});
      }
      return server::InvalidArgument(violations);
    }
    case ErrorCode::kFailedPrecondition:
      return {grpc::StatusCode::FAILED_PRECONDITION, error.message};
    case ErrorCode::kPermissionDenied:
      return {grpc::StatusCode::PERMISSION_DENIED, error.message};
  }
  return {grpc::StatusCode::INTERNAL, error.message};
}

}  // namespace ansinh::assignment
