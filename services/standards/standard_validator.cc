#include "standards/standard_validator.h"

#include <set>
#include <string>
#include <vector>

#include "standards/indicator_facts.h"
#include "standards/retirement_age_validator.h"

namespace ansinh {
namespace {

using v1::Indicator;

// The thresholds block each indicator kind must carry.
Indicator::RuleCase RuleCaseFor(v1::IndicatorKind kind) {
  switch (kind) {
    case v1::INDICATOR_KIND_EMPLOYMENT:
      return Indicator::kEmployment;
    case v1::INDICATOR_KIND_DEPENDANTS:
      return Indicator::kDependants;
    case v1::INDICATOR_KIND_NUTRITION:
      return Indicator::kNutrition;
    case v1::INDICATOR_KIND_HEALTH_INSURANCE:
      return Indicator::kHealthInsurance;
    case v1::INDICATOR_KIND_HEALTH_SERVICE_ACCESS:
      return Indicator::kHealthServiceAccess;
    case v1::INDICATOR_KIND_ADULT_EDUCATION:
      return Indicator::kAdultEducation;
    case v1::INDICATOR_KIND_CHILD_SCHOOL_ATTENDANCE:
      return Indicator::kChildSchoolAttendance;
    case v1::INDICATOR_KIND_HOUSING_QUALITY:
      return Indicator::kHousingQuality;
    case v1::INDICATOR_KIND_HOUSING_AREA:
      return Indicator::kHousingArea;
    case v1::INDICATOR_KIND_WATER_SOURCE:
      return Indicator::kWaterSource;
    case v1::INDICATOR_KIND_HYGIENIC_LATRINE:
      return Indicator::kLatrine;
    case v1::INDICATOR_KIND_TELECOM_USE:
      return Indicator::kTelecomUse;
    case v1::INDICATOR_KIND_INFORMATION_ACCESS:
      return Indicator::kInformationAccess;
    case v1::INDICATOR_KIND_WASTE_TREATMENT:
      return Indicator::kWasteTreatment;
    default:
      return Indicator::RULE_NOT_SET;
  }
}

std::string RuleFieldName(Indicator::RuleCase rule_case) {
  if (rule_case == Indicator::RULE_NOT_SET) return "a thresholds block";
  return std::string(Indicator::descriptor()->FindFieldByNumber(rule_case)->name());
}

class Checker {
 public:
  void Check(bool ok, std::string field, std::string description) {
    if (!ok) violations_.push_back({std::move(field), std::move(description)});
  }

  // A non-empty list without UNSPECIFIED (0) values.
  template <typename RepeatedEnum>
  void CheckEnumList(const RepeatedEnum& values, const std::string& field) {
    Check(!values.empty(), field, "must list at least one value");
    for (int value : values) {
      Check(value != 0, field, "must not contain an UNSPECIFIED value");
    }
  }

  FieldViolations Take() { return std::move(violations_); }

 private:
  FieldViolations violations_;
};

void CheckLines(const v1::Standard& standard, Checker& checker) {
  std::set<int> areas;
  const bool or_shape = standard.rule_shape() == v1::RULE_SHAPE_INCOME_OR_DEPRIVATION;
  for (int i = 0; i < standard.lines_size(); ++i) {
    const v1::AreaLines& lines = standard.lines(i);
    const std::string field = "lines[" + std::to_string(i) + "]";
    checker.Check(lines.area_type() != v1::AREA_TYPE_UNSPECIFIED, field + ".area_type",
                  "must be URBAN or RURAL");
    checker.Check(areas.insert(lines.area_type()).second, field + ".area_type",
                  "repeats an area type already given lines");
    checker.Check(lines.poverty_line_vnd() > 0, field + ".poverty_line_vnd", "must be a positive amount");
    int64_t top_line = lines.poverty_line_vnd();
    if (or_shape) {
      checker.Check(lines.has_near_poverty_line_vnd(), field + ".near_poverty_line_vnd",
                    "is required by RULE_SHAPE_INCOME_OR_DEPRIVATION");
      if (lines.has_near_poverty_line_vnd()) {
        checker.Check(lines.near_poverty_line_vnd() > lines.poverty_line_vnd(),
                      field + ".near_poverty_line_vnd", "must be above the poverty line");
        top_line = lines.near_poverty_line_vnd();
      }
    } else {
      checker.Check(!lines.has_near_poverty_line_vnd(), field + ".near_poverty_line_vnd",
                    "has no meaning under RULE_SHAPE_INCOME_AND_DEPRIVATION "
                    "(one line decides both POOR and NEAR_POOR)");
    }
    if (lines.has_average_band_upper_vnd()) {
      checker.Check(lines.average_band_upper_vnd() > top_line, field + ".average_band_upper_vnd",
                    "must be above the highest line");
    }
    if (lines.has_score_a()) {
      const v1::ScoreAEquivalence& score = lines.score_a();
      checker.Check(score.at_most_for_poverty_line() > 0, field + ".score_a.at_most_for_poverty_line",
                    "must be a positive score");
      if (or_shape) {
        checker.Check(score.has_at_most_for_near_poverty_line() &&
                          score.at_most_for_near_poverty_line() > score.at_most_for_poverty_line(),
                      field + ".score_a.at_most_for_near_poverty_line",
                      "is required by RULE_SHAPE_INCOME_OR_DEPRIVATION and "
                      "must be above at_most_for_poverty_line");
      } else {
        checker.Check(!score.has_at_most_for_near_poverty_line(),
                      field + ".score_a.at_most_for_near_poverty_line",
                      "has no meaning under RULE_SHAPE_INCOME_AND_DEPRIVATION");
      }
    }
  }
  checker.Check(areas.count(v1::AREA_TYPE_URBAN) == 1, "lines", "must give the lines for AREA_TYPE_URBAN");
  checker.Check(areas.count(v1::AREA_TYPE_RURAL) == 1, "lines", "must give the lines for AREA_TYPE_RURAL");
}

void CheckRule(const Indicator& indicator, const std::string& field, Checker& checker) {
  switch (indicator.rule_case()) {
    case Indicator::kEmployment:
      checker.CheckEnumList(indicator.employment().deprived_employments(),
                            field + ".employment.deprived_employments");
      break;
    case Indicator::kDependants: {
      const v1::DependantsRule& rule = indicator.dependants();
      checker.Check(rule.child_age_under() > 0, field + ".dependants.child_age_under",
                    "must be a positive age");
      checker.Check(rule.elderly_min_age() > 0, field + ".dependants.elderly_min_age",
                    "must be a positive age");
      checker.Check(rule.max_share() > 0 && rule.max_share() < 1, field + ".dependants.max_share",
                    "must be a share between 0 and 1");
      break;
    }
    case Indicator::kNutrition:
      checker.Check(indicator.nutrition().child_age_under() > 0, field + ".nutrition.child_age_under",
                    "must be a positive age");
      checker.CheckEnumList(indicator.nutrition().deprived_statuses(),
                            field + ".nutrition.deprived_statuses");
      break;
    case Indicator::kHealthInsurance:
      checker.Check(indicator.health_insurance().min_age() >= 0, field + ".health_insurance.min_age",
                    "must not be negative");
      break;
    case Indicator::kAdultEducation: {
      const auto& bands = indicator.adult_education().bands();
      checker.Check(!bands.empty(), field + ".adult_education.bands", "must list at least one age band");
      for (int b = 0; b < bands.size(); ++b) {
        const std::string band_field = field + ".adult_education.bands[" + std::to_string(b) + "]";
        const v1::EducationAgeBand& band = bands[b];
        checker.Check(band.min_age() >= 0 && band.min_age() <= band.max_age(), band_field,
                      "needs 0 <= min_age <= max_age");
        checker.CheckEnumList(band.accepted_levels(), band_field + ".accepted_levels");
        checker.Check(!band.requirement().empty(), band_field + ".requirement",
                      "must say the requirement in words");
        for (int other = 0; other < b; ++other) {
          const bool overlaps =
              band.min_age() <= bands[other].max_age() && bands[other].min_age() <= band.max_age();
          checker.Check(!overlaps, band_field, "overlaps band " + std::to_string(other));
        }
      }
      break;
    }
    case Indicator::kChildSchoolAttendance: {
      const v1::ChildSchoolAttendanceRule& rule = indicator.child_school_attendance();
      checker.Check(rule.min_age() >= 0 && rule.min_age() < rule.age_under(),
                    field + ".child_school_attendance", "needs 0 <= min_age < age_under");
      break;
    }
    case Indicator::kHousingQuality: {
      const int parts = indicator.housing_quality().min_non_durable_parts();
      checker.Check(parts >= 1 && parts <= 3, field + ".housing_quality.min_non_durable_parts",
                    "must be 1, 2 or 3 (of walls, columns, roof)");
      break;
    }
    case Indicator::kHousingArea:
      checker.Check(indicator.housing_area().min_m2_per_person() > 0,
                    field + ".housing_area.min_m2_per_person", "must be a positive area");
      break;
    case Indicator::kWaterSource:
      checker.CheckEnumList(indicator.water_source().clean_sources(), field + ".water_source.clean_sources");
      break;
    case Indicator::kLatrine:
      checker.CheckEnumList(indicator.latrine().hygienic_types(), field + ".latrine.hygienic_types");
      break;
    case Indicator::kInformationAccess:
      checker.CheckEnumList(indicator.information_access().devices(), field + ".information_access.devices");
      break;
    case Indicator::kWasteTreatment:
      checker.CheckEnumList(indicator.waste_treatment().adequate_treatments(),
                            field + ".waste_treatment.adequate_treatments");
      break;
    case Indicator::kHealthServiceAccess:
    case Indicator::kTelecomUse:
    case Indicator::RULE_NOT_SET:
      break;
  }
}

std::string AgeScope(const DecidingFact& fact) {
  if (fact.max_age != kAnyAge) {
    return "at ages " + std::to_string(fact.min_age) + "-" + std::to_string(fact.max_age);
  }
  return fact.min_age == 0 ? "at every age" : "from age " + std::to_string(fact.min_age);
}

// One survey fact may deprive a household on one indicator only: two
// indicators reading the same fact about the same members would count one
// deprivation twice (docs/domain.md §3.1).
void CheckFactsReadOnce(const v1::Standard& standard, Checker& checker) {
  std::vector<std::vector<DecidingFact>> facts;
  for (const Indicator& indicator : standard.indicators()) facts.push_back(DecidingFacts(indicator));
  for (size_t later = 1; later < facts.size(); ++later) {
    for (const DecidingFact& fact : facts[later]) {
      for (size_t earlier = 0; earlier < later; ++earlier) {
        for (const DecidingFact& seen : facts[earlier]) {
          const bool shared =
              fact.field == seen.field && fact.min_age <= seen.max_age && seen.min_age <= fact.max_age;
          checker.Check(!shared, "indicators[" + std::to_string(later) + "]",
                        "reads " + std::string(fact.field) + " " + AgeScope(fact) + ", which indicators[" +
                            std::to_string(earlier) + "] (" +
                            v1::IndicatorKind_Name(standard.indicators(static_cast<int>(earlier)).kind()) +
                            ") reads " + AgeScope(seen) +
                            ": one survey fact may deprive a household on one indicator only");
        }
      }
    }
  }
}

void CheckIndicators(const v1::Standard& standard, Checker& checker) {
  checker.Check(!standard.indicators().empty(), "indicators", "must list at least one indicator");
  std::set<int> kinds;
  for (int i = 0; i < standard.indicators_size(); ++i) {
    const Indicator& indicator = standard.indicators(i);
    const std::string field = "indicators[" + std::to_string(i) + "]";
    const Indicator::RuleCase expected = RuleCaseFor(indicator.kind());
    if (expected == Indicator::RULE_NOT_SET) {
      checker.Check(false, field + ".kind",
                    "must name a known indicator kind, not "
                    "INDICATOR_KIND_UNSPECIFIED");
      continue;
    }
    const std::string& kind_name = v1::IndicatorKind_Name(indicator.kind());
    checker.Check(kinds.insert(indicator.kind()).second, field + ".kind", kind_name + " is listed twice");
    checker.Check(indicator.dimension() != v1::DIMENSION_UNSPECIFIED, field + ".dimension",
                  "must name the indicator's dimension");
    checker.Check(indicator.rule_case() == expected, field,
                  kind_name + " needs its thresholds in `" + RuleFieldName(expected) + "`, found " +
                      RuleFieldName(indicator.rule_case()));
    if (indicator.rule_case() == expected) CheckRule(indicator, field, checker);
  }
  CheckFactsReadOnce(standard, checker);
  const int count = standard.poor_deprivation_count();
  checker.Check(count >= 1 && count <= standard.indicators_size(), "poor_deprivation_count",
                "must be between 1 and the number of indicators (" +
                    std::to_string(standard.indicators_size()) + "), is " + std::to_string(count));
}

void CheckWorkingAge(const v1::Standard& standard, Checker& checker) {
  checker.Check(standard.has_working_age(), "working_age",
                "must say where working age starts and ends (min_age, ends_at)");
  const v1::WorkingAge& working_age = standard.working_age();
  checker.Check(working_age.min_age() > 0, "working_age.min_age",
                "must be the completed years from which people are of working age (15)");
  checker.Check(working_age.ends_at() == v1::WORKING_AGE_END_STATUTORY_RETIREMENT_AGE, "working_age.ends_at",
                "must be WORKING_AGE_END_STATUTORY_RETIREMENT_AGE");
  if (!working_age.has_statutory_retirement_ages()) return;
  // Attached when the standards load (StandardCatalog::Create).
  const v1::RetirementAgeSchedule& schedule = working_age.statutory_retirement_ages();
  FieldViolations schedule_violations = ValidateRetirementAgeSchedule(schedule);
  for (FieldViolation& violation :
       PrefixFieldPaths("working_age.statutory_retirement_ages", std::move(schedule_violations))) {
    checker.Check(false, std::move(violation.field), std::move(violation.description));
  }
  for (const v1::RetirementAges& ages : schedule.ages()) {
    checker.Check(working_age.min_age() < ages.before_steps().years(), "working_age.min_age",
                  "must be below the lowest statutory retirement age (" +
                      std::to_string(ages.before_steps().years()) + " for " + v1::Sex_Name(ages.sex()) + ")");
  }
}

}  // namespace

FieldViolations ValidateStandard(const v1::Standard& standard) {
  Checker checker;
  checker.Check(!standard.id().empty(), "id", "must not be empty");
  checker.Check(standard.version() >= 1, "version", "must be 1 or more");
  checker.Check(standard.first_list_year() > 0, "first_list_year",
                "must be set: a standard must cover at least one review year");
  checker.Check(standard.last_list_year() >= standard.first_list_year(), "last_list_year",
                "must not be before first_list_year: a standard must cover "
                "at least one review year");
  checker.Check(standard.rule_shape() != v1::RULE_SHAPE_UNSPECIFIED, "rule_shape",
                "must name how income and deprivation combine");
  CheckLines(standard, checker);
  CheckIndicators(standard, checker);
  CheckWorkingAge(standard, checker);
  return checker.Take();
}

}  // namespace ansinh
