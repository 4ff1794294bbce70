// Resharding and failover while events flow (issue 17): the whole stack on a Redis
// Cluster of 3 masters, households registered without pause while the slot
// of the ward's partition moves twice, first step by step as
// `redis-cli --cluster reshard` moves a slot (IMPORTING, MIGRATING, MIGRATE
// of its keys, SETSLOT NODE), then by `redis-cli --cluster reshard` itself
// moving every slot of a master. Every acknowledged household is still there,
// monitoring applied each registry event once, nothing went to the dead
// letters, and the audit chain verifies. The same holds through a manual
// failover and a killed master.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "ansinh/v1/monitoring.grpc.pb.h"
#include "ansinh/v1/registry.grpc.pb.h"
#include "events/stream_names.h"
#include "eventually.h"
#include "household_builders.h"
#include "redis/cluster_slot.h"
#include "ward_stack.h"

namespace ansinh {
namespace {

using testkit::AuthorizedContext;
using testkit::Eventually;
using testkit::WardStack;

// Registers households one after another until stopped, keeping the id of
// each one the registry acknowledged; a call refused while a slot moves is
// counted, not retried (the registry retries inside; what it refuses is not
// acknowledged, so it need not survive).
class HouseholdWriter {
 public:
  HouseholdWriter(std::shared_ptr<grpc::Channel> channel, std::string token)
      : registry_(v1::Registry::NewStub(channel)), token_(std::move(token)), thread_([this] { Loop(); }) {}
  ~HouseholdWriter() { Stop(); }

  void Stop() {
    stopping_ = true;
    if (thread_.joinable()) thread_.join();
  }
  std::vector<std::string> acknowledged() {
    std::lock_guard lock(mutex_);
    return acknowledged_;
  }
  size_t refused() const { return refused_; }
  // Waits (a loaded machine is slow, not wrong) until `count` more
  // households than `than` were acknowledged.
  bool WaitForMore(size_t than, size_t count) {
    return Eventually(
        [&] {
          std::lock_guard lock(mutex_);
          return acknowledged_.size() >= than + count;
        },
        std::chrono::seconds(60), std::chrono::milliseconds(20));
  }

 private:
  void Loop() {
    for (int i = 0; !stopping_; ++i) {
      testkit::SampleHead head;
      head.full_name = "Trần Văn Thử " + std::to_string(i);
      // Twelve digits, unique per household: province 046, then the number.
      std::string number = std::to_string(100000000 + i);
      head.national_id = "046" + number;
      v1::CreateHouseholdRequest request;
      *request.mutable_household() = testkit::OneMemberHousehold(head);
      v1::CreateHouseholdResponse response;
      const grpc::Status status =
          registry_->CreateHousehold(AuthorizedContext(token_).get(), request, &response);
      if (status.ok()) {
        std::lock_guard lock(mutex_);
        acknowledged_.push_back(response.household().household_id());
      } else {
        ++refused_;
      }
    }
  }

  std::unique_ptr<v1::Registry::Stub> registry_;
  std::string token_;
  std::atomic<bool> stopping_{false};
  std::atomic<size_t> refused_{0};
  std::mutex mutex_;
  std::vector<std::string> acknowledged_;
  std::thread thread_;
};

// A master other than `port`.
int AnotherMaster(testkit::RedisCluster& cluster, int port) {
  for (const int master : cluster.MasterPorts()) {
    if (master != port) return master;
  }
  return -1;
}

// Every acknowledged household is still there; monitoring applied every
// registry event once (what it counts consumed equals the stream's length)
// and dead-lettered none; the audit chain verifies.
void ExpectNothingLostNothingAppliedTwice(WardStack& stack, const std::vector<std::string>& acknowledged,
                                          size_t refused) {
  const std::string officer = stack.tokens().officer;
  auto registry = v1::Registry::NewStub(stack.service("registry").channel());
  size_t missing = 0;
  for (const std::string& id : acknowledged) {
    v1::GetHouseholdRequest request;
    request.set_household_id(id);
    v1::GetHouseholdResponse response;
    if (!registry->GetHousehold(AuthorizedContext(officer).get(), request, &response).ok()) ++missing;
  }
  EXPECT_EQ(missing, 0u) << "of " << acknowledged.size() << " acknowledged households (" << refused
                         << " calls refused)";

  // Monitoring applied every registry event once: what it counts consumed
  // equals the stream's length, and nothing was dead-lettered.
  const std::string registry_stream = events::EventStream(events::kRegistrySource, 0);
  redis::Connection admin(stack.RedisAdminOptions());
  const long long published = admin.Command({"XLEN", registry_stream}).AsInteger();
  EXPECT_GE(published, static_cast<long long>(acknowledged.size()));
  auto monitoring = v1::Monitoring::NewStub(stack.service("monitoring").channel());
  v1::GetSeenResponse seen;
  uint64_t consumed = 0;
  ASSERT_TRUE(Eventually(
      [&] {
        if (!monitoring->GetSeen(AuthorizedContext(officer).get(), v1::GetSeenRequest{}, &seen).ok())
          return false;
        for (const auto& stream : seen.streams()) {
          if (stream.stream() == registry_stream) consumed = stream.events_consumed();
        }
        return consumed >= static_cast<uint64_t>(published);
      },
      std::chrono::seconds(60)))
      << "monitoring consumed " << consumed << " of " << published << " registry events; it reports "
      << seen.ShortDebugString().substr(0, 2000);
  EXPECT_EQ(consumed, static_cast<uint64_t>(published)) << "an event applied twice";
  EXPECT_EQ(seen.dead_lettered(), 0u);

  v1::VerifyAuditResponse verified;
  const grpc::Status verify = monitoring->VerifyAudit(AuthorizedContext(stack.tokens().auditor).get(),
                                                      v1::VerifyAuditRequest{}, &verified);
  ASSERT_TRUE(verify.ok()) << verify.error_message();
  EXPECT_TRUE(verified.verification().intact());
  EXPECT_GE(verified.verification().entries_checked(), static_cast<uint64_t>(published));
}

TEST(ClusterResharding, EventsFlowWhileTheirSlotMovesNothingLostNothingAppliedTwice) {
  WardStack stack(WardStack::OnRedisCluster{});
  stack.Start();
  testkit::RedisCluster& cluster = stack.cluster();
  const int slot = redis::KeySlot(events::PartitionTag(0));
  const std::string officer = stack.tokens().officer;

  HouseholdWriter writer(stack.service("registry").channel(), officer);
  ASSERT_TRUE(writer.WaitForMore(0, 20)) << "no household registered before resharding";

  // Step by step, as redis-cli moves one slot.
  const int first_owner = cluster.MasterOfSlot(slot);
  const int second_owner = AnotherMaster(cluster, first_owner);
  cluster.MoveSlot(slot, second_owner);
  EXPECT_EQ(cluster.MasterOfSlot(slot), second_owner);
  size_t before = writer.acknowledged().size();
  ASSERT_TRUE(writer.WaitForMore(before, 20)) << "registrations stopped after the slot moved";

  // redis-cli --cluster reshard itself: every slot of the partition's
  // master, this one among them, to another master.
  const int third_owner = AnotherMaster(cluster, second_owner);
  cluster.Reshard(second_owner, third_owner, cluster.SlotsOf(second_owner));
  EXPECT_EQ(cluster.MasterOfSlot(slot), third_owner);
  before = writer.acknowledged().size();
  ASSERT_TRUE(writer.WaitForMore(before, 20)) << "registrations stopped after redis-cli resharded";
  writer.Stop();
  const std::vector<std::string> acknowledged = writer.acknowledged();

  ExpectNothingLostNothingAppliedTwice(stack, acknowledged, writer.refused());
}

// A manual CLUSTER FAILOVER, then a kill -9 of the new master and its
// replica's promotion, each while households are registered: every write the
// registry acknowledged (after a replica took it: WAIT) is readable
// afterwards, the consumers resume on the new masters, nothing is applied
// twice and the audit chain verifies.
TEST(ClusterFailover, AcknowledgedWritesSurviveAFailoverAndAKilledMasterConsumersResume) {
  WardStack stack(WardStack::OnRedisCluster{});
  stack.Start();
  testkit::RedisCluster& cluster = stack.cluster();
  const int slot = redis::KeySlot(events::PartitionTag(0));

  HouseholdWriter writer(stack.service("registry").channel(), stack.tokens().officer);
  ASSERT_TRUE(writer.WaitForMore(0, 20)) << "no household registered before the failover";

  const int first_master = cluster.MasterOfSlot(slot);
  const int first_replica = cluster.ReplicaOf(first_master);
  ASSERT_NE(first_replica, -1);
  cluster.Failover(first_replica);
  EXPECT_EQ(cluster.MasterOfSlot(slot), first_replica);
  size_t before = writer.acknowledged().size();
  ASSERT_TRUE(writer.WaitForMore(before, 20)) << "registrations stopped after the manual failover";

  // The old master follows the new one; kill the new one like a crash and
  // promote the old one back.
  ASSERT_TRUE(
      Eventually([&] { return cluster.ReplicaOf(first_replica) == first_master; }, std::chrono::seconds(20)))
      << "the old master did not become the new one's replica";
  const int second_replica = first_master;
  cluster.Kill(first_replica);  // kill -9
  cluster.Failover(second_replica, /*takeover=*/true);
  EXPECT_EQ(cluster.MasterOfSlot(slot), second_replica);
  // Until the killed node is back (as the new master's replica), no write
  // to these slots can be acknowledged: WAIT finds no replica to take it.
  cluster.Restart(first_replica);
  before = writer.acknowledged().size();
  ASSERT_TRUE(writer.WaitForMore(before, 20)) << "registrations stopped after the killed master";
  writer.Stop();

  ExpectNothingLostNothingAppliedTwice(stack, writer.acknowledged(), writer.refused());
}

}  // namespace
}  // namespace ansinh
