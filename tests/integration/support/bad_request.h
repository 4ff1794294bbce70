#pragma once

// What a test reads from an INVALID_ARGUMENT (or other) status: the
// google.rpc.BadRequest field violations the services attach (AIP-193).

#include <grpcpp/support/status.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ansinh::testkit {

// Every BadRequest violation of `status`, as (field, description), in order;
// empty when the status carries no BadRequest.
std::vector<std::pair<std::string, std::string>> Violations(const grpc::Status& status);

// The fields alone.
std::vector<std::string> ViolatedFields(const grpc::Status& status);

// The catalog key and arguments a status carries (google.rpc.ErrorInfo of
// domain "ansinh", Error::WithKey); an empty key when it carries none.
struct CatalogKey {
  std::string key;
  std::map<std::string, std::string> args;
};
CatalogKey CatalogKeyOf(const grpc::Status& status);

}  // namespace ansinh::testkit
