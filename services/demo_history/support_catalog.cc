#include "demo_history/support_catalog.h"

#include <array>

namespace ansinh::demo_history {
namespace {

constexpr int64_t kContributionPercentTimesTen = 45;  // 4.5%
constexpr int kMonths = 12;

constexpr std::array kLenders = {
    LendingOrganization{"farmers-union", "Hội Nông dân"},
    LendingOrganization{"womens-union", "Hội Phụ nữ"},
    LendingOrganization{"veterans", "Hội Cựu chiến binh"},
    LendingOrganization{"youth-union", "Đoàn Thanh niên"},
};

}  // namespace

int64_t HealthInsuranceContributionVnd(CivilDate on) {
  using std::chrono::July;
  using std::chrono::year;
  int64_t base_salary = 2'340'000;
  if (on < CivilDate{year(2023), July, std::chrono::day(1)}) {
    base_salary = 1'490'000;
  } else if (on < CivilDate{year(2024), July, std::chrono::day(1)}) {
    base_salary = 1'800'000;
  }
  return base_salary * kContributionPercentTimesTen / 1000 * kMonths;
}

std::span<const LendingOrganization> LendingOrganizations() { return kLenders; }

const LendingOrganization& LenderOfGroup(size_t group_index) {
  return kLenders[group_index % kLenders.size()];
}

std::string SavingsGroupName(const LendingOrganization& lender, std::string_view residential_group) {
  return "Tổ TK&VV " + std::string(lender.short_name) + " " + std::string(residential_group);
}

const LendingOrganization* FindLender(std::string_view organization_id) {
  for (const LendingOrganization& lender : kLenders) {
    if (lender.organization_id == organization_id) return &lender;
  }
  return nullptr;
}

std::string RecordReason(int year) {
  return "Theo sổ theo dõi hỗ trợ năm " + std::to_string(year) + " (dữ liệu mẫu)";
}

}  // namespace ansinh::demo_history
