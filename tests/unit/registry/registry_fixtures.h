#pragma once

#include <gmock/gmock.h>

#include <ostream>
#include <string>

#include "ansinh/v1/household.pb.h"
#include "kernel/civil_date.h"
#include "kernel/field_violation.h"
#include "registry/core/import/import_row.h"
#include "registry/core/survey_rules.h"

namespace ansinh::registry {

// Readable failure messages (found by argument-dependent lookup).
inline void PrintTo(const FieldViolation& violation, std::ostream* out) {
  *out << "{" << violation.field << ": " << violation.description << "}";
}
inline void PrintTo(const ImportError& error, std::ostream* out) {
  *out << "{line " << error.line << ", " << error.field << ": " << error.description << "}";
}

}  // namespace ansinh::registry

namespace ansinh::registry::testkit {

// The day the tests pretend it is.
inline constexpr CivilDate kToday{std::chrono::year(2026), std::chrono::March, std::chrono::day(15)};

// Matches a FieldViolation on `field` whose description contains `part`.
inline auto IsViolation(const std::string& field, const std::string& part) {
  return ::testing::AllOf(::testing::Field(&FieldViolation::field, field),
                          ::testing::Field(&FieldViolation::description, ::testing::HasSubstr(part)));
}

// Matches an import error on `line` and `field` whose description contains `part`.
inline auto IsImportError(int64_t line, const std::string& field, const std::string& part) {
  return ::testing::AllOf(::testing::Field(&ImportError::line, line),
                          ::testing::Field(&ImportError::field, field),
                          ::testing::Field(&ImportError::description, ::testing::HasSubstr(part)));
}

// A couple with a 20-year-old student and a 4-year-old without CCCD: valid.
// What the repository's standards need a survey to record (loaded once).
const SurveyRules& Rules();

v1::Household ValidHousehold();

// A complete periodic survey for 2025 with a measured income: valid.
v1::Survey ValidSurvey();

// ValidHousehold registered as HH-000007 (T05-007) and changed twice since:
// version 3, members M1 (head), M2, M3 and M4, active.
v1::Household RegisteredHousehold();

// The whole text of a file under tests/unit/registry/testdata.
std::string ReadTestData(const std::string& name);

}  // namespace ansinh::registry::testkit
