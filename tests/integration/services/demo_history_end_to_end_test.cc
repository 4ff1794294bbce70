// The demo ward's history (`ansinh demo history`, services/demo_history)
// played through the whole stack as `make run` plays it, on a small ward:
// every review year approved under its own standard (Decree 07/2021 for the
// reviews of 2021 to 2025, Decree 351/2025 for the one of 2026), cases
// opened, followed and supported, livelihood models and floods recorded,
// monitoring's trend showing every year with the counts the reviews
// approved and its outcome analytics grouping the models' households; a
// second run on the loaded ward says so and changes nothing.
#include <gmock/gmock.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <map>

#include "ansinh/v1/assignment.grpc.pb.h"
#include "ansinh/v1/classification.grpc.pb.h"
#include "ansinh/v1/monitoring.grpc.pb.h"
#include "fault_fixture.h"
#include "kernel/ward_clock.h"

namespace ansinh {
namespace {

using ::testing::HasSubstr;
using testkit::AuthorizedContext;
using testkit::CliRun;
using testkit::Eventually;
using testkit::WardStack;

constexpr int kHistoryHouseholds = 150;
constexpr int kFirstYear = 2021;
// The whole history of `make run` on a small ward takes well under this.
constexpr auto kHistoryTimeout = std::chrono::seconds(240);
constexpr auto kMonitoringTimeout = std::chrono::seconds(60);

// The last review year the history holds today: 2026 once December has come.
int LastReviewYear() {
  const CivilDate today = WardClock().Today();
  const int year = static_cast<int>(today.year());
  return std::min(2026, today.month() == std::chrono::December ? year : year - 1);
}

// The summary `--json` prints on standard output, after the progress lines
// standard error took.
nlohmann::json Summary(const std::string& output) {
  const size_t start = output.rfind("\n{\n");
  return nlohmann::json::parse(start == std::string::npos ? output : output.substr(start + 1));
}

class DemoHistoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(testkit::AnsinhCli())) GTEST_SKIP() << "the ansinh CLI is not built";
    stack_.Start();
  }

  CliRun Cli(const std::vector<std::string>& args) {
    return testkit::RunCli(stack_, stack_.tokens().officer, args, kHistoryTimeout);
  }

  WardStack stack_;
};

TEST_F(DemoHistoryTest, EveryReviewYearUnderItsStandardWithCasesModelsFloodsAndMonitoredOutcomes) {
  const auto started = std::chrono::steady_clock::now();
  const CliRun run =
      Cli({"--json", "demo", "history", "--households", std::to_string(kHistoryHouseholds), "--if-empty"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  std::cerr << "the history took "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() << " s\n";
  const nlohmann::json summary = Summary(run.output);
  EXPECT_EQ(summary["households"], kHistoryHouseholds);
  const int last_year = LastReviewYear();
  ASSERT_EQ(summary["years"].size(), static_cast<size_t>(last_year - kFirstYear + 1)) << summary.dump(2);
  std::map<int, nlohmann::json> by_year;
  for (const nlohmann::json& year : summary["years"]) by_year[year["review_year"].get<int>()] = year;

  // Every review approved, under the standard of its list year (docs/domain.md §3.0).
  auto classification = v1::Classification::NewStub(stack_.service("classification").channel());
  v1::ListRoundsRequest rounds_request;
  rounds_request.mutable_page()->set_page_size(100);
  v1::ListRoundsResponse rounds;
  grpc::Status status =
      classification->ListRounds(AuthorizedContext(stack_.tokens().officer).get(), rounds_request, &rounds);
  ASSERT_TRUE(status.ok()) << status.error_message();
  std::map<int, v1::ReviewRound> periodic;
  for (const v1::ReviewRound& round : rounds.rounds()) {
    if (round.kind() == v1::REVIEW_KIND_PERIODIC) periodic[round.review_year()] = round;
  }
  ASSERT_EQ(periodic.size(), by_year.size());
  for (const auto& [year, round] : periodic) {
    SCOPED_TRACE(round.round_id());
    EXPECT_EQ(round.status(), v1::ROUND_STATUS_APPROVED);
    EXPECT_EQ(round.standard_id(), year <= 2025 ? "decree-07-2021" : "decree-351-2025");
    EXPECT_EQ(by_year[year]["standard_id"], round.standard_id());
    EXPECT_EQ(by_year[year]["decision_date"], round.approved_date());
    EXPECT_EQ(round.approved_date().substr(0, 7), std::to_string(year) + "-12");
    EXPECT_GT(by_year[year]["poor"].get<int>() + by_year[year]["near_poor"].get<int>(), 0);
  }

  // Cases opened by the reviews, followed after escapes, with support and visits.
  EXPECT_GT(summary["cases"]["open"].get<int>(), 0);
  EXPECT_GT(summary["cases"]["follow_up"].get<int>() + summary["cases"]["closed"].get<int>(), 0);
  EXPECT_GT(summary["support_records"].get<int>(), 50);
  EXPECT_GT(summary["visits"].get<int>(), 50);
  auto assignment = v1::Assignment::NewStub(stack_.service("assignment").channel());
  v1::ListCasesRequest cases_request;
  cases_request.set_state(v1::CASE_STATE_OPEN);
  v1::ListCasesResponse cases;
  status = assignment->ListCases(AuthorizedContext(stack_.tokens().officer).get(), cases_request, &cases);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(cases.page().total_size(), summary["cases"]["open"].get<int>());
  v1::ListLivelihoodModelsRequest models_request;
  models_request.set_include_ended(true);
  v1::ListLivelihoodModelsResponse models;
  status = assignment->ListLivelihoodModels(AuthorizedContext(stack_.tokens().officer).get(), models_request,
                                            &models);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(models.models_size(), 6);
  int joined = 0;
  for (const v1::LivelihoodModelSummary& model : models.models()) joined += model.households_joined();
  EXPECT_GT(joined, 0);
  v1::ListEmergenciesResponse emergencies;
  status = assignment->ListEmergencies(AuthorizedContext(stack_.tokens().officer).get(),
                                       v1::ListEmergenciesRequest(), &emergencies);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(emergencies.emergencies_size(), static_cast<int>(summary["emergencies"].size()));
  EXPECT_GE(emergencies.emergencies_size(), 2);

  // Monitoring: the trend has every year with the counts each review
  // approved, and the outcome analytics group the models' households.
  auto monitoring = v1::Monitoring::NewStub(stack_.service("monitoring").channel());
  v1::GetDashboardResponse dashboard;
  const bool trend_complete = Eventually(
      [&] {
        if (!monitoring
                 ->GetDashboard(AuthorizedContext(stack_.tokens().officer).get(), v1::GetDashboardRequest(),
                                &dashboard)
                 .ok()) {
          return false;
        }
        int matching = 0;
        for (const v1::TrendPoint& point : dashboard.trend()) {
          if (point.source() != v1::TrendPoint::SOURCE_SYSTEM || !by_year.contains(point.review_year()))
            continue;
          if (point.poor_households() == by_year[point.review_year()]["poor"].get<int>()) ++matching;
        }
        return matching == static_cast<int>(by_year.size());
      },
      kMonitoringTimeout, std::chrono::milliseconds(500));
  EXPECT_TRUE(trend_complete) << dashboard.DebugString();

  v1::GetOutcomesRequest outcomes_request;
  outcomes_request.set_dimension(v1::OUTCOME_DIMENSION_LIVELIHOOD_MODEL);
  v1::GetOutcomesResponse outcomes;
  status =
      monitoring->GetOutcomes(AuthorizedContext(stack_.tokens().officer).get(), outcomes_request, &outcomes);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_GT(outcomes.groups_size(), 0);
  EXPECT_GT(outcomes.households_read(), 0);
  outcomes_request.set_dimension(v1::OUTCOME_DIMENSION_SUPPORT_TYPE);
  status =
      monitoring->GetOutcomes(AuthorizedContext(stack_.tokens().officer).get(), outcomes_request, &outcomes);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_GE(outcomes.groups_size(), 3);

  // A second run on the loaded ward says so and changes nothing.
  const std::map<std::string, long long> before = stack_.ChangeCounts();
  const CliRun again = Cli({"demo", "history", "--if-empty"});
  EXPECT_EQ(again.exit_code, 0) << again.output;
  EXPECT_THAT(again.output, HasSubstr("the demo history was not loaded"));
  EXPECT_EQ(stack_.ChangeCounts(), before);
  const CliRun refused = Cli({"demo", "history"});
  EXPECT_EQ(refused.exit_code, 1) << refused.output;
  EXPECT_THAT(refused.output, HasSubstr("loads into an empty registry only"));
}

}  // namespace
}  // namespace ansinh
