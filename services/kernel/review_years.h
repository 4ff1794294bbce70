#pragma once

// The two years of a review (docs/domain.md §3.0). A review is *held* in one
// year and decides the poverty list of a *list year*:
//   - the periodic review held from September to December of year Y decides
//     the list in force from 1 January of Y+1;
//   - a regular review held during year L amends the list of year L.
// The standard a review applies is the one whose period covers its list
// year, never its held year: the review held at the end of 2021 applied
// Decree 07/2021 (lists 2022-2026), the one held at the end of 2026 applies
// Decree 351/2025 (lists 2027-2030).

namespace ansinh {

enum class ReviewTiming {
  // Rà soát định kỳ: yearly, September to December, for next year's list.
  kPeriodic,
  // Rà soát thường xuyên: on application, amending this year's list.
  kRegular,
};

// The year whose list a review held in `held_year` decides.
constexpr int ListYearOf(int held_year, ReviewTiming timing) {
  return timing == ReviewTiming::kPeriodic ? held_year + 1 : held_year;
}

}  // namespace ansinh
