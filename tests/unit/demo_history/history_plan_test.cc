// The demo ward's history as planned (services/demo_history/history_plan.h):
// the same for a seed, each year under its standard with incomes on the
// right side of its lines, the true effects visible in the paths, and every
// action one the services accept: dated in its year, on a case that exists
// then and is not about to close, with the programme and state share the
// household's list requires.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "classification/core/classifier.h"
#include "demo_history/history_plan.h"
#include "demo_history/livelihood_models.h"
#include "standards/standard_loader.h"

namespace ansinh::demo_history {
namespace {

using ::testing::ElementsAre;

CivilDate Day(int year, unsigned month, unsigned day) {
  return CivilDate{std::chrono::year(year), std::chrono::month(month), std::chrono::day(day)};
}

// The day the issue asked for the history: the review of 2026 is approved on it.
const CivilDate kToday = Day(2026, 12, 7);

const std::vector<v1::Standard>& RepositoryStandards() {
  static const std::vector<v1::Standard> standards =
      LoadStandardsFromDirectory(ANSINH_STANDARDS_DIR)->standards();
  return standards;
}

HistoryOptions Options(int64_t households, uint64_t seed = 2025) {
  HistoryOptions options;
  options.households = households;
  options.seed = seed;
  options.today = kToday;
  return options;
}

// `make run`'s history: 2,000 households, 2021 to 2026, planned once.
const HistoryPlan& MakeRunPlan() {
  static const HistoryPlan plan = *BuildHistoryPlan(Options(2000), RepositoryStandards());
  return plan;
}

bool OnList(v1::PovertyCategory category) {
  return category == v1::POVERTY_CATEGORY_POOR || category == v1::POVERTY_CATEGORY_NEAR_POOR;
}

const v1::Standard& StandardOf(const std::string& id) {
  for (const v1::Standard& standard : RepositoryStandards()) {
    if (standard.id() == id) return standard;
  }
  throw std::runtime_error("no standard " + id);
}

const v1::AreaLines& UrbanLines(const v1::Standard& standard) {
  for (const v1::AreaLines& lines : standard.lines()) {
    if (lines.area_type() == v1::AREA_TYPE_URBAN) return lines;
  }
  throw std::runtime_error("no urban lines in " + standard.id());
}

TEST(HistoryPlanTest, TheSameSeedGivesTheSameHistoryAndAnotherSeedAnother) {
  const Result<HistoryPlan> first = BuildHistoryPlan(Options(300), RepositoryStandards());
  const Result<HistoryPlan> again = BuildHistoryPlan(Options(300), RepositoryStandards());
  const Result<HistoryPlan> other = BuildHistoryPlan(Options(300, 7), RepositoryStandards());
  ASSERT_TRUE(first.ok()) << first.error().message;
  ASSERT_TRUE(again.ok() && other.ok());
  ASSERT_EQ(first->years.size(), 6u);
  const auto fingerprint = [](const HistoryPlan& plan) {
    std::string text;
    for (const YearPlan& year : plan.years) {
      for (const v1::Survey& survey : year.surveys) text += survey.SerializeAsString();
      for (const HouseholdOutcome& outcome : year.outcomes) {
        text += std::to_string(outcome.category) + "/" + std::to_string(outcome.income_vnd) + ";";
      }
      for (const PlannedAction& action : year.actions) {
        text += FormatIsoDate(action.date) + std::to_string(static_cast<int>(action.kind()));
        for (size_t household : action.households) text += "," + std::to_string(household);
        std::visit([&](const auto& request) { text += request.SerializeAsString(); }, action.request);
      }
    }
    return text;
  };
  EXPECT_EQ(fingerprint(*first), fingerprint(*again));
  EXPECT_NE(fingerprint(*first), fingerprint(*other));
}

TEST(HistoryPlanTest, EachReviewYearHasItsStandardAndItsDecisionInDecember) {
  const HistoryPlan& plan = MakeRunPlan();
  std::vector<std::string> standards;
  for (const YearPlan& year : plan.years) standards.push_back(year.standard_id);
  // docs/domain.md §3.0: the reviews held at the end of 2021 to 2025 decide
  // the lists of 2022 to 2026 under Decree 07/2021, the one at the end of
  // 2026 the 2027 list under Decree 351/2025.
  EXPECT_THAT(standards, ElementsAre("decree-07-2021", "decree-07-2021", "decree-07-2021", "decree-07-2021",
                                     "decree-07-2021", "decree-351-2025"));
  EXPECT_EQ(plan.years[0].decision_date, Day(2021, 12, 20));
  EXPECT_EQ(plan.years[4].decision_date, Day(2025, 12, 20));
  // December 20 is still to come: the 2026 review is approved today.
  EXPECT_EQ(plan.years[5].decision_date, kToday);
  for (const YearPlan& year : plan.years) {
    ASSERT_EQ(year.surveys.size(), plan.ward.size());
    for (const v1::Survey& survey : year.surveys) EXPECT_EQ(survey.review_year(), year.review_year);
  }
}

TEST(HistoryPlanTest, ThePlanEndsWithTheLastReviewHeldByToday) {
  EXPECT_EQ(LastReviewYear(2026, Day(2026, 12, 1)), 2026);
  EXPECT_EQ(LastReviewYear(2026, Day(2026, 11, 30)), 2025);
  EXPECT_EQ(LastReviewYear(2023, Day(2026, 12, 7)), 2023);
  EXPECT_EQ(DecisionDate(2026, Day(2026, 12, 21)), Day(2026, 12, 20));
  HistoryOptions options = Options(50);
  options.today = Day(2026, 11, 2);
  const Result<HistoryPlan> plan = BuildHistoryPlan(options, RepositoryStandards());
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->years.back().review_year, 2025);
}

TEST(HistoryPlanTest, BadOptionsAreRefusedFieldByField) {
  HistoryOptions options = Options(0);
  options.first_year = 2019;
  options.last_year = 2018;
  options.follow_up_months = 0;
  const Result<HistoryPlan> plan = BuildHistoryPlan(options, RepositoryStandards());
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().code, ErrorCode::kInvalidArgument);
  std::set<std::string> fields;
  for (const FieldViolation& violation : plan.error().violations) fields.insert(violation.field);
  EXPECT_EQ(fields, (std::set<std::string>{"households", "first_year", "last_year", "follow_up_months"}));

  HistoryOptions no_standard = Options(10);
  const Result<HistoryPlan> without = BuildHistoryPlan(no_standard, {});
  ASSERT_FALSE(without.ok());
  EXPECT_EQ(without.error().code, ErrorCode::kFailedPrecondition);
}

// The classifier the classification service runs decides each planned
// survey as the plan says, and the income is on the plan's side of the
// year's lines with the deprivations of its category.
TEST(HistoryPlanTest, IncomesAndDeprivationsMatchEachYearsCategoryUnderItsLines) {
  const HistoryPlan& plan = MakeRunPlan();
  for (const YearPlan& year : plan.years) {
    const v1::Standard& standard = StandardOf(year.standard_id);
    const v1::AreaLines& lines = UrbanLines(standard);
    for (size_t i = 0; i < plan.ward.size(); ++i) {
      const HouseholdOutcome& outcome = year.outcomes[i];
      const v1::Survey& survey = year.surveys[i];
      SCOPED_TRACE(survey.survey_id());
      const Result<v1::ClassificationResult> result = classification::Classify(survey, standard);
      ASSERT_TRUE(result.ok()) << result.error().message;
      EXPECT_EQ(result->category(), outcome.category);
      EXPECT_EQ(result->without_labour_capacity(), outcome.without_labour_capacity);
      if (survey.has_income_per_capita()) EXPECT_EQ(survey.income_per_capita_vnd(), outcome.income_vnd);
      // Later years always measure the income (Decree 351/2025 has no score A).
      if (year.review_year > plan.years.front().review_year) EXPECT_TRUE(survey.has_income_per_capita());
      switch (outcome.category) {
        case v1::POVERTY_CATEGORY_POOR:
          EXPECT_LE(outcome.income_vnd, lines.poverty_line_vnd());
          EXPECT_GE(outcome.deprivation_count, standard.poor_deprivation_count());
          break;
        case v1::POVERTY_CATEGORY_NEAR_POOR:
          EXPECT_LE(outcome.income_vnd, lines.poverty_line_vnd());
          EXPECT_LT(outcome.deprivation_count, standard.poor_deprivation_count());
          break;
        case v1::POVERTY_CATEGORY_AVERAGE:
          ASSERT_TRUE(lines.has_average_band_upper_vnd());
          EXPECT_GT(outcome.income_vnd, lines.poverty_line_vnd());
          EXPECT_LE(outcome.income_vnd, lines.average_band_upper_vnd());
          break;
        default:
          EXPECT_GT(outcome.income_vnd, lines.has_average_band_upper_vnd() ? lines.average_band_upper_vnd()
                                                                           : lines.poverty_line_vnd());
          break;
      }
    }
  }
}

TEST(HistoryPlanTest, PovertyFallsUnderDecree07AndTheHigherLineOf2027AddsNearPoorHouseholds) {
  const HistoryPlan& plan = MakeRunPlan();
  const YearPlan& first = plan.years.front();
  const YearPlan& y2025 = plan.years[4];
  const YearPlan& y2026 = plan.years[5];
  // The seed ward: 80 poor households at the first review (docs/registry.md).
  EXPECT_EQ(first.Count(v1::POVERTY_CATEGORY_POOR), 80);
  EXPECT_LT(y2025.Count(v1::POVERTY_CATEGORY_POOR), first.Count(v1::POVERTY_CATEGORY_POOR) * 3 / 4);
  for (size_t y = 1; y < 5; ++y) {
    EXPECT_LE(plan.years[y].Count(v1::POVERTY_CATEGORY_POOR),
              plan.years[y - 1].Count(v1::POVERTY_CATEGORY_POOR) + 5)
        << plan.years[y].review_year;
  }
  EXPECT_GT(y2026.Count(v1::POVERTY_CATEGORY_NEAR_POOR), y2025.Count(v1::POVERTY_CATEGORY_NEAR_POOR) * 3 / 2);
  // Decree 351/2025 has no AVERAGE band.
  EXPECT_EQ(y2026.Count(v1::POVERTY_CATEGORY_AVERAGE), 0);
}

// Who joined which model in which year, from the plan's joinings.
struct Joining {
  size_t household;
  std::string model_id;
  int year_index;
};

std::vector<Joining> Joinings(const HistoryPlan& plan) {
  std::vector<Joining> joinings;
  for (size_t y = 0; y < plan.years.size(); ++y) {
    for (const PlannedAction& action : plan.years[y].actions) {
      if (action.kind() != ActionKind::kJoinModel) continue;
      const auto& request = std::get<v1::JoinLivelihoodModelRequest>(action.request);
      for (size_t household : action.households) {
        joinings.push_back({household, request.model_id(), static_cast<int>(y)});
      }
    }
  }
  return joinings;
}

// Got out at a review: off its list, or from poor to near-poor.
bool GotOut(v1::PovertyCategory before, v1::PovertyCategory now) {
  return OnList(before) &&
         (!OnList(now) || (before == v1::POVERTY_CATEGORY_POOR && now == v1::POVERTY_CATEGORY_NEAR_POOR));
}

// A model's yearly chance of getting its households out: at the reviews of
// the joining year and the next (while the model counts, true_effects.h),
// the households that got out over the reviews they met on a list.
struct Hazard {
  int out = 0;
  int reviews = 0;
  double rate() const { return reviews == 0 ? 0 : static_cast<double>(out) / reviews; }
};

TEST(HistoryPlanTest, TheStrongModelsHouseholdsGetOutMoreOftenThanTheWeakOnes) {
  const HistoryPlan& plan = MakeRunPlan();
  std::map<std::string, Hazard> hazards;
  std::map<std::string, int> joined;
  for (const Joining& joining : Joinings(plan)) {
    ++joined[joining.model_id];
    Hazard& hazard = hazards[joining.model_id];
    for (int y = joining.year_index; y <= joining.year_index + 1 && y < static_cast<int>(plan.years.size());
         ++y) {
      const v1::PovertyCategory before = plan.years[y - 1].outcomes[joining.household].category;
      if (!OnList(before)) break;
      ++hazard.reviews;
      if (GotOut(before, plan.years[y].outcomes[joining.household].category)) {
        ++hazard.out;
        break;
      }
    }
  }
  ASSERT_EQ(joined.size(), DemoModels().size());
  for (const auto& [model, count] : joined) {
    EXPECT_GE(count, 15) << model << ": too few households to see an effect";
  }
  const auto describe = [&](const std::string& model) {
    return model + " " + std::to_string(hazards[model].out) + "/" + std::to_string(hazards[model].reviews);
  };
  // "Nuôi bò sinh sản" (+300‰) against "Nuôi gà thả vườn" (+40‰), true_effects.h.
  EXPECT_GT(hazards["bo-sinh-san"].rate(), 1.5 * hazards["ga-tha-vuon"].rate())
      << describe("bo-sinh-san") << " vs " << describe("ga-tha-vuon");
  EXPECT_GT(hazards["hoc-nghe-viec-lam"].rate(), 1.5 * hazards["ga-tha-vuon"].rate())
      << describe("hoc-nghe-viec-lam") << " vs " << describe("ga-tha-vuon");
}

TEST(HistoryPlanTest, PoorHouseholdsWithoutLabourCapacityRarelyEscape) {
  const HistoryPlan& plan = MakeRunPlan();
  int working_out = 0, working = 0, unable_out = 0, unable = 0;
  for (size_t y = 1; y < plan.years.size(); ++y) {
    for (size_t i = 0; i < plan.ward.size(); ++i) {
      const HouseholdOutcome& before = plan.years[y - 1].outcomes[i];
      if (before.category != v1::POVERTY_CATEGORY_POOR) continue;
      const bool out = plan.years[y].outcomes[i].category != v1::POVERTY_CATEGORY_POOR;
      (before.without_labour_capacity ? unable : working) += 1;
      (before.without_labour_capacity ? unable_out : working_out) += out ? 1 : 0;
    }
  }
  ASSERT_GT(unable, 20);
  ASSERT_GT(working, 50);
  EXPECT_LT(static_cast<double>(unable_out) / unable, static_cast<double>(working_out) / working / 2)
      << unable_out << "/" << unable << " vs " << working_out << "/" << working;
}

// Where a household's case stands after each review, as the assignment
// service keeps it: open on a list, then followed after an escape.
struct CaseView {
  bool has_case = false;
  bool open = false;
  std::optional<CivilDate> follow_up_since;
  bool may_close_while_loading = false;
};

TEST(HistoryPlanTest, EveryActionIsDatedInItsYearOnACaseThatExistsAndFitsTheHouseholdsList) {
  const HistoryPlan& plan = MakeRunPlan();
  std::vector<CaseView> cases(plan.ward.size());
  std::map<std::pair<size_t, std::string>, CivilDate> joined;  // (household, model) -> day
  std::map<std::pair<size_t, int>, CivilDate> marked;          // (household, emergency) -> day
  const auto apply_review = [&](const YearPlan& year) {
    for (size_t i = 0; i < cases.size(); ++i) {
      CaseView& view = cases[i];
      if (OnList(year.outcomes[i].category)) {
        view.has_case = view.open = true;
        view.follow_up_since.reset();
      } else if (view.open) {
        view.open = false;
        view.follow_up_since = year.decision_date;
        if (AddMonths(year.decision_date, 36) <= kToday) view.may_close_while_loading = true;
      }
    }
  };
  apply_review(plan.years.front());
  EXPECT_TRUE(plan.years.front().actions.empty());
  int64_t checked = 0;
  for (size_t y = 1; y < plan.years.size(); ++y) {
    const YearPlan& year = plan.years[y];
    const YearPlan& previous = plan.years[y - 1];
    const CivilDate first_day = Day(year.review_year, 1, 1);
    for (size_t a = 0; a < year.actions.size(); ++a) {
      const PlannedAction& action = year.actions[a];
      SCOPED_TRACE(std::to_string(year.review_year) + " action " + std::to_string(a));
      EXPECT_GE(action.date, first_day);
      EXPECT_GT(action.date, previous.decision_date);
      EXPECT_LT(action.date, year.decision_date);
      EXPECT_LE(action.date, kToday);
      if (a > 0) EXPECT_GE(action.date, year.actions[a - 1].date);
      for (size_t household : action.households) {
        const CaseView& view = cases[household];
        EXPECT_TRUE(view.has_case && (view.open || view.follow_up_since)) << household;
        EXPECT_FALSE(view.may_close_while_loading) << household;
      }
      const v1::PovertyCategory list = action.households.empty()
                                           ? v1::POVERTY_CATEGORY_UNSPECIFIED
                                           : previous.outcomes[action.households.front()].category;
      if (const auto* support = std::get_if<v1::RecordSupportRequest>(&action.request)) {
        ASSERT_EQ(action.households.size(), 1u);
        const size_t household = action.households.front();
        EXPECT_EQ(support->delivered_on(), FormatIsoDate(action.date));
        switch (support->credit_programme()) {
          case v1::CREDIT_PROGRAMME_POOR_HOUSEHOLDS:
            EXPECT_EQ(list, v1::POVERTY_CATEGORY_POOR);
            break;
          case v1::CREDIT_PROGRAMME_NEAR_POOR_HOUSEHOLDS:
            EXPECT_EQ(list, v1::POVERTY_CATEGORY_NEAR_POOR);
            break;
          case v1::CREDIT_PROGRAMME_NEWLY_ESCAPED_HOUSEHOLDS:
            ASSERT_TRUE(cases[household].follow_up_since);
            EXPECT_GE(action.date, *cases[household].follow_up_since);
            EXPECT_LT(action.date, AddMonths(*cases[household].follow_up_since, 36));
            break;
          default:
            EXPECT_NE(support->type(), v1::SUPPORT_TYPE_POLICY_CREDIT);
            break;
        }
        if (support->type() == v1::SUPPORT_TYPE_POLICY_CREDIT) {
          EXPECT_GT(support->amount_vnd(), 0);
          EXPECT_FALSE(support->savings_group().empty());
        }
        if (support->has_state_share_percent()) {
          EXPECT_EQ(support->type(), v1::SUPPORT_TYPE_HEALTH_INSURANCE_CARD);
          EXPECT_EQ(support->state_share_percent(), list == v1::POVERTY_CATEGORY_POOR ? 100 : 70);
          EXPECT_TRUE(OnList(list));
        }
        if (!support->livelihood_model_id().empty()) {
          const auto found = joined.find({household, support->livelihood_model_id()});
          ASSERT_NE(found, joined.end()) << "support of a model the household has not joined";
          EXPECT_LE(found->second, action.date);
        }
        if (support->type() == v1::SUPPORT_TYPE_EMERGENCY_RELIEF) {
          const auto found = marked.find({household, action.emergency});
          ASSERT_NE(found, marked.end()) << "relief for a household not marked affected";
          EXPECT_LE(found->second, action.date);
        }
      } else if (const auto* joining = std::get_if<v1::JoinLivelihoodModelRequest>(&action.request)) {
        EXPECT_FALSE(action.households.empty());
        for (size_t household : action.households) {
          EXPECT_TRUE(OnList(previous.outcomes[household].category));
          joined.emplace(std::make_pair(household, joining->model_id()), action.date);
        }
      } else if (action.kind() == ActionKind::kMarkAffected) {
        for (size_t household : action.households)
          marked.emplace(std::make_pair(household, action.emergency), action.date);
      }
      ++checked;
    }
    apply_review(year);
  }
  EXPECT_GT(checked, 4000);
  EXPECT_GT(plan.ActionCount(ActionKind::kRecordVisit), 1000);
  EXPECT_EQ(plan.ActionCount(ActionKind::kUpsertModel), static_cast<int64_t>(DemoModels().size()));
}

TEST(HistoryPlanTest, TheAutumnFloodsAreReliefForMostAndTheLastLeavesAFewUncontacted) {
  const HistoryPlan& plan = MakeRunPlan();
  ASSERT_EQ(plan.emergencies.size(), 3u);
  std::vector<int> years;
  for (const PlannedEmergency& flood : plan.emergencies) {
    years.push_back(flood.year);
    EXPECT_EQ(flood.emergency.kind(), v1::EMERGENCY_KIND_FLOOD);
    EXPECT_EQ(ParseIsoDate(flood.emergency.began_on())->month(), std::chrono::October);
    EXPECT_FALSE(flood.affected.empty());
    EXPECT_GT(flood.relieved.size() * 10, flood.affected.size() * 7) << flood.emergency.name();
  }
  EXPECT_THAT(years, ElementsAre(2022, 2025, 2026));
  EXPECT_TRUE(plan.emergencies[0].uncontacted.empty());
  const PlannedEmergency& last = plan.emergencies.back();
  ASSERT_FALSE(last.uncontacted.empty());
  const CivilDate began = *ParseIsoDate(last.emergency.began_on());
  const std::set<size_t> uncontacted(last.uncontacted.begin(), last.uncontacted.end());
  for (const PlannedAction& action : plan.years.back().actions) {
    if (action.kind() != ActionKind::kRecordSupport && action.kind() != ActionKind::kRecordVisit) continue;
    if (action.date >= began) EXPECT_FALSE(uncontacted.contains(action.households.front()));
  }
}

}  // namespace
}  // namespace ansinh::demo_history
