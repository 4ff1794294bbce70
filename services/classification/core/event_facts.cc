#include "classification/core/event_facts.h"

namespace ansinh::classification {

v1::IndicatorResult IndicatorFactsOf(const v1::IndicatorResult& indicator) {
  v1::IndicatorResult facts;
  facts.set_kind(indicator.kind());
  facts.set_dimension(indicator.dimension());
  facts.set_deprived(indicator.deprived());
  *facts.mutable_member_ids() = indicator.member_ids();
  return facts;
}

v1::ClassificationResult ResultFactsOf(const v1::ClassificationResult& result) {
  v1::ClassificationResult facts;
  facts.set_household_id(result.household_id());
  facts.set_survey_id(result.survey_id());
  facts.set_residential_group(result.residential_group());
  facts.set_standard_id(result.standard_id());
  facts.set_standard_version(result.standard_version());
  facts.set_review_year(result.review_year());
  facts.set_list_year(result.list_year());
  facts.set_area_type(result.area_type());
  facts.set_as_of_date(result.as_of_date());
  for (const v1::IndicatorResult& indicator : result.indicators()) {
    *facts.add_indicators() = IndicatorFactsOf(indicator);
  }
  facts.set_deprivation_count(result.deprivation_count());
  facts.set_poor_deprivation_count(result.poor_deprivation_count());
  facts.set_income_basis(result.income_basis());
  facts.set_category(result.category());
  facts.set_without_labour_capacity(result.without_labour_capacity());
  facts.set_members_with_labour_capacity(result.members_with_labour_capacity());
  return facts;
}

}  // namespace ansinh::classification
