// Words for explanations: amounts, enum values, lists. Explanations are read
// by ward officers and shown to households, so they say what a value means
// rather than its enum name.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ansinh/v1/common.pb.h"
#include "ansinh/v1/household.pb.h"

namespace ansinh::classification {

// 1500000 -> "1,500,000".
std::string GroupThousands(int64_t value);

// 1500000 -> "1,500,000 VND".
std::string FormatVnd(int64_t value);

// At most two decimals, no trailing zeros: 8 -> "8", 6.5 -> "6.5".
std::string FormatDecimal(double value);

// {"a", "b", "c"}, "or" -> "a, b or c".
std::string JoinWords(const std::vector<std::string_view>& words, std::string_view conjunction);

// An age in months in words: 744 -> "62 years", 676 -> "56 years 4 months",
// 721 -> "60 years 1 month".
std::string FormatYearsMonths(int months);

// A month as forms write it in ISO style: "2024-07".
std::string FormatYearMonth(std::chrono::year_month month);

// "Nguyễn Văn An (17)"; the member id stands in for a missing name.
std::string MemberLabel(const v1::Member& member, int age);

std::string_view AreaWords(v1::AreaType area);
std::string_view CategoryWords(v1::PovertyCategory category);
std::string_view EmploymentWords(v1::Employment employment);
std::string_view EducationWords(v1::EducationLevel level);
std::string_view NutritionWords(v1::Nutrition nutrition);
std::string_view WaterSourceWords(v1::WaterSource source);
std::string_view LatrineWords(v1::LatrineType latrine);
std::string_view DeviceWords(v1::InformationDevice device);
std::string_view WasteTreatmentWords(v1::WasteTreatment treatment);
std::string_view SexPluralWords(v1::Sex sex);

}  // namespace ansinh::classification
