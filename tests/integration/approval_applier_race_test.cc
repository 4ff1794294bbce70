// Two appliers finishing one approved round at once, as the approval call and
// PendingWorkFinisher do when a province's approval outlasts the finisher's
// interval. Against a real Redis: both must finish without giving up, and
// every household gets its official status, and its status event, once.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "classification/adapters/approval_applier.h"
#include "classification/adapters/round_store.h"
#include "events/envelope_codec.h"
#include "redis/transaction.h"
#include "redis_server.h"
#include "standards/standard_loader.h"

namespace ansinh::classification {
namespace {

using testkit::RedisServer;
using testkit::TempDir;

constexpr int kHouseholds = 3000;
// Of them, every 100th is excluded by the approval: it gets no status.
constexpr int kExcludedEvery = 100;
constexpr int kExcluded = kHouseholds / kExcludedEvery;
constexpr const char* kRoundId = "R-2025";

std::string HouseholdId(int i) { return "HH-" + std::to_string(100000 + i); }

class ApprovalApplierRaceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_ = std::make_unique<RedisServer>(dir_.path());
    redis_->Start();
    Result<StandardCatalog> loaded = LoadStandardsFromDirectory(ANSINH_STANDARDS_DIR);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    catalog_ = std::make_unique<StandardCatalog>(std::move(loaded).value());
    environment_ = std::make_unique<ClassificationEnvironment>(ClassificationEnvironment{
        *catalog_, ClassificationKeys(1), PostingPolicy{}, WardClock(), ReviewPolicy{}});
    StoreApprovedRound();
  }

  // What ApproveRound's transaction leaves: the approved round, each
  // household still POSTED with its proposal, every decided household in the
  // to-apply set and the pending RoundApproved envelope naming the approved
  // and the excluded.
  void StoreApprovedRound() {
    redis::Connection redis(redis_->Options("setup"));
    v1::ReviewRound round;
    round.set_round_id(kRoundId);
    round.set_review_year(2025);
    round.set_kind(v1::REVIEW_KIND_PERIODIC);
    round.set_status(v1::ROUND_STATUS_APPROVED);
    round.set_standard_id("decree-07-2021");
    round.set_standard_version(1);
    round.set_approved_by("Chủ tịch UBND");
    round.set_approved_date("2025-12-01");
    redis::Transaction tx;
    RoundStore::QueueRound(tx, environment_->keys, StoredRound{round, 2});
    RoundCounterStore::QueueCounted(tx, environment_->keys, kRoundId);
    std::vector<v1::RoundHousehold> households;
    v1::RoundApproved approval;
    approval.set_round_id(kRoundId);
    for (int i = 0; i < kHouseholds; ++i) {
      v1::RoundHousehold& household = households.emplace_back();
      household.set_round_id(kRoundId);
      household.set_household_id(HouseholdId(i));
      household.set_residential_group("TDP-0" + std::to_string(i % 9 + 1));
      household.set_state(v1::HOUSEHOLD_REVIEW_STATE_POSTED);
      household.set_posted_date("2025-11-03");
      household.set_complaint_window_closes("2025-11-05");
      v1::ClassificationResult* result = household.mutable_proposed();
      result->set_household_id(household.household_id());
      result->set_survey_id("SV-" + household.household_id());
      result->set_standard_id("decree-07-2021");
      result->set_category(i % 3 == 0 ? v1::POVERTY_CATEGORY_POOR : v1::POVERTY_CATEGORY_NEAR_POOR);
      RoundStore::QueueProposal(tx, environment_->keys, kRoundId, *result);
      tx.Add({"SADD", ClassificationKeys::RoundToApply(kRoundId, 0), household.household_id()});
      if (i % kExcludedEvery == 0) {
        v1::Exclusion* exclusion = approval.add_exclusions();
        exclusion->set_household_id(household.household_id());
        exclusion->set_reason("moved out during the review");
      } else {
        approval.add_approved_household_ids(household.household_id());
      }
    }
    RoundStore::QueueHouseholds(tx, environment_->keys, kRoundId, households, PriorRecords());
    v1::EventEnvelope approved;
    approved.set_event_id("approval-event");
    approved.set_correlation_id("approval-correlation");
    approved.mutable_payload()->PackFrom(approval);
    tx.Add(
        {"HSET", std::string(ClassificationKeys::kPendingApproval), kRoundId, approved.SerializeAsString()});
    tx.Exec(redis);
  }

  TempDir dir_;
  std::unique_ptr<RedisServer> redis_;
  std::unique_ptr<StandardCatalog> catalog_;
  std::unique_ptr<ClassificationEnvironment> environment_;
};

TEST_F(ApprovalApplierRaceTest, TwoAppliersOfOneRoundFinishItTogetherWritingEachStatusOnce) {
  std::atomic<int> written{0};
  std::vector<std::string> failures(2);
  std::vector<std::thread> appliers;
  for (int i = 0; i < 2; ++i) {
    appliers.emplace_back([&, i] {
      // As the classification service's own Redis user, with its rules.
      redis::Connection redis(redis_->ServiceOptions("classification", "applier-" + std::to_string(i)));
      try {
        written += ApprovalApplier(redis, *environment_).Finish(kRoundId);
      } catch (const std::exception& error) {
        failures[i] = error.what();
      }
    });
  }
  for (std::thread& applier : appliers) applier.join();

  EXPECT_EQ(failures[0], "");
  EXPECT_EQ(failures[1], "");
  EXPECT_EQ(written.load(), kHouseholds - kExcluded) << "each status written by exactly one of them";
  redis::Connection redis(redis_->Options("check"));
  EXPECT_EQ(redis.Command({"SCARD", ClassificationKeys::RoundToApply(kRoundId, 0)}).AsInteger(), 0);
  EXPECT_EQ(
      redis.Command({"HEXISTS", std::string(ClassificationKeys::kPendingApproval), kRoundId}).AsInteger(), 0);
  long long status_events = 0;
  for (const std::string& stream : environment_->keys.PublishedStreams()) {
    if (redis.Command({"EXISTS", stream}).AsInteger() == 1) {
      status_events += redis.Command({"XLEN", stream}).AsInteger();
    }
  }
  EXPECT_EQ(status_events, kHouseholds - kExcluded)
      << "one HouseholdStatusChanged per approved household, none twice";
  // Each household reached its final state once: the counters kept in the
  // batches' transactions equal a count of the households.
  RoundStore rounds(redis, environment_->keys);
  const std::vector<v1::RoundHousehold> households = rounds.LoadAllHouseholds(kRoundId);
  const RoundCounters counted = CountersOf(households);
  EXPECT_EQ(counted.counts.at("approved"), kHouseholds - kExcluded);
  EXPECT_EQ(counted.counts.at("excluded"), kExcluded);
  EXPECT_EQ(counted.counts.count("posted"), 0u);
  RoundCountFields kept = RoundCounterStore(redis, environment_->keys).LoadOrCount(kRoundId).counts;
  std::erase_if(kept, [](const auto& field) { return field.second == 0; });  // moved to 0, not dropped
  EXPECT_EQ(kept, counted.counts);
}

}  // namespace
}  // namespace ansinh::classification
