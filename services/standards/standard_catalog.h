// The loaded poverty standards, each covering its list years (docs/domain.md §3.0).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ansinh/v1/standard.pb.h"
#include "kernel/result.h"

namespace ansinh {

// A standard and where it came from (a file name), for error messages.
struct SourcedStandard {
  v1::Standard standard;
  std::string source_name;
};

class StandardCatalog {
 public:
  // Validates the statutory retirement ages and every standard, attaches the
  // ages to each standard's working_age (a standard file never carries them),
  // and refuses two standards with the same id or two covering the same
  // list year, naming both sources.
  static Result<StandardCatalog> Create(std::vector<SourcedStandard> standards,
                                        v1::RetirementAgeSchedule retirement_ages);

  // The standard whose list years include `list_year`; null when none.
  const v1::Standard* ForListYear(int list_year) const;
  const v1::Standard* FindById(std::string_view id) const;

  // Ordered by first list year.
  const std::vector<v1::Standard>& standards() const { return standards_; }

  // "decision-59-2015 (2016-2021), decree-07-2021 (2022-2026)", for messages.
  std::string CoverageDescription() const;

 private:
  explicit StandardCatalog(std::vector<v1::Standard> standards) : standards_(std::move(standards)) {}

  std::vector<v1::Standard> standards_;
};

}  // namespace ansinh
