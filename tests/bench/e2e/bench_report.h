#pragma once

#include <nlohmann/json.hpp>

#include <iosfwd>

namespace ansinh::bench {

// The audit verification stage's table.
void PrintAuditVerification(const nlohmann::json& audit, std::ostream& out);

// The household page through the console and directly over gRPC, side by
// side per number of clients.
void PrintConsolePage(const nlohmann::json& points, std::ostream& out);

// The cycle on the local Redis Cluster (report["cluster"]), with its results
// beside the single Redis's.
void PrintClusterCycle(const nlohmann::json& cluster, std::ostream& out);
// What sealing personal fields costs, side by side (encryption_cost.h).
void PrintEncryptionCost(const nlohmann::json& encryption, std::ostream& out);

// Prints the benchmark's JSON report as plain tables.
void PrintTables(const nlohmann::json& report, std::ostream& out);

}  // namespace ansinh::bench
