#include "bad_request.h"

#include <grpcpp/support/error_details.h>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace ansinh::testkit {

std::vector<std::pair<std::string, std::string>> Violations(const grpc::Status& status) {
  std::vector<std::pair<std::string, std::string>> violations;
  google::rpc::Status rich;
  if (status.error_details().empty() || !grpc::ExtractErrorDetails(status, &rich).ok()) return violations;
  for (const auto& detail : rich.details()) {
    google::rpc::BadRequest bad_request;
    if (!detail.UnpackTo(&bad_request)) continue;
    for (const auto& violation : bad_request.field_violations()) {
      violations.emplace_back(violation.field(), violation.description());
    }
  }
  return violations;
}

std::vector<std::string> ViolatedFields(const grpc::Status& status) {
  std::vector<std::string> fields;
  for (auto& [field, description] : Violations(status)) fields.push_back(std::move(field));
  return fields;
}

CatalogKey CatalogKeyOf(const grpc::Status& status) {
  CatalogKey out;
  google::rpc::Status rich;
  if (status.error_details().empty() || !grpc::ExtractErrorDetails(status, &rich).ok()) return out;
  for (const auto& detail : rich.details()) {
    google::rpc::ErrorInfo info;
    if (detail.UnpackTo(&info) && info.domain() == "ansinh") {
      out.key = info.reason();
      out.args.insert(info.metadata().begin(), info.metadata().end());
    }
  }
  return out;
}

}  // namespace ansinh::testkit
