#include "monitoring/core/monitoring_config.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "monitoring/core/alerts.h"

namespace ansinh::monitoring {
namespace {

TEST(MonitoringConfigTest, ShippedFileHoldsTheResolutionsTargetsAndHistory) {
  const Result<v1::MonitoringConfig> loaded = LoadMonitoringConfig(ANSINH_MONITORING_TARGETS_FILE);
  ASSERT_TRUE(loaded.ok()) << loaded.error().violations.front().field << ": "
                           << loaded.error().violations.front().description;
  const v1::MonitoringConfig& config = loaded.value();

  EXPECT_EQ(config.ward_name(), "Phường Hương Xuân");
  ASSERT_EQ(config.targets_size(), 5);
  EXPECT_EQ(config.targets(0).measure(), v1::TargetDefinition::MEASURE_POOR_WITHOUT_LABOUR_CAPACITY_RATE);
  EXPECT_EQ(config.targets(0).comparison(), v1::TargetDefinition::COMPARISON_AT_MOST);
  EXPECT_DOUBLE_EQ(config.targets(0).threshold_percent(), 1.7);
  EXPECT_EQ(config.targets(1).external_figure_key(), "town_near_poor_rate");
  EXPECT_FALSE(config.targets(1).has_threshold_percent());
  EXPECT_NE(config.targets(3).description().find("proxy"), std::string::npos)
      << "the training target must say it measures households as a proxy";

  struct Official {
    int year;
    int poor;
    double rate;
  };
  const std::vector<Official> expected = {{2016, 230, 12.04}, {2017, 193, 10.04}, {2018, 106, 5.52},
                                          {2019, 57, 2.90},   {2020, 52, 2.61},   {2021, 82, 4.1}};
  ASSERT_EQ(config.historical_counts_size(), static_cast<int>(expected.size()));
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const v1::HistoricalCount& count = config.historical_counts(static_cast<int>(i));
    EXPECT_EQ(count.review_year(), expected[i].year);
    EXPECT_EQ(count.poor_households(), expected[i].poor);
    EXPECT_DOUBLE_EQ(count.poor_rate_percent(), expected[i].rate);
  }

  const AlertThresholds thresholds = AlertThresholdsFrom(config.alert_thresholds());
  EXPECT_EQ(thresholds.no_organization_days, 7);
  EXPECT_EQ(thresholds.no_helper_days, 14);
  EXPECT_EQ(thresholds.no_visit_days, 90);
  EXPECT_EQ(thresholds.review_deadline_warning_days, 3);
}

TEST(MonitoringConfigTest, SyntaxErrorsNameLineAndColumn) {
  const Result<v1::MonitoringConfig> parsed =
      ParseMonitoringConfig("ward_name: \"X\"\ntargets {\n  bogus: 1\n}\n");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().violations.front().field, "config");
  EXPECT_NE(parsed.error().violations.front().description.find("line 3"), std::string::npos)
      << parsed.error().violations.front().description;
}

TEST(MonitoringConfigTest, EveryInvalidTargetIsReported) {
  const Result<v1::MonitoringConfig> parsed = ParseMonitoringConfig(R"pb(
    targets {
      target_id: "a"
      title: "A"
      measure: MEASURE_NEAR_POOR_RATE
      comparison: COMPARISON_BELOW
      threshold_percent: 5
      external_figure_key: "k"
    }
    targets { target_id: "a" measure: MEASURE_LOAN_COVERAGE threshold_percent: 150 }
    historical_counts { review_year: 2016 poor_rate_percent: 12 }
    historical_counts { review_year: 2016 poor_households: -1 poor_rate_percent: 12 }
    alert_thresholds { no_visit_days: -5 }
  )pb");
  ASSERT_FALSE(parsed.ok());
  std::vector<std::string> fields;
  for (const FieldViolation& violation : parsed.error().violations) fields.push_back(violation.field);
  EXPECT_EQ(fields, (std::vector<std::string>{
                        "targets[0].threshold_percent",  // both threshold sources
                        "targets[1].target_id",          // repeated id
                        "targets[1].title",
                        "targets[1].comparison",
                        "targets[1].threshold_percent",  // over 100
                        "historical_counts[1].review_year",
                        "historical_counts[1].poor_households",
                        "alert_thresholds.no_visit_days",
                    }));
}

TEST(MonitoringConfigTest, AMissingFileIsAViolationNotACrash) {
  const Result<v1::MonitoringConfig> loaded = LoadMonitoringConfig("/nonexistent/targets.textproto");
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.error().violations.front().description.find("/nonexistent/targets.textproto"),
            std::string::npos);
}

}  // namespace
}  // namespace ansinh::monitoring
