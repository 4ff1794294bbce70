#include "classification/core/transitions.h"

#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "survey_builder.h"

namespace ansinh::classification {
namespace {

using testkit::kAverage;
using testkit::kNearPoor;
using testkit::kNotPoor;
using testkit::kPoor;
constexpr auto kNoCategory = v1::POVERTY_CATEGORY_UNSPECIFIED;

struct TransitionCase {
  std::vector<v1::PovertyCategory> earlier;
  v1::PovertyCategory approved;
  v1::Transition expected;
};

std::string HistoryWords(const std::vector<v1::PovertyCategory>& earlier) {
  std::string words = "[";
  for (v1::PovertyCategory category : earlier) {
    if (words.size() > 1) words += ", ";
    words += v1::PovertyCategory_Name(category);
  }
  return words + "]";
}

// Every cell of the table in transitions.h (previous category x approved
// category), each with the histories that decide between its values: never
// on either list, poor at an earlier review, near-poor at an earlier review.
TEST(TransitionsTest, EveryPreviousAndApprovedPair) {
  const std::vector<TransitionCase> cases = {
      // Never approved before.
      {{}, kPoor, v1::TRANSITION_NEWLY_POOR},
      {{}, kNearPoor, v1::TRANSITION_NEWLY_NEAR_POOR},
      {{}, kAverage, v1::TRANSITION_UNCHANGED},
      {{}, kNotPoor, v1::TRANSITION_UNCHANGED},
      {{}, kNoCategory, v1::TRANSITION_UNSPECIFIED},
      // Poor before.
      {{kPoor}, kPoor, v1::TRANSITION_UNCHANGED},
      {{kPoor}, kNearPoor, v1::TRANSITION_POOR_TO_NEAR_POOR},
      // Up from poverty is never a relapse into near-poverty, even for a
      // household near-poor at an earlier review.
      {{kNearPoor, kPoor}, kNearPoor, v1::TRANSITION_POOR_TO_NEAR_POOR},
      {{kPoor}, kAverage, v1::TRANSITION_ESCAPED_POVERTY},
      {{kPoor}, kNotPoor, v1::TRANSITION_ESCAPED_POVERTY},
      {{kNearPoor, kPoor}, kNotPoor, v1::TRANSITION_ESCAPED_POVERTY},
      {{kPoor}, kNoCategory, v1::TRANSITION_UNSPECIFIED},
      // Near-poor before.
      {{kNearPoor}, kPoor, v1::TRANSITION_NEAR_POOR_TO_POOR},
      {{kNotPoor, kNearPoor}, kPoor, v1::TRANSITION_NEAR_POOR_TO_POOR},
      // Poor -> near-poor counted as escaping poverty, so coming back is a relapse.
      {{kPoor, kNearPoor}, kPoor, v1::TRANSITION_NEAR_POOR_TO_POOR_RELAPSED},
      {{kPoor, kAverage, kNearPoor}, kPoor, v1::TRANSITION_NEAR_POOR_TO_POOR_RELAPSED},
      {{kNearPoor}, kNearPoor, v1::TRANSITION_UNCHANGED},
      {{kPoor, kNearPoor}, kNearPoor, v1::TRANSITION_UNCHANGED},
      {{kNearPoor}, kAverage, v1::TRANSITION_ESCAPED_NEAR_POVERTY},
      {{kNearPoor}, kNotPoor, v1::TRANSITION_ESCAPED_NEAR_POVERTY},
      {{kPoor, kNearPoor}, kAverage, v1::TRANSITION_ESCAPED_NEAR_POVERTY},
      {{kNearPoor}, kNoCategory, v1::TRANSITION_UNSPECIFIED},
      // Average before.
      {{kAverage}, kPoor, v1::TRANSITION_NEWLY_POOR},
      {{kNearPoor, kAverage}, kPoor, v1::TRANSITION_NEWLY_POOR},
      {{kPoor, kAverage}, kPoor, v1::TRANSITION_RELAPSED},
      {{kPoor, kNearPoor, kAverage}, kPoor, v1::TRANSITION_RELAPSED},
      {{kAverage}, kNearPoor, v1::TRANSITION_NEWLY_NEAR_POOR},
      // Escaped poverty earlier but never near-poor: a new near-poor household.
      {{kPoor, kAverage}, kNearPoor, v1::TRANSITION_NEWLY_NEAR_POOR},
      {{kNearPoor, kAverage}, kNearPoor, v1::TRANSITION_RELAPSED_NEAR_POOR},
      {{kNearPoor, kPoor, kAverage}, kNearPoor, v1::TRANSITION_RELAPSED_NEAR_POOR},
      {{kAverage}, kAverage, v1::TRANSITION_UNCHANGED},
      {{kAverage}, kNotPoor, v1::TRANSITION_UNCHANGED},
      {{kAverage}, kNoCategory, v1::TRANSITION_UNSPECIFIED},
      // Not poor before.
      {{kNotPoor}, kPoor, v1::TRANSITION_NEWLY_POOR},
      {{kAverage, kAverage}, kPoor, v1::TRANSITION_NEWLY_POOR},
      {{kPoor, kNotPoor}, kPoor, v1::TRANSITION_RELAPSED},
      {{kPoor, kAverage, kNotPoor}, kPoor, v1::TRANSITION_RELAPSED},
      {{kNotPoor}, kNearPoor, v1::TRANSITION_NEWLY_NEAR_POOR},
      {{kNearPoor, kNotPoor}, kNearPoor, v1::TRANSITION_RELAPSED_NEAR_POOR},
      {{kNotPoor}, kAverage, v1::TRANSITION_UNCHANGED},
      {{kNotPoor}, kNotPoor, v1::TRANSITION_UNCHANGED},
      {{kNotPoor}, kNoCategory, v1::TRANSITION_UNSPECIFIED},
  };
  for (const TransitionCase& c : cases) {
    EXPECT_EQ(DecideTransition(c.earlier, c.approved), c.expected)
        << "to " << v1::PovertyCategory_Name(c.approved) << " after " << HistoryWords(c.earlier) << ", got "
        << v1::Transition_Name(DecideTransition(c.earlier, c.approved));
  }
}

// What each transition adds to the flows of the two lists.
struct Flows {
  bool newly_poor = false;
  bool relapsed_into_poverty = false;
  bool escaped_poverty = false;
  bool newly_near_poor = false;
  bool relapsed_into_near_poverty = false;
  bool escaped_near_poverty = false;
  bool near_poor_to_poor = false;
  bool poor_to_near_poor = false;

  bool operator==(const Flows&) const = default;
};

Flows FlowsOf(v1::Transition transition) {
  return {CountsAsNewlyPoor(transition),
          CountsAsRelapsedIntoPoverty(transition),
          CountsAsEscapedPoverty(transition),
          CountsAsNewlyNearPoor(transition),
          CountsAsRelapsedIntoNearPoverty(transition),
          CountsAsEscapedNearPoverty(transition),
          MovesFromNearPoorToPoor(transition),
          MovesFromPoorToNearPoor(transition)};
}

TEST(TransitionsTest, EachTransitionCountsInTheFlowsOfEveryListItTouches) {
  const std::map<v1::Transition, Flows> expected = {
      {v1::TRANSITION_UNSPECIFIED, {}},
      {v1::TRANSITION_UNCHANGED, {}},
      {v1::TRANSITION_NEWLY_POOR, {.newly_poor = true}},
      {v1::TRANSITION_RELAPSED, {.relapsed_into_poverty = true}},
      {v1::TRANSITION_ESCAPED_POVERTY, {.escaped_poverty = true}},
      {v1::TRANSITION_NEWLY_NEAR_POOR, {.newly_near_poor = true}},
      {v1::TRANSITION_RELAPSED_NEAR_POOR, {.relapsed_into_near_poverty = true}},
      {v1::TRANSITION_ESCAPED_NEAR_POVERTY, {.escaped_near_poverty = true}},
      // Escaped poverty and newly near-poor at once.
      {v1::TRANSITION_POOR_TO_NEAR_POOR,
       {.escaped_poverty = true, .newly_near_poor = true, .poor_to_near_poor = true}},
      // Newly poor (nghèo phát sinh) and off the near-poor list at once.
      {v1::TRANSITION_NEAR_POOR_TO_POOR,
       {.newly_poor = true, .escaped_near_poverty = true, .near_poor_to_poor = true}},
      {v1::TRANSITION_NEAR_POOR_TO_POOR_RELAPSED,
       {.relapsed_into_poverty = true, .escaped_near_poverty = true, .near_poor_to_poor = true}},
  };
  // Every value of the enum has a row: a new transition must say what it counts as.
  const google::protobuf::EnumDescriptor* descriptor = v1::Transition_descriptor();
  ASSERT_EQ(expected.size(), static_cast<size_t>(descriptor->value_count()));
  for (const auto& [transition, flows] : expected) {
    EXPECT_TRUE(FlowsOf(transition) == flows) << v1::Transition_Name(transition);
  }
}

// Every history of up to four approvals, every approved category: the
// predicates move a household onto and off the lists exactly as its
// categories do, which is what makes monitoring's counts reconcile (last
// year's count + inflows - outflows = this year's count), and a relapse is
// always back onto a list the household was on at an earlier review.
TEST(TransitionsTest, FlowsAgreeWithTheCategoriesForEveryHistory) {
  const std::vector<v1::PovertyCategory> categories = {kPoor, kNearPoor, kAverage, kNotPoor};
  std::vector<std::vector<v1::PovertyCategory>> histories = {{}};
  for (size_t begin = 0, length = 0; length < 4; ++length) {
    const size_t end = histories.size();
    for (size_t i = begin; i < end; ++i) {
      for (v1::PovertyCategory category : categories) {
        std::vector<v1::PovertyCategory> longer = histories[i];
        longer.push_back(category);
        histories.push_back(longer);
      }
    }
    begin = end;
  }
  ASSERT_EQ(histories.size(), 1u + 4 + 16 + 64 + 256);

  for (const std::vector<v1::PovertyCategory>& earlier : histories) {
    const v1::PovertyCategory previous = earlier.empty() ? kNoCategory : earlier.back();
    const auto had = [&](v1::PovertyCategory category) {
      return std::find(earlier.begin(), earlier.end(), category) != earlier.end();
    };
    for (v1::PovertyCategory approved : {kPoor, kNearPoor, kAverage, kNotPoor, kNoCategory}) {
      SCOPED_TRACE("to " + v1::PovertyCategory_Name(approved) + " after " + HistoryWords(earlier));
      const Flows flows = FlowsOf(DecideTransition(earlier, approved));
      const bool decided = approved != kNoCategory;
      const int poor_in = flows.newly_poor + flows.relapsed_into_poverty;
      const int near_in = flows.newly_near_poor + flows.relapsed_into_near_poverty;
      EXPECT_EQ(poor_in, decided && approved == kPoor && previous != kPoor ? 1 : 0);
      EXPECT_EQ(flows.escaped_poverty, decided && previous == kPoor && approved != kPoor);
      EXPECT_EQ(near_in, decided && approved == kNearPoor && previous != kNearPoor ? 1 : 0);
      EXPECT_EQ(flows.escaped_near_poverty, decided && previous == kNearPoor && approved != kNearPoor);
      EXPECT_EQ(flows.near_poor_to_poor, previous == kNearPoor && approved == kPoor);
      EXPECT_EQ(flows.poor_to_near_poor, previous == kPoor && approved == kNearPoor);
      EXPECT_EQ(flows.relapsed_into_poverty, poor_in == 1 && had(kPoor));
      // Up from poverty is never a relapse into near-poverty.
      EXPECT_EQ(flows.relapsed_into_near_poverty, near_in == 1 && previous != kPoor && had(kNearPoor));
    }
  }
}

}  // namespace
}  // namespace ansinh::classification
