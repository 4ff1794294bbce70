#pragma once

// A report as the ward's final review would give it to the renderer: its
// Vietnamese headings and figures, a table of households long enough to run
// over several pages, and one chart of each kind.

#include "report_document/document.h"

namespace ansinh::report_document::fixtures {

inline constexpr const char* kTitle = "Báo cáo tổng kết Nghị quyết giảm nghèo bền vững giai đoạn 2021-2025";
inline constexpr const char* kPovertyRateHeading = "Tỷ lệ hộ nghèo";
inline constexpr const char* kWomensUnionHeading = "Hội Liên hiệp Phụ nữ";
inline constexpr const char* kKaplanMeierHeading = "Đường cong Kaplan–Meier";
inline constexpr const char* kRateFigure = "4,1%";
inline constexpr const char* kIncomeFigure = "1.500.000 ₫";
// Every Vietnamese letter with a diacritic the tests look for: ă â đ ê ô ơ
// ư and the five tone marks on them, precomposed.
inline constexpr const char* kDiacriticsLine =
    "Đặng Thị Ẩn, Nguyễn Văn Ước, Lê Thị Ổi, Trần Văn Ửng, Phạm Ngọc Ấn";
// The long table: its header cells and its first and last household.
inline constexpr const char* kHouseholdColumn = "Mã hộ";
inline constexpr const char* kIncomeBeforeColumn = "Thu nhập trước";
inline constexpr int kHouseholdRows = 90;
inline constexpr const char* kFooter = "Trang {page}/{pages}";

// "HN-001" ... "HN-090".
std::string HouseholdCode(int number);

Table HouseholdTable();
Document SampleReport();

}  // namespace ansinh::report_document::fixtures
