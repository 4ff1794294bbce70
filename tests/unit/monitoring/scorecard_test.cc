#include "monitoring/core/scorecard.h"

#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "monitoring/core/monitoring_config.h"
#include "monitoring/core/ward_figures.h"

namespace ansinh::monitoring {
namespace {

using Line = v1::ScorecardLine;

v1::MonitoringConfig ShippedConfig() {
  Result<v1::MonitoringConfig> config = LoadMonitoringConfig(ANSINH_MONITORING_TARGETS_FILE);
  EXPECT_TRUE(config.ok());
  return config.ok() ? config.value() : v1::MonitoringConfig{};
}

// A crafted ward of 2000 households in 2025.
v1::WardFigures CraftedWard() {
  v1::WardFigures figures;
  figures.set_review_year(2025);
  figures.set_as_of("2025-12-31");
  figures.set_households(2000);
  *figures.mutable_poor() = MakeShare(60, 2000);
  *figures.mutable_poor_without_labour_capacity() = MakeShare(30, 2000);  // 1.5%
  *figures.mutable_near_poor() = MakeShare(100, 2000);                    // 5%
  *figures.mutable_loans_for_loan_needs() = MakeShare(12, 12);            // 100%
  *figures.mutable_training_for_training_needs() = MakeShare(0, 0);       // nothing to measure
  *figures.mutable_with_responsible_organization() = MakeShare(160, 160);
  *figures.mutable_with_helper() = MakeShare(158, 160);  // 98.75%
  return figures;
}

v1::ExternalFigure TownRate(int year, double percent, int64_t entered_at_seconds) {
  v1::ExternalFigure figure;
  figure.set_key("town_near_poor_rate");
  figure.set_review_year(year);
  figure.set_value_percent(percent);
  figure.set_source("Báo cáo thị xã");
  *figure.mutable_entered_at() = google::protobuf::util::TimeUtil::SecondsToTimestamp(entered_at_seconds);
  return figure;
}

const Line& LineOf(const v1::Scorecard& scorecard, const std::string& target_id) {
  for (const Line& line : scorecard.lines()) {
    if (line.target().target_id() == target_id) return line;
  }
  ADD_FAILURE() << "no line for " << target_id;
  static const Line kEmpty;
  return kEmpty;
}

TEST(ScorecardTest, CraftedWardIsMetNotMetAndUnknownTargetByTarget) {
  const v1::Scorecard scorecard = ComputeScorecard(ShippedConfig(), CraftedWard(), {});

  EXPECT_EQ(scorecard.review_year(), 2025);
  EXPECT_EQ(scorecard.as_of(), "2025-12-31");
  ASSERT_EQ(scorecard.lines_size(), 5);
  EXPECT_EQ(scorecard.lines(0).target().target_id(), "poor-without-labour-capacity");

  const Line& labour = LineOf(scorecard, "poor-without-labour-capacity");
  EXPECT_EQ(labour.status(), Line::STATUS_MET);
  EXPECT_DOUBLE_EQ(labour.threshold_percent(), 1.7);
  EXPECT_EQ(labour.explanation(), "1.50% (30 of 2000 households) against a target of at most 1.7%: met");

  const Line& near_poor = LineOf(scorecard, "near-poor-below-town");
  EXPECT_EQ(near_poor.status(), Line::STATUS_UNKNOWN);
  EXPECT_FALSE(near_poor.has_threshold_percent());
  EXPECT_NE(near_poor.explanation().find("town_near_poor_rate"), std::string::npos);

  EXPECT_EQ(LineOf(scorecard, "loans-for-loan-needs").status(), Line::STATUS_MET);

  const Line& training = LineOf(scorecard, "training-for-training-needs");
  EXPECT_EQ(training.status(), Line::STATUS_UNKNOWN);
  EXPECT_NE(training.explanation().find("no poor households with a training need"), std::string::npos);

  const Line& followed = LineOf(scorecard, "followed-and-helped");
  EXPECT_EQ(followed.status(), Line::STATUS_NOT_MET);
  EXPECT_EQ(followed.figure().count(), 158);
  EXPECT_EQ(followed.figure().total(), 160);
}

TEST(ScorecardTest, TheTownRateOfTheSameYearDecidesTheNearPoorTarget) {
  const v1::MonitoringConfig config = ShippedConfig();
  struct Case {
    std::vector<v1::ExternalFigure> entered;
    Line::Status expected;
  };
  const std::vector<Case> cases = {
      {{TownRate(2025, 6.0, 100)}, Line::STATUS_MET},
      {{TownRate(2025, 5.0, 100)}, Line::STATUS_NOT_MET},  // 5% is not below 5%
      {{TownRate(2025, 4.5, 100)}, Line::STATUS_NOT_MET},
      {{TownRate(2024, 6.0, 100)}, Line::STATUS_UNKNOWN},  // another year's rate
      // The latest entry for the year wins, whatever the order given.
      {{TownRate(2025, 6.0, 200), TownRate(2025, 4.0, 100)}, Line::STATUS_MET},
      {{TownRate(2025, 4.0, 100), TownRate(2025, 6.0, 200)}, Line::STATUS_MET},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const v1::Scorecard scorecard = ComputeScorecard(config, CraftedWard(), cases[i].entered);
    EXPECT_EQ(LineOf(scorecard, "near-poor-below-town").status(), cases[i].expected) << "case " << i;
  }
}

TEST(ScorecardTest, AFigureEqualToAnAtMostThresholdIsMet) {
  v1::WardFigures figures = CraftedWard();
  *figures.mutable_poor_without_labour_capacity() = MakeShare(34, 2000);  // exactly 1.7%
  EXPECT_EQ(LineOf(ComputeScorecard(ShippedConfig(), figures, {}), "poor-without-labour-capacity").status(),
            Line::STATUS_MET);
  *figures.mutable_poor_without_labour_capacity() = MakeShare(35, 2000);  // 1.75%
  EXPECT_EQ(LineOf(ComputeScorecard(ShippedConfig(), figures, {}), "poor-without-labour-capacity").status(),
            Line::STATUS_NOT_MET);
}

TEST(ScorecardTest, ExternalFiguresAreValidatedAgainstTheTargets) {
  const v1::MonitoringConfig config = ShippedConfig();
  EXPECT_TRUE(ValidateExternalFigure(config, TownRate(2025, 3.2, 0)).empty());

  v1::ExternalFigure bad = TownRate(1999, 120.0, 0);
  bad.set_key("province_rate");
  bad.clear_source();
  const FieldViolations violations = ValidateExternalFigure(config, bad);
  std::vector<std::string> fields;
  for (const FieldViolation& violation : violations) fields.push_back(violation.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"key", "review_year", "value_percent", "source"}));
  EXPECT_NE(violations[0].description.find("town_near_poor_rate"), std::string::npos);
}

}  // namespace
}  // namespace ansinh::monitoring
