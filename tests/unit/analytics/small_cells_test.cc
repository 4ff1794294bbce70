#include "analytics/small_cells.h"

#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ansinh::analytics {
namespace {

using ::testing::ElementsAre;

TEST(SmallCellPolicyTest, CountsOfOneToFourAreSuppressed) {
  const SmallCellPolicy policy;
  EXPECT_EQ(policy.threshold(), 5);
  EXPECT_TRUE(policy.MayShowCount(0));
  for (std::int64_t small : {1, 2, 3, 4}) EXPECT_FALSE(policy.MayShowCount(small)) << small;
  EXPECT_TRUE(policy.MayShowCount(5));
  EXPECT_TRUE(policy.MayShowCount(263));
  EXPECT_FALSE(policy.MayShowCount(-1));
}

TEST(SmallCellPolicyTest, DerivedFiguresNeedADenominatorOfFive) {
  const SmallCellPolicy policy;
  EXPECT_FALSE(policy.MayShowDerived(0));
  EXPECT_FALSE(policy.MayShowDerived(4));
  EXPECT_TRUE(policy.MayShowDerived(5));
}

TEST(SmallCellPolicyTest, AProportionMustNotRevealASmallNumeratorOrComplement) {
  const SmallCellPolicy policy;
  EXPECT_TRUE(policy.MayShowProportion(20, 49));
  EXPECT_TRUE(policy.MayShowProportion(0, 49));
  EXPECT_TRUE(policy.MayShowProportion(49, 49));
  // 2 of 49 (4,1%) names two households; 47 of 49 names the two that did not escape.
  EXPECT_FALSE(policy.MayShowProportion(2, 49));
  EXPECT_FALSE(policy.MayShowProportion(47, 49));
  EXPECT_FALSE(policy.MayShowProportion(0, 4));
  EXPECT_FALSE(policy.MayShowProportion(6, 5));
}

TEST(SmallCellPolicyTest, AnotherThreshold) {
  const SmallCellPolicy policy(10);
  EXPECT_FALSE(policy.MayShowCount(9));
  EXPECT_TRUE(policy.MayShowCount(10));
  EXPECT_EQ(SmallCellPolicy(0).threshold(), 1);
  EXPECT_TRUE(SmallCellPolicy(0).MayShowCount(1));
}

// Twelve households, one censored at month 2 and one at 10, the others
// escaping at 3, 6, 9 and 12: 11, 8, 5 and 2 at risk at the steps, so the
// last step describes fewer than five households.
KaplanMeierCurve ShrinkingCurve() {
  std::vector<SurvivalObservation> observations;
  for (double month : {3, 3, 3, 6, 6, 6, 9, 9, 12, 12}) observations.push_back({month, true});
  observations.push_back({2, false});
  observations.push_back({10, false});
  const auto curve = EstimateKaplanMeier(observations);
  EXPECT_TRUE(curve.ok());
  return *curve;
}

TEST(SmallCellPolicyTest, TruncatesAKaplanMeierCurveAtTheFirstSmallRiskSet) {
  const KaplanMeierCurve whole = ShrinkingCurve();
  std::vector<std::int64_t> at_risk;
  for (const KaplanMeierStep& step : whole.steps) at_risk.push_back(step.at_risk);
  ASSERT_THAT(at_risk, ElementsAre(11, 8, 5, 2));

  const KaplanMeierCurve shown = SmallCellPolicy().TruncateCurve(whole);
  EXPECT_TRUE(shown.truncated);
  ASSERT_EQ(shown.steps.size(), 3u);
  EXPECT_EQ(shown.steps.back().time_months, 9);
  EXPECT_EQ(shown.steps.back().estimate.survival, whole.steps[2].estimate.survival);
  EXPECT_EQ(shown.followed_until, 9);
  EXPECT_EQ(shown.at_risk_after_last_step, 3);
  // The horizons speak only of what is shown.
  EXPECT_TRUE(SurvivalAt(shown, 9).has_value());
  EXPECT_FALSE(SurvivalAt(shown, 12).has_value());
  EXPECT_TRUE(SurvivalAt(whole, 12).has_value());
}

TEST(SmallCellPolicyTest, CutsTheTailWhenFewAreFollowedAfterTheLastStep) {
  // Ten households, six escape at month 2, four followed until 30: the
  // curve after month 2 would speak of four families.
  std::vector<SurvivalObservation> observations(6, {2, true});
  for (double month : {10, 20, 25, 30}) observations.push_back({month, false});
  const auto whole = EstimateKaplanMeier(observations);
  ASSERT_TRUE(whole.ok());
  const KaplanMeierCurve shown = SmallCellPolicy().TruncateCurve(*whole);
  EXPECT_TRUE(shown.truncated);
  ASSERT_EQ(shown.steps.size(), 1u);
  EXPECT_EQ(shown.followed_until, 2);
  EXPECT_FALSE(SurvivalAt(shown, 12).has_value());
}

TEST(SmallCellPolicyTest, LeavesALargeCurveWhole) {
  std::vector<SurvivalObservation> observations;
  for (int i = 0; i < 20; ++i) observations.push_back({static_cast<double>(i % 4 + 1), i % 2 == 0});
  const auto whole = EstimateKaplanMeier(observations);
  ASSERT_TRUE(whole.ok());
  const KaplanMeierCurve shown = SmallCellPolicy().TruncateCurve(*whole);
  EXPECT_FALSE(shown.truncated);
  EXPECT_EQ(shown.steps.size(), whole->steps.size());
  EXPECT_EQ(shown.followed_until, whole->followed_until);
}

TEST(SmallCellPolicyTest, ASmallGroupShowsNoCurveAtAll) {
  const std::vector<SurvivalObservation> three = {{2, true}, {5, true}, {8, false}};
  const auto whole = EstimateKaplanMeier(three);
  ASSERT_TRUE(whole.ok());
  const KaplanMeierCurve shown = SmallCellPolicy().TruncateCurve(*whole);
  EXPECT_TRUE(shown.truncated);
  EXPECT_TRUE(shown.steps.empty());
  EXPECT_EQ(shown.followed_until, 0);
  EXPECT_FALSE(MedianTime(shown).has_value());
  EXPECT_FALSE(SurvivalAt(shown, 12).has_value());
}

TEST(SmallCellPolicyTest, ComplementarySuppressionHidesTheSmallestShownPart) {
  const SmallCellPolicy policy;
  // 40 = 12 + 3 + 8 + 17: the 3 alone would be 40 - 12 - 8 - 17.
  const std::vector<std::int64_t> parts = {12, 3, 8, 17};
  EXPECT_THAT(policy.ShowableParts(40, parts), ElementsAre(true, false, false, true));
  // The first of equal smallest parts.
  const std::vector<std::int64_t> equal = {9, 2, 9, 30};
  EXPECT_THAT(policy.ShowableParts(50, equal), ElementsAre(false, false, true, true));
  // A shown zero is the smallest part.
  const std::vector<std::int64_t> with_zero = {20, 0, 4, 6};
  EXPECT_THAT(policy.ShowableParts(30, with_zero), ElementsAre(true, false, false, true));
}

TEST(SmallCellPolicyTest, NoComplementWhenNothingCanBeDerived) {
  const SmallCellPolicy policy;
  // Nothing suppressed.
  const std::vector<std::int64_t> large = {12, 0, 8};
  EXPECT_THAT(policy.ShowableParts(20, large), ElementsAre(true, true, true));
  // Two suppressed already: their sum is known, not either of them.
  const std::vector<std::int64_t> two_small = {12, 3, 1, 8};
  EXPECT_THAT(policy.ShowableParts(24, two_small), ElementsAre(true, false, false, true));
  // The total is suppressed itself.
  const std::vector<std::int64_t> small_total = {0, 3, 0};
  EXPECT_THAT(policy.ShowableParts(3, small_total), ElementsAre(true, false, true));
  EXPECT_TRUE(policy.ShowableParts(0, {}).empty());
}

}  // namespace
}  // namespace ansinh::analytics
