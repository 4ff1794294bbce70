#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "registry/core/import/import_row.h"

namespace ansinh::registry {

// JSON-lines import: one household per line, each line one
// ImportHouseholdsRequest in the protobuf JSON mapping, with the proto field
// names (lowerCamelCase names are accepted too). Members are an array, the
// survey an optional object, enums are written by name:
//
//   {"household": {"address": "12 Lý Thái Tổ", "residential_group": "TDP-05",
//     "area_type": "AREA_TYPE_URBAN", "members": [{"full_name": "Nguyễn Văn An",
//     "sex": "SEX_MALE", "date_of_birth": "1980-04-02", ...}]},
//    "survey": {"review_year": 2025, "kind": "REVIEW_KIND_PERIODIC", ...}}
//
// A sample: tests/unit/registry/testdata/households.jsonl. The JSON must be
// strict (RFC 8259: no comments, no trailing commas); unknown field names are
// errors, so a misspelt field is reported rather than silently dropped.
// row_number is set to the line number, whatever the line says.

// One line. Errors name the line and, when the JSON is well-formed but does
// not fit the message, the field path ("household.members[0].sex").
ParsedRow ParseJsonLine(std::string_view line, int64_t line_number);

// A whole file; lines that are empty or only whitespace are skipped.
ParsedImport ParseJsonLines(std::string_view text);

// The line ParseJsonLine reads back into the same request (proto field
// names, no line breaks): how the demo ward is written out for import.
std::string FormatJsonLine(const v1::ImportHouseholdsRequest& request);

}  // namespace ansinh::registry
