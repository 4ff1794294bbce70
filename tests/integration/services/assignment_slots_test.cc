// Assignment with every transaction in one hash slot (docs/assignment.md,
// "Redis keys"): indexes and loads per partition, merged on read and exact;
// a helper's maximum caseload held over every partition by claims; what a
// crash leaves repaired by the claim finisher; the keys from before the hash
// tags moved at start.
#include <gmock/gmock.h>

#include <atomic>
#include <map>
#include <set>
#include <thread>

#include "assignment/adapters/assignment_keys.h"
#include "assignment/adapters/helper_claims.h"
#include "assignment_test_fixture.h"
#include "eventually.h"

namespace ansinh::assignment::testkit {
namespace {

class AssignmentSlotsTest : public AssignmentServiceTest {
 protected:
  grpc::Status Assign(const std::string& case_id, const std::string& helper_id) {
    v1::AssignHelperRequest request;
    request.set_case_id(case_id);
    request.set_helper_id(helper_id);
    request.set_reason("closest helper");
    v1::Case response;
    auto context = AuthorizedContext(tokens_.womens_union_staff);
    return client().AssignHelper(context.get(), request, &response);
  }

  v1::GetWorkloadResponse Workload() {
    v1::GetWorkloadRequest request;
    v1::GetWorkloadResponse response;
    auto context = AuthorizedContext(tokens_.officer);
    const grpc::Status status = client().GetWorkload(context.get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  std::vector<v1::Case> ListByOrganization(const std::string& organization_id) {
    v1::ListCasesRequest request;
    request.set_organization_id(organization_id);
    request.mutable_page()->set_page_size(500);
    v1::ListCasesResponse response;
    auto context = AuthorizedContext(tokens_.officer);
    const grpc::Status status = client().ListCases(context.get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return {response.cases().begin(), response.cases().end()};
  }

  // A counter summed over the partitions' hashes.
  int SummedLoad(const std::string& kind, const std::string& id) {
    int sum = 0;
    for (int partition = 0; partition < partitions_; ++partition) {
      const std::string key = kind == "helper" ? AssignmentKeys::HelperLoads(partition)
                                               : AssignmentKeys::OrganizationLoads(partition);
      const redis::Reply count = redis().Command({"HGET", key, id});
      if (!count.IsNil()) sum += std::stoi(count.str);
    }
    return sum;
  }

  // Households of TDP-01 (the women's union's group) on every partition.
  std::vector<v1::Case> OpenAcrossPartitions(int count) {
    std::vector<v1::Case> opened;
    std::set<int> partitions;
    for (int i = 1; i <= count; ++i) {
      const std::string household = "HH-" + std::to_string(100 + i);
      partitions.insert(events::PartitionOf(household, partitions_));
      PublishStatus({household, "TDP-01"});
    }
    for (int i = 1; i <= count; ++i) opened.push_back(WaitForVersion("HH-" + std::to_string(100 + i), 2));
    EXPECT_EQ(partitions.size(), static_cast<size_t>(partitions_)) << "the households cover every partition";
    return opened;
  }
};

TEST_F(AssignmentSlotsTest, WithFourPartitionsIndexesAndLoadsMergedOverPartitionsAreExact) {
  partitions_ = 4;
  StartService({"--partitions", "4"});
  // The women's union's capacity is 10: all ten go to it.
  const std::vector<v1::Case> opened = OpenAcrossPartitions(10);
  for (const v1::Case& a_case : opened) ASSERT_EQ(a_case.organization_id(), "womens-union");

  // women-02 carries at most 5: five assignments pass, on whichever
  // partitions their cases are, the sixth is refused.
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(Assign(opened[i].case_id(), "women-02").ok()) << i;
  const grpc::Status full = Assign(opened[5].case_id(), "women-02");
  EXPECT_EQ(full.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << full.error_message();
  EXPECT_NE(full.error_message().find("already carries 5"), std::string::npos) << full.error_message();

  EXPECT_EQ(ListByOrganization("womens-union").size(), 10u);
  EXPECT_EQ(SummedLoad("organization", "womens-union"), 10);
  EXPECT_EQ(SummedLoad("helper", "women-02"), 5);
  const v1::GetWorkloadResponse workload = Workload();
  bool seen = false;
  for (const v1::OrganizationWorkload& organization : workload.organizations()) {
    if (organization.organization_id() != "womens-union") continue;
    seen = true;
    EXPECT_EQ(organization.open_cases(), 10);
  }
  EXPECT_TRUE(seen);
  // An eleventh case finds the women's union full: the capacity is weighed
  // against the load summed over the partitions.
  PublishStatus({"HH-200", "TDP-01"});
  EXPECT_NE(WaitForVersion("HH-200", 2).organization_id(), "womens-union");
  // No claim is left once the operations answered.
  EXPECT_EQ(redis().Command({"HLEN", AssignmentKeys::HelperClaims("women-02")}).integer, 0);
  // The directory's events are on partition 0's stream, with the directory.
  const redis::Reply directory_events =
      redis().Command({"XRANGE", events::EventStream(events::kAssignmentSource, 0), "-", "+"});
  int organizations = 0;
  for (const redis::Reply& item : directory_events.elements) {
    std::string error;
    const std::optional<v1::EventEnvelope> event = events::DecodeEntry(events::ParseEntryReply(item), &error);
    if (event && event->aggregate_type() == "organization") ++organizations;
  }
  EXPECT_EQ(organizations, 4) << "the seeded organizations, each on partition 0";
}

TEST_F(AssignmentSlotsTest, ConcurrentAssignmentsInDifferentPartitionsNeverPassAHelpersMaximum) {
  partitions_ = 4;
  StartService({"--partitions", "4"});
  const std::vector<v1::Case> opened = OpenAcrossPartitions(10);
  std::atomic<int> assigned{0};
  std::atomic<int> full{0};
  std::vector<std::thread> staff;
  for (const v1::Case& a_case : opened) {
    staff.emplace_back([&, case_id = a_case.case_id()] {
      const grpc::Status status = Assign(case_id, "women-02");
      if (status.ok()) {
        ++assigned;
      } else if (status.error_code() == grpc::StatusCode::FAILED_PRECONDITION) {
        ++full;
      } else {
        ADD_FAILURE() << status.error_code() << " " << status.error_message();
      }
    });
  }
  for (std::thread& thread : staff) thread.join();
  EXPECT_EQ(assigned.load(), 5) << "women-02's maximum caseload";
  EXPECT_EQ(full.load(), 5);
  EXPECT_EQ(SummedLoad("helper", "women-02"), 5);
  int with_women_02 = 0;
  for (const v1::Case& a_case : opened) {
    if (GetCase(a_case.case_id(), tokens_.officer).helper_id() == "women-02") ++with_women_02;
  }
  EXPECT_EQ(with_women_02, 5);
}

TEST_F(AssignmentSlotsTest, AClaimLeftByAKilledOperationIsReleasedAndItsCaseFencedAgainstIt) {
  StartService();
  const v1::Case a_case = OpenCase("HH-000001", "TDP-01");
  const v1::Case other = OpenCase("HH-000002", "TDP-01");
  ASSERT_EQ(a_case.version(), 2u);
  // The service is killed between an assignment's claim and its case's
  // transaction: the claim stays, for a version the case never reached.
  service_->Kill();
  const std::string stale = a_case.case_id() + "@3#0123456789abcdef";
  const std::string committed = other.case_id() + "@2#fedcba9876543210";
  const auto two_minutes_ago =
      std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::system_clock::now().time_since_epoch() - std::chrono::minutes(2))
          .count();
  redis().Command({"HSET", AssignmentKeys::HelperClaims("women-01"), stale, std::to_string(two_minutes_ago)});
  // And a claim whose case did commit (the process died before releasing it).
  redis().Command(
      {"HSET", AssignmentKeys::HelperClaims("women-01"), committed, std::to_string(two_minutes_ago)});
  redis().Command({"SADD", AssignmentKeys::ClaimedHelpers(), "women-01"});  // as QueueClaim does
  service_.reset();
  StartService();

  // women-01 carries at most 1: the stale claim counts as that one case
  // until the finisher gives it up.
  ASSERT_TRUE(ansinh::testkit::Eventually(
      [&] {
        return redis().Command({"HLEN", AssignmentKeys::HelperClaims("women-01")}).integer == 0;
      },
      std::chrono::seconds(15)))
      << service_->log();
  const AssignmentKeys keys(1);
  EXPECT_EQ(redis().Command({"SISMEMBER", keys.CaseFence("HH-000001", a_case.case_id()), stale}).integer, 1)
      << "an operation still holding the claim can never commit under it";
  EXPECT_TRUE(ClaimFenced(redis(), keys, a_case.case_id(), stale));
  EXPECT_EQ(redis().Command({"EXISTS", keys.CaseFence("HH-000002", other.case_id())}).integer, 0)
      << "a claim whose case committed is only released";
  // The helper's load is exact again: one assignment fits, a second not.
  ASSERT_TRUE(Assign(a_case.case_id(), "women-01").ok());
  EXPECT_EQ(Assign(other.case_id(), "women-01").error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(SummedLoad("helper", "women-01"), 1);
  EXPECT_EQ(GetCase(a_case.case_id(), tokens_.officer).version(), 3u);
  // Once the finisher found no claim left, the helper leaves its set.
  EXPECT_TRUE(ansinh::testkit::Eventually(
      [&] {
        return redis().Command({"SISMEMBER", AssignmentKeys::ClaimedHelpers(), "women-01"}).integer == 0;
      },
      std::chrono::seconds(10)));
}

TEST_F(AssignmentSlotsTest, KeysFromBeforeTheHashTagsAreMovedAtStartWithTheirIndexesAndLoadsRebuilt) {
  StartService();
  const v1::Case first = OpenCase("HH-000001", "TDP-01");
  OpenCase("HH-000002", "TDP-02");
  ASSERT_TRUE(Assign(first.case_id(), "women-02").ok());
  const std::string all = AssignmentKeys::Index(0, AssignmentKeys::kAllCases);
  const std::string women = AssignmentKeys::Index(0, AssignmentKeys::OrganizationIndex("womens-union"));
  const std::string helper = AssignmentKeys::Index(0, AssignmentKeys::HelperIndex("women-02"));
  const auto members = [&](const std::string& key) {
    std::set<std::string> found;
    for (const redis::Reply& item : redis().Command({"SMEMBERS", key}).elements) found.insert(item.str);
    return found;
  };
  const std::set<std::string> all_before = members(all);
  ASSERT_EQ(all_before.size(), 2u);
  ASSERT_TRUE(service_->Terminate().has_value());
  service_.reset();

  // The layout before the tags: the directory, the loads and the indexes
  // ward-wide, without a tag.
  redis().Command({"RENAME", AssignmentKeys::Organizations(), "ansinh:assignment:organizations"});
  redis().Command({"RENAME", AssignmentKeys::Helpers(), "ansinh:assignment:helpers"});
  for (const std::string& id : all_before) redis().Command({"SADD", "ansinh:assignment:index:all", id});
  redis().Command({"HSET", "ansinh:assignment:load:helpers", "women-02", "1"});
  redis().Command({"SADD", "ansinh:assignment:index:helper:women-02", first.case_id()});
  redis().Command(
      {"DEL", all, women, helper, AssignmentKeys::HelperLoads(0), AssignmentKeys::OrganizationLoads(0)});

  StartService();
  for (const char* legacy :
       {"ansinh:assignment:organizations", "ansinh:assignment:helpers", "ansinh:assignment:index:all",
        "ansinh:assignment:load:helpers", "ansinh:assignment:index:helper:women-02"}) {
    EXPECT_EQ(redis().Command({"EXISTS", legacy}).integer, 0) << legacy;
  }
  EXPECT_EQ(redis().Command({"HLEN", AssignmentKeys::Organizations()}).integer, 4) << "not seeded again";
  EXPECT_EQ(members(all), all_before);
  EXPECT_EQ(members(women), std::set<std::string>{first.case_id()});
  EXPECT_EQ(members(helper), std::set<std::string>{first.case_id()});
  EXPECT_EQ(SummedLoad("helper", "women-02"), 1);
  EXPECT_EQ(SummedLoad("organization", "womens-union"), 1);
  EXPECT_EQ(SummedLoad("organization", "farmers-union"), 1);
  EXPECT_EQ(ListByOrganization("womens-union").size(), 1u);
}

}  // namespace
}  // namespace ansinh::assignment::testkit
