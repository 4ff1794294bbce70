#include "server/status_mapping.h"

#include <grpcpp/support/error_details.h>
#include <spdlog/spdlog.h>

#include <exception>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "redis/redis_error.h"

namespace ansinh::server {

grpc::Status InvalidArgument(const std::vector<FieldViolation>& violations) {
  google::rpc::BadRequest bad_request;
  std::string message = "invalid request:";
  for (const auto& violation : violations) {
    auto* item = bad_request.add_field_violations();
    item->set_field(violation.field);
    item->set_description(violation.description);
    message += " " + violation.field + ": " + violation.description + ";";
  }
  if (!message.empty() && message.back() == ';') message.pop_back();
  google::rpc::Status rich;
  rich.set_code(grpc::StatusCode::INVALID_ARGUMENT);
  rich.set_message(message);
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
