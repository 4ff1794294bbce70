#include "assignment/adapters/household_erasure.h"

#include "assignment/adapters/case_store.h"
#include "personal_data/personal_fields.h"

namespace ansinh::assignment {

void ApplyHouseholdErasure(events::ApplyContext& ctx, const AssignmentKeys& keys,
                           const std::string& household_id) {
  CaseStore store(ctx.redis(), keys);
  ctx.Watch(keys.HouseholdLatestCase(household_id));
  const std::optional<std::string> case_id = store.LatestCaseId(household_id);
  if (!case_id) return;  // never poor or near-poor: no case
  ctx.Watch(keys.Case(household_id, *case_id));
  const std::optional<v1::Case> before = store.Load(*case_id);
  if (!before) return;
  v1::Case after = *before;
  // Every marked field at any depth: needs, support, visits, and the notes
  // of the participations in livelihood models and of the emergency marks.
  personal_data::DropPersonalFields(after);
  // History words written by earlier versions may repeat a need's
  // description or a support's amount; the actions and dates stay.
  for (v1::CaseHistoryEntry& entry : *after.mutable_history()) entry.clear_detail();
  store.QueueSave(ctx.effects(), &*before, after);
}

}  // namespace ansinh::assignment
