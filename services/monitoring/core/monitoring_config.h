#pragma once

// The targets, historical counts and alert thresholds of the ward, as data
// (services/monitoring/config/targets.textproto, a MonitoringConfig in
// protobuf text format). Loaded once at start-up; a bad file is refused with
// every problem named, so the service never runs on half a configuration.

#include <filesystem>
#include <string_view>
#include <vector>

#include "ansinh/v1/monitoring.pb.h"
#include "kernel/result.h"

namespace ansinh::monitoring {

// Parses and validates the text-format configuration.
Result<v1::MonitoringConfig> ParseMonitoringConfig(std::string_view text);

// Reads the file, then ParseMonitoringConfig.
Result<v1::MonitoringConfig> LoadMonitoringConfig(const std::filesystem::path& path);

// Every problem with a parsed configuration: ids, measures, comparisons,
// exactly one threshold source per target, plausible percentages, one
// historical count per year.
FieldViolations ValidateMonitoringConfig(const v1::MonitoringConfig& config);

}  // namespace ansinh::monitoring
