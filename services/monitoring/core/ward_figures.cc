#include "monitoring/core/ward_figures.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "classification/core/transitions.h"
#include "kernel/review_years.h"
#include "monitoring/core/category_flows.h"
#include "monitoring/core/record_queries.h"

namespace ansinh::monitoring {
namespace {

using Record = v1::HouseholdFigureRecord;

// Policy loans of one programme.
struct CreditTally {
  int loans = 0;
  int households = 0;
  std::int64_t amount_vnd = 0;
};

// Tallies of one population; each household adds at most once to each, except
// to the flows, which count movements (category_flows.h).
struct Tally {
  int households = 0;
  int poor = 0;
  int near_poor = 0;
  int poor_without_labour_capacity = 0;
  ListFlows flows;
  int with_organization = 0;
  int with_helper = 0;
  int visited = 0;
  int loan_need = 0;
  int loan_answered = 0;
  int training_need = 0;
  int training_answered = 0;
  // Ordered by programme number, which is the order of the figures.
  std::map<v1::CreditProgramme, CreditTally> credit;
};

// Every loan delivered to the household by as_of, under its programme.
void CountPolicyCredit(const Record& record, CivilDate as_of, Tally& tally) {
  std::set<v1::CreditProgramme> borrowed_under;
  for (const Record::DeliveredSupport& support : record.supports()) {
    if (support.kind() != Record::SUPPORT_KIND_CREDIT) continue;
    const std::optional<CivilDate> delivered = ParseIsoDate(support.delivered_on());
    if (!delivered || *delivered > as_of) continue;
    CreditTally& credit = tally.credit[support.credit_programme()];
    ++credit.loans;
    credit.amount_vnd += support.amount_vnd();
    if (borrowed_under.insert(support.credit_programme()).second) ++credit.households;
  }
}

void CountNeeds(const Record& record, NeedKind need_kind, SupportKind answered_by, CivilDate as_of,
                int& with_need, int& answered) {
  const NeedCoverage coverage = CoverageOfNeeds(record, need_kind, answered_by, as_of);
  with_need += coverage.has_need ? 1 : 0;
  answered += coverage.all_answered ? 1 : 0;
}

void CountHousehold(const Record& record, int year, CivilDate as_of, Tally& tally) {
  ++tally.households;
  const Record::Approval* in_force = ApprovalForYear(record, year);
  const v1::PovertyCategory category =
      in_force != nullptr ? in_force->category() : v1::POVERTY_CATEGORY_UNSPECIFIED;
  const bool poor = category == v1::POVERTY_CATEGORY_POOR;
  const bool near_poor = category == v1::POVERTY_CATEGORY_NEAR_POOR;
  tally.poor += poor ? 1 : 0;
  tally.near_poor += near_poor ? 1 : 0;
  tally.poor_without_labour_capacity += poor && in_force->without_labour_capacity() ? 1 : 0;

  if (poor || near_poor) {
    const Record::FollowUpCase* responsible = ResponsibleCaseOn(record, as_of);
    tally.with_organization += responsible != nullptr ? 1 : 0;
    tally.with_helper += responsible != nullptr && HasHelperOn(*responsible, as_of) ? 1 : 0;
    const std::optional<CivilDate> last_visit = LastVisitOn(record, as_of);
    tally.visited += last_visit && DaysBetween(*last_visit, as_of) < kVisitWindowDays ? 1 : 0;
  }

  const bool newly_escaped = HasTransitionIn(record, year - kNewlyEscapedReviewYears + 1, year,
                                             classification::CountsAsEscapedPoverty);
  if (poor || near_poor || newly_escaped) {
    CountNeeds(record, Record::NEED_KIND_LOAN, Record::SUPPORT_KIND_CREDIT, as_of, tally.loan_need,
               tally.loan_answered);
  }
  if (poor) {
    CountNeeds(record, Record::NEED_KIND_TRAINING, Record::SUPPORT_KIND_TRAINING, as_of, tally.training_need,
               tally.training_answered);
  }
  CountPolicyCredit(record, as_of, tally);
}

v1::WardFigures ToFigures(const Tally& tally, int review_year, CivilDate as_of,
                          std::string_view residential_group) {
  const int followed = tally.poor + tally.near_poor;
  v1::WardFigures figures;
  figures.set_review_year(review_year);
  // The figures of the review held in a year are the lists of the next.
  figures.set_list_year(ListYearOf(review_year, ReviewTiming::kPeriodic));
  figures.set_residential_group(std::string(residential_group));
  figures.set_as_of(FormatIsoDate(as_of));
  figures.set_households(tally.households);
  *figures.mutable_poor() = MakeShare(tally.poor, tally.households);
  *figures.mutable_near_poor() = MakeShare(tally.near_poor, tally.households);
  *figures.mutable_poor_without_labour_capacity() =
      MakeShare(tally.poor_without_labour_capacity, tally.households);
  // The flat figures predate the flows and stay for their clients.
  figures.set_escaped_poverty(tally.flows.poor.escaped());
  figures.set_escaped_near_poverty(tally.flows.near_poor.escaped());
  figures.set_newly_poor(tally.flows.poor.newly());
  figures.set_relapsed(tally.flows.poor.relapsed());
  figures.set_newly_near_poor(tally.flows.near_poor.newly());
  *figures.mutable_with_responsible_organization() = MakeShare(tally.with_organization, followed);
  *figures.mutable_with_helper() = MakeShare(tally.with_helper, followed);
  *figures.mutable_loans_for_loan_needs() = MakeShare(tally.loan_answered, tally.loan_need);
  *figures.mutable_training_for_training_needs() = MakeShare(tally.training_answered, tally.training_need);
  *figures.mutable_visited_last_90_days() = MakeShare(tally.visited, followed);
  *figures.mutable_poor_flows() = tally.flows.poor;
  *figures.mutable_near_poor_flows() = tally.flows.near_poor;
  for (const auto& [programme, credit] : tally.credit) {
    v1::ProgrammeCredit* line = figures.add_policy_credit_by_programme();
    line->set_programme(programme);
    line->set_loans(credit.loans);
    line->set_households(credit.households);
    line->set_amount_vnd(credit.amount_vnd);
  }
  return figures;
}

}  // namespace

v1::FigureShare MakeShare(int count, int total) {
  v1::FigureShare share;
  share.set_count(count);
  share.set_total(total);
  if (total > 0) share.set_percent(100.0 * count / total);
  return share;
}

v1::WardFigures ComputeFigures(std::span<const Record> records, int review_year, CivilDate as_of,
                               std::string_view residential_group) {
  Tally tally;
  for (const Record& record : records) {
    if (!residential_group.empty() && record.residential_group() != residential_group) continue;
    // Before the activity check: a household that left during the year is
    // an outflow of the lists it was on.
    AddHouseholdFlows(record, review_year, tally.flows);
    if (!IsActiveInYear(record, review_year)) continue;
    CountHousehold(record, review_year, as_of, tally);
  }
  return ToFigures(tally, review_year, as_of, residential_group);
}

std::vector<v1::WardFigures> ComputeGroupFigures(std::span<const Record> records, int review_year,
                                                 CivilDate as_of) {
  // One pass over the records, whatever the number of groups.
  std::map<std::string, Tally> tallies;
  for (const Record& record : records) {
    if (record.residential_group().empty()) continue;
    Tally& tally = tallies[record.residential_group()];
    AddHouseholdFlows(record, review_year, tally.flows);
    if (IsActiveInYear(record, review_year)) CountHousehold(record, review_year, as_of, tally);
  }
  std::vector<v1::WardFigures> figures;
  figures.reserve(tallies.size());
  for (const auto& [group, tally] : tallies) {
    figures.push_back(ToFigures(tally, review_year, as_of, group));
  }
  return figures;
}

std::optional<int> LatestReviewYear(std::span<const Record> records) {
  std::optional<int> latest;
  for (const Record& record : records) {
    for (const Record::Approval& approval : record.approvals()) {
      if (!latest || *latest < approval.review_year()) latest = approval.review_year();
    }
  }
  return latest;
}

}  // namespace ansinh::monitoring
