#include "assignment/core/support_details.h"

#include <string>

#include "assignment/core/credit_programmes.h"
#include "assignment/core/health_insurance_share.h"
#include "assignment/core/request_checks.h"

namespace ansinh::assignment {
namespace {

void CheckPolicyLoan(const v1::Case& current, const v1::RecordSupportRequest& request,
                     const Directory& directory, std::optional<CivilDate> delivered_on,
                     FieldViolations* violations) {
  if (request.credit_programme() == v1::CREDIT_PROGRAMME_UNSPECIFIED) {
    violations->push_back({"credit_programme",
                           "is required for policy credit (the VBSP programme: POOR_HOUSEHOLDS, "
                           "NEAR_POOR_HOUSEHOLDS, NEWLY_ESCAPED_HOUSEHOLDS, JOB_CREATION, LABOUR_EXPORT, "
                           "CLEAN_WATER_SANITATION, HOUSING or STUDENTS)"});
  } else if (FindCreditProgrammeRule(request.credit_programme()) == nullptr) {
    violations->push_back({"credit_programme", "is not a known programme (got " +
                                                   std::to_string(request.credit_programme()) + ")"});
  } else if (auto mismatch = CreditProgrammeMismatch(current, request.credit_programme(), delivered_on)) {
    violations->push_back({"credit_programme", *mismatch});
  }
  if (IsBlank(request.savings_group())) {
    violations->push_back({"savings_group",
                           "is required for policy credit (the savings-and-loan group, tổ tiết kiệm và vay "
                           "vốn, the loan was made through)"});
  } else {
    CheckOptionalText(request.savings_group(), "savings_group", kMaxSavingsGroupLength, violations);
  }
  const std::string& runner = request.savings_group_organization_id();
  if (!runner.empty() && directory.FindOrganization(runner) == nullptr) {
    violations->push_back(
        {"savings_group_organization_id", "names no organization of the ward (got \"" + runner + "\")"});
  }
}

void CheckHealthInsuranceCard(const v1::Case& current, const v1::RecordSupportRequest& request,
                              FieldViolations* violations) {
  if (!request.has_state_share_percent()) {
    violations->push_back(
        {"state_share_percent",
         "is required for a health-insurance card (the share of it the state pays, 0-100)"});
  } else if (auto mismatch = StateShareMismatch(current.category(), request.state_share_percent())) {
    violations->push_back({"state_share_percent", *mismatch});
  }
}

}  // namespace

void CheckTypeSpecificFields(const v1::Case& current, const v1::RecordSupportRequest& request,
                             const Directory& directory, std::optional<CivilDate> delivered_on,
                             FieldViolations* violations) {
  // Without a known type nothing says which fields belong; the type's own
  // violation is enough.
  if (request.type() == v1::SUPPORT_TYPE_UNSPECIFIED || !v1::SupportType_IsValid(request.type())) return;
  const bool loan = request.type() == v1::SUPPORT_TYPE_POLICY_CREDIT;
  const bool card = request.type() == v1::SUPPORT_TYPE_HEALTH_INSURANCE_CARD;
  if (loan) {
    CheckPolicyLoan(current, request, directory, delivered_on, violations);
  } else {
    const auto refuse = [violations](const char* field) {
      violations->push_back({field, "applies to policy credit only"});
    };
    if (request.credit_programme() != v1::CREDIT_PROGRAMME_UNSPECIFIED) refuse("credit_programme");
    if (!request.savings_group().empty()) refuse("savings_group");
    if (!request.savings_group_organization_id().empty()) refuse("savings_group_organization_id");
  }
  if (card) {
    CheckHealthInsuranceCard(current, request, violations);
  } else if (request.has_state_share_percent()) {
    violations->push_back({"state_share_percent", "applies to health-insurance cards only"});
  }
}

}  // namespace ansinh::assignment
