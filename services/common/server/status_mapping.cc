#include "server/status_mapping.h"

#include <grpcpp/support/error_details.h>
#include <spdlog/spdlog.h>

#include <exception>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "redis/redis_error.h"

namespace ansinh::server {

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
    case ErrorCode::kPermissionDenied:
      return grpc::StatusCode::PERMISSION_DENIED;
  }
  return grpc::StatusCode::INTERNAL;
}

}  // namespace

grpc::Status ToStatus(const Error& error) {
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

grpc::Status StatusFromCurrentException(const std::string& method) {
  try {
    throw;
  } catch (const redis::TimeoutError& error) {
    spdlog::warn("{}: {}", method, error.what());
    return {grpc::StatusCode::UNAVAILABLE, "the data store did not answer in time; retry later"};
  } catch (const redis::ConnectionError& error) {
    spdlog::warn("{}: {}", method, error.what());
    return {grpc::StatusCode::UNAVAILABLE, "the data store is unreachable; retry later"};
  } catch (const redis::TransactionAborted& error) {
    return {grpc::StatusCode::ABORTED, "a concurrent change got there first; read again and retry"};
  } catch (const std::exception& error) {
    spdlog::error("{}: internal error: {}", method, error.what());
    return {grpc::StatusCode::INTERNAL, "internal error in " + method};
  } catch (...) {
    spdlog::error("{}: unknown internal error", method);
    return {grpc::StatusCode::INTERNAL, "internal error in " + method};
  }
}

}  // namespace ansinh::server
