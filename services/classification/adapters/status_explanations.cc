#include "classification/adapters/status_explanations.h"

#include "classification/adapters/survey_store.h"
#include "classification/core/status_storage.h"

namespace ansinh::classification {

std::vector<v1::ApprovedResult> StatusExplanations::OfStatus(const StoredStatus& status) {
  std::vector<Entry> entries;
  for (const v1::StoredApprovedResult& stored : status.stored.history()) {
    entries.push_back({&status.stored.household_id(), &stored});
  }
  return ExplainEntries(entries);
}

std::vector<v1::ApprovedResult> StatusExplanations::OfRound(const std::vector<StoredStatus>& statuses,
                                                            const std::string& round_id) {
  std::vector<Entry> entries;
  for (const StoredStatus& status : statuses) {
    for (const v1::StoredApprovedResult& stored : status.stored.history()) {
      if (stored.round_id() == round_id) entries.push_back({&status.stored.household_id(), &stored});
    }
  }
  return ExplainEntries(entries);
}

std::vector<v1::ApprovedResult> StatusExplanations::ExplainEntries(const std::vector<Entry>& entries) {
  // Only lean results need their survey; whole ones are answered as kept.
  std::vector<SurveyReference> references;
  for (const Entry& entry : entries) {
    if (IsLean(*entry.stored)) {
      references.push_back({*entry.household_id, entry.stored->review_year(), entry.stored->survey_id()});
    }
  }
  const std::vector<std::optional<v1::Survey>> surveys =
      SurveyStore(redis_, environment_.keys).Referenced(references);
  std::vector<v1::ApprovedResult> explained;
  explained.reserve(entries.size());
  size_t next_survey = 0;
  for (const Entry& entry : entries) {
    const v1::Survey* survey = nullptr;
    if (IsLean(*entry.stored)) {
      const std::optional<v1::Survey>& found = surveys[next_survey++];
      if (found) survey = &*found;
    }
    explained.push_back(
        ExplainApprovedResult(*entry.household_id, *entry.stored, survey, environment_.catalog));
  }
  return explained;
}

}  // namespace ansinh::classification
