#include "classification/core/indicator_rules.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "classification/core/labour_capacity.h"
#include "classification/core/wording.h"
#include "i18n/proto/localized_text.h"

namespace ansinh::classification {
namespace {

// Each reason is also a catalog message (IndicatorResult.reason_text) whose
// English template (locales/en.json) says what `reason` says; arguments are
// language-neutral (enum value names, digits), so a client words them.
using i18n::EnumArg;
using i18n::Localized;

// What every rule needs besides its own thresholds.
struct RuleInput {
  const v1::Standard& standard;
  const v1::Survey& survey;
  const HouseholdFacts& facts;
  FieldViolations& missing;
  v1::IndicatorResult& out;
};

template <typename RepeatedEnum, typename Value>
bool Contains(const RepeatedEnum& values, Value value) {
  return std::find(values.begin(), values.end(), static_cast<int>(value)) != values.end();
}

template <typename RepeatedEnum, typename Describe>
std::string DescribeList(const RepeatedEnum& values, Describe describe, std::string_view conjunction) {
  std::vector<std::string_view> words;
  words.reserve(values.size());
  for (int value : values) words.push_back(describe(value));
  return JoinWords(words, conjunction);
}

// A member's finding as a catalog message: `finding` with the member's name
// (or id) and age added.
v1::LocalizedText MemberText(v1::LocalizedText finding, const MemberFacts& member) {
  const v1::Member& person = *member.member;
  i18n::SetArg(finding, "name", person.full_name().empty() ? person.member_id() : person.full_name());
  i18n::SetArg(finding, "age", std::to_string(member.age));
  return finding;
}

// Collects per-member findings ("A (17) ...; B (20) ...") and their ids.
class Findings {
 public:
  explicit Findings(v1::IndicatorResult& out) : out_(out) {}

  void Add(const MemberFacts& member, std::string_view finding, v1::LocalizedText finding_text) {
    if (!text_.empty()) text_ += "; ";
    text_ += MemberLabel(*member.member, member.age);
    text_ += ' ';
    text_ += finding;
    out_.add_member_ids(member.member->member_id());
    texts_.push_back(MemberText(std::move(finding_text), member));
  }

  bool empty() const { return text_.empty(); }

  // Sets the verdict: deprived when there is a finding. `deprived_text`
  // gets the findings as its list argument "findings".
  void Conclude(std::string_view deprived_suffix, std::string not_deprived, v1::LocalizedText deprived_text,
                v1::LocalizedText not_deprived_text) {
    out_.set_deprived(!text_.empty());
    if (text_.empty()) {
      out_.set_reason(std::move(not_deprived));
      *out_.mutable_reason_text() = std::move(not_deprived_text);
    } else {
      text_ += deprived_suffix;
      out_.set_reason(std::move(text_));
      for (v1::LocalizedText& finding : texts_) i18n::AddText(deprived_text, "findings", std::move(finding));
      *out_.mutable_reason_text() = std::move(deprived_text);
    }
  }

 private:
  v1::IndicatorResult& out_;
  std::string text_;
  std::vector<v1::LocalizedText> texts_;
};

// Enum values as a comma-separated argument, for a {name:@ns|or} placeholder.
template <typename Enum, typename RepeatedEnum>
std::string EnumListArg(const RepeatedEnum& values) {
  std::string list;
  for (int value : values) {
    if (!list.empty()) list += ',';
    list += EnumArg(static_cast<Enum>(value));
  }
  return list;
}

std::string AgeRange(int min_age, int max_age) {
  return std::to_string(min_age) + "-" + std::to_string(max_age);
}

void Employment(const v1::EmploymentRule& rule, RuleInput& in) {
  Findings findings(in.out);
  // Members whose employment would deprive the household but who are past
  // working age: named, so that nobody wonders why they do not count.
  std::string past_working_age;
  std::vector<v1::LocalizedText> past_working_age_texts;
  for (const MemberFacts& member : in.facts.members) {
    const v1::Member& person = *member.member;
    // Someone who cannot work is outside the labour force, not unemployed.
    if (person.lost_working_capacity()) continue;
    const std::optional<WorkingAgeStatus> status =
        WorkingAgeOn(in.standard, person.sex(), member.birth, in.facts.as_of);
    if (!status) {
      if (MayBeOfWorkingAge(in.standard, member.birth, in.facts.as_of)) {
        in.missing.push_back({MemberField(member.index, "sex"),
                              "is needed to tell whether the member is of "
                              "working age",
                              "violation.member.sex_for_working_age"});
      }
      continue;
    }
    if (status->stage != WorkingAgeStatus::Stage::kOfWorkingAge) {
      if (status->stage == WorkingAgeStatus::Stage::kRetired &&
          Contains(rule.deprived_employments(), person.employment())) {
        if (!past_working_age.empty()) past_working_age += "; ";
        past_working_age += MemberLabel(person, member.age) + " " +
                            std::string(EmploymentWords(person.employment())) + " but is " +
                            WorkingAgeStatusWords(*status);
        v1::LocalizedText text = MemberText(Localized("indicator.EMPLOYMENT.past_working_age",
                                                      {{"employment", EnumArg(person.employment())}}),
                                            member);
        i18n::AddText(text, "status", WorkingAgeStatusText(*status));
        past_working_age_texts.push_back(std::move(text));
      }
      continue;
    }
    if (person.employment() == v1::EMPLOYMENT_UNSPECIFIED) {
      in.missing.push_back({MemberField(member.index, "employment"), "is needed for every working-age member",
                            "violation.member.employment_needed"});
      continue;
    }
    if (Contains(rule.deprived_employments(), person.employment())) {
      findings.Add(member, EmploymentWords(person.employment()),
                   Localized("indicator.EMPLOYMENT.finding", {{"employment", EnumArg(person.employment())}}));
    }
  }
  const int year = static_cast<int>(in.facts.as_of.year());
  std::string rule_words = "; " + WorkingAgeRuleWords(in.standard, year);
  if (!past_working_age.empty()) rule_words += "; not counted: " + past_working_age;
  // Both verdicts end with the rule and the members it leaves out.
  const auto with_rule = [&](v1::LocalizedText text) {
    i18n::AddText(text, "working_age", WorkingAgeRuleText(in.standard, year));
    i18n::TextListOf(text, "not_counted");
    if (!past_working_age_texts.empty()) {
      v1::LocalizedText not_counted = Localized("indicator.EMPLOYMENT.not_counted");
      for (const v1::LocalizedText& member : past_working_age_texts) {
        i18n::AddText(not_counted, "members", member);
      }
      i18n::AddText(text, "not_counted", std::move(not_counted));
    }
    return text;
  };
  findings.Conclude(
      rule_words,
      "no working-age member " +
          DescribeList(
              rule.deprived_employments(),
              [](int e) { return EmploymentWords(static_cast<v1::Employment>(e)); }, "or") +
          rule_words,
      with_rule(Localized("indicator.EMPLOYMENT.deprived")),
      with_rule(Localized("indicator.EMPLOYMENT.not_deprived",
                          {{"employments", EnumListArg<v1::Employment>(rule.deprived_employments())}})));
}

void Dependants(const v1::DependantsRule& rule, RuleInput& in) {
  int dependants = 0;
  std::string listed;
  std::vector<v1::LocalizedText> listed_texts;
  for (const MemberFacts& member : in.facts.members) {
    const v1::Member& person = *member.member;
    std::string why;
    std::string why_key;
    if (member.age < rule.child_age_under()) {
      why = "child under " + std::to_string(rule.child_age_under());
      why_key = "indicator.DEPENDANTS.child";
    } else if (person.monthly_social_allowance_vnd() > 0 && member.age >= rule.elderly_min_age()) {
      why = "elderly, receives a social allowance";
      why_key = "indicator.DEPENDANTS.elderly";
    } else if (person.monthly_social_allowance_vnd() > 0 && person.has_disability()) {
      why = "disabled, receives a social allowance";
      why_key = "indicator.DEPENDANTS.disabled";
    } else {
      continue;
    }
    ++dependants;
    if (!listed.empty()) listed += "; ";
    listed += MemberLabel(person, member.age) + " " + why;
    listed_texts.push_back(MemberText(Localized(why_key, {{"age_under", rule.child_age_under()}}), member));
    in.out.add_member_ids(person.member_id());
  }
  const int members = static_cast<int>(in.facts.members.size());
  const bool deprived = dependants > rule.max_share() * members;
  const std::string share = FormatDecimal(rule.max_share() * 100) + "%";
  std::string reason = std::to_string(dependants) + " of " + std::to_string(members) +
                       " members are dependants, " + (deprived ? "more than " : "not more than ") + share;
  v1::LocalizedText text =
      Localized(deprived ? "indicator.DEPENDANTS.deprived" : "indicator.DEPENDANTS.not_deprived",
                {{"dependants", dependants},
                 {"members", members},
                 {"share", FormatDecimal(rule.max_share() * 100)},
                 {"child_age_under", rule.child_age_under()},
                 {"elderly_min_age", rule.elderly_min_age()}});
  if (deprived) {
    reason += ": " + listed;
    for (v1::LocalizedText& item : listed_texts) i18n::AddText(text, "dependants_listed", std::move(item));
  } else {
    in.out.clear_member_ids();
  }
  // The age rule in words: dependants are counted by these ages, not by
  // working age.
  reason += "; dependants are children under " + std::to_string(rule.child_age_under()) +
            ", and members receiving a monthly social allowance who are disabled or aged " +
            std::to_string(rule.elderly_min_age()) + " or over";
  in.out.set_deprived(deprived);
  in.out.set_reason(std::move(reason));
  *in.out.mutable_reason_text() = std::move(text);
}

void Nutrition(const v1::NutritionRule& rule, RuleInput& in) {
  Findings findings(in.out);
  bool any_child = false;
  for (const MemberFacts& member : in.facts.members) {
    if (member.age >= rule.child_age_under()) continue;
    any_child = true;
    const v1::Nutrition status = member.member->nutrition();
    if (status == v1::NUTRITION_UNSPECIFIED) {
      in.missing.push_back({MemberField(member.index, "nutrition"),
                            "is needed for every child under " + std::to_string(rule.child_age_under()),
                            "violation.member.nutrition_needed",
                            {{"age", std::to_string(rule.child_age_under())}}});
      continue;
    }
    if (Contains(rule.deprived_statuses(), status)) {
      findings.Add(member, "is " + std::string(NutritionWords(status)),
                   Localized("indicator.NUTRITION.finding", {{"nutrition", EnumArg(status)}}));
    }
  }
  const std::string children = "child under " + std::to_string(rule.child_age_under());
  const int under = rule.child_age_under();
  findings.Conclude(
      "; applies to every " + children,
      any_child ? "no " + children + " is " +
                      DescribeList(
                          rule.deprived_statuses(),
                          [](int n) { return NutritionWords(static_cast<v1::Nutrition>(n)); }, "or")
                : "no " + children + " in the household",
      Localized("indicator.NUTRITION.deprived", {{"age", under}}),
      any_child
          ? Localized("indicator.NUTRITION.not_deprived",
                      {{"age", under}, {"statuses", EnumListArg<v1::Nutrition>(rule.deprived_statuses())}})
          : Localized("indicator.NUTRITION.no_child", {{"age", under}}));
}

void HealthInsurance(const v1::HealthInsuranceRule& rule, RuleInput& in) {
  Findings findings(in.out);
  for (const MemberFacts& member : in.facts.members) {
    if (member.age >= rule.min_age() && !member.member->has_health_insurance()) {
      findings.Add(member, "has no health insurance", Localized("indicator.HEALTH_INSURANCE.finding"));
    }
  }
  const std::string age = std::to_string(rule.min_age());
  findings.Conclude("; required from age " + age,
                    "every member aged " + age + " or over has health insurance",
                    Localized("indicator.HEALTH_INSURANCE.deprived", {{"age", age}}),
                    Localized("indicator.HEALTH_INSURANCE.not_deprived", {{"age", age}}));
}

void HealthServiceAccess(RuleInput& in) {
  // This fact alone: health insurance is the other health indicator's fact,
  // and one fact may deprive the household once (standard_validator.cc).
  switch (in.survey.untreated_illness()) {
    case v1::UNTREATED_ILLNESS_SOME_MEMBER:
      in.out.set_deprived(true);
      in.out.set_reason(
          "a member was ill in the 12 months before the survey and did not go to a medical facility");
      *in.out.mutable_reason_text() = Localized("indicator.HEALTH_SERVICE_ACCESS.untreated");
      return;
    case v1::UNTREATED_ILLNESS_NONE:
      in.out.set_deprived(false);
      in.out.set_reason(
          "no member was ill in the 12 months before the survey without going to a medical facility");
      *in.out.mutable_reason_text() = Localized("indicator.HEALTH_SERVICE_ACCESS.none_untreated");
      return;
    default:
      in.missing.push_back({"untreated_illness",
                            "is needed for the access-to-health-services indicator: whether a member was "
                            "ill in the last 12 months and did not go to a medical facility",
                            "violation.survey.untreated_illness_needed"});
      return;
  }
}

void AdultEducation(const v1::AdultEducationRule& rule, RuleInput& in) {
  Findings findings(in.out);
  int youngest = rule.bands(0).min_age();
  int oldest = rule.bands(0).max_age();
  for (const v1::EducationAgeBand& band : rule.bands()) {
    youngest = std::min(youngest, band.min_age());
    oldest = std::max(oldest, band.max_age());
  }
  bool anyone_in_bands = false;
  for (const MemberFacts& member : in.facts.members) {
    const auto band =
        std::find_if(rule.bands().begin(), rule.bands().end(), [&](const v1::EducationAgeBand& b) {
          return member.age >= b.min_age() && member.age <= b.max_age();
        });
    if (band == rule.bands().end()) continue;
    anyone_in_bands = true;
    const v1::Member& person = *member.member;
    if (person.enrolled_in_school()) continue;
    if (person.education_level() == v1::EDUCATION_LEVEL_UNSPECIFIED) {
      in.missing.push_back(
          {MemberField(member.index, "education_level"),
           "is needed for members aged " + AgeRange(youngest, oldest) + " who are not in school",
           "violation.member.education_needed",
           {{"min", std::to_string(youngest)}, {"max", std::to_string(oldest)}}});
      continue;
    }
    if (!Contains(band->accepted_levels(), person.education_level())) {
      findings.Add(member,
                   "has not completed " + band->requirement() + " and is not in school; required for ages " +
                       AgeRange(band->min_age(), band->max_age()),
                   Localized("indicator.ADULT_EDUCATION.finding", {{"requirement", band->requirement()},
                                                                   {"min", band->min_age()},
                                                                   {"max", band->max_age()}}));
    }
  }
  const std::string ages = "aged " + AgeRange(youngest, oldest);
  findings.Conclude("",
                    anyone_in_bands ? "every member " + ages +
                                          " is in school or has the level required "
                                          "for their age"
                                    : "no member " + ages,
                    Localized("indicator.ADULT_EDUCATION.deprived"),
                    Localized(anyone_in_bands ? "indicator.ADULT_EDUCATION.not_deprived"
                                              : "indicator.ADULT_EDUCATION.nobody",
                              {{"min", youngest}, {"max", oldest}}));
}

void ChildSchoolAttendance(const v1::ChildSchoolAttendanceRule& rule, RuleInput& in) {
  Findings findings(in.out);
  bool any_child = false;
  for (const MemberFacts& member : in.facts.members) {
    if (member.age < rule.min_age() || member.age >= rule.age_under()) continue;
    any_child = true;
    if (!member.member->enrolled_in_school()) {
      findings.Add(member, "is not attending school", Localized("indicator.CHILD_SCHOOL_ATTENDANCE.finding"));
    }
  }
  const std::string ages =
      "aged " + std::to_string(rule.min_age()) + " to under " + std::to_string(rule.age_under());
  const auto text = [&rule](const char* key) {
    return Localized(key, {{"min", rule.min_age()}, {"under", rule.age_under()}});
  };
  findings.Conclude(
      "; required for children " + ages,
      any_child ? "every child " + ages + " attends school" : "no child " + ages + " in the household",
      text("indicator.CHILD_SCHOOL_ATTENDANCE.deprived"),
      text(any_child ? "indicator.CHILD_SCHOOL_ATTENDANCE.not_deprived"
                     : "indicator.CHILD_SCHOOL_ATTENDANCE.no_child"));
}

void HousingQuality(const v1::HousingQualityRule& rule, RuleInput& in) {
  struct Part {
    std::string_view name;
    v1::MaterialQuality quality;
  };
  const Part parts[] = {
      {"walls", in.survey.walls()}, {"columns", in.survey.columns()}, {"roof", in.survey.roof()}};
  std::vector<std::string_view> non_durable;
  std::string non_durable_arg;
  for (const Part& part : parts) {
    if (part.quality == v1::MATERIAL_QUALITY_UNSPECIFIED) {
      in.missing.push_back({std::string(part.name), "is needed for the housing-quality indicator",
                            "violation.survey.housing_part_needed"});
    } else if (part.quality == v1::MATERIAL_QUALITY_NON_DURABLE) {
      non_durable.push_back(part.name);
      non_durable_arg += (non_durable_arg.empty() ? "" : ",") + std::string(part.name);
    }
  }
  const int count = static_cast<int>(non_durable.size());
  const bool deprived = count >= rule.min_non_durable_parts();
  std::string reason;
  if (count == 0) {
    reason = "walls, columns and roof are durable";
  } else {
    reason = JoinWords(non_durable, "and") + (count == 1 ? " is" : " are") + " of non-durable materials";
  }
  reason += "; the home counts as non-durable when " + std::to_string(rule.min_non_durable_parts()) +
            " or more of walls, columns, roof are";
  in.out.set_deprived(deprived);
  in.out.set_reason(std::move(reason));
  *in.out.mutable_reason_text() =
      Localized(count == 0 ? "indicator.HOUSING_QUALITY.durable" : "indicator.HOUSING_QUALITY.non_durable",
                {{"parts", non_durable_arg}, {"count", count}, {"min", rule.min_non_durable_parts()}});
}

void HousingArea(const v1::HousingAreaRule& rule, RuleInput& in) {
  // 0 m² is a household without a home of its own: deprived, not unknown.
  const double area = in.survey.floor_area_m2();
  if (!(area >= 0)) {
    in.missing.push_back(
        {"floor_area_m2", "must be a number of m², 0 or more", "violation.survey.floor_area"});
    return;
  }
  const int members = static_cast<int>(in.facts.members.size());
  // Compared as area < minimum * members: no rounding from a division.
  const bool deprived = area < rule.min_m2_per_person() * members;
  const std::string minimum = FormatDecimal(rule.min_m2_per_person()) + " m²";
  in.out.set_deprived(deprived);
  in.out.set_reason(FormatDecimal(area / members) + " m² per person (" + FormatDecimal(area) + " m² for " +
                    std::to_string(members) + (members == 1 ? " member), " : " members), ") +
                    (deprived ? "under " : "at least ") + minimum);
  *in.out.mutable_reason_text() =
      Localized(deprived ? "indicator.HOUSING_AREA.deprived" : "indicator.HOUSING_AREA.not_deprived",
                {{"per_person", FormatDecimal(area / members)},
                 {"area", FormatDecimal(area)},
                 {"members", members},
                 {"minimum", FormatDecimal(rule.min_m2_per_person())}});
}

void WaterSource(const v1::WaterSourceRule& rule, RuleInput& in) {
  const v1::WaterSource source = in.survey.water_source();
  if (source == v1::WATER_SOURCE_UNSPECIFIED) {
    in.missing.push_back(
        {"water_source", "is needed for the water-source indicator", "violation.survey.water_source_needed"});
    return;
  }
  const bool clean = Contains(rule.clean_sources(), source);
  in.out.set_deprived(!clean);
  in.out.set_reason("the water source is " + std::string(WaterSourceWords(source)) +
                    (clean ? ", a clean source" : ", not a clean source"));
  *in.out.mutable_reason_text() =
      Localized(clean ? "indicator.WATER_SOURCE.clean" : "indicator.WATER_SOURCE.unclean",
                {{"source", EnumArg(source)}});
}

void Latrine(const v1::LatrineRule& rule, RuleInput& in) {
  const v1::LatrineType latrine = in.survey.latrine();
  if (latrine == v1::LATRINE_TYPE_UNSPECIFIED) {
    in.missing.push_back(
        {"latrine", "is needed for the latrine indicator", "violation.survey.latrine_needed"});
    return;
  }
  const bool hygienic = Contains(rule.hygienic_types(), latrine);
  in.out.set_deprived(!hygienic);
  if (latrine == v1::LATRINE_TYPE_NONE) {
    in.out.set_reason("the household has no latrine");
    *in.out.mutable_reason_text() = Localized("indicator.HYGIENIC_LATRINE.none");
    return;
  }
  in.out.set_reason("the household uses " + std::string(LatrineWords(latrine)) +
                    (hygienic ? ", a hygienic type" : ", not a hygienic type"));
  *in.out.mutable_reason_text() =
      Localized(hygienic ? "indicator.HYGIENIC_LATRINE.hygienic" : "indicator.HYGIENIC_LATRINE.unhygienic",
                {{"latrine", EnumArg(latrine)}});
}

void TelecomUse(RuleInput& in) {
  const bool uses = in.survey.uses_telecom();
  in.out.set_deprived(!uses);
  in.out.set_reason(uses ? "a member uses telecom or internet services"
                         : "no member uses telecom or internet services");
  *in.out.mutable_reason_text() =
      Localized(uses ? "indicator.TELECOM_USE.uses" : "indicator.TELECOM_USE.none");
}

void InformationAccess(const v1::InformationAccessRule& rule, RuleInput& in) {
  std::vector<std::string_view> owned;
  std::string owned_arg;
  for (int device : in.survey.information_devices()) {
    if (Contains(rule.devices(), device)) {
      owned.push_back(DeviceWords(static_cast<v1::InformationDevice>(device)));
      owned_arg += (owned_arg.empty() ? "" : ",") + EnumArg(static_cast<v1::InformationDevice>(device));
    }
  }
  in.out.set_deprived(owned.empty());
  if (owned.empty()) {
    in.out.set_reason(
        "the household owns none of " +
        DescribeList(
            rule.devices(), [](int d) { return DeviceWords(static_cast<v1::InformationDevice>(d)); }, "or"));
    *in.out.mutable_reason_text() =
        Localized("indicator.INFORMATION_ACCESS.none",
                  {{"devices", EnumListArg<v1::InformationDevice>(rule.devices())}});
  } else {
    in.out.set_reason("the household owns: " + JoinWords(owned, "and"));
    *in.out.mutable_reason_text() = Localized("indicator.INFORMATION_ACCESS.owns", {{"devices", owned_arg}});
  }
}

void WasteTreatment(const v1::WasteTreatmentRule& rule, RuleInput& in) {
  const v1::WasteTreatment treatment = in.survey.waste_treatment();
  if (treatment == v1::WASTE_TREATMENT_UNSPECIFIED) {
    in.missing.push_back({"waste_treatment", "is needed for the waste-treatment indicator",
                          "violation.survey.waste_treatment_needed"});
    return;
  }
  const bool adequate = Contains(rule.adequate_treatments(), treatment);
  std::string reason = "household waste is " + std::string(WasteTreatmentWords(treatment));
  if (!adequate) {
    reason += "; adequate: " +
              DescribeList(
                  rule.adequate_treatments(),
                  [](int t) { return WasteTreatmentWords(static_cast<v1::WasteTreatment>(t)); }, "or");
  }
  in.out.set_deprived(!adequate);
  in.out.set_reason(std::move(reason));
  *in.out.mutable_reason_text() =
      Localized(adequate ? "indicator.WASTE_TREATMENT.adequate" : "indicator.WASTE_TREATMENT.inadequate",
                {{"treatment", EnumArg(treatment)},
                 {"adequate", EnumListArg<v1::WasteTreatment>(rule.adequate_treatments())}});
}

}  // namespace

void EvaluateIndicator(const v1::Indicator& indicator, const v1::Standard& standard, const v1::Survey& survey,
                       const HouseholdFacts& facts, FieldViolations& missing, v1::IndicatorResult& out) {
  out.set_kind(indicator.kind());
  out.set_dimension(indicator.dimension());
  out.set_title(indicator.title());
  RuleInput in{standard, survey, facts, missing, out};
  // A validated standard pairs every kind with its own thresholds block.
  switch (indicator.rule_case()) {
    case v1::Indicator::kEmployment:
      Employment(indicator.employment(), in);
      break;
    case v1::Indicator::kDependants:
      Dependants(indicator.dependants(), in);
      break;
    case v1::Indicator::kNutrition:
      Nutrition(indicator.nutrition(), in);
      break;
    case v1::Indicator::kHealthInsurance:
      HealthInsurance(indicator.health_insurance(), in);
      break;
    case v1::Indicator::kHealthServiceAccess:
      HealthServiceAccess(in);
      break;
    case v1::Indicator::kAdultEducation:
      AdultEducation(indicator.adult_education(), in);
      break;
    case v1::Indicator::kChildSchoolAttendance:
      ChildSchoolAttendance(indicator.child_school_attendance(), in);
      break;
    case v1::Indicator::kHousingQuality:
      HousingQuality(indicator.housing_quality(), in);
      break;
    case v1::Indicator::kHousingArea:
      HousingArea(indicator.housing_area(), in);
      break;
    case v1::Indicator::kWaterSource:
      WaterSource(indicator.water_source(), in);
      break;
    case v1::Indicator::kLatrine:
      Latrine(indicator.latrine(), in);
      break;
    case v1::Indicator::kTelecomUse:
      TelecomUse(in);
      break;
    case v1::Indicator::kInformationAccess:
      InformationAccess(indicator.information_access(), in);
      break;
    case v1::Indicator::kWasteTreatment:
      WasteTreatment(indicator.waste_treatment(), in);
      break;
    case v1::Indicator::RULE_NOT_SET:
      missing.push_back(
          {"standard", "indicator " + v1::IndicatorKind_Name(indicator.kind()) + " carries no thresholds"});
      break;
  }
}

}  // namespace ansinh::classification
