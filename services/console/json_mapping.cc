#include "console/json_mapping.h"

#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <cctype>

namespace ansinh::console {

std::optional<std::string> ParseJsonBody(std::string_view body, google::protobuf::Message& message) {
  message.Clear();
  const bool blank =
      std::all_of(body.begin(), body.end(), [](unsigned char c) { return std::isspace(c) != 0; });
  if (blank) return std::nullopt;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto status = google::protobuf::util::JsonStringToMessage(body, &message, options);
  if (status.ok()) return std::nullopt;
  return std::string(status.message());
}

std::string MessageJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  return json;
}

}  // namespace ansinh::console
