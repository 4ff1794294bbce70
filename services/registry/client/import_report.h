#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ansinh/v1/registry.pb.h"
#include "registry/core/import/import_row.h"

namespace ansinh::registry::client {

// One problem with an import file, placed on the line it concerns.
struct LineProblem {
  // The line to fix: a member's own line for a member's field (CSV has one
  // line per member), otherwise the household's first line.
  int64_t line = 0;
  // The household's first line (its row number), to tell households apart.
  int64_t row_line = 0;
  // "household.members[1].national_id", a CSV column, or empty for the
  // whole line.
  std::string field;
  std::string description;
};

// What became of an import file: per household row, sent or refused locally.
class ImportReport {
 public:
  // `parsed` is the file as read; rows with reading errors are not sent and
  // are reported from here, with the file's own errors.
  explicit ImportReport(const ParsedImport& parsed);

  // The rows to send, in file order (those without reading errors).
  const std::vector<const ParsedRow*>& rows_to_send() const { return to_send_; }
  int64_t rows_read() const { return static_cast<int64_t>(parsed_.rows.size()); }
  int64_t rows_refused_locally() const { return rows_read() - static_cast<int64_t>(to_send_.size()); }

  // Every problem of the file: its own errors, the reading errors of rows not
  // sent, and the violations of rows the registry rejected in `response`,
  // ordered by line.
  std::vector<LineProblem> Problems(const v1::ImportHouseholdsResponse& response) const;

  // The line of `field` ("household.members[2].sex") within `row`.
  static int64_t LineOfField(const ParsedRow& row, const std::string& field);

 private:
  const ParsedImport& parsed_;
  std::vector<const ParsedRow*> to_send_;
  std::map<int64_t, const ParsedRow*> by_row_number_;
};

}  // namespace ansinh::registry::client
