#pragma once

#include <google/protobuf/message.h>

#include <optional>
#include <string>
#include <string_view>

namespace ansinh::console {

// The request body into `message` with protobuf's JSON mapping (field names
// as in the .proto or lowerCamelCase; enums by name; int64 as strings or
// numbers). An empty or all-blank body is the empty message. Unknown fields
// are refused, so a misspelt field is reported rather than silently dropped.
// Returns nullopt on success, else the parser's description of the problem.
std::optional<std::string> ParseJsonBody(std::string_view body, google::protobuf::Message& message);

// `message` in protobuf's JSON mapping as the console's API answers:
// preserve_proto_field_names (snake_case as in the .proto files) and
// always_print_primitive_fields (zeros, false and empty strings present, so
// the browser never guesses a default).
std::string MessageJson(const google::protobuf::Message& message);

}  // namespace ansinh::console
