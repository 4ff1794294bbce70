#pragma once

#include <nlohmann/json.hpp>

#include <iosfwd>

namespace ansinh::bench {

// The audit verification stage's table.
void PrintAuditVerification(const nlohmann::json& audit, std::ostream& out);

// Prints the benchmark's JSON report as plain tables.
void PrintTables(const nlohmann::json& report, std::ostream& out);

}  // namespace ansinh::bench
