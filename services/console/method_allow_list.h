#pragma once

#include <google/protobuf/descriptor.h>

#include <string>
#include <string_view>
#include <vector>

namespace ansinh::console {

// One method the browser may call through POST /api/rpc/<service>/<method>.
struct AllowedMethod {
  // The short proto service name, as in the URL: "Registry".
  std::string_view service;
  std::string_view method;
};

// The unary methods the console's screens need (docs/console.md, "The
// allow-list"). It says only what is reachable from a browser; who may call
// each one is still decided by the services, with the user's own token.
// Left out: streaming methods (the import has its own route), sign-in and
// sign-out (the session routes), token issuing (a bearer secret has no place
// in a browser) and the auditor's proof and leaf tools (the CLI's).
const std::vector<AllowedMethod>& AllowedMethods();

// The proto service behind a short name ("Registry" -> ansinh.v1.Registry),
// or nullptr for a name that is not one of the console's backends.
const google::protobuf::ServiceDescriptor* FindConsoleService(std::string_view service);

// The method `service`/`method` names when it is on the allow-list (and so a
// unary method of a known service); nullptr otherwise, for an unknown name
// and a real but unlisted method alike.
const google::protobuf::MethodDescriptor* FindAllowedMethod(std::string_view service,
                                                            std::string_view method);

}  // namespace ansinh::console
