// A round left open by the version before the partitions saw the rounds,
// with four partitions, against the real binary: its record, events and
// households as that version wrote them (no partition-rounds, no outboxes, no
// relay marks). The next start gives it to every partition, and the review
// goes on: surveys join it, steps run, and its events go on from its count,
// numbered without gaps, none twice.
#include <gmock/gmock.h>

#include <map>

#include "classification/adapters/classification_keys.h"
#include "classification/adapters/partition_round_store.h"
#include "classification/core/round_events.h"
#include "classification_test_fixture.h"

namespace ansinh::classification::testkit {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

class ClassificationUpgradeTest : public ClassificationTest {
 protected:
  ClassificationUpgradeTest() { partitions_ = 4; }
};

TEST_F(ClassificationUpgradeTest, ARoundLeftOpenByTheVersionBeforeGoesOnWhereItWas) {
  ASSERT_TRUE(Open(2025, nullptr).ok());
  PublishSurvey(PoorSurvey("HH-000001", "SV-1"));
  PublishSurvey(NearPoorSurvey("HH-000002", "SV-2"));
  ASSERT_TRUE(WaitForSurveyed("R-2025", 2));
  ASSERT_TRUE(Meeting("R-2025", "HH-000001", 10, 9).ok());
  service_->Terminate();

  // What the version before leaves: the same record, events and
  // households, without what only this version writes.
  const ClassificationKeys keys(partitions_);
  redis::Connection redis = Redis();
  for (int partition = 0; partition < partitions_; ++partition) {
    redis.Command({"HDEL", ClassificationKeys::PartitionRounds(partition), "R-2025"});
    redis.Command({"DEL", ClassificationKeys::RoundOutbox("R-2025", partition)});
    redis.Command({"HDEL", keys.Round("R-2025"), "relayed:" + std::to_string(partition)});
  }
  ASSERT_EQ(redis.Command({"HGET", keys.Round("R-2025"), "events"}).str, "4");

  StartClassification("2025-10-01");
  ASSERT_TRUE(WaitFor([&] { return service_->log().find("gave the open rounds") != std::string::npos; }))
      << service_->log();
  PublishSurvey(PoorSurvey("HH-000003", "SV-3"));
  ASSERT_TRUE(WaitForSurveyed("R-2025", 3));
  ASSERT_TRUE(Meeting("R-2025", "HH-000002", 10, 9).ok());
  for (const std::optional<v1::PartitionRound>& seen : PartitionRoundStore(redis, keys).LoadEvery("R-2025")) {
    EXPECT_TRUE(seen.has_value());
  }

  std::vector<v1::EventEnvelope> events;
  for (v1::EventEnvelope& event : ClassificationEvents()) {
    if (event.aggregate_id() == "R-2025") events.push_back(std::move(event));
  }
  ASSERT_EQ(events.size(), 6u);
  for (size_t i = 0; i < events.size(); ++i) EXPECT_EQ(events[i].aggregate_version(), i + 1);
  std::map<std::string, int> classified;
  for (const v1::EventEnvelope& event : events) {
    if (event.event_type() == kSurveyClassified) ++classified[event.household_id()];
  }
  EXPECT_THAT(classified, ElementsAre(Pair("HH-000001", 1), Pair("HH-000002", 1), Pair("HH-000003", 1)));
  EXPECT_EQ(events.back().event_type(), kMeetingRecorded);
  const v1::RoundProgress progress = Progress("R-2025").progress();
  EXPECT_EQ(progress.agreed(), 2);
  EXPECT_EQ(progress.proposed(), 1);
}

}  // namespace
}  // namespace ansinh::classification::testkit
