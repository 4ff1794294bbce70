#include "registry/client/import_report.h"

#include <algorithm>
#include <charconv>

namespace ansinh::registry::client {

ImportReport::ImportReport(const ParsedImport& parsed) : parsed_(parsed) {
  for (const ParsedRow& row : parsed.rows) {
    by_row_number_[row.request.row_number()] = &row;
    if (row.errors.empty()) to_send_.push_back(&row);
  }
}

int64_t ImportReport::LineOfField(const ParsedRow& row, const std::string& field) {
  constexpr std::string_view kMembers = "household.members[";
  const int64_t row_line = row.request.row_number();
  if (!field.starts_with(kMembers)) return row_line;
  const char* begin = field.data() + kMembers.size();
  const char* end = field.data() + field.size();
  size_t index = 0;
  const auto [stop, error] = std::from_chars(begin, end, index);
  if (error != std::errc() || stop == end || *stop != ']' || index >= row.member_lines.size()) {
    return row_line;
  }
  return row.member_lines[index];
}

std::vector<LineProblem> ImportReport::Problems(const v1::ImportHouseholdsResponse& response) const {
  std::vector<LineProblem> problems;
  for (const ImportError& error : parsed_.file_errors) {
    problems.push_back({error.line, error.line, error.field, error.description});
  }
  for (const ParsedRow& row : parsed_.rows) {
    for (const ImportError& error : row.errors) {
      problems.push_back({error.line, row.request.row_number(), error.field, error.description});
    }
  }
  for (const v1::ImportRowResult& result : response.results()) {
    if (!result.has_rejected()) continue;
    const auto found = by_row_number_.find(result.row_number());
    for (const auto& violation : result.rejected().field_violations()) {
      const int64_t line = found == by_row_number_.end() ? result.row_number()
                                                         : LineOfField(*found->second, violation.field());
      problems.push_back({line, result.row_number(), violation.field(), violation.description()});
    }
  }
  std::stable_sort(problems.begin(), problems.end(),
                   [](const LineProblem& a, const LineProblem& b) { return a.line < b.line; });
  return problems;
}

}  // namespace ansinh::registry::client
