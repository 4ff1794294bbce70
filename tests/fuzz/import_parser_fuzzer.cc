// Fuzzes the parsers behind `ansinh import` (services/registry/core/import/):
// the CSV household list and the JSON-lines file, both written by people or
// spreadsheets. The input is the file's text, read both ways (the seeds are
// the repository's sample files). Whatever the text, every household read
// must keep its members and their source lines in step and point at lines of
// the file, and a household read without errors must be one the registry can
// receive: its request survives the protobuf wire format (the stream to
// ImportHouseholds), it can be validated, and in JSON-lines it reads back
// from FormatJsonLine unchanged (the demo ward is written that way).

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "kernel/civil_date.h"
#include "registry/core/import/csv_household_import.h"
#include "registry/core/import/import_validation.h"
#include "registry/core/import/json_lines_import.h"
#include "standards/standard_loader.h"

namespace {

namespace registry = ansinh::registry;
namespace v1 = ansinh::v1;

constexpr ansinh::CivilDate kToday{std::chrono::year(2025), std::chrono::November, std::chrono::day(20)};

// What the repository's standards need a survey to record.
const registry::SurveyRules& Rules() {
  static const registry::SurveyRules rules = [] {
    auto loaded = ansinh::LoadStandardsFromDirectory(ANSINH_FUZZ_STANDARDS_DIR);
    ANSINH_FUZZ_CHECK(loaded.ok(), "the repository's standards load");
    return registry::SurveyRules(*loaded);
  }();
  return rules;
}

void CheckParsed(const registry::ParsedImport& parsed, int64_t line_count) {
  for (const registry::ImportError& error : parsed.file_errors) {
    ANSINH_FUZZ_CHECK(error.line >= 1 && error.line <= line_count, "a file error names a line");
    ANSINH_FUZZ_CHECK(!error.description.empty(), "a file error says what is wrong");
  }
  for (const registry::ParsedRow& row : parsed.rows) {
    const v1::ImportHouseholdsRequest& request = row.request;
    ANSINH_FUZZ_CHECK(request.row_number() >= 1 && request.row_number() <= line_count,
                      "a household points at a line of the file");
    ANSINH_FUZZ_CHECK(row.member_lines.size() == static_cast<size_t>(request.household().members_size()),
                      "every member has its source line");
    for (int64_t line : row.member_lines) {
      ANSINH_FUZZ_CHECK(line >= request.row_number() && line <= line_count,
                        "a member's line is in the file, not before its household's first");
    }
    for (const registry::ImportError& error : row.errors) {
      ANSINH_FUZZ_CHECK(error.line >= 1 && error.line <= line_count, "a row error names a line");
      ANSINH_FUZZ_CHECK(!error.description.empty(), "a row error says what is wrong");
    }
    if (!row.errors.empty()) continue;

    // What the client streams is what the registry receives.
    const std::string wire = request.SerializeAsString();
    v1::ImportHouseholdsRequest received;
    ANSINH_FUZZ_CHECK(received.ParseFromString(wire),
                      "a household read without errors survives the wire format");
    // Serialized bytes, not field values: a NaN floor area (refused later by
    // validation) must still arrive as sent.
    ANSINH_FUZZ_CHECK(received.SerializeAsString() == wire, "the wire keeps the household");
    (void)registry::ValidateImportRow(request, kToday, Rules());
  }
}

int64_t LineCount(std::string_view text) {
  return 1 + static_cast<int64_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const int64_t line_count = LineCount(text);

  CheckParsed(registry::ParseCsvHouseholds(text), line_count);

  const registry::ParsedImport json = registry::ParseJsonLines(text);
  ANSINH_FUZZ_CHECK(json.file_errors.empty(), "JSON-lines errors belong to their line");
  CheckParsed(json, line_count);
  for (const registry::ParsedRow& row : json.rows) {
    if (!row.errors.empty()) continue;
    const std::string line = registry::FormatJsonLine(row.request);
    const registry::ParsedRow again = registry::ParseJsonLine(line, row.request.row_number());
    ANSINH_FUZZ_CHECK(again.errors.empty(), "FormatJsonLine writes a line ParseJsonLine reads");
    ANSINH_FUZZ_CHECK(row.request.SerializeAsString() == again.request.SerializeAsString(),
                      "a household reads back from FormatJsonLine unchanged");
  }
  return 0;
}
