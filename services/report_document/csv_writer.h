#pragma once

// A report's table as a CSV file (RFC 4180): a header row of the column
// names, then one line per row; CRLF line ends; a field that holds a comma,
// a double quote, a CR or a LF is put in double quotes, its quotes doubled.
// The caption and the source note are not part of it.
//
// The ward opens these files in Excel, which reads a UTF-8 file as UTF-8
// only when it starts with a byte-order mark (otherwise "Hộ nghèo" arrives
// as mojibake), so the mark is written unless the caller turns it off (for
// a program that reads the file).
//
// A cell Excel would run as a formula (one starting with =, @, +, - or a
// tab or CR, such as an organization's name typed as "=HYPERLINK(...)") is
// written with a leading apostrophe, which Excel shows as text; a signed
// number as the caller formats it ("-5,2%", "+1.500.000 ₫") is left alone.
// The monitoring exports' writer (services/monitoring/core/tabular_document.h)
// quotes the same way; its helpers are private to that service.

#include <string>

#include "kernel/result.h"
#include "report_document/document.h"

namespace ansinh::report_document {

struct CsvOptions {
  // EF BB BF before the first byte.
  bool byte_order_mark = true;
};

// INVALID_ARGUMENT naming each bad field of the table (CheckTable).
Result<std::string> TableToCsv(const Table& table, const CsvOptions& options = {});

}  // namespace ansinh::report_document
