#include "monitoring/core/outcome_cohorts.h"

#include <algorithm>
#include <utility>

#include <google/protobuf/descriptor.h>

namespace ansinh::monitoring {
namespace {

using Record = v1::HouseholdFigureRecord;

// Lower is poorer: the order of the lists a household can move between.
int ListRank(v1::PovertyCategory category) {
  switch (category) {
    case v1::POVERTY_CATEGORY_POOR:
      return 0;
    case v1::POVERTY_CATEGORY_NEAR_POOR:
      return 1;
    default:
      return 2;
  }
}

bool OnList(v1::PovertyCategory category) {
  return category == v1::POVERTY_CATEGORY_POOR || category == v1::POVERTY_CATEGORY_NEAR_POOR;
}

struct DatedApproval {
  CivilDate on;
  v1::PovertyCategory category;
};

// The approvals by approval date (the record keeps them by review year,
// which is the same order but for same-year regular reviews).
std::vector<DatedApproval> DatedApprovals(const Record& record) {
  std::vector<DatedApproval> approvals;
  for (const Record::Approval& approval : record.approvals()) {
    if (const auto on = ParseIsoDate(approval.approved_on())) approvals.push_back({*on, approval.category()});
  }
  std::stable_sort(approvals.begin(), approvals.end(),
                   [](const DatedApproval& a, const DatedApproval& b) { return a.on < b.on; });
  return approvals;
}

// One day the household met a group: a support delivery or a joining.
struct Exposure {
  std::string key;
  CivilDate on;
  bool is_delivery = false;
  std::int64_t amount_vnd = 0;
};

std::string EnumName(const google::protobuf::EnumDescriptor* type, int value) {
  const google::protobuf::EnumValueDescriptor* found = type->FindValueByNumber(value);
  return found != nullptr ? std::string(found->name()) : std::to_string(value);
}

// The group key a support delivery has in `dimension`; empty when it has none.
std::string SupportKey(const Record& record, const Record::DeliveredSupport& support,
                       v1::OutcomeDimension dimension) {
  switch (dimension) {
    case v1::OUTCOME_DIMENSION_SUPPORT_TYPE:
      return EnumName(v1::SupportType_descriptor(), support.type());
    case v1::OUTCOME_DIMENSION_SOURCE:
      return support.provider();
    case v1::OUTCOME_DIMENSION_CREDIT_PROGRAMME:
      return support.kind() == Record::SUPPORT_KIND_CREDIT
                 ? EnumName(v1::CreditProgramme_descriptor(), support.credit_programme())
                 : std::string();
    case v1::OUTCOME_DIMENSION_LIVELIHOOD_MODEL:
      return support.livelihood_model_id();
    case v1::OUTCOME_DIMENSION_ORGANIZATION:
      return support.organization_id();
    case v1::OUTCOME_DIMENSION_HELPER:
      return support.helper_id();
    case v1::OUTCOME_DIMENSION_RESIDENTIAL_GROUP:
      return record.residential_group();
    default:
      return {};
  }
}

// The group key a model joining has in `dimension`; empty when it has none
// (a joining is not a support delivery: it has no type, source or programme).
std::string JoiningKey(const Record& record, const Record::ModelTaking& taking,
                       v1::OutcomeDimension dimension) {
  switch (dimension) {
    case v1::OUTCOME_DIMENSION_LIVELIHOOD_MODEL:
      return taking.model_id();
    case v1::OUTCOME_DIMENSION_ORGANIZATION:
      return taking.organization_id();
    case v1::OUTCOME_DIMENSION_HELPER:
      return taking.helper_id();
    case v1::OUTCOME_DIMENSION_RESIDENTIAL_GROUP:
      return record.residential_group();
    default:
      return {};
  }
}

bool InPeriod(CivilDate day, const OutcomeQuery& query) { return query.from <= day && day <= query.to; }

std::vector<Exposure> ExposuresOf(const Record& record, const OutcomeQuery& query) {
  std::vector<Exposure> exposures;
  for (const Record::DeliveredSupport& support : record.supports()) {
    const auto on = ParseIsoDate(support.delivered_on());
    if (!on || !InPeriod(*on, query)) continue;
    exposures.push_back({SupportKey(record, support, query.dimension), *on, true, support.amount_vnd()});
  }
  for (const Record::ModelTaking& taking : record.models()) {
    const auto on = ParseIsoDate(taking.joined_on());
    if (!on || !InPeriod(*on, query)) continue;
    exposures.push_back({JoiningKey(record, taking, query.dimension), *on, false, 0});
  }
  return exposures;
}

// What became of the household after `entry`.
FollowedHousehold Follow(const Record& record, const std::vector<DatedApproval>& approvals, CivilDate entry,
                         const OutcomeQuery& query) {
  FollowedHousehold followed;
  followed.household_id = record.household_id();
  followed.entry = entry;
  followed.category_at_entry = CategoryOn(record, entry);
  followed.observed_until = query.as_of;
  if (const auto left = ParseIsoDate(record.left_on()); left && *left < followed.observed_until) {
    followed.observed_until = std::max(*left, entry);
  }
  if (OnList(followed.category_at_entry)) {
    const int baseline = ListRank(followed.category_at_entry);
    for (const DatedApproval& approval : approvals) {
      if (approval.on <= entry || approval.on > followed.observed_until) continue;
      if (!followed.escaped_on) {
        if (ListRank(approval.category) > baseline) followed.escaped_on = approval.on;
      } else if (ListRank(approval.category) <= baseline &&
                 approval.on <= AddMonths(*followed.escaped_on, kRelapseFollowUpMonths)) {
        followed.relapsed_on = approval.on;
        break;
      }
    }
  }
  for (const Record::SurveyIncome& income : record.incomes()) {
    const auto surveyed = ParseIsoDate(income.survey_date());
    if (!surveyed) continue;
    if (*surveyed <= entry) {
      followed.income_before_vnd = income.income_per_capita_vnd();
    } else if (!followed.income_after_vnd) {
      followed.income_after_vnd = income.income_per_capita_vnd();
    }
  }
  return followed;
}

// The household's first exposure in the period, with every delivery counted.
struct GroupEntry {
  CivilDate entry;
  int deliveries = 0;
  std::int64_t amount_vnd = 0;
};

void Note(GroupEntry& group, const Exposure& exposure, bool first) {
  if (first || exposure.on < group.entry) group.entry = exposure.on;
  if (exposure.is_delivery) {
    ++group.deliveries;
    group.amount_vnd += exposure.amount_vnd;
  }
}

}  // namespace

bool FollowedHousehold::on_list_at_entry() const { return OnList(category_at_entry); }

double FollowedHousehold::MonthsFollowed() const {
  const CivilDate end = escaped_on ? *escaped_on : observed_until;
  return DaysBetween(entry, end) / kDaysPerMonth;
}

bool FollowedHousehold::EscapedWithin(int months) const {
  return escaped_on && *escaped_on <= AddMonths(entry, months);
}

bool FollowedHousehold::KnownFor(int months) const {
  return EscapedWithin(months) || AddMonths(entry, months) <= observed_until;
}

v1::PovertyCategory CategoryOn(const Record& record, CivilDate day) {
  v1::PovertyCategory category = v1::POVERTY_CATEGORY_UNSPECIFIED;
  for (const DatedApproval& approval : DatedApprovals(record)) {
    if (approval.on <= day) category = approval.category;
  }
  return category;
}

OutcomeCohorts BuildOutcomeCohorts(std::span<const Record> records, const OutcomeQuery& query) {
  OutcomeCohorts cohorts;
  for (const Record& record : records) {
    const std::vector<Exposure> exposures = ExposuresOf(record, query);
    if (exposures.empty()) continue;
    GroupEntry ward;
    std::map<std::string, GroupEntry> by_key;
    for (size_t i = 0; i < exposures.size(); ++i) {
      const Exposure& exposure = exposures[i];
      Note(ward, exposure, i == 0);
      if (exposure.key.empty() || (!query.key.empty() && exposure.key != query.key)) continue;
      const bool first = !by_key.contains(exposure.key);
      Note(by_key[exposure.key], exposure, first);
    }
    const std::vector<DatedApproval> approvals = DatedApprovals(record);
    const auto followed = [&](const GroupEntry& group) {
      FollowedHousehold household = Follow(record, approvals, group.entry, query);
      household.deliveries = group.deliveries;
      household.amount_vnd = group.amount_vnd;
      return household;
    };
    cohorts.ward.push_back(followed(ward));
    for (const auto& [key, group] : by_key) cohorts.groups[key].push_back(followed(group));
  }
  return cohorts;
}

}  // namespace ansinh::monitoring
