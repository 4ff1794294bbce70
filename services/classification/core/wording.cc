#include "classification/core/wording.h"

#include <cmath>
#include <cstdio>

namespace ansinh::classification {

std::string GroupThousands(int64_t value) {
  const bool negative = value < 0;
  // Unsigned so that the most negative value does not overflow on negation.
  uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  std::string digits = std::to_string(magnitude);
  std::string grouped;
  grouped.reserve(digits.size() + digits.size() / 3 + 1);
  if (negative) grouped.push_back('-');
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped.push_back(',');
    grouped.push_back(digits[i]);
  }
  return grouped;
}

std::string FormatVnd(int64_t value) { return GroupThousands(value) + " VND"; }

std::string FormatDecimal(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.2f", std::round(value * 100) / 100);
  std::string text = buffer;
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

std::string JoinWords(const std::vector<std::string_view>& words, std::string_view conjunction) {
  std::string joined;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) {
      if (i + 1 == words.size()) {
        joined.push_back(' ');
        joined.append(conjunction);
        joined.push_back(' ');
      } else {
        joined.append(", ");
      }
    }
    joined.append(words[i]);
  }
  return joined;
}

std::string FormatYearsMonths(int months) {
  const int years = months / 12;
  const int rest = months % 12;
  std::string words = std::to_string(years) + (years == 1 ? " year" : " years");
  if (rest > 0) words += " " + std::to_string(rest) + (rest == 1 ? " month" : " months");
  return words;
}

std::string FormatYearMonth(std::chrono::year_month month) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u", static_cast<int>(month.year()),
                static_cast<unsigned>(month.month()));
  return buffer;
}

std::string MemberLabel(const v1::Member& member, int age) {
  const std::string& name = member.full_name().empty() ? member.member_id() : member.full_name();
  return name + " (" + std::to_string(age) + ")";
}

std::string_view AreaWords(v1::AreaType area) {
  switch (area) {
    case v1::AREA_TYPE_URBAN:
      return "urban";
    case v1::AREA_TYPE_RURAL:
      return "rural";
    default:
      return "unspecified area";
  }
}

std::string_view CategoryWords(v1::PovertyCategory category) {
  switch (category) {
    case v1::POVERTY_CATEGORY_POOR:
      return "poor";
    case v1::POVERTY_CATEGORY_NEAR_POOR:
      return "near-poor";
    case v1::POVERTY_CATEGORY_AVERAGE:
      return "average living standard";
    case v1::POVERTY_CATEGORY_NOT_POOR:
      return "not poor";
    default:
      return "no category";
  }
}

std::string_view EmploymentWords(v1::Employment employment) {
  switch (employment) {
    case v1::EMPLOYMENT_WAGE_WITH_CONTRACT:
      return "works for wages with a labour contract";
    case v1::EMPLOYMENT_WAGE_WITHOUT_CONTRACT:
      return "works for wages without a labour contract";
    case v1::EMPLOYMENT_SELF_EMPLOYED:
      return "is self-employed";
    case v1::EMPLOYMENT_UNEMPLOYED:
      return "is unemployed";
    case v1::EMPLOYMENT_NOT_IN_LABOUR_FORCE:
      return "is not in the labour force";
    default:
      return "has no recorded employment";
  }
}

std::string_view EducationWords(v1::EducationLevel level) {
  switch (level) {
    case v1::EDUCATION_LEVEL_NONE:
      return "no schooling";
    case v1::EDUCATION_LEVEL_PRIMARY:
      return "primary";
    case v1::EDUCATION_LEVEL_LOWER_SECONDARY:
      return "lower secondary";
    case v1::EDUCATION_LEVEL_UPPER_SECONDARY:
      return "upper secondary";
    case v1::EDUCATION_LEVEL_VOCATIONAL:
      return "vocational";
    case v1::EDUCATION_LEVEL_COLLEGE_OR_HIGHER:
      return "college or higher";
    default:
      return "unrecorded level";
  }
}

std::string_view NutritionWords(v1::Nutrition nutrition) {
  switch (nutrition) {
    case v1::NUTRITION_NORMAL:
      return "normally nourished";
    case v1::NUTRITION_STUNTED:
      return "stunted";
    case v1::NUTRITION_UNDERWEIGHT:
      return "underweight";
    default:
      return "of unrecorded nutrition";
  }
}

std::string_view WaterSourceWords(v1::WaterSource source) {
  switch (source) {
    case v1::WATER_SOURCE_TAP:
      return "tap water";
    case v1::WATER_SOURCE_DRILLED_WELL:
      return "a drilled well";
    case v1::WATER_SOURCE_PROTECTED_DUG_WELL:
      return "a protected dug well";
    case v1::WATER_SOURCE_PROTECTED_SPRING:
      return "a protected spring";
    case v1::WATER_SOURCE_RAINWATER:
      return "rainwater";
    case v1::WATER_SOURCE_BOTTLED:
      return "bottled water";
    case v1::WATER_SOURCE_UNPROTECTED_DUG_WELL:
      return "an unprotected dug well";
    case v1::WATER_SOURCE_UNPROTECTED_SPRING:
      return "an unprotected spring";
    case v1::WATER_SOURCE_SURFACE_WATER:
      return "surface water";
    case v1::WATER_SOURCE_OTHER:
      return "another source";
    default:
      return "an unrecorded source";
  }
}

std::string_view LatrineWords(v1::LatrineType latrine) {
  switch (latrine) {
    case v1::LATRINE_TYPE_SEPTIC:
      return "a septic latrine";
    case v1::LATRINE_TYPE_SEMI_SEPTIC:
      return "a semi-septic latrine";
    case v1::LATRINE_TYPE_POUR_FLUSH:
      return "a pour-flush latrine";
    case v1::LATRINE_TYPE_VENTILATED_IMPROVED:
      return "a ventilated improved pit latrine";
    case v1::LATRINE_TYPE_DOUBLE_VAULT:
      return "a double-vault latrine";
    case v1::LATRINE_TYPE_SIMPLE_PIT:
      return "a simple pit latrine";
    case v1::LATRINE_TYPE_NONE:
      return "no latrine";
    case v1::LATRINE_TYPE_OTHER:
      return "another kind of latrine";
    default:
      return "an unrecorded latrine";
  }
}

std::string_view DeviceWords(v1::InformationDevice device) {
  switch (device) {
    case v1::INFORMATION_DEVICE_TV:
      return "TV";
    case v1::INFORMATION_DEVICE_RADIO:
      return "radio";
    case v1::INFORMATION_DEVICE_COMPUTER:
      return "computer";
    case v1::INFORMATION_DEVICE_SMARTPHONE:
      return "smartphone";
    case v1::INFORMATION_DEVICE_TABLET:
      return "tablet";
    default:
      return "unrecorded device";
  }
}

std::string_view WasteTreatmentWords(v1::WasteTreatment treatment) {
  switch (treatment) {
    case v1::WASTE_TREATMENT_COLLECTED:
      return "collected";
    case v1::WASTE_TREATMENT_HYGIENIC_ON_SITE:
      return "treated hygienically on site";
    case v1::WASTE_TREATMENT_UNTREATED:
      return "untreated (dumped, burned in the open or thrown into water)";
    default:
      return "of unrecorded treatment";
  }
}

std::string_view SexPluralWords(v1::Sex sex) {
  switch (sex) {
    case v1::SEX_MALE:
      return "men";
    case v1::SEX_FEMALE:
      return "women";
    default:
      return "people of unrecorded sex";
  }
}

}  // namespace ansinh::classification
