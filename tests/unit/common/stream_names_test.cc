#include "events/stream_names.h"

#include <gtest/gtest.h>

namespace ansinh::events {
namespace {

TEST(StreamNames, FollowTheDocumentedScheme) {
  EXPECT_EQ(EventStream(kRegistrySource, 0), "ansinh:{p0}:events:registry");
  EXPECT_EQ(AppliedKey("monitoring", 3), "ansinh:{p3}:applied:monitoring");
  EXPECT_EQ(DeadLetterStream("assignment"), "ansinh:deadletter:assignment");
}

TEST(StreamNames, ParsesItsOwnNamesBack) {
  std::string source;
  int partition = -1;
  ASSERT_TRUE(ParseEventStream("ansinh:{p12}:events:classification", &source, &partition));
  EXPECT_EQ(source, "classification");
  EXPECT_EQ(partition, 12);
  EXPECT_FALSE(ParseEventStream("ansinh:events:registry", &source, &partition));
  EXPECT_FALSE(ParseEventStream("ansinh:{px}:events:registry", &source, &partition));
  EXPECT_FALSE(ParseEventStream("ansinh:{p1}:events:", &source, &partition));
}

TEST(StreamNames, ReplayStreamsBelongToTheGroupAndNameTheirSource) {
  EXPECT_EQ(ReplayStream("monitoring", kRegistrySource, 2), "ansinh:{p2}:replay:monitoring:registry");
  std::string group, source;
  int partition = -1;
  ASSERT_TRUE(ParseReplayStream("ansinh:{p2}:replay:monitoring:registry", &group, &source, &partition));
  EXPECT_EQ(group, "monitoring");
  EXPECT_EQ(source, "registry");
  EXPECT_EQ(partition, 2);
  EXPECT_FALSE(ParseReplayStream("ansinh:{p2}:replay:monitoring", &group, &source, &partition));
  EXPECT_FALSE(ParseReplayStream("ansinh:{p2}:replay::registry", &group, &source, &partition));
  EXPECT_FALSE(ParseReplayStream("ansinh:{p2}:replay:monitoring:", &group, &source, &partition));
  EXPECT_FALSE(ParseReplayStream("ansinh:{p2}:events:registry", &group, &source, &partition));
  // A replay stream is not an event stream: no publisher's name to forge.
  EXPECT_FALSE(ParseEventStream("ansinh:{p2}:replay:monitoring:registry", &source, &partition));
}

TEST(StreamNames, PartitionsAreStableAndInRange) {
  EXPECT_EQ(PartitionOf("HH-000001", 1), 0);
  const int first = PartitionOf("HH-000001", 8);
  EXPECT_EQ(PartitionOf("HH-000001", 8), first);
  int used[8] = {0};
  for (int i = 0; i < 800; ++i) {
    int p = PartitionOf("HH-" + std::to_string(i), 8);
    ASSERT_GE(p, 0);
    ASSERT_LT(p, 8);
    used[p]++;
  }
  for (int count : used) EXPECT_GT(count, 50);  // roughly even
}

}  // namespace
}  // namespace ansinh::events

#include "events/envelope_codec.h"
#include "events/event_publisher.h"

namespace ansinh::events {
namespace {

TEST(EventPublisher, QueuesTheEventOnTheHouseholdsPartition) {
  EventPublisher publisher(kRegistrySource, 4);
  v1::EventEnvelope envelope;
  envelope.set_event_type("registry.household_registered.v1");
  envelope.set_aggregate_id("HH-000042");
  envelope.set_household_id("HH-000042");
  redis::Transaction tx;
  publisher.Append(tx, envelope);
  ASSERT_EQ(tx.size(), 1u);
  EXPECT_EQ(tx.commands()[0][0], "XADD");
  EXPECT_EQ(tx.commands()[0][1], EventStream(kRegistrySource, PartitionOf("HH-000042", 4)));
  EXPECT_EQ(publisher.Streams().size(), 4u);
}

TEST(EventPublisher, AnEventAboutNoHouseholdGoesByItsAggregate) {
  EventPublisher publisher(kClassificationSource, 4);
  v1::EventEnvelope envelope;
  envelope.set_aggregate_id("ROUND-2025-P");
  redis::Transaction tx;
  publisher.Append(tx, envelope);
  EXPECT_EQ(tx.commands()[0][1], publisher.StreamFor("ROUND-2025-P"));
}

}  // namespace
}  // namespace ansinh::events
