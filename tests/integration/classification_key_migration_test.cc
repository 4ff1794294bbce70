// The start-up move of classification's keys from before the hash tags
// (services/classification/adapters/key_migration.h), against a real Redis:
// every legacy key ends up in its tagged place, per partition where it holds
// households, the round counters are counted per partition, every partition
// sees the open round, nothing is left under ansinh:classification:*, and a
// second run changes nothing.
#include <gtest/gtest.h>

#include <set>

#include "classification/adapters/classification_keys.h"
#include "classification/adapters/key_migration.h"
#include "classification/adapters/partition_round_store.h"
#include "classification/adapters/round_counter_store.h"
#include "classification/core/round_counters.h"
#include "redis_server.h"

namespace ansinh::classification {
namespace {

using testkit::RedisServer;
using testkit::TempDir;

constexpr int kMigrationPartitions = 4;
constexpr const char* kMigratedRound = "R-2025";

v1::RoundHousehold LegacyHousehold(int i) {
  v1::RoundHousehold household;
  household.set_round_id(kMigratedRound);
  household.set_household_id("HH-00000" + std::to_string(i));
  household.set_residential_group("TDP-0" + std::to_string(i % 3 + 1));
  household.set_state(i % 2 == 0 ? v1::HOUSEHOLD_REVIEW_STATE_PROPOSED
                                 : v1::HOUSEHOLD_REVIEW_STATE_MEETING_AGREED);
  household.set_survey_count(1);
  household.mutable_proposed()->set_household_id(household.household_id());
  household.mutable_proposed()->set_survey_id("SV-" + std::to_string(i));
  household.mutable_proposed()->set_category(v1::POVERTY_CATEGORY_POOR);
  return household;
}

v1::HouseholdStatusSummary LegacySummary(const std::string& household_id, v1::PovertyCategory category,
                                         const std::string& group) {
  v1::HouseholdStatusSummary summary;
  summary.set_household_id(household_id);
  summary.set_category(category);
  summary.set_residential_group(group);
  return summary;
}

class ClassificationKeyMigrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_ = std::make_unique<RedisServer>(dir_.path());
    redis_->Start();
  }

  // A ward as the version before the tags left it: one open round with its
  // households (two of them unclassifiable would be counted alike), the
  // catalogue, the ward-wide views and the status lists.
  void StoreLegacyWard(redis::Connection& redis) {
    v1::ReviewRound round;
    round.set_round_id(kMigratedRound);
    round.set_review_year(2025);
    round.set_kind(v1::REVIEW_KIND_PERIODIC);
    round.set_status(v1::ROUND_STATUS_OPEN);
    round_bytes_ = round.SerializeAsString();
    const std::string legacy_round = legacy_keys::Round(kMigratedRound);
    redis.Command({"HSET", legacy_round, "record", round_bytes_, "events", "7"});
    redis.Command({"ZADD", std::string(legacy_keys::kRounds), "1", kMigratedRound});
    redis.Command({"SADD", std::string(legacy_keys::kOpenRounds), kMigratedRound});
    redis.Command({"SADD", legacy_keys::RoundsOfYear(2025), kMigratedRound});
    redis.Command({"SET", std::string(legacy_keys::kRoundSequence), "1"});
    redis.Command({"HSET", std::string(legacy_keys::kPendingBackfill), kMigratedRound, "opened-envelope"});
    for (int i = 1; i <= 8; ++i) {
      const v1::RoundHousehold household = LegacyHousehold(i);
      households_.push_back(household);
      redis.Command(
          {"HSET", legacy_round + ":households", household.household_id(), household.SerializeAsString()});
      redis.Command(
          {"HSET", legacy_round + ":proposals", household.household_id(), "proposal-" + std::to_string(i)});
      redis.Command({"SADD", std::string(legacy_keys::kSurveyed), household.household_id()});
      redis.Command({"HSET", std::string(legacy_keys::kHouseholds), household.household_id(),
                     household.residential_group()});
    }
    redis.Command({"SADD", legacy_round + ":to-apply", "HH-000001", "HH-000002"});
    // Counters a version kept round-wide: replaced by per-partition counts.
    redis.Command({"HSET", legacy_round + ":progress", "counted", "1", "surveyed", "999"});
    redis.Command({"HSET", std::string(legacy_keys::kDeparted), "HH-000009", "moved out: Đà Nẵng"});
    summaries_ = {LegacySummary("HH-000001", v1::POVERTY_CATEGORY_POOR, "TDP-02"),
                  LegacySummary("HH-000004", v1::POVERTY_CATEGORY_NEAR_POOR, "TDP-02")};
    for (const v1::HouseholdStatusSummary& summary : summaries_) {
      redis.Command({"HSET", std::string(legacy_keys::kStatusSummaries), summary.household_id(),
                     summary.SerializeAsString()});
      for (const std::string& index : legacy_keys::StatusIndexesOf(summary)) {
        redis.Command({"ZADD", index, "0", summary.household_id()});
      }
    }
  }

  void ExpectMovedWard(redis::Connection& redis, const ClassificationKeys& keys, const std::string& when) {
    SCOPED_TRACE(when);
    EXPECT_TRUE(redis.Command({"KEYS", "ansinh:classification:*"}).elements.empty())
        << "every legacy key moved";
    EXPECT_EQ(redis.Command({"HGET", keys.Round(kMigratedRound), "record"}).str, round_bytes_);
    EXPECT_EQ(redis.Command({"HGET", keys.Round(kMigratedRound), "events"}).str, "7");
    EXPECT_EQ(redis.Command({"ZSCORE", std::string(ClassificationKeys::kRounds), kMigratedRound}).str, "1");
    EXPECT_EQ(redis.Command({"SISMEMBER", std::string(ClassificationKeys::kOpenRounds), kMigratedRound})
                  .AsInteger(),
              1);
    EXPECT_EQ(
        redis.Command({"SISMEMBER", ClassificationKeys::RoundsOfYear(2025), kMigratedRound}).AsInteger(), 1);
    EXPECT_EQ(redis.Command({"GET", std::string(ClassificationKeys::kRoundSequence)}).str, "1");
    EXPECT_EQ(redis.Command({"HGET", std::string(ClassificationKeys::kPendingBackfill), kMigratedRound}).str,
              "opened-envelope");
    std::set<int> partitions_used;
    for (size_t i = 0; i < households_.size(); ++i) {
      const std::string& id = households_[i].household_id();
      const int partition = keys.PartitionOf(id);
      partitions_used.insert(partition);
      EXPECT_EQ(
          redis.Command({"HGET", ClassificationKeys::RoundHouseholds(kMigratedRound, partition), id}).str,
          households_[i].SerializeAsString())
          << id;
      EXPECT_EQ(
          redis.Command({"HGET", ClassificationKeys::RoundProposals(kMigratedRound, partition), id}).str,
          "proposal-" + std::to_string(i + 1));
      EXPECT_EQ(redis.Command({"SISMEMBER", ClassificationKeys::Surveyed(partition), id}).AsInteger(), 1);
      EXPECT_EQ(redis.Command({"HGET", ClassificationKeys::Households(partition), id}).str,
                households_[i].residential_group());
    }
    EXPECT_GE(partitions_used.size(), 2u) << "the households should span partitions";
    for (const char* id : {"HH-000001", "HH-000002"}) {
      EXPECT_EQ(redis
                    .Command({"SISMEMBER",
                              ClassificationKeys::RoundToApply(kMigratedRound, keys.PartitionOf(id)), id})
                    .AsInteger(),
                1);
    }
    EXPECT_EQ(redis.Command({"HGET", keys.DepartedOf("HH-000009"), "HH-000009"}).str, "moved out: Đà Nẵng");
    for (const v1::HouseholdStatusSummary& summary : summaries_) {
      EXPECT_EQ(
          redis.Command({"HGET", keys.StatusSummariesOf(summary.household_id()), summary.household_id()}).str,
          summary.SerializeAsString());
      for (const std::string& index : keys.StatusIndexesOf(summary)) {
        EXPECT_EQ(redis.Command({"ZSCORE", index, summary.household_id()}).str, "0") << index;
      }
    }
    // Each partition's counters were counted from its households and kept:
    // their sum is the round's, with no count left to do on the first read.
    for (int partition = 0; partition < keys.partitions(); ++partition) {
      EXPECT_EQ(
          redis.Command({"HEXISTS", ClassificationKeys::RoundProgress(kMigratedRound, partition), "counted"})
              .AsInteger(),
          1);
    }
    const RoundCounters counted = RoundCounterStore(redis, keys).LoadOrCount(kMigratedRound);
    EXPECT_EQ(counted.counts, CountersOf(households_).counts);
    // Every partition sees the open round as it was stored, open, so the
    // consumer offers it surveys and its steps run in the partitions' slots.
    for (const std::optional<v1::PartitionRound>& seen :
         PartitionRoundStore(redis, keys).LoadEvery(kMigratedRound)) {
      ASSERT_TRUE(seen.has_value());
      EXPECT_EQ(seen->round().SerializeAsString(), round_bytes_);
      EXPECT_EQ(seen->closed_by(), "");
    }
  }

  TempDir dir_;
  std::unique_ptr<RedisServer> redis_;
  std::string round_bytes_;
  std::vector<v1::RoundHousehold> households_;
  std::vector<v1::HouseholdStatusSummary> summaries_;
};

TEST_F(ClassificationKeyMigrationTest, MovesEveryLegacyKeyToItsTaggedPlaceOnceAndAgainChangesNothing) {
  redis::Connection redis(redis_->Options("migration"));
  const ClassificationKeys keys(kMigrationPartitions);
  StoreLegacyWard(redis);

  const ClassificationKeyMigration first = MigrateClassificationKeys(redis, keys);
  EXPECT_EQ(first.rounds_spread, 1);
  EXPECT_GT(first.keys_renamed, 0);
  EXPECT_EQ(first.partitions_given, kMigrationPartitions);
  ExpectMovedWard(redis, keys, "after the move");

  const ClassificationKeyMigration second = MigrateClassificationKeys(redis, keys);
  EXPECT_EQ(second.keys_renamed, 0);
  EXPECT_EQ(second.rounds_spread, 0);
  EXPECT_EQ(second.entries_spread, 0);
  EXPECT_EQ(second.partitions_given, 0);
  ExpectMovedWard(redis, keys, "after a second start");
}

TEST_F(ClassificationKeyMigrationTest, AMoveCutShortFinishesOnTheNextStart) {
  redis::Connection redis(redis_->Options("migration"));
  const ClassificationKeys keys(kMigrationPartitions);
  StoreLegacyWard(redis);
  // As if the first start stopped after renaming the round's record and
  // spreading half of what it holds: the catalogue still names the round.
  redis.Command({"RENAME", legacy_keys::Round(kMigratedRound), keys.Round(kMigratedRound)});
  redis.Command({"SADD", ClassificationKeys::Surveyed(keys.PartitionOf("HH-000001")), "HH-000001"});

  MigrateClassificationKeys(redis, keys);
  ExpectMovedWard(redis, keys, "after the second start");
}

TEST_F(ClassificationKeyMigrationTest, RefusesToOverwriteARoundThatExistsInBothLayouts) {
  redis::Connection redis(redis_->Options("migration"));
  const ClassificationKeys keys(kMigrationPartitions);
  StoreLegacyWard(redis);
  redis.Command({"HSET", keys.Round(kMigratedRound), "record", "another"});

  try {
    MigrateClassificationKeys(redis, keys);
    ADD_FAILURE() << "the move should refuse";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find(legacy_keys::Round(kMigratedRound)), std::string::npos)
        << error.what();
  }
  EXPECT_EQ(redis.Command({"HGET", legacy_keys::Round(kMigratedRound), "record"}).str, round_bytes_)
      << "the legacy round is left for an operator";
  EXPECT_EQ(redis.Command({"HGET", keys.Round(kMigratedRound), "record"}).str, "another");
}

// A round left open by the version before the partitions saw the rounds
// (tagged keys, no partition-rounds) is given to every partition once; an
// approved one, and a partition that sees a round already (closed by an
// approval, say), are left as they are.
TEST_F(ClassificationKeyMigrationTest, GivesEveryPartitionTheRoundsLeftOpenAndNothingElse) {
  redis::Connection redis(redis_->Options("migration"));
  const ClassificationKeys keys(kMigrationPartitions);
  v1::ReviewRound open;
  open.set_round_id("R-2025");
  open.set_review_year(2025);
  open.set_status(v1::ROUND_STATUS_OPEN);
  v1::ReviewRound approved = open;
  approved.set_round_id("R-REG-2025-0002");
  approved.set_status(v1::ROUND_STATUS_APPROVED);
  for (const v1::ReviewRound& round : {open, approved}) {
    redis.Command({"HSET", keys.Round(round.round_id()), "record", round.SerializeAsString(), "events", "5"});
    redis.Command({"SADD", std::string(ClassificationKeys::kOpenRounds), round.round_id()});
  }
  v1::PartitionRound held;
  *held.mutable_round() = open;
  held.set_closed_by("an-approval");
  redis.Command({"HSET", ClassificationKeys::PartitionRounds(2), "R-2025", held.SerializeAsString()});

  EXPECT_EQ(MigrateClassificationKeys(redis, keys).partitions_given, kMigrationPartitions - 1);
  EXPECT_EQ(MigrateClassificationKeys(redis, keys).partitions_given, 0);

  const std::vector<std::optional<v1::PartitionRound>> seen =
      PartitionRoundStore(redis, keys).LoadEvery("R-2025");
  for (int partition = 0; partition < kMigrationPartitions; ++partition) {
    ASSERT_TRUE(seen[partition].has_value()) << partition;
    EXPECT_EQ(seen[partition]->closed_by(), partition == 2 ? "an-approval" : "") << partition;
  }
  for (const std::optional<v1::PartitionRound>& other :
       PartitionRoundStore(redis, keys).LoadEvery(approved.round_id())) {
    EXPECT_FALSE(other.has_value()) << "an approved round is seen by no partition";
  }
  EXPECT_EQ(redis.Command({"HGET", keys.Round("R-2025"), "events"}).str, "5")
      << "its events go on from there";
}

}  // namespace
}  // namespace ansinh::classification
