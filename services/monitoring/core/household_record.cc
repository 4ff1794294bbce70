#include "monitoring/core/household_record.h"

#include <google/protobuf/util/message_differencer.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include "kernel/civil_date.h"

namespace ansinh::monitoring {
namespace {

using Record = v1::HouseholdFigureRecord;

// Collects every problem with a fact, so the adapter can report them all at once.
class FactChecker {
 public:
  FactChecker(const std::string& household_id, const Record& record) {
    if (household_id.empty()) {
      Add("household_id", "is required");
    } else if (!record.household_id().empty() && record.household_id() != household_id) {
      Add("household_id", "is " + household_id + " but the record is of " + record.household_id());
    }
  }

  void RequireText(std::string_view field, const std::string& value) {
    if (value.empty()) Add(field, "is required");
  }

  void RequireDate(std::string_view field, const std::string& value) {
    if (!ParseIsoDate(value)) Add(field, "must be a date YYYY-MM-DD, got \"" + value + "\"");
  }

  void Require(bool condition, std::string_view field, std::string description) {
    if (!condition) Add(field, std::move(description));
  }

  FieldViolations Take() && { return std::move(violations_); }

 private:
  void Add(std::string_view field, std::string description) {
    violations_.push_back(FieldViolation{std::string(field), std::move(description)});
  }

  FieldViolations violations_;
};

// Applies `mutate` to a copy of the record and keeps the copy only when it
// differs: comparing whole records makes "changed" exact for every fact
// without each mutation tracking it by hand (records are a few hundred bytes).
template <typename Mutate>
ApplyOutcome ApplyChecked(const std::string& household_id, FactChecker checker, Record& record,
                          Mutate mutate) {
  FieldViolations violations = std::move(checker).Take();
  if (!violations.empty()) return ApplyOutcome{false, std::move(violations)};
  Record updated = record;
  updated.set_household_id(household_id);
  mutate(updated);
  if (google::protobuf::util::MessageDifferencer::Equals(updated, record)) return ApplyOutcome{};
  record = std::move(updated);
  return ApplyOutcome{true, {}};
}

template <typename Entry, typename KeyOf>
Entry* FindByKey(google::protobuf::RepeatedPtrField<Entry>& entries, const std::string& key, KeyOf key_of) {
  for (Entry& entry : entries) {
    if (key_of(entry) == key) return &entry;
  }
  return nullptr;
}

// Sorting the element pointers keeps the messages where they are.
template <typename Entry, typename Less>
void SortEntries(google::protobuf::RepeatedPtrField<Entry>& entries, Less less) {
  std::sort(entries.pointer_begin(), entries.pointer_end(),
            [&less](const Entry* a, const Entry* b) { return less(*a, *b); });
}

Record::FollowUpCase* FindCase(Record& record, const std::string& case_id) {
  return FindByKey(*record.mutable_cases(), case_id,
                   [](const Record::FollowUpCase& c) -> const std::string& { return c.case_id(); });
}

Record::FollowUpCase* AddCase(Record& record, const std::string& case_id) {
  Record::FollowUpCase* added = record.add_cases();
  added->set_case_id(case_id);
  return added;
}

void SortCases(Record& record) {
  SortEntries(*record.mutable_cases(), [](const Record::FollowUpCase& a, const Record::FollowUpCase& b) {
    return a.case_id() < b.case_id();
  });
}

Record::RecordedNeed* FindNeed(Record& record, const std::string& need_id) {
  return FindByKey(*record.mutable_needs(), need_id,
                   [](const Record::RecordedNeed& n) -> const std::string& { return n.need_id(); });
}

void SortNeeds(Record& record) {
  SortEntries(*record.mutable_needs(), [](const Record::RecordedNeed& a, const Record::RecordedNeed& b) {
    return a.need_id() < b.need_id();
  });
}

// Review year first: the status in force for a year is the last approval of
// that year or earlier (see record_queries.h).
bool ApprovalOrder(const Record::Approval& a, const Record::Approval& b) {
  if (a.review_year() != b.review_year()) return a.review_year() < b.review_year();
  if (a.approved_on() != b.approved_on()) return a.approved_on() < b.approved_on();
  return a.round_id() < b.round_id();
}

bool IsDeparture(v1::HouseholdStatus status) {
  return status == v1::HOUSEHOLD_STATUS_MOVED_OUT || status == v1::HOUSEHOLD_STATUS_DISSOLVED;
}

}  // namespace

ApplyOutcome Apply(const HouseholdRegistration& fact, Record& record) {
  FactChecker checker(fact.household_id, record);
  checker.RequireText("residential_group", fact.residential_group);
  return ApplyChecked(fact.household_id, std::move(checker), record, [&fact](Record& r) {
    r.set_residential_group(fact.residential_group);
    if (r.status() == v1::HOUSEHOLD_STATUS_UNSPECIFIED) r.set_status(v1::HOUSEHOLD_STATUS_ACTIVE);
  });
}

ApplyOutcome Apply(const HouseholdDeparture& fact, Record& record) {
  FactChecker checker(fact.household_id, record);
  checker.Require(IsDeparture(fact.status), "status", "must be MOVED_OUT or DISSOLVED");
  checker.RequireDate("left_on", fact.left_on);
  return ApplyChecked(fact.household_id, std::move(checker), record, [&fact](Record& r) {
    r.set_status(fact.status);
    // ISO dates order as text.
    if (r.left_on().empty() || fact.left_on < r.left_on()) r.set_left_on(fact.left_on);
  });
}

ApplyOutcome Apply(const StatusApproval& fact, Record& record) {
  FactChecker checker(fact.household_id, record);
  checker.RequireText("round_id", fact.round_id);
  checker.Require(
      fact.review_year >= kEarliestReviewYear && fact.review_year <= kLatestReviewYear, "review_year",
      "must be between " + std::to_string(kEarliestReviewYear) + " and " + std::to_string(kLatestReviewYear));
  checker.Require(fact.category != v1::POVERTY_CATEGORY_UNSPECIFIED, "category", "is required");
  checker.RequireDate("approved_on", fact.approved_on);
  return ApplyChecked(fact.household_id, std::move(checker), record, [&fact](Record& r) {
    Record::Approval* approval =
        FindByKey(*r.mutable_approvals(), fact.round_id,
                  [](const Record::Approval& a) -> const std::string& { return a.round_id(); });
    if (approval == nullptr) approval = r.add_approvals();
    approval->set_round_id(fact.round_id);
    approval->set_review_year(fact.review_year);
    approval->set_list_year(fact.list_year);
    approval->set_category(fact.category);
    approval->set_transition(fact.transition);
    approval->set_without_labour_capacity(fact.without_labour_capacity);
    approval->set_approved_on(fact.approved_on);
    SortEntries(*r.mutable_approvals(), ApprovalOrder);
  });
}

ApplyOutcome Apply(const CaseAssignment& fact, Record& record) {
  FactChecker checker(fact.household_id, record);
  checker.RequireText("case_id", fact.case_id);
  checker.RequireText("organization_id", fact.organization_id);
  checker.RequireDate("assigned_on", fact.assigned_on);
  return ApplyChecked(fact.household_id, std::move(checker), record, [&fact](Record& r) {
    Record::FollowUpCase* found = FindCase(r, fact.case_id);
    if (found != nullptr &&
        (!found->closed_on().empty() || found->organization_id() == fact.organization_id)) {
      return;
    }
    Record::FollowUpCase* target = found != nullptr ? found : AddCase(r, fact.case_id);
    target->set_organization_id(fact.organization_id);
    target->set_assigned_on(fact.assigned_on);
    target->clear_helper_id();
    target->clear_helper_assigned_on();
    SortCases(r);
  });
}

ApplyOutcome Apply(const CaseClosure& fact, Record& record) {
  FactChecker checker(fact.household_id, record);
  checker.RequireText("case_id", fact.case_id);
  checker.RequireDate("closed_on", fact.closed_on);
  return ApplyChecked(fact.household_id, std::move(checker), record, [&fact](Record& r) {
    Record::FollowUpCase* found = FindCase(r, fact.case_id);
    Record::FollowUpCase* target = found != nullptr ? found : AddCase(r, fact.case_id);
    if (target->closed_on().empty()) target->set_closed_on(fact.closed_on);
    SortCases(r);
  });
}

ApplyOutcome Apply(const HelperAssignment& fact, Record& record) {
  FactChecker checker(fact.household_id, record);
  checker.RequireText("case_id", fact.case_id);
  checker.RequireText("helper_id", fact.helper_id);
  checker.RequireDate("assigned_on", fact.assigned_on);
  return ApplyChecked(fact.household_id, std::move(checker), record, [&fact](Record& r) {
    Record::FollowUpCase* found = FindCase(r, fact.case_id);
    if (found != nullptr && !found->closed_on().empty()) return;
    Record::FollowUpCase* target = found != nullptr ? found : AddCase(r, fact.case_id);
    if (target->organization_id().empty() && !fact.organization_id.empty()) {
      target->set_organization_id(fact.organization_id);
      target->set_assigned_on(fact.assigned_on);
    }
    if (target->helper_id() != fact.helper_id) {
      target->set_helper_id(fact.helper_id);
      target->set_helper_assigned_on(fact.assigned_on);
    }
    SortCases(r);
  });
}

ApplyOutcome Apply(const HelperRelease& fact, Record& record) {
  FactChecker checker(fact.household_id, record);
  checker.RequireText("case_id", fact.case_id);
  checker.RequireDate("released_on", fact.released_on);
  return ApplyChecked(fact.household_id, std::move(checker), record, [&fact](Record& r) {
    Record::FollowUpCase* found = FindCase(r, fact.case_id);
    if (found == nullptr || !found->closed_on().empty()) return;
    found->clear_helper_id();
    found->clear_helper_assigned_on();
  });
}

ApplyOutcome Apply(const NeedRecording& fact, Record& record) {
  FactChecker checker(fact.household_id, record);
  checker.RequireText("need_id", fact.need_id);
  checker.Require(fact.kind != Record::NEED_KIND_UNSPECIFIED, "kind", "is required");
  checker.RequireDate("recorded_on", fact.recorded_on);
  return ApplyChecked(fact.household_id, std::move(checker), record, [&fact](Record& r) {
    Record::RecordedNeed* need = FindNeed(r, fact.need_id);
    if (need == nullptr) {
      need = r.add_needs();
      need->set_need_id(fact.need_id);
      need->set_state(Record::NEED_STATE_OPEN);
      need->set_state_changed_on(fact.recorded_on);
    }
    need->set_kind(fact.kind);
    need->set_recorded_on(fact.recorded_on);
    SortNeeds(r);
  });
}

ApplyOutcome Apply(const NeedStatusChange& fact, Record& record) {
  FactChecker checker(fact.household_id, record);
  checker.RequireText("need_id", fact.need_id);
  checker.Require(fact.state != Record::NEED_STATE_UNSPECIFIED, "state", "is required");
  checker.RequireDate("changed_on", fact.changed_on);
  return ApplyChecked(fact.household_id, std::move(checker), record, [&fact](Record& r) {
    Record::RecordedNeed* need = FindNeed(r, fact.need_id);
    if (need == nullptr) {
      need = r.add_needs();
      need->set_need_id(fact.need_id);
      need->set_recorded_on(fact.changed_on);
    }
    if (need->kind() == Record::NEED_KIND_UNSPECIFIED) need->set_kind(fact.kind);
    need->set_state(fact.state);
    need->set_state_changed_on(fact.changed_on);
    SortNeeds(r);
  });
}

ApplyOutcome Apply(const SupportDelivery& fact, Record& record) {
  FactChecker checker(fact.household_id, record);
  checker.RequireText("support_id", fact.support_id);
  checker.Require(fact.kind != Record::SUPPORT_KIND_UNSPECIFIED, "kind", "is required");
  checker.RequireDate("delivered_on", fact.delivered_on);
  checker.Require(fact.amount_vnd >= 0, "amount_vnd", "must not be negative");
  return ApplyChecked(fact.household_id, std::move(checker), record, [&fact](Record& r) {
    Record::DeliveredSupport* support =
        FindByKey(*r.mutable_supports(), fact.support_id,
                  [](const Record::DeliveredSupport& s) -> const std::string& { return s.support_id(); });
    if (support == nullptr) {
      support = r.add_supports();
      support->set_support_id(fact.support_id);
    }
    support->set_kind(fact.kind);
    support->set_delivered_on(fact.delivered_on);
    support->set_credit_programme(fact.credit_programme);
    support->set_amount_vnd(fact.amount_vnd);
    const SupportAttribution& attribution = fact.attribution;
    support->set_type(attribution.type);
    support->set_provider(attribution.provider);
    support->set_livelihood_model_id(attribution.livelihood_model_id);
    support->set_emergency_id(attribution.emergency_id);
    support->set_organization_id(attribution.organization_id);
    support->set_helper_id(attribution.helper_id);
    if (attribution.helper_id.empty() || attribution.organization_id.empty()) {
      // Events before SupportRecorded named the helper: the case as the
      // record knows it (its helper now, the nearest the record can tell).
      for (const Record::FollowUpCase& known : r.cases()) {
        if (known.case_id() != attribution.case_id) continue;
        if (attribution.helper_id.empty()) support->set_helper_id(known.helper_id());
        if (attribution.organization_id.empty()) support->set_organization_id(known.organization_id());
      }
    }
    SortEntries(*r.mutable_supports(),
                [](const Record::DeliveredSupport& a, const Record::DeliveredSupport& b) {
                  return a.support_id() < b.support_id();
                });
  });
}

ApplyOutcome Apply(const VisitRecording& fact, Record& record) {
  FactChecker checker(fact.household_id, record);
  checker.RequireDate("visited_on", fact.visited_on);
  return ApplyChecked(fact.household_id, std::move(checker), record, [&fact](Record& r) {
    auto& dates = *r.mutable_visit_dates();
    const auto position = std::lower_bound(dates.begin(), dates.end(), fact.visited_on);
    if (position != dates.end() && *position == fact.visited_on) return;
    // RepeatedPtrField has no insert: append, then rotate into place.
    const int index = static_cast<int>(position - dates.begin());
    r.add_visit_dates(fact.visited_on);
    std::rotate(dates.pointer_begin() + index, dates.pointer_end() - 1, dates.pointer_end());
  });
}

ApplyOutcome Apply(const ModelParticipationFact& fact, Record& record) {
  FactChecker checker(fact.household_id, record);
  checker.RequireText("model_id", fact.model_id);
  checker.RequireText("case_id", fact.case_id);
  checker.RequireDate("joined_on", fact.joined_on);
  if (!fact.left_on.empty()) checker.RequireDate("left_on", fact.left_on);
  return ApplyChecked(fact.household_id, std::move(checker), record, [&fact](Record& r) {
    Record::ModelTaking* taking = nullptr;
    for (Record::ModelTaking& known : *r.mutable_models()) {
      if (known.model_id() == fact.model_id && known.case_id() == fact.case_id) taking = &known;
    }
    if (taking == nullptr) {
      taking = r.add_models();
      taking->set_model_id(fact.model_id);
      taking->set_case_id(fact.case_id);
    }
    taking->set_joined_on(fact.joined_on);
    taking->set_left_on(fact.left_on);
    // The leaving event names the case's helper of its day: keep the joining's.
    if (!fact.organization_id.empty() && taking->organization_id().empty())
      taking->set_organization_id(fact.organization_id);
    if (!fact.helper_id.empty() && taking->helper_id().empty()) taking->set_helper_id(fact.helper_id);
    SortEntries(*r.mutable_models(), [](const Record::ModelTaking& a, const Record::ModelTaking& b) {
      return std::tie(a.model_id(), a.case_id()) < std::tie(b.model_id(), b.case_id());
    });
  });
}

ApplyOutcome Apply(const SurveyIncomeFact& fact, Record& record) {
  FactChecker checker(fact.household_id, record);
  checker.RequireText("survey_id", fact.survey_id);
  checker.RequireDate("survey_date", fact.survey_date);
  checker.Require(fact.income_per_capita_vnd >= 0, "income_per_capita_vnd", "must not be negative");
  return ApplyChecked(fact.household_id, std::move(checker), record, [&fact](Record& r) {
    auto& incomes = *r.mutable_incomes();
    for (int i = incomes.size() - 1; i >= 0; --i) {
      if (incomes[i].survey_id() == fact.survey_id || incomes[i].survey_id() == fact.corrects_survey_id) {
        incomes.DeleteSubrange(i, 1);
      }
    }
    Record::SurveyIncome* income = r.add_incomes();
    income->set_survey_id(fact.survey_id);
    income->set_survey_date(fact.survey_date);
    income->set_income_per_capita_vnd(fact.income_per_capita_vnd);
    SortEntries(incomes, [](const Record::SurveyIncome& a, const Record::SurveyIncome& b) {
      return std::tie(a.survey_date(), a.survey_id()) < std::tie(b.survey_date(), b.survey_id());
    });
  });
}

ApplyOutcome Apply(const EmergencyStrikeFact& fact, Record& record) {
  FactChecker checker(fact.household_id, record);
  checker.RequireText("emergency_id", fact.emergency_id);
  checker.RequireDate("affected_on", fact.affected_on);
  return ApplyChecked(fact.household_id, std::move(checker), record, [&fact](Record& r) {
    for (const Record::EmergencyStrike& known : r.emergencies()) {
      if (known.emergency_id() == fact.emergency_id) return;
    }
    Record::EmergencyStrike* strike = r.add_emergencies();
    strike->set_emergency_id(fact.emergency_id);
    strike->set_affected_on(fact.affected_on);
    SortEntries(*r.mutable_emergencies(),
                [](const Record::EmergencyStrike& a, const Record::EmergencyStrike& b) {
                  return a.emergency_id() < b.emergency_id();
                });
  });
}

ApplyOutcome Apply(const HouseholdErasure& fact, Record& record) {
  FactChecker checker(fact.household_id, record);
  return ApplyChecked(fact.household_id, std::move(checker), record, [](Record& r) { r.clear_incomes(); });
}

}  // namespace ansinh::monitoring
