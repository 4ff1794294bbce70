// The registry on single-slot transactions (docs/registry.md, "Uniqueness
// across slots"; every registry transaction stays in one hash slot, which the
// registry's Redis connections check on a single node too): CCCD claims in the
// ward's slot before the household's write in its partition's slot, a crash
// between the two that blocks nothing for longer than a claim's life, lists
// merged over per-partition indexes, and the move of the old ward-wide
// indexes at start-up.
#include <algorithm>
#include <cstdlib>
#include <set>
#include <sstream>

#include "eventually.h"
#include "household_pages.h"
#include "registry/core/national_id_claim.h"
#include "registry_test_fixture.h"

namespace ansinh::registry::testkit {
namespace {

using ansinh::testkit::Eventually;

constexpr int kPartitions = 4;
// RegistryKeys::kNationalIds: CCCD -> claim.
const std::string kClaims = "ansinh:{ward}:registry:national-ids";

int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Sets ANSINH_REGISTRY_CRASH_AT for the registries started while it lives
// (the environment is inherited at spawn).
class CrashAt {
 public:
  explicit CrashAt(const char* point) { setenv("ANSINH_REGISTRY_CRASH_AT", point, 1); }
  ~CrashAt() { unsetenv("ANSINH_REGISTRY_CRASH_AT"); }
};

class RegistrySlotsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_.Start();
    StartRegistry();
  }

  // A registry with short claims, on four partitions.
  void StartRegistry() {
    registry_ =
        std::make_unique<ServiceProcess>("registry", redis_, tokens_file_, dir_.path(),
                                         std::vector<std::string>{"--partitions", std::to_string(kPartitions),
                                                                  "--national-id-claim-seconds", "3"});
    registry_->Start();
    stub_ = v1::Registry::NewStub(registry_->channel());
  }

  std::unique_ptr<grpc::ClientContext> Officer() { return AuthorizedContext(tokens_.officer); }
  std::unique_ptr<grpc::ClientContext> Auditor() { return AuthorizedContext(tokens_.auditor); }

  grpc::Status Create(const v1::Household& household, v1::Household* created = nullptr) {
    v1::CreateHouseholdRequest request;
    *request.mutable_household() = household;
    v1::CreateHouseholdResponse response;
    const grpc::Status status = stub_->CreateHousehold(Officer().get(), request, &response);
    if (created != nullptr) *created = response.household();
    return status;
  }

  grpc::StatusCode GetCode(const std::string& household_id) {
    v1::GetHouseholdRequest request;
    request.set_household_id(household_id);
    v1::GetHouseholdResponse response;
    return stub_->GetHousehold(Auditor().get(), request, &response).error_code();
  }

  std::vector<std::string> ListIds(const std::string& group, v1::HouseholdStatus status, int page_size,
                                   int64_t* total = nullptr) {
    v1::ListHouseholdsRequest filter;
    filter.set_residential_group(group);
    filter.set_status(status);
    return ::ansinh::testkit::ListAllHouseholdIds(*stub_, tokens_.auditor, filter, page_size, total);
  }

  redis::Connection& Redis() {
    if (!redis_connection_) redis_connection_ = std::make_unique<redis::Connection>(redis_.Options());
    return *redis_connection_;
  }

  std::vector<std::string> KeysMatching(const std::string& pattern) {
    std::vector<std::string> keys;
    for (const auto& key : Redis().Command({"KEYS", pattern}).elements) keys.push_back(key.str);
    std::sort(keys.begin(), keys.end());
    return keys;
  }

  // A household of one adult in group `group` with CCCD NationalId(n).
  static v1::Household Single(int n, const std::string& group, const std::string& name) {
    v1::Household household;
    household.set_address("số " + std::to_string(n) + " Nguyễn Sinh Cung");
    household.set_residential_group(group);
    *household.add_members() =
        Adult(name, v1::SEX_FEMALE, "1980-01-01", v1::RELATION_TO_HEAD_HEAD, NationalId(n));
    return household;
  }

  TempDir dir_;
  RedisServer redis_{dir_.path()};
  TestTokens tokens_;
  std::string tokens_file_ = tokens_.WriteFile(dir_.path());
  std::unique_ptr<ServiceProcess> registry_;
  std::unique_ptr<v1::Registry::Stub> stub_;
  std::unique_ptr<redis::Connection> redis_connection_;
};

TEST_F(RegistrySlotsTest, AClaimStillPendingRefusesTheNumberAndAStaleOneIsTakenOver) {
  // Another registry claimed the number and is about to write its household.
  Redis().Command({"HSET", kClaims, NationalId(1), "HH-999999@" + std::to_string(UnixNow() + 600)});
  grpc::Status refused = Create(Single(1, "TDP-01", "Lê Thị An"));
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::ALREADY_EXISTS) << refused.error_message();
  EXPECT_NE(refused.error_message().find("HH-999999"), std::string::npos) << refused.error_message();

  // The same claim after its deadline, its household never written (the
  // writer crashed): the number is free again.
  Redis().Command({"HSET", kClaims, NationalId(1), "HH-999999@" + std::to_string(UnixNow() - 1)});
  v1::Household created;
  ASSERT_TRUE(Create(Single(1, "TDP-01", "Lê Thị An"), &created).ok());
  const std::optional<NationalIdClaim> claim =
      ParseNationalIdClaim(Redis().Command({"HGET", kClaims, NationalId(1)}).str);
  ASSERT_TRUE(claim.has_value());
  EXPECT_EQ(claim->household_id, created.household_id());

  // Whatever the deadline, a household whose record holds the number keeps it:
  // a claim written before claims had deadlines names it alone.
  Redis().Command({"HSET", kClaims, NationalId(1), created.household_id()});
  EXPECT_EQ(Create(Single(1, "TDP-02", "Lê Thị Ba")).error_code(), grpc::StatusCode::ALREADY_EXISTS);
}

TEST_F(RegistrySlotsTest, ACrashBetweenTheClaimAndTheHouseholdBlocksTheNumberOnlyUntilTheClaimsDeadline) {
  v1::Household first;
  ASSERT_TRUE(Create(Single(10, "TDP-03", "Phạm Văn Cường"), &first).ok());
  registry_->Terminate();
  {
    CrashAt crash("after-claim");
    StartRegistry();
    // The registry claims the CCCD and the code, then dies before the
    // household is written, as kill -9 would stop it.
    const grpc::Status lost = Create(Single(11, "TDP-03", "Phạm Thị Dung"));
    EXPECT_FALSE(lost.ok());
    ASSERT_TRUE(Eventually([&] { return !registry_->running(); }, std::chrono::seconds(10)));
  }
  const std::optional<NationalIdClaim> orphan =
      ParseNationalIdClaim(Redis().Command({"HGET", kClaims, NationalId(11)}).str);
  ASSERT_TRUE(orphan.has_value()) << "the claim was written before the crash";
  EXPECT_GT(orphan->pending_until, 0);

  StartRegistry();
  EXPECT_EQ(GetCode(orphan->household_id), grpc::StatusCode::NOT_FOUND)
      << "the crash came before the household was written";
  // A second try of the same household gets the number once the orphan
  // claim's deadline (3 s) has passed; until then it is refused as pending.
  v1::Household retried;
  ASSERT_TRUE(Eventually(
      [&] {
        const grpc::Status status = Create(Single(11, "TDP-03", "Phạm Thị Dung"), &retried);
        EXPECT_TRUE(status.ok() || status.error_code() == grpc::StatusCode::ALREADY_EXISTS)
            << status.error_message();
        return status.ok();
      },
      std::chrono::seconds(15)));
  EXPECT_NE(retried.household_id(), orphan->household_id) << "the lost id is not reused";
  EXPECT_EQ(ParseNationalIdClaim(Redis().Command({"HGET", kClaims, NationalId(11)}).str)->household_id,
            retried.household_id());

  // Nothing doubled: the number is on one household, which has one
  // registration event; the lost id has none.
  int registered = 0;
  for (int p = 0; p < kPartitions; ++p) {
    for (const auto& item :
         Redis().Command({"XRANGE", events::EventStream(events::kRegistrySource, p), "-", "+"}).elements) {
      std::string error;
      const auto envelope = events::DecodeEntry(events::ParseEntryReply(item), &error);
      ASSERT_TRUE(envelope.has_value()) << error;
      EXPECT_NE(envelope->aggregate_id(), orphan->household_id);
      if (envelope->aggregate_id() == retried.household_id()) ++registered;
    }
  }
  EXPECT_EQ(registered, 1);
  EXPECT_EQ(ListIds("", v1::HOUSEHOLD_STATUS_UNSPECIFIED, 50),
            (std::vector<std::string>{first.household_id(), retried.household_id()}));
}

TEST_F(RegistrySlotsTest, ACrashAfterAMembersClaimLeavesTheHouseholdAsItWasAndTheNumberFreeLater) {
  v1::Household household;
  ASSERT_TRUE(Create(Single(20, "TDP-04", "Võ Thị Hà"), &household).ok());
  registry_->Terminate();
  v1::AddMemberRequest add;
  add.set_household_id(household.household_id());
  add.set_expected_version(household.version());
  *add.mutable_member() =
      Adult("Võ Văn Hải", v1::SEX_MALE, "1979-05-05", v1::RELATION_TO_HEAD_SPOUSE, NationalId(21));
  {
    CrashAt crash("after-claim");
    StartRegistry();
    v1::AddMemberResponse added;
    EXPECT_FALSE(stub_->AddMember(Officer().get(), add, &added).ok());
    ASSERT_TRUE(Eventually([&] { return !registry_->running(); }, std::chrono::seconds(10)));
  }
  StartRegistry();
  v1::GetHouseholdRequest get;
  get.set_household_id(household.household_id());
  v1::GetHouseholdResponse unchanged;
  ASSERT_TRUE(stub_->GetHousehold(Auditor().get(), get, &unchanged).ok());
  EXPECT_EQ(unchanged.household().version(), household.version());
  EXPECT_EQ(unchanged.household().members_size(), 1);

  // Another household gets the number once the claim is stale...
  v1::Household other;
  ASSERT_TRUE(Eventually([&] { return Create(Single(21, "TDP-04", "Võ Văn Hải"), &other).ok(); },
                         std::chrono::seconds(15)));
  // ...and the first household's retried change is refused, naming it.
  v1::AddMemberResponse added;
  const grpc::Status refused = stub_->AddMember(Officer().get(), add, &added);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_NE(refused.error_message().find(other.household_id()), std::string::npos) << refused.error_message();
}

TEST_F(RegistrySlotsTest, AMemberWhoLeavesReleasesTheNumberForAnotherHousehold) {
  v1::Household household;
  v1::Household family = Single(30, "TDP-06", "Đặng Thị Lan");
  *family.add_members() =
      Adult("Đặng Văn Long", v1::SEX_MALE, "1977-07-07", v1::RELATION_TO_HEAD_SPOUSE, NationalId(31));
  ASSERT_TRUE(Create(family, &household).ok());
  EXPECT_EQ(Create(Single(31, "TDP-06", "Đặng Văn Long")).error_code(), grpc::StatusCode::ALREADY_EXISTS);
  v1::RemoveMemberRequest remove;
  remove.set_household_id(household.household_id());
  remove.set_member_id(household.members(1).member_id());
  remove.set_expected_version(household.version());
  remove.set_reason("chuyển đi nơi khác");
  v1::RemoveMemberResponse removed;
  const grpc::Status left = stub_->RemoveMember(Officer().get(), remove, &removed);
  ASSERT_TRUE(left.ok()) << left.error_message();
  EXPECT_EQ(Redis().Command({"HEXISTS", kClaims, NationalId(31)}).AsInteger(), 0) << "released at once";
  EXPECT_TRUE(Create(Single(31, "TDP-07", "Đặng Văn Long")).ok());
}

TEST_F(RegistrySlotsTest, ListsAndSearchMergeThePartitionsIndexesInHouseholdOrder) {
  std::vector<std::string> all;
  std::vector<std::string> group_two;
  for (int n = 0; n < 30; ++n) {
    const std::string group = n % 3 == 0 ? "TDP-02" : "TDP-08";
    v1::Household created;
    ASSERT_TRUE(Create(Single(100 + n, group, n % 5 == 0 ? "Ngô Thị Tuyết" : "Bùi Văn Nam"), &created).ok());
    all.push_back(created.household_id());
    if (n % 3 == 0) group_two.push_back(created.household_id());
  }
  // The households are spread over the partitions, each with its own index.
  EXPECT_GT(KeysMatching("ansinh:{p*}:registry:index:all").size(), 1u);
  EXPECT_TRUE(KeysMatching("ansinh:{ward}:registry:index:*").empty());
  EXPECT_TRUE(KeysMatching("ansinh:{ward}:registry:names").empty());

  int64_t total = 0;
  EXPECT_EQ(ListIds("", v1::HOUSEHOLD_STATUS_UNSPECIFIED, 7, &total), all) << "every page in id order";
  EXPECT_EQ(total, 30);
  EXPECT_EQ(ListIds("TDP-02", v1::HOUSEHOLD_STATUS_UNSPECIFIED, 4, &total), group_two);
  EXPECT_EQ(total, static_cast<int64_t>(group_two.size()));

  // Move two out: the status and group-and-status lists follow.
  std::vector<std::string> moved{all[0], all[4]};
  for (const std::string& id : moved) {
    v1::MoveOutRequest request;
    request.set_household_id(id);
    request.set_expected_version(1);
    request.set_reason("chuyển khẩu");
    v1::MoveOutResponse response;
    const grpc::Status status = stub_->MoveOut(Officer().get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  EXPECT_EQ(ListIds("", v1::HOUSEHOLD_STATUS_MOVED_OUT, 1, &total), moved);
  EXPECT_EQ(total, 2);
  EXPECT_EQ(ListIds("TDP-02", v1::HOUSEHOLD_STATUS_MOVED_OUT, 3, &total), std::vector<std::string>{all[0]});
  EXPECT_EQ(total, 1);
  EXPECT_EQ(ListIds("", v1::HOUSEHOLD_STATUS_ACTIVE, 9).size(), 28u);

  v1::SearchHouseholdsRequest search;
  search.set_query("ngo tuyet");
  search.mutable_page()->set_page_size(100);
  v1::SearchHouseholdsResponse found;
  ASSERT_TRUE(stub_->SearchHouseholds(Auditor().get(), search, &found).ok());
  std::vector<std::string> hits;
  for (const auto& hit : found.hits()) hits.push_back(hit.household().household_id());
  EXPECT_EQ(hits, (std::vector<std::string>{all[0], all[5], all[10], all[15], all[20], all[25]}));
}

TEST_F(RegistrySlotsTest, TheWardWideIndexesOfEarlierVersionsMoveToThePartitionsAtStart) {
  std::vector<std::string> all;
  for (int n = 0; n < 12; ++n) {
    v1::Household created;
    ASSERT_TRUE(Create(Single(200 + n, n % 2 == 0 ? "TDP-05" : "TDP-09", "Hồ Thị Mai"), &created).ok());
    all.push_back(created.household_id());
  }
  registry_->Terminate();
  // Put the indexes back as an earlier version kept them: ward-wide.
  for (const std::string& key : KeysMatching("ansinh:{p*}:registry:index:*")) {
    const std::string legacy = "ansinh:{ward}:registry:" + key.substr(key.find(":index:") + 1);
    Redis().Command({"ZUNIONSTORE", "ansinh:{ward}:registry:tmp", "2", legacy, key});
    Redis().Command({"RENAME", "ansinh:{ward}:registry:tmp", legacy});
    Redis().Command({"DEL", key});
  }
  for (const std::string& key : KeysMatching("ansinh:{p*}:registry:names")) {
    Redis().Command({"ZUNIONSTORE", "ansinh:{ward}:registry:tmp", "2", "ansinh:{ward}:registry:names", key});
    Redis().Command({"RENAME", "ansinh:{ward}:registry:tmp", "ansinh:{ward}:registry:names"});
    Redis().Command({"DEL", key});
  }
  ASSERT_EQ(Redis().Command({"ZCARD", "ansinh:{ward}:registry:index:all"}).AsInteger(), 12);
  ASSERT_TRUE(KeysMatching("ansinh:{p*}:registry:index:*").empty());

  StartRegistry();
  EXPECT_TRUE(KeysMatching("ansinh:{ward}:registry:index:*").empty()) << "the old keys are gone";
  EXPECT_TRUE(KeysMatching("ansinh:{ward}:registry:names").empty());
  EXPECT_EQ(ListIds("", v1::HOUSEHOLD_STATUS_UNSPECIFIED, 5), all);
  std::vector<std::string> group_five;
  for (size_t i = 0; i < all.size(); i += 2) group_five.push_back(all[i]);
  EXPECT_EQ(ListIds("TDP-05", v1::HOUSEHOLD_STATUS_ACTIVE, 5), group_five);
  v1::SearchHouseholdsRequest search;
  search.set_query("mai");
  search.mutable_page()->set_page_size(100);
  v1::SearchHouseholdsResponse found;
  ASSERT_TRUE(stub_->SearchHouseholds(Auditor().get(), search, &found).ok());
  EXPECT_EQ(found.hits_size(), 12);

  // A second start finds nothing to move and changes nothing.
  registry_->Terminate();
  StartRegistry();
  EXPECT_EQ(ListIds("", v1::HOUSEHOLD_STATUS_UNSPECIFIED, 100), all);
}

// The names index holds each word once per household, whichever members
// share it; entries of earlier versions, one per member, are rewritten at
// start. Search still matches the words within one member's name.
TEST_F(RegistrySlotsTest, TheNamesIndexHoldsEachWordOncePerHouseholdAndOldEntriesAreRewrittenAtStart) {
  v1::Household couple = Single(300, "TDP-04", "Nguyễn Văn An");
  *couple.add_members() =
      Adult("Nguyễn Thị Bình", v1::SEX_FEMALE, "1982-03-04", v1::RELATION_TO_HEAD_SPOUSE, NationalId(301));
  v1::Household created;
  ASSERT_TRUE(Create(couple, &created).ok());
  const std::string id = created.household_id();
  const std::vector<std::string> names_keys = KeysMatching("ansinh:{p*}:registry:names");
  ASSERT_EQ(names_keys.size(), 1u);
  const auto entries = [&] {
    std::vector<std::string> all;
    for (const auto& entry : Redis().Command({"ZRANGE", names_keys[0], "0", "-1"}).elements) {
      all.push_back(entry.str);
    }
    return all;
  };
  const std::vector<std::string> compact{"an|" + id, "binh|" + id, "nguyen|" + id, "thi|" + id, "van|" + id};
  EXPECT_EQ(entries(), compact);

  const auto search = [&](const std::string& query) {
    v1::SearchHouseholdsRequest request;
    request.set_query(query);
    request.mutable_page()->set_page_size(10);
    v1::SearchHouseholdsResponse found;
    EXPECT_TRUE(stub_->SearchHouseholds(Auditor().get(), request, &found).ok());
    std::vector<std::string> matched;
    for (const auto& hit : found.hits()) {
      for (const std::string& member : hit.matched_member_ids()) matched.push_back(member);
    }
    return matched;
  };
  const std::string binh = created.members(1).member_id();
  EXPECT_EQ(search("nguyen binh"), std::vector<std::string>{binh});
  EXPECT_TRUE(search("van binh").empty()) << "the words of two members are no one's name";

  // As an earlier version wrote them: one entry per member and word, and
  // no mark that they were rewritten.
  registry_->Terminate();
  Redis().Command({"DEL", names_keys[0]});
  for (const std::string& mark : KeysMatching("ansinh:{p*}:registry:names-compacted")) {
    Redis().Command({"DEL", mark});
  }
  for (const auto& member : created.members()) {
    const std::string folded = member.member_id() == binh ? "nguyen thi binh" : "nguyen van an";
    std::istringstream words(folded);
    for (std::string word; words >> word;) {
      Redis().Command({"ZADD", names_keys[0], "0", word + "|" + id + "|" + member.member_id()});
    }
  }
  ASSERT_EQ(entries().size(), 6u);
  StartRegistry();
  EXPECT_EQ(entries(), compact);
  EXPECT_EQ(search("nguyen binh"), std::vector<std::string>{binh});
}

}  // namespace
}  // namespace ansinh::registry::testkit
