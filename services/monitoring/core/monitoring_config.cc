#include "monitoring/core/monitoring_config.h"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace ansinh::monitoring {
namespace {

// Turns text-format parse errors into violations naming line and column.
class ViolationCollector final : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, google::protobuf::io::ColumnNumber column, const std::string& message) override {
    violations_.push_back(FieldViolation{"config", "line " + std::to_string(line + 1) + ", column " +
                                                       std::to_string(column + 1) + ": " + message});
  }

  FieldViolations Take() && { return std::move(violations_); }

 private:
  FieldViolations violations_;
};

bool IsPercent(double value) { return value >= 0.0 && value <= 100.0; }

void ValidateTarget(const v1::TargetDefinition& target, const std::string& path,
                    std::set<std::string>& seen_ids, FieldViolations& violations) {
  const auto add = [&](const std::string& field, std::string description) {
    violations.push_back(FieldViolation{path + "." + field, std::move(description)});
  };
  if (target.target_id().empty()) {
    add("target_id", "is required");
  } else if (!seen_ids.insert(target.target_id()).second) {
    add("target_id", "\"" + target.target_id() + "\" is used by an earlier target");
  }
  if (target.title().empty()) add("title", "is required");
  if (target.measure() == v1::TargetDefinition::MEASURE_UNSPECIFIED) add("measure", "is required");
  if (target.comparison() == v1::TargetDefinition::COMPARISON_UNSPECIFIED) {
    add("comparison", "is required");
  }
  const bool fixed = target.has_threshold_percent();
  const bool external = !target.external_figure_key().empty();
  if (fixed == external) {
    add("threshold_percent", "set exactly one of threshold_percent and external_figure_key");
  }
  if (fixed && !IsPercent(target.threshold_percent())) {
    add("threshold_percent", "must be between 0 and 100");
  }
}

}  // namespace

FieldViolations ValidateMonitoringConfig(const v1::MonitoringConfig& config) {
  FieldViolations violations;
  if (config.targets().empty()) violations.push_back({"targets", "at least one target is required"});
  std::set<std::string> target_ids;
  for (int i = 0; i < config.targets_size(); ++i) {
    ValidateTarget(config.targets(i), "targets[" + std::to_string(i) + "]", target_ids, violations);
  }
  std::set<int> years;
  for (int i = 0; i < config.historical_counts_size(); ++i) {
    const v1::HistoricalCount& count = config.historical_counts(i);
    const std::string path = "historical_counts[" + std::to_string(i) + "]";
    if (!years.insert(count.review_year()).second) {
      violations.push_back({path + ".review_year", std::to_string(count.review_year()) + " is given twice"});
    }
    if (count.poor_households() < 0) {
      violations.push_back({path + ".poor_households", "must not be negative"});
    }
    if (!IsPercent(count.poor_rate_percent())) {
      violations.push_back({path + ".poor_rate_percent", "must be between 0 and 100"});
    }
  }
  const v1::AlertThresholds& thresholds = config.alert_thresholds();
  for (const auto& [field, value] :
       {std::pair{"no_organization_days", thresholds.no_organization_days()},
        std::pair{"no_helper_days", thresholds.no_helper_days()},
        std::pair{"no_visit_days", thresholds.no_visit_days()},
        std::pair{"review_deadline_warning_days", thresholds.review_deadline_warning_days()}}) {
    if (value < 0) {
      violations.push_back({std::string("alert_thresholds.") + field, "must not be negative"});
    }
  }
  return violations;
}

Result<v1::MonitoringConfig> ParseMonitoringConfig(std::string_view text) {
  v1::MonitoringConfig config;
  ViolationCollector collector;
  google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&collector);
  if (!parser.ParseFromString(std::string(text), &config)) {
    FieldViolations violations = std::move(collector).Take();
    if (violations.empty()) violations.push_back({"config", "is not valid text format"});
    return Error::InvalidArgument(std::move(violations));
  }
  FieldViolations violations = ValidateMonitoringConfig(config);
  if (!violations.empty()) return Error::InvalidArgument(std::move(violations));
  return config;
}

Result<v1::MonitoringConfig> LoadMonitoringConfig(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return Error::InvalidArgument({{"config", "cannot read " + path.string()}});
  }
  std::ostringstream text;
  text << file.rdbuf();
  return ParseMonitoringConfig(text.str());
}

}  // namespace ansinh::monitoring
