#pragma once

// A table of cells rendered as RFC 4180 CSV (header row, CRLF line ends) or
// as a JSON array of objects keyed by column name. The exports build one
// table and render it in the format asked for, so CSV and JSON never
// disagree about what an export contains.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ansinh::monitoring {

class Cell {
 public:
  static Cell Text(std::string text);
  static Cell Integer(std::int64_t value);
  // NaN and infinities become Null.
  static Cell Decimal(double value);
  // An absent value: empty in CSV, null in JSON.
  static Cell Null();

 private:
  friend class Table;
  enum class Type { kText, kNumber, kNull };
  Cell(Type type, std::string text) : type_(type), text_(std::move(text)) {}

  Type type_;
  std::string text_;
};

class Table {
 public:
  explicit Table(std::vector<std::string> columns) : columns_(std::move(columns)) {}

  // A row has one cell per column; missing trailing cells render as Null.
  void AddRow(std::vector<Cell> row);

  std::string ToCsv() const;
  std::string ToJson() const;

  // The same documents in parts, for a document written a page of rows at a
  // time: CsvHeader() then CsvRows() of each page; "[" then JsonRows() of
  // each page (`first` for the page that opens the array's rows) then
  // JsonEnd(whether any row was written).
  std::string CsvHeader() const;
  std::string CsvRows() const;
  std::string JsonRows(bool first) const;
  static std::string JsonEnd(bool any_rows);

 private:
  std::vector<std::string> columns_;
  std::vector<std::vector<Cell>> rows_;
};

}  // namespace ansinh::monitoring
