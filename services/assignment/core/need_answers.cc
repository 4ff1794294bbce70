#include "assignment/core/need_answers.h"

namespace ansinh::assignment {

v1::SupportType SupportTypeAnswering(v1::NeedType need) {
  switch (need) {
    case v1::NEED_TYPE_LOAN:
      return v1::SUPPORT_TYPE_POLICY_CREDIT;
    case v1::NEED_TYPE_VOCATIONAL_TRAINING:
      return v1::SUPPORT_TYPE_VOCATIONAL_TRAINING;
    case v1::NEED_TYPE_JOB_PLACEMENT:
      return v1::SUPPORT_TYPE_JOB_PLACEMENT;
    case v1::NEED_TYPE_HEALTH_INSURANCE:
      return v1::SUPPORT_TYPE_HEALTH_INSURANCE_CARD;
    case v1::NEED_TYPE_HOUSING:
      return v1::SUPPORT_TYPE_HOUSING;
    case v1::NEED_TYPE_LIVELIHOOD:
      return v1::SUPPORT_TYPE_LIVELIHOOD_ASSETS;
    case v1::NEED_TYPE_TUITION:
      return v1::SUPPORT_TYPE_TUITION_EXEMPTION;
    case v1::NEED_TYPE_CLEAN_WATER_SANITATION:
      return v1::SUPPORT_TYPE_CLEAN_WATER_SANITATION;
    case v1::NEED_TYPE_OTHER:
      return v1::SUPPORT_TYPE_OTHER;
    case v1::NEED_TYPE_LABOUR_EXPORT:
      return v1::SUPPORT_TYPE_LABOUR_EXPORT;
    case v1::NEED_TYPE_LEGAL_AID:
      return v1::SUPPORT_TYPE_LEGAL_AID;
    case v1::NEED_TYPE_ELECTRICITY:
      return v1::SUPPORT_TYPE_ELECTRICITY_SUBSIDY;
    default:
      return v1::SUPPORT_TYPE_UNSPECIFIED;
  }
}

}  // namespace ansinh::assignment
