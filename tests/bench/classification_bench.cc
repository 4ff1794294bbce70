// Throughput of the pure classification core on one core: the demo ward's
// surveys (a realistic mix of households) classified under Decree 07/2021,
// and the what-if under Decree 351/2025.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <vector>

#include "classification/core/classifier.h"
#include "registry/core/demo/demo_ward_generator.h"
#include "standards/standard_loader.h"

namespace ansinh::classification {
namespace {

const StandardCatalog& Catalog() {
  static const StandardCatalog catalog = [] {
    auto loaded = LoadStandardsFromDirectory(ANSINH_SOURCE_DIR "/services/classification/standards");
    if (!loaded.ok()) std::abort();
    return std::move(loaded).value();
  }();
  return catalog;
}

const std::vector<v1::Survey>& DemoSurveys() {
  static const std::vector<v1::Survey> surveys = [] {
    std::vector<v1::Survey> out;
    for (const auto& demo : registry::GenerateDemoWard(20251103)) out.push_back(demo.survey);
    return out;
  }();
  return surveys;
}

void ClassifyAll(benchmark::State& state, const v1::Standard& standard) {
  const auto& surveys = DemoSurveys();
  size_t index = 0;
  for (auto _ : state) {
    auto result = Classify(surveys[index], standard);
    benchmark::DoNotOptimize(result);
    index = (index + 1) % surveys.size();
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel("surveys");
}

void BM_ClassifyDemoSurveyDecree07(benchmark::State& state) {
  ClassifyAll(state, *Catalog().FindById("decree-07-2021"));
}
BENCHMARK(BM_ClassifyDemoSurveyDecree07);

void BM_ClassifyDemoSurveyDecree351WhatIf(benchmark::State& state) {
  ClassifyAll(state, *Catalog().FindById("decree-351-2025"));
}
BENCHMARK(BM_ClassifyDemoSurveyDecree351WhatIf);

}  // namespace
}  // namespace ansinh::classification
