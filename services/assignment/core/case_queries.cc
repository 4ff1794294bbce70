#include "assignment/core/case_queries.h"

#include <algorithm>

namespace ansinh::assignment {
namespace {

template <typename Predicate>
std::vector<const v1::Case*> Select(std::span<const v1::Case> cases, Predicate predicate) {
  std::vector<const v1::Case*> selected;
  for (const v1::Case& a_case : cases) {
    if (predicate(a_case)) selected.push_back(&a_case);
  }
  std::sort(selected.begin(), selected.end(),
            [](const v1::Case* a, const v1::Case* b) { return a->case_id() < b->case_id(); });
  return selected;
}

void KeepLatest(std::optional<CivilDate>& latest, const std::string& text) {
  const std::optional<CivilDate> date = ParseIsoDate(text);
  if (date && (!latest || *date > *latest)) latest = date;
}

}  // namespace

bool IsCurrent(const v1::Case& a_case) {
  return a_case.state() == v1::CASE_STATE_OPEN || a_case.state() == v1::CASE_STATE_FOLLOW_UP;
}

std::optional<CivilDate> LastVisitDate(const v1::Case& a_case) {
  std::optional<CivilDate> latest;
  for (const v1::Visit& visit : a_case.visits()) KeepLatest(latest, visit.visited_on());
  return latest;
}

bool IsOverdueForVisit(const v1::Case& a_case, CivilDate today, int overdue_days) {
  if (!IsCurrent(a_case)) return false;
  std::optional<CivilDate> reference = LastVisitDate(a_case);
  KeepLatest(reference, a_case.opened_on());
  KeepLatest(reference, a_case.reopened_on());
  return reference.has_value() && DaysBetween(*reference, today) > overdue_days;
}

std::vector<const v1::Case*> CurrentCasesOfOrganization(std::span<const v1::Case> cases,
                                                        std::string_view organization_id) {
  return Select(cases, [&](const v1::Case& a_case) {
    return IsCurrent(a_case) && a_case.organization_id() == organization_id;
  });
}

std::vector<const v1::Case*> CurrentCasesOfHelper(std::span<const v1::Case> cases,
                                                  std::string_view helper_id) {
  return Select(cases,
                [&](const v1::Case& a_case) { return IsCurrent(a_case) && a_case.helper_id() == helper_id; });
}

std::vector<const v1::Case*> CurrentCasesWithoutHelper(std::span<const v1::Case> cases) {
  return Select(cases,
                [](const v1::Case& a_case) { return IsCurrent(a_case) && a_case.helper_id().empty(); });
}

std::vector<const v1::Case*> CasesOverdueForVisit(std::span<const v1::Case> cases, CivilDate today,
                                                  int overdue_days) {
  return Select(cases,
                [&](const v1::Case& a_case) { return IsOverdueForVisit(a_case, today, overdue_days); });
}

bool MatchesFilter(const v1::Case& a_case, const v1::ListCasesRequest& filter, CivilDate today,
                   int overdue_days) {
  if (!filter.organization_id().empty() && a_case.organization_id() != filter.organization_id()) return false;
  if (!filter.helper_id().empty() && a_case.helper_id() != filter.helper_id()) return false;
  if (filter.without_helper() && !(IsCurrent(a_case) && a_case.helper_id().empty())) return false;
  if (filter.overdue_for_visit() && !IsOverdueForVisit(a_case, today, overdue_days)) return false;
  if (filter.state() != v1::CASE_STATE_UNSPECIFIED && a_case.state() != filter.state()) return false;
  if (!filter.residential_group().empty() && a_case.residential_group() != filter.residential_group())
    return false;
  return true;
}

std::vector<const v1::Case*> SelectCases(std::span<const v1::Case> cases, const v1::ListCasesRequest& filter,
                                         CivilDate today, int overdue_days) {
  return Select(cases,
                [&](const v1::Case& a_case) { return MatchesFilter(a_case, filter, today, overdue_days); });
}

Result<CasePage> PageOf(const std::vector<const v1::Case*>& selected, const v1::PageRequest& request) {
  if (request.page_size() < 0) {
    return Error::InvalidArgument({{"page.page_size", "must not be negative"}});
  }
  const int size = request.page_size() == 0 ? kDefaultPageSize : std::min(request.page_size(), kMaxPageSize);
  auto begin = selected.begin();
  if (!request.page_token().empty()) {
    begin = std::upper_bound(
        selected.begin(), selected.end(), request.page_token(),
        [](const std::string& token, const v1::Case* a_case) { return token < a_case->case_id(); });
  }
  CasePage page;
  const auto end = selected.end() - begin > size ? begin + size : selected.end();
  page.cases.assign(begin, end);
  if (end != selected.end()) page.page.set_next_page_token(page.cases.back()->case_id());
  page.page.set_total_size(static_cast<std::int64_t>(selected.size()));
  return page;
}

}  // namespace ansinh::assignment
