// Finding households: by a member's name typed with or without diacritics,
// in any case; listing by residential group and status, page by page.
#include <gmock/gmock.h>

#include "registry_test_fixture.h"

namespace ansinh::registry::testkit {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

class RegistrySearchTest : public RegistryTest {
 protected:
  void SetUp() override {
    RegistryTest::SetUp();
    huong_ = Register(Family(1, "Nguyễn Thị Hương"));      // TDP-05
    v1::Household other = Family(10, "Nguyễn Thị Hường");  // another name, same letters
    other.set_residential_group("TDP-07");
    huong_7_ = Register(other);
    v1::Household third = Family(20, "Lê Văn Đức");
    third.mutable_members(1)->set_full_name("Nguyễn Thị Thu Hương");
    third.set_residential_group("TDP-7");  // the same group as TDP-07, spelt differently
    third_ = Register(third);
  }

  std::vector<std::string> Search(const std::string& query, const std::string& group = "") {
    v1::SearchHouseholdsRequest request;
    request.set_query(query);
    request.set_residential_group(group);
    v1::SearchHouseholdsResponse response;
    const grpc::Status status = stub_->SearchHouseholds(Auditor().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::vector<std::string> found;
    for (const v1::SearchHit& hit : response.hits()) {
      for (const std::string& member : hit.matched_member_ids()) {
        found.push_back(hit.household().household_id() + "/" + member);
      }
    }
    return found;
  }

  v1::Household huong_, huong_7_, third_;
};

TEST_F(RegistrySearchTest, IgnoresDiacriticsAndCase) {
  const std::vector<std::string> all_huong{"HH-000001/M1", "HH-000002/M1", "HH-000003/M2"};
  EXPECT_EQ(Search("nguyen thi huong"), all_huong);
  EXPECT_EQ(Search("NGUYỄN THỊ HƯƠNG"), all_huong);
  EXPECT_EQ(Search("Nguyen  Huong"), all_huong);
  EXPECT_EQ(Search("huo"), all_huong);  // the start of a word is enough
  EXPECT_THAT(Search("thu huong"), ElementsAre("HH-000003/M2"));
  EXPECT_THAT(Search("le duc"), ElementsAre("HH-000003/M1"));
  EXPECT_THAT(Search("huong nguyen"), IsEmpty());  // words in the name's order
  EXPECT_THAT(Search("hung"), IsEmpty());
}

TEST_F(RegistrySearchTest, FiltersByResidentialGroupWhateverItsSpelling) {
  EXPECT_EQ(Search("huong", "TDP-07"), (std::vector<std::string>{"HH-000002/M1", "HH-000003/M2"}));
  EXPECT_EQ(Search("huong", "tổ 7"), (std::vector<std::string>{"HH-000002/M1", "HH-000003/M2"}));
  EXPECT_THAT(Search("huong", "TDP-05"), ElementsAre("HH-000001/M1"));
}

TEST_F(RegistrySearchTest, FollowsNameChangesAndRemovals) {
  v1::UpdateMemberRequest rename;
  rename.set_household_id(third_.household_id());
  rename.set_expected_version(1);
  *rename.mutable_member() = third_.members(1);
  rename.mutable_member()->set_full_name("Phạm Thị Loan");
  v1::UpdateMemberResponse renamed;
  ASSERT_TRUE(stub_->UpdateMember(Officer().get(), rename, &renamed).ok());
  EXPECT_THAT(Search("thu huong"), IsEmpty());
  EXPECT_THAT(Search("pham loan"), ElementsAre("HH-000003/M2"));

  v1::RemoveMemberRequest remove;
  remove.set_household_id(third_.household_id());
  remove.set_expected_version(2);
  remove.set_member_id("M2");
  remove.set_reason("married into TDP-09");
  v1::RemoveMemberResponse removed;
  ASSERT_TRUE(stub_->RemoveMember(Officer().get(), remove, &removed).ok());
  EXPECT_THAT(Search("pham loan"), IsEmpty());
}

TEST_F(RegistrySearchTest, ListsByGroupAndStatusPageByPage) {
  for (int i = 0; i < 7; ++i) Register(Family(100 + 10 * i, "Hồ Văn Sáu"));  // TDP-05
  EXPECT_EQ(List("", v1::HOUSEHOLD_STATUS_UNSPECIFIED).page().total_size(), 10);
  EXPECT_EQ(List("TDP-05", v1::HOUSEHOLD_STATUS_UNSPECIFIED).page().total_size(), 8);
  EXPECT_EQ(List("TDP-7", v1::HOUSEHOLD_STATUS_UNSPECIFIED).page().total_size(), 2);

  v1::MoveOutRequest move;
  move.set_household_id(huong_.household_id());
  move.set_expected_version(1);
  move.set_reason("moved to Đà Nẵng");
  v1::MoveOutResponse moved;
  ASSERT_TRUE(stub_->MoveOut(Officer().get(), move, &moved).ok());
  const v1::ListHouseholdsResponse active_in_5 = List("TDP-05", v1::HOUSEHOLD_STATUS_ACTIVE);
  EXPECT_EQ(active_in_5.page().total_size(), 7);
  EXPECT_EQ(active_in_5.households_size(), 7);
  const v1::ListHouseholdsResponse gone = List("TDP-05", v1::HOUSEHOLD_STATUS_MOVED_OUT);
  EXPECT_EQ(gone.page().total_size(), 1);
  ASSERT_EQ(gone.households_size(), 1);
  EXPECT_EQ(gone.households(0).household_id(), huong_.household_id());
  EXPECT_EQ(List("", v1::HOUSEHOLD_STATUS_ACTIVE).page().total_size(), 9);

  // Pages of 3 over the 8 households of TDP-05: every one once, in id order.
  std::vector<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    const v1::ListHouseholdsResponse page = List("TDP-05", v1::HOUSEHOLD_STATUS_UNSPECIFIED, 3, token);
    EXPECT_LE(page.households_size(), 3);
    for (const v1::Household& household : page.households()) seen.push_back(household.household_id());
    token = page.page().next_page_token();
    ++pages;
  } while (!token.empty() && pages < 10);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen, (std::vector<std::string>{"HH-000001", "HH-000004", "HH-000005", "HH-000006", "HH-000007",
                                            "HH-000008", "HH-000009", "HH-000010"}));
}

}  // namespace
}  // namespace ansinh::registry::testkit
