#include "classification/core/status_storage.h"

#include <utility>

#include "classification/core/classifier.h"
#include "i18n/proto/localized_text.h"

namespace ansinh::classification {
namespace {

// The approved result's own fields, which both forms keep.
void CopyApprovalFields(const v1::ApprovedResult& approved, v1::StoredApprovedResult& stored) {
  stored.set_round_id(approved.round_id());
  stored.set_review_year(approved.review_year());
  stored.set_list_year(approved.list_year());
  stored.set_review_kind(approved.review_kind());
  stored.set_approved_by(approved.approved_by());
  stored.set_approved_date(approved.approved_date());
  stored.set_decision_number(approved.decision_number());
  stored.set_transition(approved.transition());
  stored.set_previous_category(approved.previous_category());
  stored.set_residential_group(approved.residential_group());
}

v1::ApprovedResult ApprovalFieldsOf(const std::string& household_id, const v1::StoredApprovedResult& stored) {
  v1::ApprovedResult approved;
  approved.set_household_id(household_id);
  approved.set_residential_group(stored.residential_group());
  approved.set_round_id(stored.round_id());
  approved.set_review_year(stored.review_year());
  approved.set_list_year(stored.list_year());
  approved.set_review_kind(stored.review_kind());
  approved.set_approved_by(stored.approved_by());
  approved.set_approved_date(stored.approved_date());
  approved.set_decision_number(stored.decision_number());
  approved.set_transition(stored.transition());
  approved.set_previous_category(stored.previous_category());
  return approved;
}

// The facts a lean form keeps of a result, as a result.
v1::ClassificationResult FactsResultOf(const std::string& household_id,
                                       const v1::StoredApprovedResult& stored) {
  v1::ClassificationResult result;
  result.set_household_id(household_id);
  result.set_survey_id(stored.survey_id());
  result.set_residential_group(stored.residential_group());
  result.set_standard_id(stored.standard_id());
  result.set_standard_version(stored.standard_version());
  result.set_review_year(stored.review_year());
  result.set_list_year(stored.list_year());
  result.set_category(stored.category());
  result.set_without_labour_capacity(stored.without_labour_capacity());
  result.set_deprivation_count(stored.deprivation_count());
  for (const int kind : stored.deprived_indicators()) {
    v1::IndicatorResult* indicator = result.add_indicators();
    indicator->set_kind(static_cast<v1::IndicatorKind>(kind));
    indicator->set_deprived(true);
  }
  return result;
}

// True when `result` has the facts the lean form kept.
bool HasStoredFacts(const v1::ClassificationResult& result, const v1::StoredApprovedResult& stored) {
  if (result.category() != stored.category() ||
      result.without_labour_capacity() != stored.without_labour_capacity() ||
      result.deprivation_count() != stored.deprivation_count()) {
    return false;
  }
  int next = 0;
  for (const v1::IndicatorResult& indicator : result.indicators()) {
    if (!indicator.deprived()) continue;
    if (next >= stored.deprived_indicators_size() || stored.deprived_indicators(next) != indicator.kind()) {
      return false;
    }
    ++next;
  }
  return next == stored.deprived_indicators_size();
}

Error CannotRederive(const std::string& household_id, const v1::StoredApprovedResult& stored, std::string why,
                     std::string key) {
  return Error::FailedPrecondition("the explanation of household " + household_id + "'s result approved by " +
                                   stored.round_id() + " cannot be re-derived: " + why)
      .WithKey(std::move(key), {{"household", household_id},
                                {"round", stored.round_id()},
                                {"survey", stored.survey_id()},
                                {"standard", stored.standard_id()},
                                {"version", std::to_string(stored.standard_version())}});
}

Error SurveyNotKept(const std::string& household_id, const v1::StoredApprovedResult& stored) {
  return CannotRederive(household_id, stored, "its survey " + stored.survey_id() + " is not kept",
                        "status.explanation_unavailable.survey");
}

}  // namespace

v1::StoredApprovedResult LeanFormOf(const v1::ApprovedResult& approved) {
  v1::StoredApprovedResult stored;
  CopyApprovalFields(approved, stored);
  const v1::ClassificationResult& result = approved.result();
  stored.set_survey_id(result.survey_id());
  stored.set_standard_id(result.standard_id());
  stored.set_standard_version(result.standard_version());
  stored.set_category(result.category());
  stored.set_without_labour_capacity(result.without_labour_capacity());
  stored.set_deprivation_count(result.deprivation_count());
  for (const v1::IndicatorResult& indicator : result.indicators()) {
    if (indicator.deprived()) stored.add_deprived_indicators(indicator.kind());
  }
  return stored;
}

v1::StoredApprovedResult WholeFormOf(const v1::ApprovedResult& approved) {
  v1::StoredApprovedResult stored;
  CopyApprovalFields(approved, stored);
  *stored.mutable_whole_result() = approved.result();
  return stored;
}

v1::StoredApprovedResult StoredFormOf(const v1::ApprovedResult& approved, const v1::Survey* survey,
                                      const StandardCatalog& catalog) {
  v1::StoredApprovedResult lean = LeanFormOf(approved);
  if (survey == nullptr) return WholeFormOf(approved);
  const Result<v1::ClassificationResult> rederived =
      Rederive(approved.household_id(), lean, *survey, catalog);
  // Equal serializations are equal results, field by field (a message's
  // fields serialize in number order and it has no map); comparing bytes
  // costs a fraction of a reflective comparison on each approved household.
  // Anything that tells them apart, unknown fields included, keeps it whole.
  if (!rederived.ok() || rederived->SerializeAsString() != approved.result().SerializeAsString()) {
    return WholeFormOf(approved);
  }
  return lean;
}

v1::StoredOfficialStatus StoredFormOfLegacy(const v1::OfficialStatus& status) {
  v1::StoredOfficialStatus stored;
  stored.set_household_id(status.household_id());
  for (const v1::ApprovedResult& approved : status.history()) *stored.add_history() = WholeFormOf(approved);
  return stored;
}

v1::ApprovedResult FactsOf(const std::string& household_id, const v1::StoredApprovedResult& stored) {
  v1::ApprovedResult approved = ApprovalFieldsOf(household_id, stored);
  *approved.mutable_result() = IsLean(stored) ? FactsResultOf(household_id, stored) : stored.whole_result();
  return approved;
}

v1::OfficialStatus FactsOf(const v1::StoredOfficialStatus& stored) {
  v1::OfficialStatus status;
  status.set_household_id(stored.household_id());
  for (const v1::StoredApprovedResult& approved : stored.history()) {
    *status.add_history() = FactsOf(stored.household_id(), approved);
  }
  return status;
}

Result<v1::ClassificationResult> Rederive(const std::string& household_id,
                                          const v1::StoredApprovedResult& stored, const v1::Survey& survey,
                                          const StandardCatalog& catalog) {
  const v1::Standard* standard = catalog.FindById(stored.standard_id());
  if (standard == nullptr || standard->version() != stored.standard_version()) {
    return CannotRederive(household_id, stored,
                          "standard " + stored.standard_id() + " version " +
                              std::to_string(stored.standard_version()) + " is not loaded",
                          "status.explanation_unavailable.standard");
  }
  if (survey.survey_id() != stored.survey_id() || survey.household_id() != household_id) {
    return SurveyNotKept(household_id, stored);
  }
  Result<v1::ClassificationResult> result = Classify(survey, *standard);
  if (!result.ok() || !HasStoredFacts(*result, stored)) {
    return CannotRederive(
        household_id, stored,
        "classifying survey " + stored.survey_id() + " again no longer gives the approved result",
        "status.explanation_unavailable.differs");
  }
  result->set_list_year(stored.list_year());
  return result;
}

v1::ApprovedResult ExplainApprovedResult(const std::string& household_id,
                                         const v1::StoredApprovedResult& stored, const v1::Survey* survey,
                                         const StandardCatalog& catalog) {
  v1::ApprovedResult approved = FactsOf(household_id, stored);
  if (!IsLean(stored)) return approved;
  Result<v1::ClassificationResult> rederived =
      survey == nullptr ? Result<v1::ClassificationResult>(SurveyNotKept(household_id, stored))
                        : Rederive(household_id, stored, *survey, catalog);
  if (rederived.ok()) {
    *approved.mutable_result() = std::move(rederived).value();
    return approved;
  }
  approved.set_explanation_unavailable(rederived.error().message);
  *approved.mutable_explanation_unavailable_text() = i18n::TextOf(rederived.error());
  return approved;
}

}  // namespace ansinh::classification
