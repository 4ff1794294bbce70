#include "analytics/kaplan_meier.h"

#include <cmath>
#include <limits>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ansinh::analytics {
namespace {

// The 6-MP arm of Freireich et al. (1963), "The effect of 6-mercaptopurine
// on the duration of steroid-induced remissions in acute leukemia", Blood
// 21:699-716: weeks of remission of 21 patients, + marking a censored
// remission. The textbook example of Kleinbaum and Klein, Survival Analysis:
// A Self-Learning Text (chapter 2), and the `gehan` data of R's MASS package:
//   6, 6, 6, 6+, 7, 9+, 10, 10+, 11+, 13, 16, 17+, 19+, 20+, 22, 23, 25+,
//   32+, 32+, 34+, 35+
// (the unit here is weeks, not months: the estimator does not care).
std::vector<SurvivalObservation> SixMpArm() {
  const std::vector<std::pair<double, bool>> remissions = {
      {6, true},   {6, true},   {6, true},   {6, false},  {7, true},   {9, false},  {10, true},
      {10, false}, {11, false}, {13, true},  {16, true},  {17, false}, {19, false}, {20, false},
      {22, true},  {23, true},  {25, false}, {32, false}, {32, false}, {34, false}, {35, false}};
  std::vector<SurvivalObservation> observations;
  for (const auto& [time, event] : remissions) observations.push_back({time, event});
  return observations;
}

// R's survfit(Surv(time, cens) ~ 1) on that arm (survival package, its
// default conf.type = "log"), as printed by summary() and reproduced in the
// textbooks: time, n.risk, n.event, survival, std.err, lower and upper 95%.
struct PublishedStep {
  double time;
  std::int64_t at_risk;
  std::int64_t events;
  double survival;
  double standard_error;
  double lower;
  double upper;
};
constexpr PublishedStep kSixMpSurvfit[] = {
    {6, 21, 3, 0.857, 0.0764, 0.720, 1.000},  {7, 17, 1, 0.807, 0.0869, 0.653, 0.996},
    {10, 15, 1, 0.753, 0.0963, 0.586, 0.968}, {13, 12, 1, 0.690, 0.1068, 0.510, 0.935},
    {16, 11, 1, 0.627, 0.1141, 0.439, 0.896}, {22, 7, 1, 0.538, 0.1282, 0.337, 0.858},
    {23, 6, 1, 0.448, 0.1346, 0.249, 0.807},
};

TEST(KaplanMeierTest, MatchesSurvfitOnTheSixMpArm) {
  const auto curve = EstimateKaplanMeier(SixMpArm());
  ASSERT_TRUE(curve.ok()) << curve.error().message;
  EXPECT_EQ(curve->observations, 21);
  ASSERT_EQ(curve->steps.size(), std::size(kSixMpSurvfit));
  for (std::size_t i = 0; i < curve->steps.size(); ++i) {
    const KaplanMeierStep& step = curve->steps[i];
    const PublishedStep& published = kSixMpSurvfit[i];
    SCOPED_TRACE("week " + std::to_string(published.time));
    EXPECT_EQ(step.time_months, published.time);
    EXPECT_EQ(step.at_risk, published.at_risk);
    EXPECT_EQ(step.events, published.events);
    EXPECT_NEAR(step.estimate.survival, published.survival, 0.0005);
    ASSERT_TRUE(step.estimate.standard_error.has_value());
    EXPECT_NEAR(*step.estimate.standard_error, published.standard_error, 0.00005);
    ASSERT_TRUE(step.estimate.survival_interval.has_value());
    EXPECT_NEAR(step.estimate.survival_interval->lower, published.lower, 0.0005);
    EXPECT_NEAR(step.estimate.survival_interval->upper, published.upper, 0.0005);
    // The share escaped mirrors the share still poor.
    EXPECT_DOUBLE_EQ(step.estimate.escaped, 1 - step.estimate.survival);
    ASSERT_TRUE(step.estimate.escaped_interval.has_value());
    EXPECT_DOUBLE_EQ(step.estimate.escaped_interval->lower, 1 - step.estimate.survival_interval->upper);
    EXPECT_DOUBLE_EQ(step.estimate.escaped_interval->upper, 1 - step.estimate.survival_interval->lower);
  }
  // The first step's upper limit, 1.0446 unclipped, is clipped at 1.
  EXPECT_EQ(curve->steps[0].estimate.survival_interval->upper, 1.0);
  EXPECT_EQ(curve->steps[0].estimate.escaped_interval->lower, 0.0);
}

TEST(KaplanMeierTest, ExactValuesOfTheSixMpArm) {
  const auto curve = EstimateKaplanMeier(SixMpArm());
  ASSERT_TRUE(curve.ok());
  // S(6) = 18/21, S(7) = 18/21 · 16/17; Greenwood: 3/(21·18), + 1/(17·16).
  EXPECT_DOUBLE_EQ(curve->steps[0].estimate.survival, 18.0 / 21);
  EXPECT_DOUBLE_EQ(curve->steps[1].estimate.survival, 18.0 / 21 * 16 / 17);
  EXPECT_NEAR(*curve->steps[1].estimate.standard_error,
              18.0 / 21 * 16 / 17 * std::sqrt(3.0 / (21 * 18) + 1.0 / (17 * 16)), 1e-15);
}

TEST(KaplanMeierTest, CountsTheCensoredBetweenStepsEventsFirstAtTies) {
  const auto curve = EstimateKaplanMeier(SixMpArm());
  ASSERT_TRUE(curve.ok());
  // 6+ is censored at the first step's own time: still at risk at week 6
  // (21), counted as censored before the step at 7. Then 9+; 10+ and 11+;
  // none; 17+, 19+ and 20+; none.
  std::vector<std::int64_t> censored;
  for (const KaplanMeierStep& step : curve->steps) censored.push_back(step.censored_since_previous);
  EXPECT_THAT(censored, ::testing::ElementsAre(0, 1, 1, 2, 0, 3, 0));
  // 25+, 32+, 32+, 34+, 35+ after the last step.
  EXPECT_EQ(curve->at_risk_after_last_step, 5);
  EXPECT_EQ(curve->followed_until, 35);
  // Every household is an event or a censoring exactly once, and each step's
  // risk set is the previous one less its events and the censored between.
  std::int64_t accounted = curve->at_risk_after_last_step;
  for (std::size_t i = 0; i < curve->steps.size(); ++i) {
    const KaplanMeierStep& step = curve->steps[i];
    accounted += step.events + step.censored_since_previous;
    if (i > 0) {
      const KaplanMeierStep& previous = curve->steps[i - 1];
      EXPECT_EQ(step.at_risk, previous.at_risk - previous.events - step.censored_since_previous);
    }
  }
  EXPECT_EQ(accounted, 21);
}

TEST(KaplanMeierTest, OrderOfTheInputDoesNotMatter) {
  std::vector<SurvivalObservation> reversed = SixMpArm();
  std::reverse(reversed.begin(), reversed.end());
  const auto forward = EstimateKaplanMeier(SixMpArm());
  const auto backward = EstimateKaplanMeier(reversed);
  ASSERT_TRUE(forward.ok() && backward.ok());
  ASSERT_EQ(forward->steps.size(), backward->steps.size());
  for (std::size_t i = 0; i < forward->steps.size(); ++i) {
    EXPECT_EQ(forward->steps[i].at_risk, backward->steps[i].at_risk);
    EXPECT_EQ(forward->steps[i].censored_since_previous, backward->steps[i].censored_since_previous);
    EXPECT_EQ(forward->steps[i].estimate.survival, backward->steps[i].estimate.survival);
  }
}

TEST(KaplanMeierTest, MedianAndHorizonsOfTheSixMpArm) {
  const auto curve = EstimateKaplanMeier(SixMpArm());
  ASSERT_TRUE(curve.ok());
  // R: median 23 weeks (the first time S <= 0.5).
  ASSERT_TRUE(MedianTime(*curve).has_value());
  EXPECT_EQ(*MedianTime(*curve), 23);
  // The step function: S(12) is S(10), S(24) is S(23).
  const auto at12 = SurvivalAt(*curve, 12);
  ASSERT_TRUE(at12.has_value());
  EXPECT_NEAR(at12->survival, 0.753, 0.0005);
  EXPECT_NEAR(at12->survival_interval->lower, 0.586, 0.0005);
  const auto at24 = SurvivalAt(*curve, 24);
  ASSERT_TRUE(at24.has_value());
  EXPECT_NEAR(at24->survival, 0.448, 0.0005);
  // At a step's own time the step has happened.
  EXPECT_NEAR(SurvivalAt(*curve, 23)->survival, 0.448, 0.0005);
  EXPECT_NEAR(SurvivalAt(*curve, 22.999)->survival, 0.538, 0.0005);
  // Nobody was followed past week 35: nothing is known at 36.
  EXPECT_TRUE(SurvivalAt(*curve, 35).has_value());
  EXPECT_FALSE(SurvivalAt(*curve, 36).has_value());
  // Before the first escape every household is still poor, with certainty.
  const auto at3 = SurvivalAt(*curve, 3);
  ASSERT_TRUE(at3.has_value());
  EXPECT_EQ(at3->survival, 1.0);
  EXPECT_EQ(*at3->standard_error, 0.0);
  EXPECT_EQ(at3->survival_interval->lower, 1.0);
  EXPECT_EQ(at3->escaped_interval->upper, 0.0);
  EXPECT_FALSE(SurvivalAt(*curve, -1).has_value());
  EXPECT_FALSE(SurvivalAt(*curve, std::numeric_limits<double>::quiet_NaN()).has_value());
}

// The placebo arm of the same trial (Kleinbaum and Klein, chapter 2): 21
// relapses, none censored, so S falls to 0 at the last one. Published S:
// 0.905, 0.810, 0.762, 0.667, 0.571, 0.381, 0.286, 0.190, 0.143, 0.095,
// 0.048, 0; median 8 weeks. Without censoring Greenwood's standard error is
// the binomial one, sqrt(S(1-S)/n).
TEST(KaplanMeierTest, PlaceboArmFallsToZeroWithoutAnInterval) {
  std::vector<SurvivalObservation> placebo;
  for (double week : {1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23}) {
    placebo.push_back({week, true});
  }
  const auto curve = EstimateKaplanMeier(placebo);
  ASSERT_TRUE(curve.ok());
  const double published[] = {0.905, 0.810, 0.762, 0.667, 0.571, 0.381, 0.286, 0.190, 0.143, 0.095, 0.048, 0};
  ASSERT_EQ(curve->steps.size(), std::size(published));
  for (std::size_t i = 0; i < curve->steps.size(); ++i) {
    const SurvivalEstimate& estimate = curve->steps[i].estimate;
    EXPECT_NEAR(estimate.survival, published[i], 0.0005) << i;
    if (estimate.survival > 0) {
      EXPECT_NEAR(*estimate.standard_error, std::sqrt(estimate.survival * (1 - estimate.survival) / 21),
                  1e-12);
    }
  }
  const SurvivalEstimate& last = curve->steps.back().estimate;
  EXPECT_EQ(last.survival, 0.0);
  EXPECT_EQ(last.escaped, 1.0);
  EXPECT_FALSE(last.standard_error.has_value());
  EXPECT_FALSE(last.survival_interval.has_value());
  EXPECT_FALSE(last.escaped_interval.has_value());
  EXPECT_EQ(curve->at_risk_after_last_step, 0);
  EXPECT_EQ(*MedianTime(*curve), 8);
  // Everyone relapsed by week 23: S stays 0 beyond it.
  ASSERT_TRUE(SurvivalAt(*curve, 36).has_value());
  EXPECT_EQ(SurvivalAt(*curve, 36)->survival, 0.0);
}

TEST(KaplanMeierTest, MedianAtExactlyOneHalfAndNoneWhenNeverReached) {
  // Four households, two escape at 5 months: S(5) = 1/2 exactly.
  const std::vector<SurvivalObservation> half = {{5, true}, {5, true}, {9, false}, {12, false}};
  const auto curve = EstimateKaplanMeier(half);
  ASSERT_TRUE(curve.ok());
  EXPECT_EQ(*MedianTime(*curve), 5);
  // 3/4 · 2/3 is one half up to rounding.
  const std::vector<SurvivalObservation> product = {{1, true}, {2, true}, {3, false}, {4, false}};
  const auto rounded = EstimateKaplanMeier(product);
  ASSERT_TRUE(rounded.ok());
  EXPECT_EQ(*MedianTime(*rounded), 2);
  // One in three escapes: S never gets to one half.
  const std::vector<SurvivalObservation> few = {{3, true}, {6, false}, {7, false}};
  const auto never = EstimateKaplanMeier(few);
  ASSERT_TRUE(never.ok());
  EXPECT_FALSE(MedianTime(*never).has_value());
}

TEST(KaplanMeierTest, NoEventsGiveNoStep) {
  const std::vector<SurvivalObservation> poor = {{4, false}, {10, false}};
  const auto curve = EstimateKaplanMeier(poor);
  ASSERT_TRUE(curve.ok());
  EXPECT_TRUE(curve->steps.empty());
  EXPECT_EQ(curve->at_risk_after_last_step, 2);
  EXPECT_EQ(SurvivalAt(*curve, 6)->survival, 1.0);
  EXPECT_FALSE(SurvivalAt(*curve, 12).has_value());

  const auto empty = EstimateKaplanMeier({});
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->observations, 0);
  EXPECT_TRUE(empty->steps.empty());
  EXPECT_FALSE(MedianTime(*empty).has_value());
}

TEST(KaplanMeierTest, RefusesBadTimesNamingEach) {
  const std::vector<SurvivalObservation> bad = {{3, true},
                                                {-1, true},
                                                {std::numeric_limits<double>::quiet_NaN(), false},
                                                {5, false},
                                                {std::numeric_limits<double>::infinity(), true}};
  const auto refused = EstimateKaplanMeier(bad, 0);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const FieldViolation& violation : refused.error().violations) fields.push_back(violation.field);
  EXPECT_THAT(fields, ::testing::ElementsAre("observations[1].time_months", "observations[2].time_months",
                                             "observations[4].time_months", "confidence"));
}

}  // namespace
}  // namespace ansinh::analytics
