#include "demo_history/year_standards.h"

namespace ansinh::demo_history {

Result<std::vector<YearStandard>> StandardsForYears(std::span<const v1::Standard> standards, int first_year,
                                                    int last_year) {
  std::vector<YearStandard> years;
  for (int year = first_year; year <= last_year; ++year) {
    // A periodic review decides the next year's list.
    const int list_year = year + 1;
    const v1::Standard* found = nullptr;
    for (const v1::Standard& standard : standards) {
      if (standard.first_list_year() <= list_year && list_year <= standard.last_list_year())
        found = &standard;
    }
    if (found == nullptr) {
      return Error::FailedPrecondition("no poverty standard covers the list of " + std::to_string(list_year) +
                                       ", which the review held in " + std::to_string(year) + " decides");
    }
    const v1::AreaLines* urban = nullptr;
    for (const v1::AreaLines& lines : found->lines()) {
      if (lines.area_type() == v1::AREA_TYPE_URBAN) urban = &lines;
    }
    if (urban == nullptr) {
      return Error::FailedPrecondition("standard " + found->id() + " has no urban lines");
    }
    YearStandard entry;
    entry.review_year = year;
    entry.standard = found;
    entry.poverty_line_vnd = urban->poverty_line_vnd();
    if (urban->has_average_band_upper_vnd()) entry.average_band_upper_vnd = urban->average_band_upper_vnd();
    entry.poor_deprivation_count = found->poor_deprivation_count();
    years.push_back(entry);
  }
  return years;
}

}  // namespace ansinh::demo_history
