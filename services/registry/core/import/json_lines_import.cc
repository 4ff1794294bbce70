#include "registry/core/import/json_lines_import.h"

#include <google/protobuf/util/json_util.h>

#include <nlohmann/json.hpp>

namespace ansinh::registry {
namespace {

bool IsBlank(std::string_view text) { return text.find_first_not_of(" \t\r") == std::string_view::npos; }

// nlohmann reports "[json.exception.parse_error.101] parse error at line 1,
// column 7: syntax error ..."; the file line is ours, so keep from "column".
std::string SyntaxErrorText(const nlohmann::json::parse_error& error) {
  const std::string_view what = error.what();
  const size_t column = what.find("column ");
  if (column != std::string_view::npos) return "invalid JSON at " + std::string(what.substr(column));
  return "invalid JSON: " + std::string(what);
}

// Protobuf's JSON parser reports "(household.members[0].sex): invalid value
// ..." or "(household) adress: Cannot find field."; split that into the path
// and the description.
ImportError MappingError(std::string_view message, int64_t line_number) {
  constexpr std::string_view kUnknownField = ": Cannot find field.";
  ImportError error{line_number, "", std::string(message)};
  if (!message.starts_with("(")) {
    // A top-level unknown field comes without a path: "households: Cannot
    // find field."
    if (message.ends_with(kUnknownField)) {
      error.field = std::string(message.substr(0, message.size() - kUnknownField.size()));
      error.description = "unknown field";
    }
    return error;
  }
  const size_t close = message.find(')');
  if (close == std::string_view::npos) return error;
  error.field = std::string(message.substr(1, close - 1));
  std::string_view rest = message.substr(close + 1);
  if (rest.starts_with(": ")) {
    rest.remove_prefix(2);
  } else if (rest.starts_with(" ")) {
    // "(household) adress: Cannot find field." names the unknown field.
    rest.remove_prefix(1);
    const size_t colon = rest.find(": ");
    if (colon != std::string_view::npos) {
      const std::string_view unknown = rest.substr(0, colon);
      error.field += error.field.empty() ? "" : ".";
      error.field += std::string(unknown);
      rest.remove_prefix(colon + 2);
    }
  }
  error.description = std::string(rest);
  if (error.description == "Cannot find field.") error.description = "unknown field";
  return error;
}

}  // namespace

ParsedRow ParseJsonLine(std::string_view line, int64_t line_number) {
  ParsedRow row;
  row.request.set_row_number(line_number);
  // Strict syntax first: protobuf's parser tolerates trailing commas and its
  // syntax messages are poor; nlohmann says where the problem is.
  try {
    const nlohmann::json document = nlohmann::json::parse(line);
    if (!document.is_object()) {
      row.errors.push_back({line_number, "", "expected a JSON object, one household per line"});
      return row;
    }
  } catch (const nlohmann::json::parse_error& error) {
    row.errors.push_back({line_number, "", SyntaxErrorText(error)});
    return row;
  }
  v1::ImportHouseholdsRequest request;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto status = google::protobuf::util::JsonStringToMessage(std::string(line), &request, options);
  if (!status.ok()) {
    row.errors.push_back(MappingError(status.message().ToString(), line_number));
    return row;
  }
  row.request = std::move(request);
  row.request.set_row_number(line_number);
  row.member_lines.assign(static_cast<size_t>(row.request.household().members_size()), line_number);
  return row;
}

ParsedImport ParseJsonLines(std::string_view text) {
  ParsedImport result;
  int64_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    if (!IsBlank(line)) result.rows.push_back(ParseJsonLine(line, line_number));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return result;
}

std::string FormatJsonLine(const v1::ImportHouseholdsRequest& request) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string line;
  // Printing a well-formed message cannot fail; the status only reports
  // unresolvable Any types, which these messages do not contain.
  (void)google::protobuf::util::MessageToJsonString(request, &line, options);
  return line;
}

}  // namespace ansinh::registry
