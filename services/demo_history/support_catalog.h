#pragma once

// Who gives what to the demo ward's poor and near-poor households, and how
// much: the providers, amounts and words of the support the history records
// (docs/domain.md §5). Amounts follow the rules of the years they are dated in.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "kernel/civil_date.h"

namespace ansinh::demo_history {

// The providers, as the support records name them (the analytics group by
// them as "source").
inline constexpr std::string_view kPolicyBank = "Ngân hàng Chính sách xã hội thị xã Hương Trà";
inline constexpr std::string_view kSocialInsurance = "Bảo hiểm xã hội thị xã Hương Trà";
inline constexpr std::string_view kFundForThePoor = "Quỹ Vì người nghèo phường Hương Xuân";
inline constexpr std::string_view kEducationOffice = "Phòng Giáo dục và Đào tạo thị xã Hương Trà";
inline constexpr std::string_view kTelecomSponsor = "Viettel Thừa Thiên Huế";
inline constexpr std::string_view kRedCross = "Hội Chữ thập đỏ phường Hương Xuân";
inline constexpr std::string_view kFatherlandFront = "Ủy ban Mặt trận Tổ quốc Việt Nam phường Hương Xuân";

// A year's health-insurance contribution for one person: 4.5% of the base
// salary (mức lương cơ sở) for twelve months, at the base in force on `on`:
// 1,490,000 VND until 30/6/2023, 1,800,000 until 30/6/2024, 2,340,000 since.
int64_t HealthInsuranceContributionVnd(CivilDate on);

// Tuition a school charges for one child for a school year (9 months at
// 100,000 VND), which the exemption waives. Public schools charge none from
// September 2025 (Resolution 217/2025/QH15), so the history records
// exemptions for the school years before it only.
inline constexpr int64_t kTuitionPerChildVnd = 900'000;
inline constexpr int kLastTuitionYear = 2024;

// The mass organizations the policy bank lends through (docs/domain.md §5),
// by id in the demo directory, and their names in a savings group's name.
struct LendingOrganization {
  std::string_view organization_id;
  std::string_view short_name;
};
std::span<const LendingOrganization> LendingOrganizations();

// The savings-and-loan group of a residential group: the `group_index`-th
// group of the ward is served by one of the four lending organizations in
// turn. "Tổ TK&VV Hội Nông dân TDP-07".
const LendingOrganization& LenderOfGroup(size_t group_index);
std::string SavingsGroupName(const LendingOrganization& lender, std::string_view residential_group);
// The lending organization with this id (one of the four).
const LendingOrganization* FindLender(std::string_view organization_id);

// What every record of the history gives as its reason: where the entry
// comes from.
std::string RecordReason(int year);

}  // namespace ansinh::demo_history
