#pragma once

// Records changes to one case: every event bumps the case version by one and
// appends the history entry for it, so history versions and event aggregate
// versions agree and have no gaps. Used by the lifecycle and the staff
// operations; not part of the adapter-facing API.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <google/protobuf/timestamp.pb.h>

#include "ansinh/v1/assignment.pb.h"
#include "assignment/core/case_events.h"

namespace ansinh::assignment {

// Sets the three identity fields every case event payload starts with.
template <typename Payload>
void StampCase(const v1::Case& a_case, Payload* payload) {
  payload->set_case_id(a_case.case_id());
  payload->set_household_id(a_case.household_id());
  payload->set_residential_group(a_case.residential_group());
}

class CaseJournal {
 public:
  CaseJournal(v1::Case* target, v1::Actor actor, google::protobuf::Timestamp now)
      : target_(target), actor_(std::move(actor)), now_(std::move(now)) {}

  // One new version: its history entry and its event.
  void Record(v1::CaseAction action, std::string_view reason, std::string_view detail, EventPayload payload);

  // A further history entry belonging to the latest recorded version (e.g.
  // the helper released as part of a reopening).
  void Note(v1::CaseAction action, std::string_view reason, std::string_view detail);

  std::vector<PublishedEvent> TakeEvents() { return std::move(events_); }

 private:
  void AppendEntry(v1::CaseAction action, std::string_view reason, std::string_view detail);

  v1::Case* target_;
  v1::Actor actor_;
  google::protobuf::Timestamp now_;
  std::vector<PublishedEvent> events_;
};

}  // namespace ansinh::assignment
