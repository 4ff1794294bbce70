// The monitoring binary's alerts: they appear when a condition has lasted
// past its threshold, are listed per organization with their age, and clear
// as soon as the event that ends the condition arrives.
#include "monitoring_fixture.h"

namespace ansinh {
namespace {

using testkit::AuthorizedContext;
using testkit::MonitoringFixture;

class MonitoringAlertsTest : public MonitoringFixture {
 protected:
  v1::ListAlertsResponse Alerts(const std::string& as_of, const std::string& token = "",
                                const std::string& organization = "") {
    v1::ListAlertsRequest request;
    request.set_as_of(as_of);
    request.set_organization_id(organization);
    v1::ListAlertsResponse response;
    const grpc::Status status = stub_->ListAlerts(
        AuthorizedContext(token.empty() ? tokens_.officer : token).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  // Every alert of the response, flattened, with its organization group checked.
  static std::vector<v1::WardAlert> Flat(const v1::ListAlertsResponse& response) {
    std::vector<v1::WardAlert> alerts;
    for (const v1::OrganizationAlerts& group : response.organizations()) {
      for (const v1::WardAlert& alert : group.alerts()) {
        EXPECT_EQ(alert.organization_id(), group.organization_id());
        alerts.push_back(alert);
      }
    }
    return alerts;
  }

  static const v1::WardAlert* Find(const std::vector<v1::WardAlert>& alerts, v1::WardAlert::Kind kind,
                                   const std::string& household) {
    for (const v1::WardAlert& alert : alerts) {
      if (alert.kind() == kind && alert.household_id() == household) return &alert;
    }
    return nullptr;
  }
};

TEST_F(MonitoringAlertsTest, HouseholdAlertsAppearAfterTheirThresholdAndClearWhenTheConditionEnds) {
  Registered("H1", "TDP-01", "2025-01-02");
  Approved("H1", "R-2025", 2025, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2025-03-01");
  WaitForAllPublished();

  // No responsible organization for more than 7 days.
  EXPECT_EQ(Find(Flat(Alerts("2025-03-08")), v1::WardAlert::KIND_NO_ORGANIZATION, "H1"), nullptr);
  std::vector<v1::WardAlert> alerts = Flat(Alerts("2025-03-09"));
  const v1::WardAlert* no_organization = Find(alerts, v1::WardAlert::KIND_NO_ORGANIZATION, "H1");
  ASSERT_NE(no_organization, nullptr);
  EXPECT_EQ(no_organization->organization_id(), "") << "falls to the ward officers";
  EXPECT_EQ(no_organization->since(), "2025-03-01");
  EXPECT_EQ(no_organization->age_days(), 8);
  EXPECT_FALSE(no_organization->message().empty());

  CaseOpened("H1", "womens-union", "2025-03-10");
  WaitForAllPublished();
  alerts = Flat(Alerts("2025-03-20"));
  EXPECT_EQ(Find(alerts, v1::WardAlert::KIND_NO_ORGANIZATION, "H1"), nullptr) << "cleared";
  EXPECT_EQ(Find(alerts, v1::WardAlert::KIND_NO_HELPER, "H1"), nullptr) << "10 days is within 14";

  // No helper for more than 14 days, addressed to the organization.
  alerts = Flat(Alerts("2025-03-25"));
  const v1::WardAlert* no_helper = Find(alerts, v1::WardAlert::KIND_NO_HELPER, "H1");
  ASSERT_NE(no_helper, nullptr);
  EXPECT_EQ(no_helper->organization_id(), "womens-union");
  EXPECT_EQ(no_helper->age_days(), 15);
  HelperAssigned("H1", "womens-union", "women-03", "2025-03-26");
  WaitForAllPublished();
  EXPECT_EQ(Find(Flat(Alerts("2025-03-27")), v1::WardAlert::KIND_NO_HELPER, "H1"), nullptr) << "cleared";

  // Never visited in the 90 days since it became poor.
  EXPECT_EQ(Find(Flat(Alerts("2025-05-29")), v1::WardAlert::KIND_NO_RECENT_VISIT, "H1"), nullptr);
  alerts = Flat(Alerts("2025-05-30"));
  const v1::WardAlert* no_visit = Find(alerts, v1::WardAlert::KIND_NO_RECENT_VISIT, "H1");
  ASSERT_NE(no_visit, nullptr);
  EXPECT_EQ(no_visit->organization_id(), "womens-union");
  EXPECT_EQ(no_visit->age_days(), 90);
  VisitRecorded("H1", "2025-05-29");
  WaitForAllPublished();
  EXPECT_TRUE(Flat(Alerts("2025-05-30")).empty()) << "every alert cleared";

  // Staff see only their own organization's alerts.
  alerts = Flat(Alerts("2025-09-01", tokens_.womens_union_staff));
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].kind(), v1::WardAlert::KIND_NO_RECENT_VISIT);
  EXPECT_TRUE(Flat(Alerts("2025-09-01", tokens_.farmers_union_staff)).empty());
  v1::ListAlertsRequest other;
  other.set_organization_id("womens-union");
  v1::ListAlertsResponse refused;
  EXPECT_EQ(
      stub_->ListAlerts(AuthorizedContext(tokens_.farmers_union_staff).get(), other, &refused).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(MonitoringAlertsTest, ARegularReviewNearOrPastItsDeadlineIsFlaggedUntilApproved) {
  RegularReviewOpened("R-REG-2025-0001", "H7", "2025-04-01", "2025-04-16");
  WaitForAllPublished();
  EXPECT_TRUE(Flat(Alerts("2025-04-12")).empty()) << "4 days left";
  std::vector<v1::WardAlert> alerts = Flat(Alerts("2025-04-13"));
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].kind(), v1::WardAlert::KIND_REVIEW_DEADLINE_NEAR);
  EXPECT_EQ(alerts[0].reference_id(), "R-REG-2025-0001");
  EXPECT_EQ(alerts[0].household_id(), "H7");
  EXPECT_EQ(alerts[0].since(), "2025-04-01");
  EXPECT_EQ(alerts[0].age_days(), 12);
  alerts = Flat(Alerts("2025-04-17"));
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].kind(), v1::WardAlert::KIND_REVIEW_DEADLINE_PASSED);

  RoundApproved("R-REG-2025-0001", "H7", "2025-04-18");
  WaitForAllPublished();
  EXPECT_TRUE(Flat(Alerts("2025-04-20")).empty()) << "approved: no longer waiting";
}

TEST_F(MonitoringAlertsTest, ADeadLetteredEventRaisesAnAlertUntilAnOperatorClearsIt) {
  // A payload of a known type whose bytes do not parse: never applicable.
  v1::EventEnvelope poison = events::MakeEnvelope(
      events::EventContext{testkit::Officer(), "", ""},
      events::EventIdentity{"classification.household_status_changed.v1", "household-status", "H9", 1, "H9"},
      v1::HouseholdStatusChanged{});
  poison.mutable_payload()->set_value("\xff\xff\xff not a protobuf");
  XAdd(events::kClassificationSource, poison);

  const std::string dead_letters = events::DeadLetterStream("monitoring");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline &&
         redis().Command({"XLEN", dead_letters}).AsInteger() == 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(redis().Command({"XLEN", dead_letters}).AsInteger(), 1) << monitoring_->log();
  EXPECT_EQ(Seen().dead_lettered(), 1u);

  std::vector<v1::WardAlert> alerts = Flat(Alerts(""));
  const v1::WardAlert* alert = Find(alerts, v1::WardAlert::KIND_DEAD_LETTERED_EVENT, "H9");
  ASSERT_NE(alert, nullptr);
  EXPECT_EQ(alert->reference_id(), poison.event_id());
  EXPECT_EQ(alert->organization_id(), "");
  EXPECT_EQ(alert->age_days(), 0);
  EXPECT_NE(alert->message().find("does not parse"), std::string::npos) << alert->message();

  // The operator deals with it and deletes the dead-letter entry.
  redis::Reply entries = redis().Command({"XRANGE", dead_letters, "-", "+"});
  ASSERT_EQ(entries.elements.size(), 1u);
  redis().Command({"XDEL", dead_letters, events::ParseEntryReply(entries.elements[0]).id});
  EXPECT_EQ(Find(Flat(Alerts("")), v1::WardAlert::KIND_DEAD_LETTERED_EVENT, "H9"), nullptr);
}

}  // namespace
}  // namespace ansinh
