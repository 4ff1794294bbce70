// Reads standards from protobuf text format files
// (services/classification/standards/*.textproto).
#pragma once

#include <filesystem>
#include <string_view>

#include "ansinh/v1/standard.pb.h"
#include "kernel/result.h"
#include "standards/standard_catalog.h"

namespace ansinh {

// Parses and validates one standard. Errors name `source_name` and the
// problem: "x.textproto:12:9: ..." for a syntax error or an unknown enum
// value, "x.textproto: invalid standard: ..." for a validation failure.
Result<v1::Standard> ParseStandard(std::string_view text, std::string_view source_name);

// Loads every *.textproto file of `directory` into a catalog. Refuses, naming
// the file(s), when a file does not parse or validate, when two standards
// cover the same review year, or when the directory holds no standard.
Result<StandardCatalog> LoadStandardsFromDirectory(const std::filesystem::path& directory);

}  // namespace ansinh
