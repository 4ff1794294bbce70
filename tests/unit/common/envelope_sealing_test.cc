// An event's personal fields sealed in its envelope: gone from the payload
// and the serialized envelope, back with the household's key, never with
// another key or in another household's event.
#include "personal_data/envelope_sealing.h"

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "ansinh/v1/livelihood.pb.h"
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

// The notes of a household's joining a livelihood model and of its being
// marked affected by an emergency are marked sensitive
// (proto/ansinh/v1/livelihood.proto): sealed like every other marked field,
// while the model, the emergency and the dates stay readable.
TEST(EnvelopeSealingTest, LivelihoodAndEmergencyNotesAreSealedAndTheRestStaysReadable) {
  const AesKey key = NewAesKey();
  v1::ModelParticipationChanged joined;
  joined.set_case_id("CASE-HH-000042-1");
  joined.set_household_id("HH-000042");
  joined.mutable_participation()->set_model_id("bo-giong-tdp03");
  joined.mutable_participation()->set_joined_on("2025-05-01");
  joined.mutable_participation()->set_note("nhận 2 con bò cái, chồng chị Mai bị tai nạn");
  v1::HouseholdAffected affected;
  affected.set_case_id("CASE-HH-000042-1");
  affected.set_household_id("HH-000042");
  affected.mutable_mark()->set_emergency_id("EMG-2025-1");
  affected.mutable_mark()->set_affected_on("2025-10-29");
  affected.mutable_mark()->set_note("nhà ngập 1,2 m, mất 30 con gà");
  const std::vector<std::pair<const google::protobuf::Message*, std::string>> payloads = {
      {&joined, "assignment.model_joined.v1"}, {&affected, "assignment.household_affected.v1"}};
  for (const auto& [payload, type] : payloads) {
    v1::EventEnvelope envelope = events::MakeEnvelope(
        events::EventContext{}, events::EventIdentity{type, "case", "CASE-HH-000042-1", 7, "HH-000042"},
        *payload);
    const v1::EventEnvelope original = envelope;
    ASSERT_TRUE(SealEnvelope(envelope, key)) << type;
    const std::string stored = envelope.SerializeAsString();
    for (const std::string& secret : {"con bò cái", "tai nạn", "ngập 1,2 m", "30 con gà"}) {
      EXPECT_EQ(stored.find(secret), std::string::npos) << type << ": " << secret;
    }
    for (const std::string& kept : {"bo-giong-tdp03", "EMG-2025-1"}) {
      if (original.payload().value().find(kept) != std::string::npos) {
        EXPECT_NE(stored.find(kept), std::string::npos) << type << ": " << kept;
      }
    }
    EXPECT_EQ(OpenEnvelope(envelope, &key), EnvelopeOpening::kOpened) << type;
    EXPECT_TRUE(MessageDifferencer::Equals(envelope, original)) << type;
  }
}

}  // namespace
}  // namespace ansinh::personal_data
