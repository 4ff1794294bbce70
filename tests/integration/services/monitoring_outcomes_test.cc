// Issue 19's outcome analytics, end to end through the real monitoring
// service: a generated ward whose true effects are known (livelihood model
// "bo-giong" raises a poor household's yearly chance of escaping by 35
// points, "ga-tha-vuon" by 5; policy credit by 15; information access by
// nothing) is published as raw events; GetOutcomes must rank the groups as
// the effects say, and every figure it gives must equal the one this test
// computes on its own from the events it published (counts, Wilson intervals,
// Kaplan–Meier steps, income quartiles), with small groups suppressed.
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "kernel/civil_date.h"
#include "monitoring_fixture.h"
#include "security_test_support.h"

namespace ansinh::testkit {
namespace {

using security_testing::CommandRun;
using security_testing::ReadFile;
using security_testing::RunCommand;

constexpr int kHouseholds = 300;
constexpr int kUnsupported = 20;
constexpr char kAsOf[] = "2026-06-30";
constexpr char kFrom[] = "2022-01-01";
constexpr char kTo[] = "2025-12-31";

CivilDate Day(const std::string& iso) { return *ParseIsoDate(iso); }

// What the generator decided for one household: the raw facts the test's
// own computation reads.
struct PlannedHousehold {
  std::string id;
  std::string model;  // empty: none
  std::string joined_on;
  bool credit = false;
  bool information = false;
  std::string support_on;
  std::optional<std::string> escaped_on;
  std::optional<std::string> relapsed_on;
  std::optional<std::string> moved_out_on;
  std::vector<std::pair<std::string, std::int64_t>> incomes;  // (survey date, income), ascending
};

// The independent figures of one group.
struct Expected {
  int supported = 0;
  int known[3] = {0, 0, 0};
  int escaped_within[3] = {0, 0, 0};
  int escaped = 0;
  int relapsed = 0;
  std::vector<double> income_before, income_after, income_change;
  std::vector<std::pair<double, bool>> observations;  // (months, escaped)
};

double Quantile7(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const double h = (values.size() - 1) * p;
  const auto low = static_cast<size_t>(std::floor(h));
  if (low + 1 >= values.size()) return values.back();
  return values[low] + (h - low) * (values[low + 1] - values[low]);
}

// Wilson's score interval, written out here from Wilson (1927), z for 95%.
std::pair<double, double> Wilson(int successes, int trials) {
  const double z = 1.959963984540054;
  const double p = static_cast<double>(successes) / trials;
  const double n = trials;
  const double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
  const double half = z / (1 + z * z / n) * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n));
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

struct CurvePoint {
  double months;
  int at_risk;
  int events;
  double escaped;
};

// The product-limit estimate, escapes before censorings at equal times.
std::vector<CurvePoint> ProductLimit(std::vector<std::pair<double, bool>> observations) {
  std::sort(observations.begin(), observations.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second > b.second;
  });
  std::vector<CurvePoint> points;
  double survival = 1;
  size_t i = 0;
  while (i < observations.size()) {
    const double time = observations[i].first;
    const int at_risk = static_cast<int>(observations.size() - i);
    int events = 0;
    size_t j = i;
    for (; j < observations.size() && observations[j].first == time; ++j)
      events += observations[j].second ? 1 : 0;
    if (events > 0) {
      survival *= 1.0 - static_cast<double>(events) / at_risk;
      points.push_back({time, at_risk, events, 1 - survival});
    }
    i = j;
  }
  return points;
}

class MonitoringOutcomesTest : public MonitoringFixture {
 protected:
  void Generate() {
    std::mt19937 random(19);
    std::uniform_real_distribution<double> uniform(0, 1);
    const std::string organizations[] = {"womens-union", "farmers-union", "veterans"};
    for (int i = 0; i < kHouseholds + kUnsupported; ++i) {
      PlannedHousehold planned;
      planned.id = "HH-" + std::to_string(1000 + i);
      const std::string organization = organizations[i % 3];
      Registered(planned.id, "TDP-0" + std::to_string(1 + i % 5), "2021-10-01");
      Approved(planned.id, "R2021", 2021, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2021-12-20");
      OpenCase(planned.id, organization, "2021-12-21");
      const bool supported = i < kHouseholds;
      if (supported) {
        const double draw = uniform(random);
        // Three households in a model of their own: a group to suppress.
        planned.model = i < 3 ? "nam-rom" : draw < 0.4 ? "bo-giong" : draw < 0.8 ? "ga-tha-vuon" : "";
        planned.joined_on = "2022-02-" + std::string(i % 28 + 1 < 10 ? "0" : "") + std::to_string(i % 28 + 1);
        planned.credit = uniform(random) < 0.5;
        planned.information = uniform(random) < 0.5;
        planned.support_on =
            "2022-03-" + std::string(i % 28 + 1 < 10 ? "0" : "") + std::to_string(i % 28 + 1);
        if (!planned.model.empty()) Joined(planned.id, organization, planned.model, planned.joined_on);
        if (planned.credit)
          Supported(planned.id, organization, "S1", v1::SUPPORT_TYPE_POLICY_CREDIT, planned.support_on);
        if (planned.information) {
          Supported(planned.id, organization, "S2", v1::SUPPORT_TYPE_INFORMATION_ACCESS, planned.support_on);
        }
      }
      if (i % 29 == 7) planned.moved_out_on = "2024-06-15";
      const double chance = 0.10 +
                            (planned.model == "bo-giong"      ? 0.35
                             : planned.model == "ga-tha-vuon" ? 0.05
                                                              : 0) +
                            (planned.credit ? 0.15 : 0);
      std::int64_t income = 1'000'000 + 10'000 * (i % 17);
      const std::int64_t growth = planned.model == "bo-giong" ? 400'000 : planned.credit ? 200'000 : 50'000;
      bool poor = true;
      for (int year = 2021; year <= 2025; ++year) {
        const std::string survey_on = std::to_string(year) + "-11-05";
        if (planned.moved_out_on && survey_on > *planned.moved_out_on) break;
        planned.incomes.emplace_back(survey_on, income);
        Surveyed(planned.id, "SV-" + planned.id + "-" + std::to_string(year), survey_on, income);
        income += growth + 5'000 * (i % 7);
        if (year == 2021) continue;
        const std::string approved_on = std::to_string(year) + "-12-18";
        const double roll = uniform(random);
        if (poor && roll < chance) {
          poor = false;
          // What counts is the first escape: a relapsed household may escape again.
          if (!planned.escaped_on) planned.escaped_on = approved_on;
          Approved(planned.id, "R" + std::to_string(year), year, v1::POVERTY_CATEGORY_NEAR_POOR,
                   v1::TRANSITION_ESCAPED_POVERTY, approved_on);
        } else if (!poor && !planned.relapsed_on && roll < 0.12) {
          poor = true;
          planned.relapsed_on = approved_on;
          Approved(planned.id, "R" + std::to_string(year), year, v1::POVERTY_CATEGORY_POOR,
                   v1::TRANSITION_RELAPSED, approved_on);
        }
      }
      if (planned.moved_out_on) MovedOut(planned.id, *planned.moved_out_on);
      if (!planned.model.empty() || planned.credit || planned.information) planned_.push_back(planned);
    }
  }

  void OpenCase(const std::string& household, const std::string& organization, const std::string& date) {
    v1::CaseOpened payload;
    payload.set_case_id(CaseOf(household));
    payload.set_household_id(household);
    payload.set_organization_id(organization);
    payload.set_category(v1::POVERTY_CATEGORY_POOR);
    payload.set_opened_on(date);
    PublishCase(household, "assignment.case_opened.v1", payload, date);
    HelperAssigned(household, organization, organization + "-helper", date);
  }
  void Joined(const std::string& household, const std::string& organization, const std::string& model,
              const std::string& date) {
    v1::ModelParticipationChanged payload;
    payload.set_case_id(CaseOf(household));
    payload.set_household_id(household);
    payload.set_organization_id(organization);
    payload.set_helper_id(organization + "-helper");
    payload.set_category(v1::POVERTY_CATEGORY_POOR);
    payload.mutable_participation()->set_model_id(model);
    payload.mutable_participation()->set_joined_on(date);
    PublishCase(household, "assignment.model_joined.v1", payload, date);
  }
  void Supported(const std::string& household, const std::string& organization, const std::string& id,
                 v1::SupportType type, const std::string& date) {
    v1::SupportRecorded payload;
    payload.set_case_id(CaseOf(household));
    payload.set_household_id(household);
    payload.set_organization_id(organization);
    payload.set_helper_id(organization + "-helper");
    payload.mutable_support()->set_support_id(id);
    payload.mutable_support()->set_type(type);
    payload.mutable_support()->set_amount_vnd(type == v1::SUPPORT_TYPE_POLICY_CREDIT ? 50'000'000 : 0);
    payload.mutable_support()->set_provider(type == v1::SUPPORT_TYPE_POLICY_CREDIT ? "VBSP" : "UBND phường");
    payload.mutable_support()->set_delivered_on(date);
    if (type == v1::SUPPORT_TYPE_POLICY_CREDIT) {
      payload.mutable_support()->set_credit_programme(v1::CREDIT_PROGRAMME_POOR_HOUSEHOLDS);
    }
    PublishCase(household, "assignment.support_recorded.v1", payload, date);
  }
  void Surveyed(const std::string& household, const std::string& survey_id, const std::string& date,
                std::int64_t income) {
    v1::SurveyRecorded payload;
    payload.mutable_survey()->set_survey_id(survey_id);
    payload.mutable_survey()->set_household_id(household);
    payload.mutable_survey()->set_survey_date(date);
    payload.mutable_survey()->set_review_year(std::stoi(date.substr(0, 4)));
    payload.mutable_survey()->set_has_income_per_capita(true);
    payload.mutable_survey()->set_income_per_capita_vnd(income);
    Publish(events::kRegistrySource, "registry.survey_recorded.v1", "survey", survey_id, household, payload,
            date);
  }

  // Waits until monitoring applied everything published (a few thousand events).
  void WaitForEverything() {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(180);
    while (ConsumedTotal() < published_ && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    ASSERT_GE(ConsumedTotal(), published_) << monitoring_->log();
  }

  // The test's own computation of a group, from the plan alone.
  Expected Compute(const std::function<std::optional<std::string>(const PlannedHousehold&)>& entry_of) const {
    Expected expected;
    const int horizons[] = {12, 24, 36};
    for (const PlannedHousehold& planned : planned_) {
      const std::optional<std::string> entry_text = entry_of(planned);
      if (!entry_text) continue;
      ++expected.supported;
      const CivilDate entry = Day(*entry_text);
      const CivilDate until = planned.moved_out_on ? Day(*planned.moved_out_on) : Day(kAsOf);
      const std::optional<CivilDate> escaped =
          planned.escaped_on ? std::optional<CivilDate>(Day(*planned.escaped_on)) : std::nullopt;
      for (int h = 0; h < 3; ++h) {
        const bool within = escaped && *escaped <= AddMonths(entry, horizons[h]);
        if (within || AddMonths(entry, horizons[h]) <= until) {
          ++expected.known[h];
          if (within) ++expected.escaped_within[h];
        }
      }
      if (escaped) {
        ++expected.escaped;
        if (planned.relapsed_on && Day(*planned.relapsed_on) <= AddMonths(*escaped, 36)) ++expected.relapsed;
      }
      expected.observations.emplace_back(DaysBetween(entry, escaped ? *escaped : until) / 30.4375,
                                         escaped.has_value());
      std::optional<std::int64_t> before, after;
      for (const auto& [date, income] : planned.incomes) {
        if (Day(date) <= entry) {
          before = income;
        } else if (!after) {
          after = income;
        }
      }
      if (before && after) {
        expected.income_before.push_back(static_cast<double>(*before));
        expected.income_after.push_back(static_cast<double>(*after));
        expected.income_change.push_back(static_cast<double>(*after - *before));
      }
    }
    return expected;
  }

  v1::GetOutcomesResponse Outcomes(v1::OutcomeDimension dimension) {
    v1::GetOutcomesRequest request;
    request.set_dimension(dimension);
    request.set_from(kFrom);
    request.set_to(kTo);
    request.set_as_of(kAsOf);
    v1::GetOutcomesResponse response;
    const grpc::Status status =
        stub_->GetOutcomes(AuthorizedContext(tokens_.officer).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  static const v1::OutcomeGroup* Group(const v1::GetOutcomesResponse& response, const std::string& key) {
    for (const v1::OutcomeGroup& group : response.groups()) {
      if (group.key() == key) return &group;
    }
    return nullptr;
  }

  // Every figure of `group` against the test's own.
  static void ExpectFigures(const v1::OutcomeGroup& group, const Expected& expected) {
    SCOPED_TRACE("group " + group.key());
    ASSERT_FALSE(group.supported().suppressed());
    EXPECT_EQ(group.supported().count(), expected.supported);
    EXPECT_EQ(group.on_list_at_entry().count(), expected.supported) << "every household was poor at entry";
    const v1::OutcomeProportion* horizons[] = {&group.escaped_12_months(), &group.escaped_24_months(),
                                               &group.escaped_36_months()};
    for (int h = 0; h < 3; ++h) {
      ASSERT_FALSE(horizons[h]->suppressed()) << h;
      EXPECT_EQ(horizons[h]->count(), expected.escaped_within[h]) << h;
      EXPECT_EQ(horizons[h]->denominator(), expected.known[h]) << h;
      const auto [lower, upper] = Wilson(expected.escaped_within[h], expected.known[h]);
      EXPECT_NEAR(horizons[h]->percent(), 100.0 * expected.escaped_within[h] / expected.known[h], 1e-9);
      EXPECT_NEAR(horizons[h]->lower_percent(), 100 * lower, 1e-6);
      EXPECT_NEAR(horizons[h]->upper_percent(), 100 * upper, 1e-6);
    }
    EXPECT_EQ(group.relapsed().count(), expected.relapsed);
    EXPECT_EQ(group.relapsed().denominator(), expected.escaped);
    ASSERT_FALSE(group.income().suppressed());
    EXPECT_EQ(group.income().households(), static_cast<int>(expected.income_before.size()));
    EXPECT_EQ(group.income().before().median_vnd(), std::llround(Quantile7(expected.income_before, 0.5)));
    EXPECT_EQ(group.income().after().q1_vnd(), std::llround(Quantile7(expected.income_after, 0.25)));
    EXPECT_EQ(group.income().change().q3_vnd(), std::llround(Quantile7(expected.income_change, 0.75)));
    const std::vector<CurvePoint> curve = ProductLimit(expected.observations);
    ASSERT_FALSE(group.escape_curve().empty());
    ASSERT_LE(group.escape_curve_size(), static_cast<int>(curve.size()));
    for (int s = 0; s < group.escape_curve_size(); ++s) {
      EXPECT_NEAR(group.escape_curve(s).months(), curve[s].months, 1e-9) << s;
      EXPECT_EQ(group.escape_curve(s).at_risk(), curve[s].at_risk) << s;
      EXPECT_EQ(group.escape_curve(s).escaped(), curve[s].events) << s;
      EXPECT_NEAR(group.escape_curve(s).escaped_percent(), 100 * curve[s].escaped, 1e-9) << s;
      EXPECT_GE(group.escape_curve(s).at_risk(), 5) << "steps with fewer than five at risk are cut";
    }
  }

  std::vector<PlannedHousehold> planned_;
};

TEST_F(MonitoringOutcomesTest, AGeneratedWardsKnownEffectsAreRankedAndEveryFigureMatchesTheEvents) {
  Generate();
  WaitForEverything();

  const v1::GetOutcomesResponse by_model = Outcomes(v1::OUTCOME_DIMENSION_LIVELIHOOD_MODEL);
  EXPECT_EQ(by_model.households_read(), static_cast<int>(planned_.size()))
      << "only the supported households' records are read";
  EXPECT_LT(planned_.size(), static_cast<size_t>(kHouseholds + kUnsupported));
  ASSERT_GE(by_model.groups_size(), 3);
  EXPECT_EQ(by_model.groups(0).key(), "bo-giong") << "the model with the strongest effect ranks first";
  EXPECT_EQ(by_model.groups(1).key(), "ga-tha-vuon");
  for (const char* model : {"bo-giong", "ga-tha-vuon"}) {
    const v1::OutcomeGroup* group = Group(by_model, model);
    ASSERT_NE(group, nullptr) << model;
    ExpectFigures(*group, Compute([&](const PlannedHousehold& planned) -> std::optional<std::string> {
      if (planned.model != model) return std::nullopt;
      return planned.joined_on;
    }));
  }
  // Three households: nothing about them is shown.
  const v1::OutcomeGroup* small = Group(by_model, "nam-rom");
  ASSERT_NE(small, nullptr);
  EXPECT_TRUE(small->supported().suppressed());
  EXPECT_EQ(small->supported().count(), 0);
  EXPECT_TRUE(small->escaped_24_months().suppressed());
  EXPECT_TRUE(small->income().suppressed());
  EXPECT_TRUE(small->escape_curve().empty());
  EXPECT_FALSE(small->has_median_months_to_escape());
  EXPECT_EQ(small->amount_vnd(), 0);
  EXPECT_EQ(by_model.groups(by_model.groups_size() - 1).key(), "nam-rom") << "suppressed groups rank last";

  const v1::GetOutcomesResponse by_type = Outcomes(v1::OUTCOME_DIMENSION_SUPPORT_TYPE);
  const v1::OutcomeGroup* credit = Group(by_type, "SUPPORT_TYPE_POLICY_CREDIT");
  const v1::OutcomeGroup* information = Group(by_type, "SUPPORT_TYPE_INFORMATION_ACCESS");
  ASSERT_NE(credit, nullptr);
  ASSERT_NE(information, nullptr);
  EXPECT_EQ(by_type.groups(0).key(), "SUPPORT_TYPE_POLICY_CREDIT")
      << "credit has an effect, information none";
  EXPECT_GT(credit->escaped_24_months().percent(), information->escaped_24_months().percent());
  ExpectFigures(*credit, Compute([](const PlannedHousehold& planned) -> std::optional<std::string> {
    if (!planned.credit) return std::nullopt;
    return planned.support_on;
  }));
  ExpectFigures(*information, Compute([](const PlannedHousehold& planned) -> std::optional<std::string> {
    if (!planned.information) return std::nullopt;
    return planned.support_on;
  }));
  EXPECT_EQ(credit->deliveries(), credit->supported().count());
  EXPECT_EQ(credit->amount_vnd(), 50'000'000LL * credit->supported().count());

  // The ward: every supported household, entering at its first support or joining.
  ExpectFigures(by_type.ward(), Compute([](const PlannedHousehold& planned) -> std::optional<std::string> {
                  std::optional<std::string> entry;
                  if (!planned.model.empty()) entry = planned.joined_on;
                  if ((planned.credit || planned.information) && (!entry || planned.support_on < *entry))
                    entry = planned.support_on;
                  return entry;
                }));
  // Every figure says how it was computed and from how many households.
  std::set<std::string> explained;
  for (const v1::OutcomeExplanation& explanation : credit->explanations()) {
    explained.insert(explanation.figure());
    EXPECT_FALSE(explanation.text().key().empty());
  }
  for (const char* figure : {"supported", "on_list_at_entry", "escaped_12_months", "escaped_24_months",
                             "escaped_36_months", "relapsed", "income", "escape_curve"}) {
    EXPECT_TRUE(explained.contains(figure)) << figure;
  }
}

// The final review as a ward officer makes it: `ansinh --lang vi report final`
// writes a PDF whose text (read back by pdftotext) has the Vietnamese
// headings with their diacritics and each year's poor rate as the figures
// give it, and one CSV file per table, UTF-8 with a byte-order mark.
TEST_F(MonitoringOutcomesTest, TheFinalReportIsAPdfWithVietnameseHeadingsAndTheTargetFigures) {
  Generate();
  WaitForEverything();
  const std::string ansinh = std::string(ANSINH_BIN_DIR) + "/ansinh";
  const std::string pdf = dir_.path() + "/tong-ket.pdf";
  const std::string csv = dir_.path() + "/bang";
  setenv("ANSINH_TOKEN", tokens_.officer.c_str(), 1);
  const CommandRun run = RunCommand({ansinh, "--lang", "vi", "--monitoring", monitoring_->address(), "report",
                                     "final", "--as-of", kAsOf, "--pdf", pdf, "--csv", csv});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("Đã ghi báo cáo vào"), std::string::npos) << run.output;

  CommandRun text = RunCommand({"pdftotext", pdf, "-"});
  ASSERT_EQ(text.exit_code, 0) << "pdftotext (poppler-utils, installed by make test): " << text.output;
  // A heading may wrap onto a second line: compare with single spaces.
  text.output = std::regex_replace(text.output, std::regex("\\s+"), " ");
  for (const char* heading :
       {"Báo cáo tổng kết thực hiện Nghị quyết về giảm nghèo bền vững", "giai đoạn 2021-2025",
        "I. Kết quả thực hiện các chỉ tiêu của Nghị quyết qua các năm",
        "II. Biến động hộ nghèo, hộ cận nghèo", "III. Các hỗ trợ đã thực hiện, theo loại và nguồn",
        "V. Các mô hình sinh kế hiệu quả", "VI. Tập thể, cá nhân đề nghị biểu dương, khen thưởng",
        "Tỷ lệ hộ nghèo", "Phường Thử nghiệm"}) {
    EXPECT_NE(text.output.find(heading), std::string::npos) << heading;
  }
  // Each year's poor rate, as monitoring measured it, in Vietnamese form.
  v1::GetResolutionReportRequest request;
  request.set_first_year(2021);
  request.set_last_year(2025);
  request.set_as_of(kAsOf);
  v1::GetResolutionReportResponse facts;
  ASSERT_TRUE(stub_->GetResolutionReport(AuthorizedContext(tokens_.officer).get(), request, &facts).ok());
  ASSERT_EQ(facts.years_size(), 5);
  for (const v1::ReportYear& year : facts.years()) {
    char rate[32];
    std::snprintf(rate, sizeof rate, "%.2f%%", year.figures().poor().percent());
    std::string vietnamese(rate);
    std::replace(vietnamese.begin(), vietnamese.end(), '.', ',');
    EXPECT_NE(text.output.find(vietnamese), std::string::npos) << year.review_year() << ": " << vietnamese;
  }
  // The same analytics at the terminal, ranked, with the small group shown as "<5".
  const CommandRun outcomes =
      RunCommand({ansinh, "--lang", "vi", "--monitoring", monitoring_->address(), "outcomes", "--by", "model",
                  "--from", kFrom, "--to", kTo, "--as-of", kAsOf});
  ASSERT_EQ(outcomes.exit_code, 0) << outcomes.output;
  EXPECT_NE(outcomes.output.find("THOÁT TRONG 24 THÁNG"), std::string::npos) << outcomes.output;
  const size_t strong = outcomes.output.find("bo-giong");
  const size_t weak = outcomes.output.find("ga-tha-vuon");
  const size_t small = outcomes.output.find("nam-rom");
  ASSERT_NE(strong, std::string::npos) << outcomes.output;
  EXPECT_LT(strong, weak) << outcomes.output;
  EXPECT_LT(weak, small) << outcomes.output;
  EXPECT_NE(outcomes.output.find("<5", small), std::string::npos) << outcomes.output;
  EXPECT_NE(outcomes.output.find("Cách tính:"), std::string::npos) << outcomes.output;

  const std::string targets = ReadFile(csv + "/1-chi-tieu.csv");
  ASSERT_FALSE(targets.empty());
  EXPECT_EQ(targets.substr(0, 3), "\xEF\xBB\xBF") << "Excel needs the byte-order mark";
  EXPECT_NE(targets.find("Rà soát (áp dụng)"), std::string::npos);
  EXPECT_NE(targets.find("Tỷ lệ hộ nghèo"), std::string::npos);
  int model_tables = 0;
  for (const auto& entry : std::filesystem::directory_iterator(csv)) {
    if (entry.path().filename().string().ends_with("-mo-hinh-sinh-ke.csv")) {
      ++model_tables;
      EXPECT_NE(ReadFile(entry.path().string()).find("bo-giong"), std::string::npos)
          << "the models' table names the strongest model";
    }
  }
  EXPECT_EQ(model_tables, 1);
}

TEST_F(MonitoringOutcomesTest, BadRequestsNameEachFieldAndStaffMayRead) {
  v1::GetOutcomesRequest request;
  request.set_from("2025-13-01");
  request.set_to("2024-01-01");
  request.set_as_of("yesterday");
  v1::GetOutcomesResponse response;
  grpc::Status status = stub_->GetOutcomes(AuthorizedContext(tokens_.officer).get(), request, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  for (const char* field : {"dimension", "from", "as_of"}) {
    EXPECT_NE(status.error_message().find(field), std::string::npos)
        << field << ": " << status.error_message();
  }
  request.Clear();
  request.set_dimension(v1::OUTCOME_DIMENSION_HELPER);
  status = stub_->GetOutcomes(AuthorizedContext(tokens_.womens_union_staff).get(), request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.groups_size(), 0);
  EXPECT_EQ(response.ward().supported().count(), 0);
}

}  // namespace
}  // namespace ansinh::testkit
