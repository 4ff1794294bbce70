#include "assignment/core/case_journal.h"

namespace ansinh::assignment {

void CaseJournal::Record(v1::CaseAction action, std::string_view reason, std::string_view detail,
                         EventPayload payload) {
  target_->set_version(target_->version() + 1);
  AppendEntry(action, reason, detail);
  PublishedEvent event;
  event.event_type = std::string(EventTypeOf(payload));
  event.aggregate_type = std::string(kCaseAggregate);
  event.aggregate_id = target_->case_id();
  event.aggregate_version = target_->version();
  event.household_id = target_->household_id();
  event.payload = std::move(payload);
  events_.push_back(std::move(event));
}

void CaseJournal::Note(v1::CaseAction action, std::string_view reason, std::string_view detail) {
  AppendEntry(action, reason, detail);
}

void CaseJournal::AppendEntry(v1::CaseAction action, std::string_view reason, std::string_view detail) {
  v1::CaseHistoryEntry* entry = target_->add_history();
  entry->set_version(target_->version());
  *entry->mutable_at() = now_;
  *entry->mutable_actor() = actor_;
  entry->set_action(action);
  entry->set_reason(std::string(reason));
  entry->set_detail(std::string(detail));
}

}  // namespace ansinh::assignment
