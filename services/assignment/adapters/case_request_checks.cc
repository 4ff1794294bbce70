#include "assignment/adapters/case_request_checks.h"

#include "assignment/adapters/assignment_keys.h"
#include "server/status_mapping.h"

namespace ansinh::assignment {

grpc::Status CheckCaseIdField(std::string_view case_id, const std::string& field) {
  if (case_id.empty()) return server::ToStatus(Error::InvalidArgument({{field, "is required"}}));
  if (!HouseholdOfCaseId(case_id)) {
    return server::ToStatus(Error::InvalidArgument(
        {{field, "must look like CASE-<household id>-<number>, e.g. CASE-HH-000123-1 (got \"" +
                     std::string(case_id) + "\")"}}));
  }
  return grpc::Status::OK;
}

}  // namespace ansinh::assignment
