// Which timelines an event belongs in: the envelope's household first, then
// every household its payload names, each once however often it is named.
#include "monitoring/adapters/event_reading.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ansinh/v1/classification.pb.h"

namespace ansinh::monitoring {
namespace {

using ::testing::ElementsAre;

TEST(EventReadingTest, APostingPutsEachNamedHouseholdOnItsTimelineOnce) {
  v1::ResultsPosted posted;
  posted.set_round_id("R-2025");
  for (const char* id : {"HH-2", "HH-1", "HH-3", "HH-1", "HH-2"}) posted.add_household_ids(id);
  v1::EventEnvelope envelope;
  envelope.set_event_id("e-1");
  envelope.set_event_type("classification.results_posted.v1");
  envelope.set_household_id("HH-3");
  envelope.mutable_payload()->PackFrom(posted);

  const ReadOutcome outcome = ReadEvent(envelope);

  ASSERT_TRUE(outcome.ok) << outcome.error;
  EXPECT_THAT(outcome.reading.timeline_households, ElementsAre("HH-3", "HH-2", "HH-1"));
}

TEST(EventReadingTest, APostingOfAProvinceIsReadWhole) {
  // 200,000 households: reading this used to search the list once per name.
  v1::ResultsPosted posted;
  for (int i = 0; i < 200000; ++i) posted.add_household_ids("HH-" + std::to_string(i));
  v1::EventEnvelope envelope;
  envelope.mutable_payload()->PackFrom(posted);

  const ReadOutcome outcome = ReadEvent(envelope);

  ASSERT_EQ(outcome.reading.timeline_households.size(), 200000u);
  EXPECT_EQ(outcome.reading.timeline_households.back(), "HH-199999");
}

}  // namespace
}  // namespace ansinh::monitoring
