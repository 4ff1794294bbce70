#include "events/envelope_codec.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "ansinh/v1/common.pb.h"

namespace ansinh::events {
namespace {

v1::EventEnvelope SampleEnvelope() {
  EventContext context;
  context.actor.set_role(v1::ROLE_WARD_OFFICER);
  context.actor.set_name("Cán bộ phường");
  context.correlation_id = "corr-1";
  EventIdentity identity{"registry.household_registered.v1", "household", "HH-000001", 3, "HH-000001"};
  v1::PageRequest payload;  // any message will do for the codec
  payload.set_page_size(7);
  return MakeEnvelope(context, identity, payload);
}

StreamEntry AsEntry(const redis::Args& xadd) {
  StreamEntry entry{"1-0", {}};
  for (size_t i = 3; i + 1 < xadd.size(); i += 2) entry.fields.emplace_back(xadd[i], xadd[i + 1]);
  return entry;
}

TEST(EnvelopeCodec, EventIdsAreUuidV4AndUnique) {
  const std::regex uuid("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string id = NewEventId();
    EXPECT_TRUE(std::regex_match(id, uuid)) << id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(EnvelopeCodec, RoundTripsThroughStreamFields) {
  v1::EventEnvelope sent = SampleEnvelope();
  redis::Args xadd = XAddCommand("ansinh:{p0}:events:registry", sent);
  ASSERT_EQ(xadd[0], "XADD");
  EXPECT_EQ(xadd[1], "ansinh:{p0}:events:registry");
  StreamEntry entry = AsEntry(xadd);
  EXPECT_EQ(*entry.Field("type"), "registry.household_registered.v1");
  EXPECT_EQ(*entry.Field("aggregate"), "household/HH-000001");

  std::string error;
  auto received = DecodeEntry(entry, &error);
  ASSERT_TRUE(received) << error;
  EXPECT_EQ(received->event_id(), sent.event_id());
  EXPECT_EQ(received->aggregate_version(), 3u);
  EXPECT_EQ(received->actor().name(), "Cán bộ phường");
  EXPECT_EQ(received->correlation_id(), "corr-1");
  v1::PageRequest payload;
  ASSERT_TRUE(received->payload().UnpackTo(&payload));
  EXPECT_EQ(payload.page_size(), 7);
}

TEST(EnvelopeCodec, WithoutCorrelationTheEventStartsItsOwn) {
  EventIdentity identity{"t.v1", "household", "HH-1", 1, "HH-1"};
  v1::EventEnvelope envelope = MakeEnvelope(EventContext{}, identity, v1::PageRequest{});
  EXPECT_EQ(envelope.correlation_id(), envelope.event_id());
}

TEST(EnvelopeCodec, CausedByKeepsCorrelationAndPointsAtTheCause) {
  v1::EventEnvelope cause = SampleEnvelope();
  v1::Actor service;
  service.set_role(v1::ROLE_SERVICE);
  service.set_name("classification");
  EventContext context = EventContext::CausedBy(cause, service);
  EXPECT_EQ(context.correlation_id, "corr-1");
  EXPECT_EQ(context.causation_id, cause.event_id());
  EXPECT_EQ(context.actor.name(), "classification");
}

TEST(EnvelopeCodec, RefusesEntriesThatAreNotEvents) {
  std::string error;
  EXPECT_FALSE(DecodeEntry(StreamEntry{"1-0", {}}, &error));
  EXPECT_NE(error.find("trimmed"), std::string::npos);
  EXPECT_FALSE(DecodeEntry(StreamEntry{"1-0", {{"type", "x"}}}, &error));
  EXPECT_NE(error.find("no 'envelope'"), std::string::npos);
  EXPECT_FALSE(DecodeEntry(StreamEntry{"1-0", {{"envelope", "\xff\xff\xff"}}}, &error));
  EXPECT_NE(error.find("not a valid"), std::string::npos);
  v1::EventEnvelope empty;
  EXPECT_FALSE(DecodeEntry(StreamEntry{"1-0", {{"envelope", empty.SerializeAsString()}}}, &error));
  EXPECT_NE(error.find("lacks"), std::string::npos);
}

}  // namespace
}  // namespace ansinh::events
