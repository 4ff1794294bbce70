#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ansinh::registry {

// One record of a CSV text.
struct CsvRecord {
  // 1-based line on which the record starts (a quoted field may span lines).
  int64_t line = 0;
  std::vector<std::string> fields;
  // Empty for a well-formed record. Otherwise what is wrong, and `fields`
  // holds only the fields read before the problem.
  std::string error;
};

// Reads CSV as RFC 4180 defines it: fields separated by commas, records by
// LF or CRLF; a field in double quotes may contain commas, line breaks and
// doubled quotes ("" stands for "). Bytes are passed through unchanged, so
// UTF-8 text is kept as written; a UTF-8 byte order mark at the start (Excel
// writes one) is skipped. Empty lines are skipped.
//
// Strict where being lenient would silently change data: a quote inside an
// unquoted field, text after a closing quote, and a quoted field still open at
// the end of the text are errors. After an error the reader resumes at the
// next line, so one bad record does not hide the rest.
class CsvReader {
 public:
  explicit CsvReader(std::string_view text);

  // The next record, or nullopt when the text is exhausted.
  std::optional<CsvRecord> Next();

 private:
  enum class FieldEnd { kComma, kRecordEnd, kError };

  bool AtEnd() const { return pos_ >= text_.size(); }
  // At "\n" or "\r\n": consumes it and counts the line.
  bool ConsumeLineBreak();
  FieldEnd ReadQuotedField(std::string& field, std::string& error);
  FieldEnd ReadUnquotedField(std::string& field, std::string& error);
  // After a comma, a line break or the end of the text: which one it was.
  FieldEnd ConsumeSeparator();
  void SkipRestOfLine();

  std::string_view text_;
  size_t pos_ = 0;
  int64_t line_ = 1;
};

}  // namespace ansinh::registry
