#include "registry/core/import/csv_reader.h"

namespace ansinh::registry {
namespace {

constexpr std::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";

}  // namespace

CsvReader::CsvReader(std::string_view text) : text_(text) {
  if (text_.starts_with(kUtf8ByteOrderMark)) pos_ = kUtf8ByteOrderMark.size();
}

std::optional<CsvRecord> CsvReader::Next() {
  while (!AtEnd() && ConsumeLineBreak()) {
  }
  if (AtEnd()) return std::nullopt;

  CsvRecord record;
  record.line = line_;
  while (true) {
    std::string field;
    const bool quoted = !AtEnd() && text_[pos_] == '"';
    const FieldEnd end =
        quoted ? ReadQuotedField(field, record.error) : ReadUnquotedField(field, record.error);
    if (end == FieldEnd::kError) {
      SkipRestOfLine();
      return record;
    }
    record.fields.push_back(std::move(field));
    if (end == FieldEnd::kRecordEnd) return record;
  }
}

bool CsvReader::ConsumeLineBreak() {
  if (text_.compare(pos_, 1, "\n") == 0) {
    pos_ += 1;
  } else if (text_.compare(pos_, 2, "\r\n") == 0) {
    pos_ += 2;
  } else {
    return false;
  }
  ++line_;
  return true;
}

CsvReader::FieldEnd CsvReader::ConsumeSeparator() {
  if (AtEnd()) return FieldEnd::kRecordEnd;
  if (text_[pos_] == ',') {
    ++pos_;
    return FieldEnd::kComma;
  }
  if (ConsumeLineBreak()) return FieldEnd::kRecordEnd;
  return FieldEnd::kError;
}

CsvReader::FieldEnd CsvReader::ReadQuotedField(std::string& field, std::string& error) {
  const int64_t opened_on = line_;
  ++pos_;  // the opening quote
  while (true) {
    if (AtEnd()) {
      error = "quoted field opened on line " + std::to_string(opened_on) + " is never closed";
      return FieldEnd::kError;
    }
    const char c = text_[pos_];
    if (c == '"') {
      if (text_.compare(pos_, 2, "\"\"") == 0) {
        field += '"';
        pos_ += 2;
        continue;
      }
      ++pos_;  // the closing quote
      const FieldEnd end = ConsumeSeparator();
      if (end == FieldEnd::kError) {
        error = "unexpected text after a closing quote on line " + std::to_string(line_) +
                " (a quote inside a quoted field is written twice: \"\")";
      }
      return end;
    }
    if (c == '\n') ++line_;
    field += c;
    ++pos_;
  }
}

CsvReader::FieldEnd CsvReader::ReadUnquotedField(std::string& field, std::string& error) {
  while (!AtEnd()) {
    const char c = text_[pos_];
    if (c == ',' || c == '\n' || text_.compare(pos_, 2, "\r\n") == 0) break;
    if (c == '"') {
      error = "a quote inside an unquoted field on line " + std::to_string(line_) +
              " (quote the whole field and write the quote twice: \"\")";
      return FieldEnd::kError;
    }
    field += c;
    ++pos_;
  }
  return ConsumeSeparator();
}

void CsvReader::SkipRestOfLine() {
  while (!AtEnd() && !ConsumeLineBreak()) ++pos_;
}

}  // namespace ansinh::registry
