#include "assignment/core/case_queries.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "assignment/core/workload.h"
#include "test_world.h"

namespace ansinh::assignment {
namespace {

using ::testing::ElementsAre;
using testkit::D;

v1::Case MakeCase(const std::string& id, const std::string& organization, const std::string& helper,
                  v1::CaseState state, const std::string& opened_on, std::vector<std::string> visits = {}) {
  v1::Case a_case;
  a_case.set_case_id(id);
  a_case.set_organization_id(organization);
  a_case.set_helper_id(helper);
  a_case.set_state(state);
  a_case.set_opened_on(opened_on);
  a_case.set_residential_group(organization == "womens-union" ? "TDP-01" : "TDP-02");
  for (const std::string& date : visits) a_case.add_visits()->set_visited_on(date);
  return a_case;
}

std::vector<std::string> Ids(const std::vector<const v1::Case*>& cases) {
  std::vector<std::string> ids;
  for (const v1::Case* a_case : cases) ids.push_back(a_case->case_id());
  return ids;
}

// Today is 2025-06-01; 90 days earlier is 2025-03-03.
class CaseQueriesTest : public ::testing::Test {
 protected:
  const CivilDate today_ = D("2025-06-01");
  const std::vector<v1::Case> cases_ = {
      MakeCase("C5", "farmers-union", "", v1::CASE_STATE_OPEN, "2025-03-03"),
      MakeCase("C1", "womens-union", "women-01", v1::CASE_STATE_OPEN, "2025-01-10",
               {"2025-02-01", "2025-05-01"}),
      MakeCase("C2", "womens-union", "women-01", v1::CASE_STATE_FOLLOW_UP, "2024-01-10", {"2025-03-02"}),
      MakeCase("C3", "womens-union", "", v1::CASE_STATE_OPEN, "2025-01-10"),
      MakeCase("C4", "womens-union", "women-02", v1::CASE_STATE_CLOSED, "2020-01-10"),
      MakeCase("C6", "farmers-union", "", v1::CASE_STATE_CLOSED, "2019-01-10"),
  };
};

TEST_F(CaseQueriesTest, CurrentCasesByOrganizationAndHelper) {
  EXPECT_THAT(Ids(CurrentCasesOfOrganization(cases_, "womens-union")), ElementsAre("C1", "C2", "C3"));
  EXPECT_THAT(Ids(CurrentCasesOfHelper(cases_, "women-01")), ElementsAre("C1", "C2"));
  EXPECT_THAT(Ids(CurrentCasesOfHelper(cases_, "women-02")), ElementsAre());
  EXPECT_THAT(Ids(CurrentCasesWithoutHelper(cases_)), ElementsAre("C3", "C5"));
}

TEST_F(CaseQueriesTest, OverdueCountsFromTheLastVisitOrFromOpening) {
  // C2's last visit was 91 days ago, C3 was opened 142 days ago and never
  // visited; C5 was opened exactly 90 days ago (not yet overdue); C1 was
  // visited a month ago; closed cases are never overdue.
  EXPECT_THAT(Ids(CasesOverdueForVisit(cases_, today_, 90)), ElementsAre("C2", "C3"));
  EXPECT_THAT(Ids(CasesOverdueForVisit(cases_, AddDays(today_, 1), 90)), ElementsAre("C2", "C3", "C5"));
  EXPECT_THAT(Ids(CasesOverdueForVisit(cases_, today_, 30)), ElementsAre("C1", "C2", "C3", "C5"));
  EXPECT_EQ(FormatIsoDate(*LastVisitDate(cases_[1])), "2025-05-01");
  EXPECT_FALSE(LastVisitDate(cases_[3]).has_value());
}

TEST_F(CaseQueriesTest, ReopeningRestartsTheVisitClock) {
  v1::Case reopened = MakeCase("C7", "womens-union", "", v1::CASE_STATE_OPEN, "2022-01-10", {"2023-01-01"});
  reopened.set_reopened_on("2025-05-01");
  EXPECT_FALSE(IsOverdueForVisit(reopened, today_, 90));
  EXPECT_TRUE(IsOverdueForVisit(reopened, D("2025-08-01"), 90));
}

TEST_F(CaseQueriesTest, ListFiltersCombine) {
  struct Row {
    const char* name;
    v1::ListCasesRequest filter;
    std::vector<std::string> expected;
  };
  std::vector<Row> rows;
  rows.push_back({"Everything", {}, {"C1", "C2", "C3", "C4", "C5", "C6"}});
  v1::ListCasesRequest filter;
  filter.set_organization_id("womens-union");
  rows.push_back({"Organization", filter, {"C1", "C2", "C3", "C4"}});
  filter.set_state(v1::CASE_STATE_OPEN);
  rows.push_back({"OrganizationOpen", filter, {"C1", "C3"}});
  filter.Clear();
  filter.set_without_helper(true);
  rows.push_back({"WithoutHelper", filter, {"C3", "C5"}});
  filter.set_overdue_for_visit(true);
  rows.push_back({"WithoutHelperOverdue", filter, {"C3"}});
  filter.Clear();
  filter.set_helper_id("women-02");
  rows.push_back({"HelperAnyState", filter, {"C4"}});
  filter.Clear();
  filter.set_residential_group("TDP-02");
  rows.push_back({"Group", filter, {"C5", "C6"}});
  for (const Row& row : rows) {
    EXPECT_EQ(Ids(SelectCases(cases_, row.filter, today_, 90)), row.expected) << row.name;
  }
}

TEST_F(CaseQueriesTest, PagesFollowTheLastCaseId) {
  const std::vector<const v1::Case*> all = SelectCases(cases_, {}, today_, 90);
  v1::PageRequest request;
  request.set_page_size(4);
  const Result<CasePage> first = PageOf(all, request);
  ASSERT_TRUE(first.ok());
  EXPECT_THAT(Ids(first.value().cases), ElementsAre("C1", "C2", "C3", "C4"));
  EXPECT_EQ(first.value().page.next_page_token(), "C4");
  EXPECT_EQ(first.value().page.total_size(), 6);
  request.set_page_token(first.value().page.next_page_token());
  const Result<CasePage> second = PageOf(all, request);
  EXPECT_THAT(Ids(second.value().cases), ElementsAre("C5", "C6"));
  EXPECT_EQ(second.value().page.next_page_token(), "");

  request.set_page_size(-1);
  const Result<CasePage> bad = PageOf(all, request);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(testkit::ViolationFields(bad.error()), ElementsAre("page.page_size"));
  EXPECT_EQ(PageOf(all, v1::PageRequest{}).value().cases.size(), 6u);
}

TEST_F(CaseQueriesTest, WorkloadsCountOpenCasesAgainstCapacity) {
  const Directory directory({testkit::MakeOrganization("womens-union", {"TDP-01"}, 10),
                             testkit::MakeOrganization("farmers-union", {"TDP-02"}, 8),
                             testkit::MakeOrganization("veterans", {"TDP-03"}, 8, /*active=*/false)},
                            {testkit::MakeHelper("women-01", "womens-union", 4),
                             testkit::MakeHelper("women-02", "womens-union", 4, /*active=*/false)});
  const v1::OrganizationWorkload women =
      OrganizationWorkloadOf(cases_, *directory.FindOrganization("womens-union"), today_, 90);
  EXPECT_EQ(women.open_cases(), 2);
  EXPECT_EQ(women.follow_up_cases(), 1);
  EXPECT_EQ(women.capacity(), 10);
  EXPECT_EQ(women.cases_without_helper(), 1);
  EXPECT_EQ(women.cases_overdue_for_visit(), 2);

  const v1::HelperWorkload helper = HelperWorkloadOf(cases_, *directory.FindHelper("women-01"), today_, 90);
  EXPECT_EQ(helper.open_cases(), 1);
  EXPECT_EQ(helper.follow_up_cases(), 1);
  EXPECT_EQ(helper.max_caseload(), 4);
  EXPECT_EQ(helper.cases_overdue_for_visit(), 1);

  v1::GetWorkloadRequest request;
  const v1::GetWorkloadResponse active = ComputeWorkload(cases_, directory, request, today_, 90);
  ASSERT_EQ(active.organizations_size(), 2);
  EXPECT_EQ(active.organizations(0).organization_id(), "farmers-union");
  EXPECT_EQ(active.organizations(0).open_cases(), 1);
  EXPECT_EQ(active.helpers_size(), 1);
  request.set_include_inactive(true);
  request.set_organization_id("womens-union");
  const v1::GetWorkloadResponse one = ComputeWorkload(cases_, directory, request, today_, 90);
  EXPECT_EQ(one.organizations_size(), 1);
  EXPECT_EQ(one.helpers_size(), 2);
}

}  // namespace
}  // namespace ansinh::assignment
