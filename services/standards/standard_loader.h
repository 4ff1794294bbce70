// Reads standards from protobuf text format files
// (services/classification/standards/*.textproto).
#pragma once

#include <filesystem>
#include <string_view>

#include "ansinh/v1/standard.pb.h"
#include "kernel/result.h"
#include "standards/standard_catalog.h"

namespace ansinh {

// The file of the standards directory that holds the statutory retirement
// ages (an ansinh.v1.RetirementAgeSchedule, docs/domain.md §3.4); every other
// *.textproto file is a standard.
inline constexpr std::string_view kRetirementAgesFileName = "retirement-ages.textproto";

// Parses and validates one standard. Errors name `source_name` and the
// problem: "x.textproto:12:9: ..." for a syntax error or an unknown enum
// value, "x.textproto: invalid standard: ..." for a validation failure.
// A standard file must leave working_age.statutory_retirement_ages out: the
// loader attaches them from kRetirementAgesFileName.
Result<v1::Standard> ParseStandard(std::string_view text, std::string_view source_name);

// Parses and validates the statutory retirement ages, errors as above
// ("retirement-ages.textproto: invalid retirement ages: ...").
Result<v1::RetirementAgeSchedule> ParseRetirementAgeSchedule(std::string_view text,
                                                             std::string_view source_name);

// Loads every *.textproto file of `directory` into a catalog: the standards
// and the retirement ages. Refuses, naming the file(s), when a file does not
// parse or validate, when two standards cover the same list year, or when
// the directory holds no standard or no retirement ages.
Result<StandardCatalog> LoadStandardsFromDirectory(const std::filesystem::path& directory);

}  // namespace ansinh
