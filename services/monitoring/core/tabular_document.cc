#include "monitoring/core/tabular_document.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <utility>

namespace ansinh::monitoring {
namespace {

void AppendCsvField(std::string_view text, std::string& out) {
  const bool needs_quotes = text.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!needs_quotes) {
    out.append(text);
    return;
  }
  out.push_back('"');
  for (char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

// JSON string escaping; UTF-8 passes through unchanged.
void AppendJsonString(std::string_view text, std::string& out) {
  out.push_back('"');
  for (char c : text) {
    switch (c) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '\t':
        out.append("\\t");
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
          out.append(escaped);
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

}  // namespace

Cell Cell::Text(std::string text) { return Cell(Type::kText, std::move(text)); }

Cell Cell::Integer(std::int64_t value) { return Cell(Type::kNumber, std::to_string(value)); }

Cell Cell::Decimal(double value) {
  if (!std::isfinite(value)) return Null();
  char text[32];
  const auto result = std::to_chars(text, text + sizeof text, value);
  return Cell(Type::kNumber, std::string(text, result.ptr));
}

Cell Cell::Null() { return Cell(Type::kNull, ""); }

void Table::AddRow(std::vector<Cell> row) {
  row.resize(columns_.size(), Cell::Null());
  rows_.push_back(std::move(row));
}

namespace {

template <typename Fields, typename TextOf>
void AppendCsvLine(const Fields& fields, TextOf text_of, std::string& out) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out.push_back(',');
    AppendCsvField(text_of(fields[i]), out);
  }
  out.append("\r\n");
}

}  // namespace

std::string Table::CsvHeader() const {
  std::string out;
  AppendCsvLine(
      columns_, [](const std::string& column) -> std::string_view { return column; }, out);
  return out;
}

std::string Table::CsvRows() const {
  std::string out;
  for (const std::vector<Cell>& row : rows_) {
    AppendCsvLine(
        row, [](const Cell& cell) -> std::string_view { return cell.text_; }, out);
  }
  return out;
}

std::string Table::ToCsv() const { return CsvHeader() + CsvRows(); }

std::string Table::JsonRows(bool first) const {
  std::string out;
  for (std::size_t r = 0; r < rows_.size(); ++r) {
    out.append(r == 0 && first ? "\n  {" : ",\n  {");
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      if (c > 0) out.append(", ");
      AppendJsonString(columns_[c], out);
      out.append(": ");
      const Cell& cell = rows_[r][c];
      switch (cell.type_) {
        case Cell::Type::kText:
          AppendJsonString(cell.text_, out);
          break;
        case Cell::Type::kNumber:
          out.append(cell.text_);
          break;
        case Cell::Type::kNull:
          out.append("null");
          break;
      }
    }
    out.push_back('}');
  }
  return out;
}

std::string Table::JsonEnd(bool any_rows) { return any_rows ? "\n]\n" : "]\n"; }

std::string Table::ToJson() const { return "[" + JsonRows(true) + JsonEnd(!rows_.empty()); }

}  // namespace ansinh::monitoring
