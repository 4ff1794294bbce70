// An event's personal fields sealed in its envelope: gone from the payload
// and the serialized envelope, back with the household's key, never with
// another key or in another household's event.
#include "personal_data/envelope_sealing.h"

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "ansinh/v1/registry.pb.h"
#include "events/envelope_codec.h"

namespace ansinh::personal_data {
namespace {

using google::protobuf::util::MessageDifferencer;

v1::EventEnvelope RegisteredEvent() {
  v1::HouseholdRegistered payload;
  v1::Household& household = *payload.mutable_household();
  household.set_household_id("HH-000042");
  household.set_address("7 Kiệt 12 Đặng Huy Trứ");
  household.set_residential_group("TDP-03");
  v1::Member& head = *household.add_members();
  head.set_member_id("M-1");
  head.set_full_name("Lê Thị Mai");
  head.set_national_id("046190000077");
  head.set_has_disability(true);
  events::EventIdentity identity{"registry.household_registered.v1", "household", "HH-000042", 1,
                                 "HH-000042"};
  return events::MakeEnvelope(events::EventContext{}, identity, payload);
}

v1::Household HouseholdOf(const v1::EventEnvelope& envelope) {
  v1::HouseholdRegistered payload;
  EXPECT_TRUE(envelope.payload().UnpackTo(&payload));
  return payload.household();
}

TEST(EnvelopeSealingTest, SealedEnvelopeHoldsNoPersonalTextAndOpensWhole) {
  const v1::EventEnvelope original = RegisteredEvent();
  const AesKey key = NewAesKey();
  v1::EventEnvelope envelope = original;

  ASSERT_TRUE(SealEnvelope(envelope, key));

  const std::string stored = envelope.SerializeAsString();
  for (const std::string& secret : {"Lê Thị Mai", "046190000077", "Đặng Huy Trứ"}) {
    EXPECT_EQ(stored.find(secret), std::string::npos) << secret;
  }
  const v1::Household clear = HouseholdOf(envelope);
  EXPECT_EQ(clear.residential_group(), "TDP-03");
  EXPECT_EQ(clear.members(0).member_id(), "M-1");
  EXPECT_FALSE(clear.members(0).has_disability());
  EXPECT_EQ(envelope.personal().key_owner(), "HH-000042");

  EXPECT_EQ(OpenEnvelope(envelope, &key), EnvelopeOpening::kOpened);
  EXPECT_TRUE(MessageDifferencer::Equals(envelope, original));
}

TEST(EnvelopeSealingTest, WithoutTheKeyOrWithAnotherKeyThePayloadStaysWithoutItsFields) {
  const AesKey key = NewAesKey();
  v1::EventEnvelope envelope = RegisteredEvent();
  ASSERT_TRUE(SealEnvelope(envelope, key));
  const v1::EventEnvelope sealed = envelope;

  EXPECT_EQ(OpenEnvelope(envelope, nullptr), EnvelopeOpening::kStaysSealed);
  const AesKey other = NewAesKey();
  EXPECT_EQ(OpenEnvelope(envelope, &other), EnvelopeOpening::kStaysSealed);
  EXPECT_TRUE(MessageDifferencer::Equals(envelope, sealed));
  EXPECT_TRUE(HouseholdOf(envelope).members(0).full_name().empty());
}

TEST(EnvelopeSealingTest, SealedFieldsMovedToAnotherHouseholdsEventDoNotOpen) {
  const AesKey key = NewAesKey();
  v1::EventEnvelope envelope = RegisteredEvent();
  ASSERT_TRUE(SealEnvelope(envelope, key));

  envelope.set_household_id("HH-000043");

  EXPECT_EQ(OpenEnvelope(envelope, &key), EnvelopeOpening::kStaysSealed);
}

TEST(EnvelopeSealingTest, PayloadWithoutPersonalFieldsIsLeftAsItIs) {
  v1::HouseholdMovedOut payload;
  payload.set_household_id("HH-000042");
  payload.set_residential_group("TDP-03");
  events::EventIdentity identity{"registry.household_moved_out.v1", "household", "HH-000042", 2, "HH-000042"};
  v1::EventEnvelope envelope = events::MakeEnvelope(events::EventContext{}, identity, payload);
  const v1::EventEnvelope original = envelope;
  const AesKey key = NewAesKey();

  EXPECT_FALSE(SealEnvelope(envelope, key));
  EXPECT_TRUE(MessageDifferencer::Equals(envelope, original));
  EXPECT_EQ(OpenEnvelope(envelope, &key), EnvelopeOpening::kNothingSealed);
}

}  // namespace
}  // namespace ansinh::personal_data
