#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ansinh/v1/registry.pb.h"

namespace ansinh::registry {

// A problem found while reading an import file, before any validation.
struct ImportError {
  // 1-based line of the source text.
  int64_t line = 0;
  // The column (CSV) or field path (JSON) at fault; empty when the whole line
  // is at fault (malformed CSV record, JSON syntax error).
  std::string field;
  std::string description;

  friend bool operator==(const ImportError&, const ImportError&) = default;
};

// One household read from an import file: the stream message to send to
// ImportHouseholds, or the errors that keep it from being sent.
struct ParsedRow {
  // The message to send; its row_number is the first source line of the
  // household, so results point back into the file.
  v1::ImportHouseholdsRequest request;
  // The source line of each member, in the order of request.household.members
  // (one line per member in CSV; all the same line in JSON-lines), so a
  // violation on "household.members[2]" can be shown with its line.
  std::vector<int64_t> member_lines;
  // Reading errors. A row with errors must not be imported: some of its data
  // is missing or was not understood.
  std::vector<ImportError> errors;
};

// Everything read from one import file.
struct ParsedImport {
  std::vector<ParsedRow> rows;
  // Errors that belong to no row (a bad header, a CSV record whose household
  // cannot be told). A file with such errors should be fixed and read again
  // rather than imported: a member may be missing from some household.
  std::vector<ImportError> file_errors;
};

}  // namespace ansinh::registry
