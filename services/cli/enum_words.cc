#include "enum_words.h"

#include "ansinh/v1/assignment.pb.h"
#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/corrections.pb.h"
#include "ansinh/v1/household.pb.h"
#include "ansinh/v1/livelihood.pb.h"
#include "ansinh/v1/monitoring.pb.h"
#include "ansinh/v1/standard.pb.h"
#include "ansinh/v1/tokens.pb.h"
#include "i18n/proto/localized_text.h"
#include "words.h"

namespace ansinh::cli {

const std::vector<EnumNamespace>& DisplayedEnums() {
  static const std::vector<EnumNamespace> kEnums = {
      {v1::Role_descriptor(), "role.", ""},
      {v1::AreaType_descriptor(), "area.", ""},
      {v1::PovertyCategory_descriptor(), "category.", ""},
      {v1::Transition_descriptor(), "transition.", ""},
      {v1::ReviewKind_descriptor(), "review_kind.", ""},
      {v1::IncomeBasis_descriptor(), "income_basis.", ""},
      {v1::RoundStatus_descriptor(), "round_status.", ""},
      {v1::HouseholdReviewState_descriptor(), "review_state.", ""},
      {v1::CaseState_descriptor(), "case_state.", ""},
      {v1::NeedType_descriptor(), "need_type.", ""},
      {v1::NeedStatus_descriptor(), "need_status.", ""},
      {v1::SupportType_descriptor(), "support_type.", ""},
      {v1::CreditProgramme_descriptor(), "credit_programme.", ""},
      {v1::ListReason_descriptor(), "list_reason.", ""},
      {v1::ListDecisionKind_descriptor(), "list_decision.", ""},
      {v1::ObservedChange_descriptor(), "observed_change.", ""},
      {v1::CaseAction_descriptor(), "case_action.", ""},
      {v1::HouseholdStatus_descriptor(), "household_status.", ""},
      {v1::CorrectionStatus_descriptor(), "correction_status.", ""},
      {v1::Sex_descriptor(), "sex.", ""},
      {v1::RelationToHead_descriptor(), "relation.", ""},
      {v1::EducationLevel_descriptor(), "education.", ""},
      {v1::Employment_descriptor(), "employment.", ""},
      {v1::Nutrition_descriptor(), "nutrition.", ""},
      {v1::WaterSource_descriptor(), "water_source.", ""},
      {v1::LatrineType_descriptor(), "latrine.", ""},
      {v1::UntreatedIllness_descriptor(), "untreated_illness.", ""},
      {v1::Dimension_descriptor(), "dimension.", ""},
      {v1::IndicatorKind_descriptor(), "indicator.", ".title"},
      {v1::WardAlert::Kind_descriptor(), "alert_kind.", ""},
      {v1::ScorecardLine::Status_descriptor(), "scorecard_status.", ""},
      {v1::AuditChainFinding::Kind_descriptor(), "finding_kind.", ""},
      {v1::TrendPoint::Source_descriptor(), "trend_source.", ""},
      {v1::TargetDefinition::Measure_descriptor(), "target.", ""},
      {v1::TokenSource_descriptor(), "token_source.", ""},
      {v1::LivelihoodModelKind_descriptor(), "livelihood_kind.", ""},
      {v1::EmergencyKind_descriptor(), "emergency_kind.", ""},
  };
  return kEnums;
}

std::string EnumKey(const google::protobuf::EnumDescriptor& descriptor, int number) {
  if (number == 0) return "";
  for (const EnumNamespace& known : DisplayedEnums()) {
    if (known.descriptor != &descriptor) continue;
    return std::string(known.prefix) + i18n::EnumValueName(descriptor, number) + std::string(known.suffix);
  }
  return "";
}

std::string EnumWords(const google::protobuf::EnumDescriptor& descriptor, int number) {
  if (number == 0) return "-";
  const std::string key = EnumKey(descriptor, number);
  return key.empty() ? i18n::EnumValueName(descriptor, number) : Tr(key);
}

}  // namespace ansinh::cli
