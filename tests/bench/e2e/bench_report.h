#pragma once

#include <nlohmann/json.hpp>

#include <iosfwd>

namespace ansinh::bench {

// Prints the benchmark's JSON report as plain tables.
void PrintTables(const nlohmann::json& report, std::ostream& out);

}  // namespace ansinh::bench
