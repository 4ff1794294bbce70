#include "classification/core/what_if.h"

#include <algorithm>
#include <array>

#include "classification/core/classifier.h"
#include "i18n/proto/localized_text.h"

namespace ansinh::classification {
namespace {

constexpr std::array<v1::PovertyCategory, 4> kTalliedCategories = {
    v1::POVERTY_CATEGORY_POOR, v1::POVERTY_CATEGORY_NEAR_POOR, v1::POVERTY_CATEGORY_AVERAGE,
    v1::POVERTY_CATEGORY_NOT_POOR};

v1::CategoryTally* TallyOf(v1::WhatIfReport& report, v1::PovertyCategory category) {
  for (v1::CategoryTally& tally : *report.mutable_tallies()) {
    if (tally.category() == category) return &tally;
  }
  return nullptr;
}

}  // namespace

v1::WhatIfReport RunWhatIf(const v1::Standard& standard, std::span<const WhatIfHousehold> households) {
  v1::WhatIfReport report;
  report.set_standard_id(standard.id());
  report.set_standard_version(standard.version());
  for (v1::PovertyCategory category : kTalliedCategories) {
    report.add_tallies()->set_category(category);
  }

  for (const WhatIfHousehold& household : households) {
    const v1::Survey& survey = *household.survey;
    Result<v1::ClassificationResult> result = Classify(survey, standard);
    if (!result.ok()) {
      v1::HouseholdError* error = report.add_errors();
      error->set_household_id(survey.household_id());
      error->set_message(result.error().message);
      *error->mutable_text() = i18n::TextOf(result.error());
      continue;
    }
    report.set_classified(report.classified() + 1);
    const v1::PovertyCategory to = result->category();
    if (v1::CategoryTally* tally = TallyOf(report, to)) {
      tally->set_what_if(tally->what_if() + 1);
    }
    if (to == v1::POVERTY_CATEGORY_POOR && result->without_labour_capacity()) {
      report.set_what_if_poor_without_labour_capacity(report.what_if_poor_without_labour_capacity() + 1);
    }

    const v1::PovertyCategory from = household.official_category;
    if (from == v1::POVERTY_CATEGORY_UNSPECIFIED) continue;
    report.set_compared(report.compared() + 1);
    if (v1::CategoryTally* tally = TallyOf(report, from)) {
      tally->set_official(tally->official() + 1);
    }
    if (from == v1::POVERTY_CATEGORY_POOR && household.official_without_labour_capacity) {
      report.set_official_poor_without_labour_capacity(report.official_poor_without_labour_capacity() + 1);
    }
    if (from != to) {
      v1::CategoryChange* change = report.add_changes();
      change->set_household_id(survey.household_id());
      change->set_residential_group(survey.residential_group());
      change->set_from_category(from);
      change->set_to_category(to);
    }
  }
  report.set_would_change(report.changes_size());
  std::sort(report.mutable_changes()->begin(), report.mutable_changes()->end(),
            [](const v1::CategoryChange& a, const v1::CategoryChange& b) {
              return a.household_id() < b.household_id();
            });
  return report;
}

void MergeWhatIfReports(v1::WhatIfReport& total, const v1::WhatIfReport& part) {
  if (total.standard_id().empty()) {
    total.set_standard_id(part.standard_id());
    total.set_standard_version(part.standard_version());
  }
  if (total.tallies().empty()) {
    for (v1::PovertyCategory category : kTalliedCategories) {
      total.add_tallies()->set_category(category);
    }
  }
  total.set_classified(total.classified() + part.classified());
  total.set_compared(total.compared() + part.compared());
  total.set_official_poor_without_labour_capacity(total.official_poor_without_labour_capacity() +
                                                  part.official_poor_without_labour_capacity());
  total.set_what_if_poor_without_labour_capacity(total.what_if_poor_without_labour_capacity() +
                                                 part.what_if_poor_without_labour_capacity());
  for (const v1::CategoryTally& tally : part.tallies()) {
    if (v1::CategoryTally* sum = TallyOf(total, tally.category())) {
      sum->set_official(sum->official() + tally.official());
      sum->set_what_if(sum->what_if() + tally.what_if());
    }
  }
  for (const v1::CategoryChange& change : part.changes()) {
    *total.add_changes() = change;
  }
  for (const v1::HouseholdError& error : part.errors()) {
    *total.add_errors() = error;
  }
  total.set_would_change(total.changes_size());
  std::sort(total.mutable_changes()->begin(), total.mutable_changes()->end(),
            [](const v1::CategoryChange& a, const v1::CategoryChange& b) {
              return a.household_id() < b.household_id();
            });
  std::sort(total.mutable_errors()->begin(), total.mutable_errors()->end(),
            [](const v1::HouseholdError& a, const v1::HouseholdError& b) {
              return a.household_id() < b.household_id();
            });
}

}  // namespace ansinh::classification
