#pragma once

// Households of the browser tests' ward whose support has a history, so that
// Kết quả hỗ trợ, the reports, Mô hình sinh kế and Thiên tai, dịch bệnh have
// figures to show: ten poor households of TDP-04 (the Fatherland Front's,
// helper front-01) listed about 30 months ago, each given a health-insurance
// card and joined to a cattle model, five of them out of poverty about ten
// months later, two also given a policy loan (a group of fewer than five
// households: suppressed), each surveyed before and after its support; a
// flood the year after struck four still poor, three of them relieved.

#include "browser_ward.h"

namespace ansinh::browser {

inline constexpr const char* kOutcomeGroup = "TDP-04";
inline constexpr int kOutcomeHouseholdCount = 10;
inline constexpr int kOutcomeEscapedCount = 5;
inline constexpr int kOutcomeLoanCount = 2;
inline constexpr const char* kOutcomeModelId = "bo-giong-tdp04";
inline constexpr int kFloodAffectedCount = 4;
inline constexpr int kFloodRelievedCount = 3;

// Registers them, publishes their statuses, assigns the helper and records
// the support through the services' APIs; fills ward.supported. Throws
// std::runtime_error naming the step that failed.
void LoadOutcomeHouseholds(testkit::WardStack& stack, redis::Connection& redis, LoadedWard& ward);

}  // namespace ansinh::browser
