#include "standards/standard_catalog.h"

#include <algorithm>

#include "standards/retirement_age_validator.h"
#include "standards/standard_validator.h"

namespace ansinh {
namespace {

std::string Years(const v1::Standard& standard) {
  return std::to_string(standard.first_list_year()) + "-" + std::to_string(standard.last_list_year());
}

std::string Describe(const SourcedStandard& sourced) {
  return sourced.standard.id() + " (" + sourced.source_name + ")";
}

std::string JoinViolations(const FieldViolations& violations) {
  std::string joined;
  for (const FieldViolation& violation : violations) {
    if (!joined.empty()) joined += "; ";
    joined += violation.field + " " + violation.description;
  }
  return joined;
}

}  // namespace

Result<StandardCatalog> StandardCatalog::Create(std::vector<SourcedStandard> standards,
                                                v1::RetirementAgeSchedule retirement_ages) {
  FieldViolations schedule_violations = ValidateRetirementAgeSchedule(retirement_ages);
  if (!schedule_violations.empty()) {
    return Error::InvalidArgument("invalid statutory retirement ages: " + JoinViolations(schedule_violations),
                                  std::move(schedule_violations));
  }
  for (SourcedStandard& sourced : standards) {
    *sourced.standard.mutable_working_age()->mutable_statutory_retirement_ages() = retirement_ages;
    FieldViolations violations = ValidateStandard(sourced.standard);
    if (!violations.empty()) {
      return Error::InvalidArgument(sourced.source_name + ": invalid standard: " + JoinViolations(violations),
                                    std::move(violations));
    }
  }
  std::sort(standards.begin(), standards.end(), [](const SourcedStandard& a, const SourcedStandard& b) {
    return a.standard.first_list_year() < b.standard.first_list_year();
  });
  for (size_t i = 0; i < standards.size(); ++i) {
    for (size_t j = i + 1; j < standards.size(); ++j) {
      const v1::Standard& a = standards[i].standard;
      const v1::Standard& b = standards[j].standard;
      if (a.id() == b.id()) {
        return Error::InvalidArgument("standard id " + a.id() + " is declared by both " +
                                      standards[i].source_name + " and " + standards[j].source_name);
      }
      const int first_shared = std::max(a.first_list_year(), b.first_list_year());
      if (first_shared <= std::min(a.last_list_year(), b.last_list_year())) {
        return Error::InvalidArgument("list year " + std::to_string(first_shared) +
                                      " is covered by two standards: " + Describe(standards[i]) + ", " +
                                      Years(a) + " and " + Describe(standards[j]) + ", " + Years(b));
      }
    }
  }
  std::vector<v1::Standard> sorted;
  sorted.reserve(standards.size());
  for (SourcedStandard& sourced : standards) {
    sorted.push_back(std::move(sourced.standard));
  }
  return StandardCatalog(std::move(sorted));
}

const v1::Standard* StandardCatalog::ForListYear(int list_year) const {
  for (const v1::Standard& standard : standards_) {
    if (list_year >= standard.first_list_year() && list_year <= standard.last_list_year()) {
      return &standard;
    }
  }
  return nullptr;
}

const v1::Standard* StandardCatalog::FindById(std::string_view id) const {
  for (const v1::Standard& standard : standards_) {
    if (standard.id() == id) return &standard;
  }
  return nullptr;
}

std::string StandardCatalog::CoverageDescription() const {
  if (standards_.empty()) return "no standards loaded";
  std::string description;
  for (const v1::Standard& standard : standards_) {
    if (!description.empty()) description += ", ";
    description += standard.id() + " (" + Years(standard) + ")";
  }
  return description;
}

}  // namespace ansinh
