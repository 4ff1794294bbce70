#include "standards/indicator_facts.h"

namespace ansinh {

std::vector<DecidingFact> DecidingFacts(const v1::Indicator& indicator) {
  switch (indicator.rule_case()) {
    case v1::Indicator::kEmployment:
      // Working age ends at a retirement age that moves with the month of
      // birth, so the fact is taken as read at every age.
      return {{"members.employment", 0, kAnyAge}};
    case v1::Indicator::kDependants:
      // Children count by age alone; the allowance and the disability make
      // the others dependants.
      return {{"members.date_of_birth", 0, indicator.dependants().child_age_under() - 1},
              {"members.monthly_social_allowance_vnd", 0, kAnyAge},
              {"members.has_disability", 0, kAnyAge}};
    case v1::Indicator::kNutrition:
      return {{"members.nutrition", 0, indicator.nutrition().child_age_under() - 1}};
    case v1::Indicator::kHealthInsurance:
      return {{"members.has_health_insurance", indicator.health_insurance().min_age(), kAnyAge}};
    case v1::Indicator::kHealthServiceAccess:
      return {{"untreated_illness"}};
    case v1::Indicator::kAdultEducation: {
      std::vector<DecidingFact> facts;
      for (const v1::EducationAgeBand& band : indicator.adult_education().bands()) {
        facts.push_back({"members.education_level", band.min_age(), band.max_age()});
        facts.push_back({"members.enrolled_in_school", band.min_age(), band.max_age()});
      }
      return facts;
    }
    case v1::Indicator::kChildSchoolAttendance: {
      const v1::ChildSchoolAttendanceRule& rule = indicator.child_school_attendance();
      return {{"members.enrolled_in_school", rule.min_age(), rule.age_under() - 1}};
    }
    case v1::Indicator::kHousingQuality:
      return {{"walls"}, {"columns"}, {"roof"}};
    case v1::Indicator::kHousingArea:
      return {{"floor_area_m2"}};
    case v1::Indicator::kWaterSource:
      return {{"water_source"}};
    case v1::Indicator::kLatrine:
      return {{"latrine"}};
    case v1::Indicator::kTelecomUse:
      return {{"uses_telecom"}};
    case v1::Indicator::kInformationAccess:
      return {{"information_devices"}};
    case v1::Indicator::kWasteTreatment:
      return {{"waste_treatment"}};
    case v1::Indicator::RULE_NOT_SET:
      break;
  }
  return {};
}

}  // namespace ansinh
