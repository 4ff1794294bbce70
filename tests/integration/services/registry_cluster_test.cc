// The registry on a real Redis Cluster of three masters and three replicas
// (--redis-cluster, four partitions): every write it makes is a transaction
// of one hash slot, so registrations, an import, member changes that claim
// and release CCCDs, moves out and the merged lists all work while the
// partitions' slots and the ward's live on different masters.
#include <set>
#include <thread>

#include "eventually.h"
#include "household_pages.h"
#include "redis/cluster_slot.h"
#include "redis_cluster.h"
#include "registry_test_fixture.h"
#include "service_process.h"

namespace ansinh::registry::testkit {
namespace {

using ansinh::testkit::Eventually;
using ansinh::testkit::RedisCluster;
using ansinh::testkit::ServiceProcess;

constexpr int kClusterPartitions = 4;

class RegistryClusterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cluster_.Start();
    // As its own ACL user on every node, as `make run CLUSTER=1` runs it.
    registry_ = std::make_unique<ServiceProcess>(
        "registry", cluster_, tokens_.WriteFile(dir_.path()), dir_.path(),
        std::vector<std::string>{"--partitions", std::to_string(kClusterPartitions),
                                 "--national-id-claim-seconds", "2"});
    registry_->Start();
    stub_ = v1::Registry::NewStub(registry_->channel());
  }

  void TearDown() override {
    stub_.reset();
    registry_->Terminate();
    // A command the service's ACL rules refuse would fail in production too.
    for (const std::string& denial : cluster_.AclDenials()) ADD_FAILURE() << "refused by the ACL: " << denial;
  }

  std::unique_ptr<grpc::ClientContext> Officer() { return AuthorizedContext(tokens_.officer); }
  std::unique_ptr<grpc::ClientContext> Auditor() { return AuthorizedContext(tokens_.auditor); }

  static v1::Household Single(int n, const std::string& group) {
    v1::Household household;
    household.set_address("số " + std::to_string(n) + " Lê Lợi");
    household.set_residential_group(group);
    *household.add_members() =
        Adult("Trương Thị Hoa", v1::SEX_FEMALE, "1981-02-02", v1::RELATION_TO_HEAD_HEAD, NationalId(n));
    return household;
  }

  std::vector<std::string> ListIds(v1::HouseholdStatus status, int page_size) {
    v1::ListHouseholdsRequest filter;
    filter.set_status(status);
    return ::ansinh::testkit::ListAllHouseholdIds(*stub_, tokens_.auditor, filter, page_size);
  }

  TempDir dir_;
  RedisCluster cluster_{dir_.path()};
  TestTokens tokens_;
  std::unique_ptr<ServiceProcess> registry_;
  std::unique_ptr<v1::Registry::Stub> stub_;
};

TEST_F(RegistryClusterTest, TheRegistryWritesAndListsWithEveryTransactionInOneSlot) {
  // The partitions' slots and the ward's are not all on one master, so a
  // transaction spanning them could not even be routed.
  std::set<int> masters{cluster_.MasterOfSlot(redis::KeySlot("{ward}"))};
  for (int p = 0; p < kClusterPartitions; ++p) {
    masters.insert(cluster_.MasterOfSlot(redis::KeySlot("{p" + std::to_string(p) + "}")));
  }
  ASSERT_GT(masters.size(), 1u);

  // Registrations, one by one (the first waits for the registry to serve).
  std::vector<std::string> ids;
  for (int n = 0; n < 10; ++n) {
    v1::CreateHouseholdRequest request;
    *request.mutable_household() = Single(n + 1, n % 2 == 0 ? "TDP-01" : "TDP-02");
    v1::CreateHouseholdResponse response;
    grpc::Status status;
    ASSERT_TRUE(Eventually(
        [&] {
          status = stub_->CreateHousehold(Officer().get(), request, &response);
          return status.error_code() != grpc::StatusCode::UNAVAILABLE;
        },
        std::chrono::seconds(30)));
    ASSERT_TRUE(status.ok()) << status.error_message() << "\n" << registry_->log();
    ids.push_back(response.household().household_id());
  }

  // An import: one claim for the batch, one transaction per partition. Its
  // row with a CCCD registered above is refused.
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Bearer " + tokens_.officer);
  v1::ImportHouseholdsResponse imported;
  auto writer = stub_->ImportHouseholds(&context, &imported);
  for (int n = 0; n < 40; ++n) {
    v1::ImportHouseholdsRequest row;
    *row.mutable_household() = Single(n == 39 ? 1 : 100 + n, "TDP-03");
    ASSERT_TRUE(writer->Write(row));
  }
  writer->WritesDone();
  const grpc::Status import_status = writer->Finish();
  ASSERT_TRUE(import_status.ok()) << import_status.error_message();
  EXPECT_EQ(imported.imported_count(), 39);
  EXPECT_EQ(imported.rejected_count(), 1);
  for (const auto& result : imported.results()) {
    if (result.has_imported()) ids.push_back(result.imported().household_id());
  }

  // A member who brings a CCCD in (claimed in {ward}, written in {pN}), and a
  // CCCD already taken, refused.
  v1::AddMemberRequest add;
  add.set_household_id(ids[0]);
  add.set_expected_version(1);
  *add.mutable_member() =
      Adult("Trương Văn Sơn", v1::SEX_MALE, "1980-03-03", v1::RELATION_TO_HEAD_SPOUSE, NationalId(500));
  v1::AddMemberResponse added;
  const grpc::Status add_status = stub_->AddMember(Officer().get(), add, &added);
  ASSERT_TRUE(add_status.ok()) << add_status.error_message();
  add.set_household_id(ids[1]);
  EXPECT_EQ(stub_->AddMember(Officer().get(), add, &added).error_code(), grpc::StatusCode::ALREADY_EXISTS);

  // Moving out releases the CCCDs (record first, then the claims).
  v1::MoveOutRequest move;
  move.set_household_id(ids[0]);
  move.set_expected_version(2);
  move.set_reason("chuyển khẩu");
  v1::MoveOutResponse moved;
  const grpc::Status move_status = stub_->MoveOut(Officer().get(), move, &moved);
  ASSERT_TRUE(move_status.ok()) << move_status.error_message();
  const grpc::Status reuse = stub_->AddMember(Officer().get(), add, &added);
  EXPECT_TRUE(reuse.ok()) << reuse.error_message();

  // Lists merge the partitions' indexes, wherever their masters are.
  std::vector<std::string> active(ids.begin() + 1, ids.end());
  EXPECT_EQ(ListIds(v1::HOUSEHOLD_STATUS_ACTIVE, 7), active);
  EXPECT_EQ(ListIds(v1::HOUSEHOLD_STATUS_MOVED_OUT, 7), std::vector<std::string>{ids[0]});
  EXPECT_EQ(ListIds(v1::HOUSEHOLD_STATUS_UNSPECIFIED, 100).size(), ids.size());
}

}  // namespace
}  // namespace ansinh::registry::testkit
