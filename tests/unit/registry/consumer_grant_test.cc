// Outside consumers' grants, what they let through and where a delivered
// event is (registry/core/consumer_grant_rules.h, event_for_consumer.h,
// event_position.h).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/registry.pb.h"
#include "registry/core/consumer_grant_rules.h"
#include "registry/core/event_for_consumer.h"
#include "registry/core/event_position.h"

namespace ansinh::registry {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Fields(const FieldViolations& violations) {
  std::vector<std::string> fields;
  for (const FieldViolation& violation : violations) fields.push_back(violation.field);
  return fields;
}

v1::ConsumerGrant BankGrantForTest() {
  v1::ConsumerGrant grant;
  grant.set_consumer_id("policy-bank");
  grant.set_display_name("Ngân hàng Chính sách xã hội");
  grant.set_purpose("Cho vay hộ nghèo");
  grant.add_event_types("classification.household_status_changed.v1");
  grant.add_household_details(v1::HOUSEHOLD_DETAIL_HEAD_NAME);
  return grant;
}

TEST(ConsumerGrantRulesTest, AGoodGrantPassesAndEachBadFieldIsNamed) {
  EXPECT_TRUE(GrantViolations(BankGrantForTest(), "grant.").empty());
  EXPECT_TRUE(IsConsumerId("policy-bank"));
  EXPECT_FALSE(IsConsumerId("Policy-Bank"));
  EXPECT_FALSE(IsConsumerId(std::string(65, 'a')));
  EXPECT_FALSE(IsConsumerId(""));

  v1::ConsumerGrant bad = BankGrantForTest();
  bad.set_consumer_id("policy bank");
  bad.set_display_name(" ");
  bad.set_purpose(std::string(1001, 'x'));
  bad.add_event_types("classification.household_status_changed.v1");
  bad.add_fields("Survey.income_per_capita_vnd");
  bad.add_fields("Household.residential_group");
  bad.add_household_details(static_cast<v1::HouseholdDetail>(42));
  EXPECT_THAT(Fields(GrantViolations(bad, "grant.")),
              ElementsAre("grant.consumer_id", "grant.display_name", "grant.purpose", "grant.event_types[1]",
                          "grant.fields[1]", "grant.household_details[1]"));
  v1::ConsumerGrant empty;
  EXPECT_THAT(Fields(GrantViolations(empty, "")),
              ElementsAre("consumer_id", "display_name", "purpose", "event_types"));
}

TEST(ConsumerGrantRulesTest, AGrantAsSetKeepsWhatWasAskedAndRecordsWhoAndWhen) {
  v1::ConsumerGrant wanted = BankGrantForTest();
  wanted.set_revoked(true);
  wanted.set_granted_by("someone else");
  v1::Actor officer;
  officer.set_name("Cán bộ LĐTBXH phường");
  google::protobuf::Timestamp now;
  now.set_seconds(1767225600);
  const v1::ConsumerGrant set = GrantAsSet(wanted, officer, now);
  EXPECT_FALSE(set.revoked());
  EXPECT_EQ(set.granted_by(), "Cán bộ LĐTBXH phường");
  EXPECT_EQ(set.granted_at().seconds(), 1767225600);
  EXPECT_THAT(set.event_types(), ElementsAre("classification.household_status_changed.v1"));
  const v1::ConsumerGrant revoked = GrantRevoked(set, officer, now);
  EXPECT_TRUE(revoked.revoked());
  EXPECT_EQ(revoked.revoked_by(), "Cán bộ LĐTBXH phường");
  EXPECT_EQ(SourcesOf(revoked), std::set<std::string>{"classification"});
  EXPECT_TRUE(GrantsType(set, "classification.household_status_changed.v1"));
  EXPECT_FALSE(GrantsType(set, "classification.round_approved.v1"));
}

v1::EventEnvelope RegisteredEvent() {
  v1::HouseholdRegistered payload;
  v1::Household& household = *payload.mutable_household();
  household.set_household_id("HH-000007");
  household.set_address("số 3 Lê Lợi");
  household.set_head_member_id("HH-000007-M1");
  v1::Member& head = *household.add_members();
  head.set_member_id("HH-000007-M1");
  head.set_full_name("Lê Thị Mai");
  head.set_national_id("046080000007");
  v1::EventEnvelope envelope;
  envelope.set_event_id("e-1");
  envelope.set_event_type("registry.household_registered.v1");
  envelope.set_aggregate_type("household");
  envelope.set_aggregate_id("HH-000007");
  envelope.set_aggregate_version(1);
  envelope.set_household_id("HH-000007");
  envelope.set_correlation_id("c-1");
  envelope.mutable_actor()->set_name("officer");
  envelope.mutable_payload()->PackFrom(payload);
  return envelope;
}

TEST(EventForConsumerTest, OnlyGrantedTypesPassWithOnlyTheGrantedMarkedFields) {
  v1::ConsumerGrant grant = BankGrantForTest();
  EXPECT_FALSE(EventForConsumer(RegisteredEvent(), grant).envelope) << "not granted";
  EXPECT_EQ(EventForConsumer(RegisteredEvent(), grant).withheld, Withheld::kNotGranted);

  grant.add_event_types("registry.household_registered.v1");
  grant.add_fields("Member.full_name");
  const ConsumerEvent delivered = EventForConsumer(RegisteredEvent(), grant);
  ASSERT_TRUE(delivered.envelope);
  EXPECT_EQ(delivered.envelope->event_id(), "e-1");
  EXPECT_EQ(delivered.envelope->aggregate_version(), 1u);
  EXPECT_EQ(delivered.envelope->correlation_id(), "c-1");
  EXPECT_EQ(delivered.envelope->household_id(), "HH-000007");
  v1::HouseholdRegistered payload;
  ASSERT_TRUE(delivered.envelope->payload().UnpackTo(&payload));
  EXPECT_EQ(payload.household().members(0).full_name(), "Lê Thị Mai");
  EXPECT_TRUE(payload.household().members(0).national_id().empty());
  EXPECT_TRUE(payload.household().address().empty());

  // A payload that is not its type's message is never delivered.
  v1::EventEnvelope wrong = RegisteredEvent();
  wrong.mutable_payload()->PackFrom(v1::HouseholdStatusChanged());
  EXPECT_EQ(EventForConsumer(wrong, grant).withheld, Withheld::kUnreadablePayload);
  EXPECT_FALSE(EventForConsumer(wrong, grant).envelope);
}

TEST(EventForConsumerTest, HouseholdDetailsAreTheHeadsAndTheAddressAsGranted) {
  v1::HouseholdRegistered payload;
  ASSERT_TRUE(RegisteredEvent().payload().UnpackTo(&payload));
  v1::ConsumerGrant grant = BankGrantForTest();
  std::optional<v1::HouseholdDetails> details = HouseholdDetailsFor(payload.household(), grant);
  ASSERT_TRUE(details);
  EXPECT_EQ(details->household_id(), "HH-000007");
  EXPECT_EQ(details->head_full_name(), "Lê Thị Mai");
  EXPECT_TRUE(details->head_national_id().empty()) << "not asked for";
  EXPECT_TRUE(details->address().empty()) << "not asked for";
  grant.add_household_details(v1::HOUSEHOLD_DETAIL_HEAD_NATIONAL_ID);
  grant.add_household_details(v1::HOUSEHOLD_DETAIL_ADDRESS);
  details = HouseholdDetailsFor(payload.household(), grant);
  EXPECT_EQ(details->head_national_id(), "046080000007");
  EXPECT_EQ(details->address(), "số 3 Lê Lợi");
  grant.clear_household_details();
  EXPECT_FALSE(HouseholdDetailsFor(payload.household(), grant));
}

TEST(EventPositionTest, APositionNamesOneEntryOfOneStreamExactly) {
  const EventPosition position{"classification", 3, "1718000000000-7"};
  EXPECT_EQ(FormatPosition(position), "classification/3/1718000000000-7");
  const std::optional<EventPosition> parsed = ParsePosition("classification/3/1718000000000-7", 4);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->source, "classification");
  EXPECT_EQ(parsed->partition, 3);
  EXPECT_EQ(parsed->entry_id, "1718000000000-7");
  for (const char* bad : {"classification/4/1-0", "monitoring/0/1-0", "classification/0/",
                          "classification/0/1", "classification/0/1-0-0", "classification/-1/1-0",
                          "classification/0/01-0", "classification//1-0", "classification", ""}) {
    EXPECT_FALSE(ParsePosition(bad, 4)) << bad;
  }
}

}  // namespace
}  // namespace ansinh::registry
