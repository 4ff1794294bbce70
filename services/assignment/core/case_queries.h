#pragma once

// Queries over a set of cases, as pure functions. "Current" cases are the
// ones not closed (OPEN or FOLLOW_UP): the working set of organizations and
// helpers. Results are ordered by case id.

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "ansinh/v1/assignment.pb.h"
#include "ansinh/v1/common.pb.h"
#include "kernel/civil_date.h"
#include "kernel/result.h"

namespace ansinh::assignment {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 500;

bool IsCurrent(const v1::Case& a_case);

// The latest visited_on, or nullopt when never visited.
std::optional<CivilDate> LastVisitDate(const v1::Case& a_case);

// A current case with no visit in the last `overdue_days` days: more than
// that many days have passed since the latest of its last visit, its opening
// and its reopening (a new or reopened case gets the full period). A visit
// exactly `overdue_days` days ago still counts.
bool IsOverdueForVisit(const v1::Case& a_case, CivilDate today, int overdue_days);

std::vector<const v1::Case*> CurrentCasesOfOrganization(std::span<const v1::Case> cases,
                                                        std::string_view organization_id);
std::vector<const v1::Case*> CurrentCasesOfHelper(std::span<const v1::Case> cases,
                                                  std::string_view helper_id);
std::vector<const v1::Case*> CurrentCasesWithoutHelper(std::span<const v1::Case> cases);
std::vector<const v1::Case*> CasesOverdueForVisit(std::span<const v1::Case> cases, CivilDate today,
                                                  int overdue_days);

// Every filter set in `filter` matches (its page is ignored here).
bool MatchesFilter(const v1::Case& a_case, const v1::ListCasesRequest& filter, CivilDate today,
                   int overdue_days);
std::vector<const v1::Case*> SelectCases(std::span<const v1::Case> cases, const v1::ListCasesRequest& filter,
                                         CivilDate today, int overdue_days);

struct CasePage {
  std::vector<const v1::Case*> cases;
  v1::PageResponse page;
};

// One page of `selected` (ordered by case id, as SelectCases returns it).
// The page token is the last case id of the previous page, so pages stay
// correct when cases are added between calls. A negative page size is refused.
Result<CasePage> PageOf(const std::vector<const v1::Case*>& selected, const v1::PageRequest& request);

}  // namespace ansinh::assignment
