#pragma once

#include <cstdint>
#include <string_view>

#include "console/backends.h"
#include "console/http_types.h"
#include "i18n/translator.h"
#include "registry/core/import/import_row.h"

namespace ansinh::console {

// POST /api/import?format=csv|jsonl&first_line=N, the body one chunk of the
// file as text (a CSV chunk starts with the file's header line; N is the
// file line of the chunk's first data row). The chunk is read with the
// registry's own import parser (services/registry/core/import) and its rows
// streamed to Registry.ImportHouseholds with the user's token, as `ansinh
// import` does. Answers {"results": [ImportRowResult...], "imported_count",
// "rejected_count", "not_sent_count", "parse_errors": [{"line", "field",
// "message"}]}, every line number a line of the whole file.
HttpReply ImportChunk(const Backends& backends, const CallIdentity& user, const ApiRequest& request,
                      const i18n::Translator& words);

// The chunk's lines renumbered as lines of the whole file: a CSV chunk's
// line 1 is the header (the file's line 1) and its line 2 is `first_line`; a
// JSON-lines chunk's line 1 is `first_line`.
void RenumberChunkLines(registry::ParsedImport& parsed, bool csv, int64_t first_line);

}  // namespace ansinh::console
