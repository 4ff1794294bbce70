#include "report_document/csv_writer.h"

#include <string_view>

#include "report_document/document_checks.h"

namespace ansinh::report_document {
namespace {

// Digits with the separators, sign, percent and currency the caller's
// formats use: a number, not a formula, however it starts.
bool LooksLikeSignedNumber(std::string_view text) {
  if (text.size() < 2 || (text[0] != '-' && text[0] != '+')) return false;
  bool digit = false;
  for (std::string_view rest = text.substr(1); !rest.empty();) {
    const char c = rest.front();
    if (c >= '0' && c <= '9') {
      digit = true;
      rest.remove_prefix(1);
    } else if (c == '.' || c == ',' || c == ' ' || c == '%') {
      rest.remove_prefix(1);
    } else if (rest.starts_with("\u20ab")) {  // ₫
      rest.remove_prefix(std::string_view("\u20ab").size());
    } else if (rest.starts_with("\u00a0")) {  // a no-break space before ₫
      rest.remove_prefix(std::string_view("\u00a0").size());
    } else {
      return false;
    }
  }
  return digit;
}

bool RunsAsFormula(std::string_view text) {
  if (text.empty()) return false;
  switch (text.front()) {
    case '=':
    case '@':
    case '\t':
    case '\r':
      return true;
    case '+':
    case '-':
      return !LooksLikeSignedNumber(text);
    default:
      return false;
  }
}

void AppendField(std::string_view text, std::string& out) {
  std::string field;
  if (RunsAsFormula(text)) field.push_back('\'');
  field.append(text);
  if (field.find_first_of(",\"\r\n") == std::string::npos) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void AppendRecord(const std::vector<std::string>& fields, std::string& out) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out.push_back(',');
    AppendField(fields[i], out);
  }
  out.append("\r\n");
}

}  // namespace

Result<std::string> TableToCsv(const Table& table, const CsvOptions& options) {
  FieldViolations violations = CheckTable(table);
  if (!violations.empty()) return Error::InvalidArgument(std::move(violations));
  std::string out;
  if (options.byte_order_mark) out.append("\xEF\xBB\xBF");
  AppendRecord(table.columns, out);
  for (const std::vector<std::string>& row : table.rows) AppendRecord(row, out);
  return out;
}

}  // namespace ansinh::report_document
