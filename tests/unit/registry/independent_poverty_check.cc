#include "independent_poverty_check.h"

#include <algorithm>
#include <optional>

#include "kernel/civil_date.h"

namespace ansinh::registry::testkit {
namespace {

constexpr int64_t kUrbanLineVnd = 2'000'000;
constexpr int kUrbanScoreAAtLine = 175;
constexpr int64_t kUrbanAverageUpperVnd = 3'000'000;

bool IsAny(int value, std::initializer_list<int> set) {
  return std::find(set.begin(), set.end(), value) != set.end();
}

}  // namespace

Assessment AssessUrbanDecree07(const v1::Survey& survey, const Reading& reading) {
  const CivilDate survey_date = *ParseIsoDate(survey.survey_date());
  const CivilDate on = reading.ages_on_survey_date ? survey_date
                                                   : CivilDate{std::chrono::year(survey.review_year()),
                                                               std::chrono::January, std::chrono::day(1)};
  bool employment = false, nutrition = false, insurance = false, adult_education = false, school = false;
  int dependants = 0;
  Assessment result;
  for (const v1::Member& member : survey.members()) {
    const int age = AgeInYears(*ParseIsoDate(member.date_of_birth()), on);
    const int working_age_max =
        member.sex() == v1::SEX_MALE ? reading.working_age_max_male : reading.working_age_max_female;
    const bool working_age = age >= reading.working_age_min && age <= working_age_max;
    if (working_age && !member.lost_working_capacity()) result.has_labour_capacity = true;
    if (working_age &&
        IsAny(member.employment(), {v1::EMPLOYMENT_UNEMPLOYED, v1::EMPLOYMENT_WAGE_WITHOUT_CONTRACT})) {
      employment = true;
    }
    const bool child = age < reading.dependant_child_under;
    const bool allowance_dependant = member.monthly_social_allowance_vnd() > 0 &&
                                     (member.has_disability() || age >= reading.elderly_min_age);
    if (child || allowance_dependant) ++dependants;
    if (age < 16 && IsAny(member.nutrition(), {v1::NUTRITION_STUNTED, v1::NUTRITION_UNDERWEIGHT})) {
      nutrition = true;
    }
    if (age >= 6 && !member.has_health_insurance()) insurance = true;
    if (!member.enrolled_in_school()) {
      const int level = member.education_level();
      if (age >= 16 && age <= 17 &&
          !IsAny(level, {v1::EDUCATION_LEVEL_LOWER_SECONDARY, v1::EDUCATION_LEVEL_UPPER_SECONDARY,
                         v1::EDUCATION_LEVEL_VOCATIONAL, v1::EDUCATION_LEVEL_COLLEGE_OR_HIGHER})) {
        adult_education = true;
      }
      if (age >= 18 && age <= 30 &&
          !IsAny(level, {v1::EDUCATION_LEVEL_UPPER_SECONDARY, v1::EDUCATION_LEVEL_VOCATIONAL,
                         v1::EDUCATION_LEVEL_COLLEGE_OR_HIGHER})) {
        adult_education = true;
      }
      if (age >= 3 && age < 16) school = true;
    }
  }
  const int members = survey.members_size();
  const int non_durable = (survey.walls() == v1::MATERIAL_QUALITY_NON_DURABLE) +
                          (survey.columns() == v1::MATERIAL_QUALITY_NON_DURABLE) +
                          (survey.roof() == v1::MATERIAL_QUALITY_NON_DURABLE);
  const bool water =
      !IsAny(survey.water_source(),
             {v1::WATER_SOURCE_TAP, v1::WATER_SOURCE_DRILLED_WELL, v1::WATER_SOURCE_PROTECTED_DUG_WELL,
              v1::WATER_SOURCE_PROTECTED_SPRING, v1::WATER_SOURCE_RAINWATER, v1::WATER_SOURCE_BOTTLED});
  const bool latrine = !IsAny(
      survey.latrine(), {v1::LATRINE_TYPE_SEPTIC, v1::LATRINE_TYPE_SEMI_SEPTIC, v1::LATRINE_TYPE_POUR_FLUSH,
                         v1::LATRINE_TYPE_VENTILATED_IMPROVED, v1::LATRINE_TYPE_DOUBLE_VAULT});
  const bool deprived[12] = {
      employment,
      dependants * 2 > members,
      nutrition,
      insurance,
      adult_education,
      school,
      non_durable >= 2,
      survey.floor_area_m2() < 8.0 * members,
      water,
      latrine,
      !survey.uses_telecom(),
      survey.information_devices_size() == 0,
  };
  result.deprivations = static_cast<int>(std::count(std::begin(deprived), std::end(deprived), true));

  const bool at_or_below_line = survey.has_income_per_capita()
                                    ? survey.income_per_capita_vnd() <= kUrbanLineVnd
                                    : survey.score_a() <= kUrbanScoreAAtLine;
  if (at_or_below_line) {
    result.category = result.deprivations >= 3 ? v1::POVERTY_CATEGORY_POOR : v1::POVERTY_CATEGORY_NEAR_POOR;
  } else if (survey.has_income_per_capita() && survey.income_per_capita_vnd() <= kUrbanAverageUpperVnd) {
    result.category = v1::POVERTY_CATEGORY_AVERAGE;
  } else {
    result.category = v1::POVERTY_CATEGORY_NOT_POOR;
  }
  return result;
}

}  // namespace ansinh::registry::testkit
