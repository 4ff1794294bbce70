#include "monitoring/core/alerts.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "monitoring/core/ward_projection.h"
#include "ward_fixture.h"

namespace ansinh::monitoring {
namespace {

using Alert = v1::WardAlert;

CivilDate On(const char* text) { return *ParseIsoDate(text); }

class HouseholdAlertsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ward_.Register("P", "TDP-01");
    ward_.Approve("P", "R2024", 2024, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2025-01-01");
    // Households that must never raise an alert: escaped, and moved out.
    ward_.Approve("E", "R2023", 2023, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2023-12-01");
    ward_.Approve("E", "R2024", 2024, v1::POVERTY_CATEGORY_NOT_POOR, v1::TRANSITION_ESCAPED_POVERTY,
                  "2024-12-10");
    ward_.Approve("L", "R2024", 2024, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2024-06-01");
    ward_.Leave("L", "2024-12-01");
  }

  std::vector<Alert> AlertsOn(const char* today) {
    const std::vector<v1::HouseholdFigureRecord> records = projection_.Records();
    return ComputeAlerts(AlertInputs{records, {}, {}}, On(today), AlertThresholds{});
  }

  WardProjection projection_;
  testkit::WardBuilder ward_{projection_};
};

TEST_F(HouseholdAlertsTest, AlertsAppearWhenOverdueAndClearWhenTheConditionEnds) {
  EXPECT_TRUE(AlertsOn("2025-01-08").empty()) << "7 days without an organization is allowed";

  std::vector<Alert> alerts = AlertsOn("2025-01-09");
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].kind(), Alert::KIND_NO_ORGANIZATION);
  EXPECT_EQ(alerts[0].household_id(), "P");
  EXPECT_EQ(alerts[0].organization_id(), "");
  EXPECT_EQ(alerts[0].since(), "2025-01-01");
  EXPECT_EQ(alerts[0].age_days(), 8);
  EXPECT_EQ(alerts[0].message(),
            "Poor household P has had no responsible organization for 8 days (since 2025-01-01).");

  ward_.Assign("P", "C1", "womens-union", "2025-01-09");
  EXPECT_TRUE(AlertsOn("2025-01-09").empty()) << "the organization ends the first alert";
  EXPECT_TRUE(AlertsOn("2025-01-23").empty()) << "14 days without a helper is allowed";

  alerts = AlertsOn("2025-01-24");
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].kind(), Alert::KIND_NO_HELPER);
  EXPECT_EQ(alerts[0].organization_id(), "womens-union");
  EXPECT_EQ(alerts[0].since(), "2025-01-09");
  EXPECT_EQ(alerts[0].age_days(), 15);

  ward_.Helper("P", "C1", "women-03", "2025-01-24");
  EXPECT_TRUE(AlertsOn("2025-01-24").empty());
  EXPECT_TRUE(AlertsOn("2025-03-31").empty()) << "89 days without a visit is allowed";

  alerts = AlertsOn("2025-04-01");
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].kind(), Alert::KIND_NO_RECENT_VISIT);
  EXPECT_EQ(alerts[0].organization_id(), "womens-union");
  EXPECT_EQ(alerts[0].age_days(), 90);
  EXPECT_NE(alerts[0].message().find("never visited since 2025-01-01"), std::string::npos);

  ward_.Visit("P", "2025-03-15");
  EXPECT_TRUE(AlertsOn("2025-04-01").empty()) << "a visit ends the visit alert";

  alerts = AlertsOn("2025-06-13");
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].kind(), Alert::KIND_NO_RECENT_VISIT);
  EXPECT_EQ(alerts[0].since(), "2025-03-15");
  EXPECT_NE(alerts[0].message().find("last visit 2025-03-15"), std::string::npos);

  ward_.Visit("P", "2025-06-13");
  ward_.Close("P", "C1", "2025-06-20");
  EXPECT_TRUE(AlertsOn("2025-06-27").empty());
  alerts = AlertsOn("2025-06-28");
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].kind(), Alert::KIND_NO_ORGANIZATION);
  EXPECT_EQ(alerts[0].since(), "2025-06-20") << "counted from the case's closing";
}

TEST_F(HouseholdAlertsTest, ConfiguredThresholdsReplaceTheDefaults) {
  const std::vector<v1::HouseholdFigureRecord> records = projection_.Records();
  v1::AlertThresholds configured;
  configured.set_no_organization_days(2);
  const AlertThresholds thresholds = AlertThresholdsFrom(configured);
  EXPECT_EQ(thresholds.no_helper_days, 14) << "unset fields keep the default";
  EXPECT_EQ(ComputeAlerts(AlertInputs{records, {}, {}}, On("2025-01-04"), thresholds).size(), 1u);
}

TEST(ReviewAndDeadLetterAlertsTest, DeadlinesNearAndPastAndDeadLetters) {
  const CivilDate today = On("2025-04-01");
  const std::vector<OpenRegularReview> reviews = {
      {"RR-1", "H1", On("2025-03-20"), On("2025-04-04")},  // 3 days left
      {"RR-2", "H2", On("2025-03-21"), On("2025-04-05")},  // 4 days left: no alert
      {"RR-3", "H3", On("2025-03-17"), On("2025-04-01")},  // due today
      {"RR-4", "H4", On("2025-03-15"), On("2025-03-30")},  // 2 days late
  };
  const std::vector<DeadLetteredEvent> dead_letters = {{"ansinh:{p0}:events:assignment", "ev-9",
                                                        "assignment.visit_recorded.v1", "H9",
                                                        "payload does not parse", On("2025-03-31")}};
  const std::vector<Alert> alerts =
      ComputeAlerts(AlertInputs{{}, reviews, dead_letters}, today, AlertThresholds{});

  struct Expected {
    Alert::Kind kind;
    const char* reference;
    const char* since;
    int age;
  };
  // Oldest condition first.
  const std::vector<Expected> expected = {
      {Alert::KIND_REVIEW_DEADLINE_PASSED, "RR-4", "2025-03-15", 17},
      {Alert::KIND_REVIEW_DEADLINE_NEAR, "RR-3", "2025-03-17", 15},
      {Alert::KIND_REVIEW_DEADLINE_NEAR, "RR-1", "2025-03-20", 12},
      {Alert::KIND_DEAD_LETTERED_EVENT, "ev-9", "2025-03-31", 1},
  };
  ASSERT_EQ(alerts.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(alerts[i].kind(), expected[i].kind) << i;
    EXPECT_EQ(alerts[i].reference_id(), expected[i].reference) << i;
    EXPECT_EQ(alerts[i].since(), expected[i].since) << i;
    EXPECT_EQ(alerts[i].age_days(), expected[i].age) << i;
    EXPECT_EQ(alerts[i].organization_id(), "") << "reviews and dead letters go to the ward";
  }
  EXPECT_EQ(alerts[0].message(),
            "The regular review of household H4 (RR-4) was due on 2025-03-30: 2 days late.");
  EXPECT_EQ(alerts[1].message(),
            "The regular review of household H3 (RR-3) must be decided by 2025-04-01: 0 days left.");
  EXPECT_NE(alerts[3].message().find("payload does not parse"), std::string::npos);
}

TEST(GroupAlertsTest, AlertsAreListedPerOrganizationWardFirst) {
  std::vector<Alert> alerts;
  for (const auto& [organization, household] :
       {std::pair{"womens-union", "H1"}, std::pair{"", "H2"}, std::pair{"farmers-union", "H3"},
        std::pair{"womens-union", "H4"}}) {
    Alert& alert = alerts.emplace_back();
    alert.set_organization_id(organization);
    alert.set_household_id(household);
    alert.set_since("2025-01-01");
  }

  const std::vector<v1::OrganizationAlerts> groups = GroupAlertsByOrganization(alerts);
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[0].organization_id(), "");
  EXPECT_EQ(groups[1].organization_id(), "farmers-union");
  EXPECT_EQ(groups[2].organization_id(), "womens-union");
  ASSERT_EQ(groups[2].alerts_size(), 2);
  EXPECT_EQ(groups[2].alerts(0).household_id(), "H1");
  EXPECT_EQ(groups[2].alerts(1).household_id(), "H4");

  const std::vector<v1::OrganizationAlerts> filtered = GroupAlertsByOrganization(alerts, "womens-union");
  ASSERT_EQ(filtered.size(), 1u);
  EXPECT_EQ(filtered[0].alerts_size(), 2);
  EXPECT_TRUE(GroupAlertsByOrganization(alerts, "red-cross").empty());
}

}  // namespace
}  // namespace ansinh::monitoring

namespace ansinh::monitoring {
namespace {

// Issue 19: affected poor and near-poor households not contacted since the
// emergency began are listed; a visit or support since then clears the alert.
TEST(EmergencyAlertsTest, AffectedHouseholdsNotContactedSinceTheEmergencyBeganAreListedUntilContacted) {
  WardProjection projection;
  testkit::WardBuilder ward{projection};
  for (const char* household : {"P", "N", "A"}) ward.Register(household, "TDP-03");
  ward.Approve("P", "R2024", 2024, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2024-12-10");
  ward.Approve("N", "R2024", 2024, v1::POVERTY_CATEGORY_NEAR_POOR, v1::TRANSITION_NEWLY_NEAR_POOR,
               "2024-12-10");
  ward.Approve("A", "R2024", 2024, v1::POVERTY_CATEGORY_AVERAGE, v1::TRANSITION_UNSPECIFIED, "2024-12-10");
  for (const char* household : {"P", "N"}) {
    ward.Assign(household, std::string("CASE-") + household + "-1", "womens-union", "2024-12-11");
    ward.Helper(household, std::string("CASE-") + household + "-1", "women-01", "2024-12-12");
    // Visited before the flood: that does not count.
    ward.Visit(household, "2025-10-20");
  }
  for (const char* household : {"P", "N", "A"}) {
    ASSERT_TRUE(projection.Apply(EmergencyStrikeFact{household, "EMG-2025-1", "2025-10-29"}).ok());
  }
  v1::Emergency flood;
  flood.set_emergency_id("EMG-2025-1");
  flood.set_name("Lũ lụt tháng 10/2025");
  flood.set_began_on("2025-10-27");
  const std::vector<v1::Emergency> emergencies{flood};

  const auto alerts_on = [&](const char* today) {
    const std::vector<v1::HouseholdFigureRecord> records = projection.Records();
    std::vector<Alert> found;
    for (const Alert& alert : ComputeAlerts(AlertInputs{records, {}, {}, emergencies}, On(today), {})) {
      if (alert.kind() == Alert::KIND_EMERGENCY_NOT_CONTACTED) found.push_back(alert);
    }
    return found;
  };
  std::vector<Alert> alerts = alerts_on("2025-11-01");
  ASSERT_EQ(alerts.size(), 2u) << "the average household is not listed";
  EXPECT_EQ(alerts[0].household_id(), "N");
  EXPECT_EQ(alerts[1].household_id(), "P");
  EXPECT_EQ(alerts[1].organization_id(), "womens-union");
  EXPECT_EQ(alerts[1].since(), "2025-10-27");
  EXPECT_EQ(alerts[1].age_days(), 5);
  EXPECT_EQ(alerts[1].reference_id(), "EMG-2025-1");
  EXPECT_NE(alerts[1].message().find("Lũ lụt tháng 10/2025"), std::string::npos);

  ward.Visit("P", "2025-11-02");
  ward.Support("N", "CASE-N-1/S1", v1::HouseholdFigureRecord::SUPPORT_KIND_OTHER, "2025-11-03");
  alerts = alerts_on("2025-11-02");
  ASSERT_EQ(alerts.size(), 1u) << "support dated tomorrow does not count today";
  EXPECT_EQ(alerts[0].household_id(), "N");
  EXPECT_TRUE(alerts_on("2025-11-03").empty());
}

}  // namespace
}  // namespace ansinh::monitoring
