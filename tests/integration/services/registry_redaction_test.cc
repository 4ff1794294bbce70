// Organization staff read households without citizen ID numbers, dates of
// birth, social allowances, income or score A, on every read RPC of the
// registry; ward officers, auditors and services read the full record.
#include "registry_test_fixture.h"

namespace ansinh::registry::testkit {
namespace {

class RegistryRedactionTest : public RegistryTest {
 protected:
  void SetUp() override {
    RegistryTest::SetUp();
    v1::Household family = Family(70);
    family.mutable_members(1)->set_monthly_social_allowance_vnd(540'000);
    created_ = Register(family);
    v1::RecordSurveyRequest record;
    *record.mutable_survey() = Survey2025(created_.household_id());
    record.mutable_survey()->set_has_score_a(true);
    record.mutable_survey()->set_score_a(150);
    v1::RecordSurveyResponse recorded;
    ASSERT_TRUE(stub_->RecordSurvey(Officer().get(), record, &recorded).ok());
  }

  // The household as `token` sees it through each read RPC, in the order
  // GetHousehold, GetHouseholdRecord, ListHouseholds, SearchHouseholds.
  std::vector<v1::Household> ReadAllWays(const std::string& token, std::vector<v1::Survey>* surveys) {
    std::vector<v1::Household> seen;
    v1::GetHouseholdRequest get;
    get.set_household_id(created_.household_id());
    v1::GetHouseholdResponse got;
    EXPECT_TRUE(stub_->GetHousehold(AuthorizedContext(token).get(), get, &got).ok());
    seen.push_back(got.household());

    v1::GetHouseholdRecordRequest record_request;
    record_request.set_household_id(created_.household_id());
    v1::GetHouseholdRecordResponse record;
    EXPECT_TRUE(stub_->GetHouseholdRecord(AuthorizedContext(token).get(), record_request, &record).ok());
    seen.push_back(record.household());
    surveys->assign(record.surveys().begin(), record.surveys().end());

    v1::ListHouseholdsRequest list;
    v1::ListHouseholdsResponse listed;
    EXPECT_TRUE(stub_->ListHouseholds(AuthorizedContext(token).get(), list, &listed).ok());
    EXPECT_EQ(listed.households_size(), 1);
    if (listed.households_size() == 1) seen.push_back(listed.households(0));

    v1::SearchHouseholdsRequest search;
    search.set_query("nguyen thi huong");
    v1::SearchHouseholdsResponse found;
    EXPECT_TRUE(stub_->SearchHouseholds(AuthorizedContext(token).get(), search, &found).ok());
    EXPECT_EQ(found.hits_size(), 1);
    if (found.hits_size() == 1) seen.push_back(found.hits(0).household());
    return seen;
  }

  v1::Household created_;
};

TEST_F(RegistryRedactionTest, OrganizationStaffSeeNoIdentifiersOrFigures) {
  std::vector<v1::Survey> surveys;
  const std::vector<v1::Household> seen = ReadAllWays(tokens_.womens_union_staff, &surveys);
  ASSERT_EQ(seen.size(), 4u);
  for (const v1::Household& household : seen) {
    EXPECT_EQ(household.household_id(), created_.household_id());
    EXPECT_EQ(household.address(), created_.address());
    ASSERT_EQ(household.members_size(), 3);
    for (int i = 0; i < household.members_size(); ++i) {
      const v1::Member& member = household.members(i);
      EXPECT_EQ(member.national_id(), "") << member.full_name();
      EXPECT_EQ(member.date_of_birth(), "") << member.full_name();
      EXPECT_EQ(member.monthly_social_allowance_vnd(), 0) << member.full_name();
      EXPECT_EQ(member.full_name(), created_.members(i).full_name());
      EXPECT_EQ(member.has_health_insurance(), created_.members(i).has_health_insurance());
      EXPECT_EQ(member.employment(), created_.members(i).employment());
    }
  }
  ASSERT_EQ(surveys.size(), 1u);
  EXPECT_FALSE(surveys[0].has_income_per_capita());
  EXPECT_EQ(surveys[0].income_per_capita_vnd(), 0);
  EXPECT_FALSE(surveys[0].has_score_a());
  EXPECT_EQ(surveys[0].score_a(), 0);
  EXPECT_DOUBLE_EQ(surveys[0].floor_area_m2(), 36);
  ASSERT_EQ(surveys[0].members_size(), 3);
  for (const v1::Member& member : surveys[0].members()) {
    EXPECT_EQ(member.national_id(), "");
    EXPECT_EQ(member.date_of_birth(), "");
  }
}

TEST_F(RegistryRedactionTest, OfficersAuditorsAndServicesSeeTheFullRecord) {
  for (const std::string& token : {tokens_.officer, tokens_.auditor, tokens_.service}) {
    std::vector<v1::Survey> surveys;
    const std::vector<v1::Household> seen = ReadAllWays(token, &surveys);
    ASSERT_EQ(seen.size(), 4u);
    for (const v1::Household& household : seen) {
      ASSERT_EQ(household.members_size(), 3);
      EXPECT_EQ(household.members(0).national_id(), NationalId(70));
      EXPECT_EQ(household.members(0).date_of_birth(), "1978-03-02");
      EXPECT_EQ(household.members(1).monthly_social_allowance_vnd(), 540'000);
    }
    ASSERT_EQ(surveys.size(), 1u);
    EXPECT_TRUE(surveys[0].has_income_per_capita());
    EXPECT_EQ(surveys[0].income_per_capita_vnd(), 1'650'000);
    EXPECT_EQ(surveys[0].score_a(), 150);
    EXPECT_EQ(surveys[0].members(0).national_id(), NationalId(70));
  }
}

}  // namespace
}  // namespace ansinh::registry::testkit
