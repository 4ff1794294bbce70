#pragma once

// What makes a document drawable, checked before anything is drawn so that
// a bad document is refused whole (INVALID_ARGUMENT naming each bad field)
// rather than half rendered. Paths are in the style of the kernel's
// FieldViolation: "blocks[4].rows[2]", "blocks[7].series[1].values".
//
// - every text is valid UTF-8;
// - a heading's level is 1, 2 or 3;
// - a table has columns, no more alignments than columns, rows of exactly
//   one cell per column, and a highlighted row that exists;
// - an axis has finite bounds, minimum below maximum, and finite ticks;
// - a line chart has categories, and each series (and the target) a value
//   per category and either no point labels or one per category;
// - a step curve has points with finite coordinates in increasing x, band
//   bounds with lower <= upper, and an end at or after its last point;
// - a box plot names one or two series, gives each group one box (or none)
//   per series, each box ordered minimum <= q1 <= median <= q3 <= maximum;
// - a chart's height is between 80 and 600 points (it must fit on a page).

#include <string_view>

#include "kernel/field_violation.h"
#include "report_document/document.h"

namespace ansinh::report_document {

FieldViolations CheckDocument(const Document& document);

// The checks of one table, paths relative to it ("rows[2]").
FieldViolations CheckTable(const Table& table);

// Whether `text` is well-formed UTF-8 (no overlong forms, no surrogates,
// nothing past U+10FFFF).
bool IsValidUtf8(std::string_view text);

}  // namespace ansinh::report_document
