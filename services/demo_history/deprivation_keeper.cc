#include "demo_history/deprivation_keeper.h"

#include <algorithm>
#include <array>
#include <span>

#include "classification/core/classifier.h"

namespace ansinh::demo_history {
namespace {

// Dwelling facts to deprive, first choice first: the new standard's waste
// treatment, then what a poor household most plausibly lacks.
constexpr std::array kAddOrder = {
    v1::INDICATOR_KIND_WASTE_TREATMENT, v1::INDICATOR_KIND_HYGIENIC_LATRINE,
    v1::INDICATOR_KIND_HOUSING_AREA,    v1::INDICATOR_KIND_WATER_SOURCE,
    v1::INDICATOR_KIND_TELECOM_USE,     v1::INDICATOR_KIND_INFORMATION_ACCESS,
    v1::INDICATOR_KIND_HOUSING_QUALITY,
};
// Dwelling facts to mend, first choice first: what a household most easily
// gets (a phone, a connection, a latrine) before a bigger or better home.
constexpr std::array kMendOrder = {
    v1::INDICATOR_KIND_TELECOM_USE,      v1::INDICATOR_KIND_INFORMATION_ACCESS,
    v1::INDICATOR_KIND_HYGIENIC_LATRINE, v1::INDICATOR_KIND_WATER_SOURCE,
    v1::INDICATOR_KIND_WASTE_TREATMENT,  v1::INDICATOR_KIND_HOUSING_AREA,
    v1::INDICATOR_KIND_HOUSING_QUALITY,
};
// More than enough: each round changes one of seven facts.
constexpr int kMaxRounds = 10;

void Deprive(v1::IndicatorKind kind, v1::Survey& survey) {
  const double members = std::max(1, survey.members_size());
  switch (kind) {
    case v1::INDICATOR_KIND_HOUSING_QUALITY:
      survey.set_walls(v1::MATERIAL_QUALITY_NON_DURABLE);
      survey.set_columns(v1::MATERIAL_QUALITY_NON_DURABLE);
      survey.set_roof(v1::MATERIAL_QUALITY_NON_DURABLE);
      break;
    case v1::INDICATOR_KIND_HOUSING_AREA:
      survey.set_floor_area_m2(6 * members);
      break;
    case v1::INDICATOR_KIND_WATER_SOURCE:
      survey.set_water_source(v1::WATER_SOURCE_UNPROTECTED_DUG_WELL);
      break;
    case v1::INDICATOR_KIND_HYGIENIC_LATRINE:
      survey.set_latrine(v1::LATRINE_TYPE_SIMPLE_PIT);
      break;
    case v1::INDICATOR_KIND_TELECOM_USE:
      survey.set_uses_telecom(false);
      break;
    case v1::INDICATOR_KIND_INFORMATION_ACCESS:
      survey.clear_information_devices();
      break;
    case v1::INDICATOR_KIND_WASTE_TREATMENT:
      survey.set_waste_treatment(v1::WASTE_TREATMENT_UNTREATED);
      break;
    default:
      break;
  }
}

void Mend(v1::IndicatorKind kind, v1::Survey& survey) {
  const double members = std::max(1, survey.members_size());
  switch (kind) {
    case v1::INDICATOR_KIND_HOUSING_QUALITY:
      survey.set_walls(v1::MATERIAL_QUALITY_DURABLE);
      survey.set_columns(v1::MATERIAL_QUALITY_DURABLE);
      survey.set_roof(v1::MATERIAL_QUALITY_DURABLE);
      break;
    case v1::INDICATOR_KIND_HOUSING_AREA:
      survey.set_floor_area_m2(std::max(survey.floor_area_m2(), 10 * members));
      break;
    case v1::INDICATOR_KIND_WATER_SOURCE:
      survey.set_water_source(v1::WATER_SOURCE_TAP);
      break;
    case v1::INDICATOR_KIND_HYGIENIC_LATRINE:
      survey.set_latrine(v1::LATRINE_TYPE_SEPTIC);
      break;
    case v1::INDICATOR_KIND_TELECOM_USE:
      survey.set_uses_telecom(true);
      break;
    case v1::INDICATOR_KIND_INFORMATION_ACCESS:
      survey.add_information_devices(v1::INFORMATION_DEVICE_TV);
      break;
    case v1::INDICATOR_KIND_WASTE_TREATMENT:
      survey.set_waste_treatment(v1::WASTE_TREATMENT_COLLECTED);
      break;
    default:
      break;
  }
}

// Whether the result has `kind` among its indicators, and deprived.
struct IndicatorState {
  bool present = false;
  bool deprived = false;
};

IndicatorState StateOf(const v1::ClassificationResult& result, v1::IndicatorKind kind) {
  for (const v1::IndicatorResult& indicator : result.indicators()) {
    if (indicator.kind() == kind) return {true, indicator.deprived()};
  }
  return {};
}

}  // namespace

Result<v1::ClassificationResult> KeepDeprivations(v1::Survey& survey, const v1::Standard& standard,
                                                  bool poor_deprivations) {
  const int needed = standard.poor_deprivation_count();
  for (int round = 0;; ++round) {
    Result<v1::ClassificationResult> result = classification::Classify(survey, standard);
    if (!result.ok() || round == kMaxRounds) return result;
    const int count = result->deprivation_count();
    const bool too_few = poor_deprivations && count < needed;
    const bool too_many = !poor_deprivations && count >= needed;
    if (!too_few && !too_many) return result;
    bool changed = false;
    for (v1::IndicatorKind kind : too_few ? std::span<const v1::IndicatorKind>(kAddOrder)
                                          : std::span<const v1::IndicatorKind>(kMendOrder)) {
      const IndicatorState state = StateOf(*result, kind);
      if (!state.present || state.deprived != too_many) continue;
      if (too_few) {
        Deprive(kind, survey);
      } else {
        Mend(kind, survey);
      }
      changed = true;
      break;
    }
    if (!changed) return result;
  }
}

}  // namespace ansinh::demo_history
