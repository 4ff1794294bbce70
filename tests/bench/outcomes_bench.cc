// Cost of the outcome analytics and of the resolution's report on one core,
// from the figure records monitoring keeps (docs/outcomes.md): a query reads
// the supported households' records and computes every group's figures, so
// its time grows with the supported households. The ward here has the given
// number of supported households, each poor at the first review, with six
// yearly approvals, three support deliveries, one model joining and five
// surveyed incomes.
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "monitoring/core/outcomes.h"
#include "monitoring/core/ward_projection.h"

namespace ansinh::monitoring {
namespace {

std::vector<v1::HouseholdFigureRecord> SupportedWard(int households) {
  WardProjection projection;
  std::mt19937 random(19);
  std::uniform_real_distribution<double> uniform(0, 1);
  const char* models[] = {"bo-giong", "ga-tha-vuon", "duoc-lieu", "may-mac", "kem-cap"};
  const v1::SupportType types[] = {v1::SUPPORT_TYPE_POLICY_CREDIT, v1::SUPPORT_TYPE_HEALTH_INSURANCE_CARD,
                                   v1::SUPPORT_TYPE_HOUSING, v1::SUPPORT_TYPE_VOCATIONAL_TRAINING};
  for (int i = 0; i < households; ++i) {
    const std::string id = "HH-" + std::to_string(100000 + i);
    const std::string case_id = "CASE-" + id + "-1";
    const std::string organization = "org-" + std::to_string(i % 6);
    const std::string helper = organization + "-h" + std::to_string(i % 40);
    projection.Apply(HouseholdRegistration{id, "TDP-" + std::to_string(i % 18)});
    projection.Apply(CaseAssignment{id, case_id, organization, "2021-12-21"});
    projection.Apply(HelperAssignment{id, case_id, organization, helper, "2021-12-22"});
    bool poor = true;
    for (int year = 2021; year <= 2026; ++year) {
      projection.Apply(SurveyIncomeFact{id, "SV-" + id + "-" + std::to_string(year), "",
                                        std::to_string(year) + "-11-05",
                                        1'000'000 + 150'000 * (year - 2021)});
      if (year > 2021 && poor && uniform(random) < 0.3) poor = false;
      projection.Apply(StatusApproval{id, "R" + std::to_string(year), year, year + 1,
                                      poor ? v1::POVERTY_CATEGORY_POOR : v1::POVERTY_CATEGORY_AVERAGE,
                                      v1::TRANSITION_UNSPECIFIED, false, std::to_string(year) + "-12-18"});
    }
    for (int s = 0; s < 3; ++s) {
      SupportDelivery delivery{id, case_id + "/S" + std::to_string(s + 1),
                               v1::HouseholdFigureRecord::SUPPORT_KIND_OTHER,
                               std::to_string(2022 + s) + "-03-01"};
      delivery.attribution = {types[(i + s) % 4], "VBSP", "", "", case_id, organization, helper};
      projection.Apply(delivery);
    }
    projection.Apply(
        ModelParticipationFact{id, models[i % 5], case_id, "2022-02-01", "", organization, helper});
  }
  return projection.Records();
}

void BM_OutcomesByDimension(benchmark::State& state, v1::OutcomeDimension dimension) {
  const std::vector<v1::HouseholdFigureRecord> records = SupportedWard(static_cast<int>(state.range(0)));
  const auto day = [](const char* iso) { return *ParseIsoDate(iso); };
  const OutcomeQuery query{dimension, day("2021-01-01"), day("2026-12-07"), day("2026-12-07"), ""};
  for (auto _ : state) {
    v1::GetOutcomesResponse response = ComputeOutcomes(records, query);
    benchmark::DoNotOptimize(response);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["households"] = static_cast<double>(state.range(0));
}

BENCHMARK_CAPTURE(BM_OutcomesByDimension, by_model, v1::OUTCOME_DIMENSION_LIVELIHOOD_MODEL)
    ->Arg(500)
    ->Arg(5000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_OutcomesByDimension, by_helper, v1::OUTCOME_DIMENSION_HELPER)
    ->Arg(500)
    ->Arg(5000)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ansinh::monitoring
