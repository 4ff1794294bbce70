// Fuzzes the poverty-standard loader (services/classification/core/
// standard_loader.h): a standard file is text an officer edits by hand, and a
// standard that would classify wrongly, or crash the classifier, must never
// load. The input is the text of one *.textproto file (the seeds are the
// repository's standards).
//
// A text that is refused must say why. A text that loads must form a catalog
// on its own and classify the sample households (complete surveys) without
// crashing, each either classified or refused with a reason, and what-if over
// them must account for every household.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "classification/core/classifier.h"
#include "classification/core/what_if.h"
#include "fuzz_check.h"
#include "sample_surveys.h"
#include "standards/standard_catalog.h"
#include "standards/standard_loader.h"

namespace {

namespace classification = ansinh::classification;
namespace v1 = ansinh::v1;

constexpr std::string_view kSourceName = "fuzz.textproto";

// The repository's statutory retirement ages, which every catalog attaches
// to its standards.
const v1::RetirementAgeSchedule& RetirementAges() {
  static const v1::RetirementAgeSchedule schedule = [] {
    std::ifstream in(std::filesystem::path(ANSINH_FUZZ_STANDARDS_DIR) / ansinh::kRetirementAgesFileName);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const ansinh::Result<v1::RetirementAgeSchedule> parsed =
        ansinh::ParseRetirementAgeSchedule(text, ansinh::kRetirementAgesFileName);
    ANSINH_FUZZ_CHECK(parsed.ok(), "the repository's retirement ages load");
    return *parsed;
  }();
  return schedule;
}

void CheckClassifies(const v1::Standard& parsed) {
  std::vector<ansinh::SourcedStandard> sourced = {{parsed, std::string(kSourceName)}};
  const ansinh::Result<ansinh::StandardCatalog> catalog =
      ansinh::StandardCatalog::Create(std::move(sourced), RetirementAges());
  ANSINH_FUZZ_CHECK(catalog.ok(), "a standard that loads forms a catalog on its own");
  const v1::Standard* in_catalog = catalog->ForListYear(parsed.first_list_year());
  ANSINH_FUZZ_CHECK(in_catalog != nullptr, "the catalog covers the standard's first year");
  // The catalog's copy: it carries the retirement ages classification needs.
  const v1::Standard& standard = *in_catalog;

  const std::vector<v1::Survey>& surveys = ansinh::fuzz::SampleSurveys();
  std::vector<classification::WhatIfHousehold> households;
  for (const v1::Survey& survey : surveys) {
    const ansinh::Result<v1::ClassificationResult> result = classification::Classify(survey, standard);
    if (result.ok()) {
      ANSINH_FUZZ_CHECK(result->category() != v1::POVERTY_CATEGORY_UNSPECIFIED,
                        "a classified household has a category");
    } else {
      ANSINH_FUZZ_CHECK(!result.error().message.empty(), "a refusal says why");
    }
    households.push_back({&survey, v1::POVERTY_CATEGORY_NEAR_POOR, false});
  }
  const v1::WhatIfReport report =
      classification::RunWhatIf(standard, std::span<const classification::WhatIfHousehold>(households));
  ANSINH_FUZZ_CHECK(report.classified() + report.errors_size() == static_cast<int>(surveys.size()),
                    "what-if classifies or lists every household");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const ansinh::Result<v1::Standard> standard = ansinh::ParseStandard(text, kSourceName);
  if (!standard.ok()) {
    ANSINH_FUZZ_CHECK(!standard.error().message.empty(), "a refused standard says why");
    return 0;
  }
  CheckClassifies(*standard);
  return 0;
}
