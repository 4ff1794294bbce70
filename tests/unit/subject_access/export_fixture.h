#pragma once

// A household export as the gatherer puts it together: three members, a
// survey with their snapshot, an approved result whose explanations name
// members, a case with a need, a support record and a visit, two correction
// requests.

#include "ansinh/v1/subject_access.pb.h"

namespace ansinh::subject_access::testkit {

inline v1::Member Member(const std::string& id, const std::string& name, const std::string& born,
                         const std::string& national_id) {
  v1::Member member;
  member.set_member_id(id);
  member.set_full_name(name);
  member.set_date_of_birth(born);
  member.set_national_id(national_id);
  member.set_sex(v1::SEX_FEMALE);
  member.set_relation_to_head(id == "M1" ? v1::RELATION_TO_HEAD_HEAD : v1::RELATION_TO_HEAD_CHILD);
  member.set_has_health_insurance(true);
  member.set_has_disability(id == "M3");
  member.set_monthly_social_allowance_vnd(id == "M3" ? 540'000 : 0);
  return member;
}

inline v1::ClassificationResult Explained() {
  v1::ClassificationResult result;
  result.set_household_id("HH-000042");
  result.set_survey_id("SV-2025-000042-1");
  result.set_category(v1::POVERTY_CATEGORY_POOR);
  result.set_income_value(1'500'000);
  result.set_income_basis(v1::INCOME_BASIS_MEASURED_INCOME);
  result.set_income_reason("measured income 1,500,000 VND is at or below the line");
  result.set_labour_capacity_reason("can work: Lê Thị Mơ (45); cannot: Lê Văn Tí (9)");
  v1::IndicatorResult* insurance = result.add_indicators();
  insurance->set_kind(v1::INDICATOR_KIND_HEALTH_INSURANCE);
  insurance->set_deprived(true);
  insurance->add_member_ids("M2");
  insurance->add_member_ids("M3");
  insurance->set_reason("Lê Văn Tí (9) and Lê Thị Na (12) have no health insurance");
  v1::IndicatorResult* housing = result.add_indicators();
  housing->set_kind(v1::INDICATOR_KIND_HOUSING_QUALITY);
  housing->set_deprived(false);
  housing->set_reason("walls, columns and roof are durable");
  return result;
}

inline v1::SubjectAccessExport HouseholdExport() {
  v1::SubjectAccessExport exported;
  exported.set_export_id("e-1");
  exported.set_household_id("HH-000042");
  exported.mutable_exported_by()->set_name("Trần Văn Bình");
  exported.mutable_exported_by()->set_role(v1::ROLE_WARD_OFFICER);
  exported.mutable_exported_at()->set_seconds(1'765'000'000);
  v1::Household& household = *exported.mutable_household();
  household.set_household_id("HH-000042");
  household.set_code("T05-042");
  household.set_address("số 3 kiệt 7 Trần Phú");
  household.set_residential_group("TDP-05");
  household.set_head_member_id("M1");
  household.set_version(3);
  *household.add_members() = Member("M1", "Lê Thị Mơ", "1980-02-03", "046180111111");
  *household.add_members() = Member("M2", "Lê Văn Tí", "2016-05-06", "");
  *household.add_members() = Member("M3", "Lê Thị Na", "2013-07-08", "046213333333");
  v1::Survey& survey = *exported.add_surveys();
  survey.set_survey_id("SV-2025-000042-1");
  survey.set_survey_date("2025-10-07");
  survey.set_review_year(2025);
  survey.set_has_income_per_capita(true);
  survey.set_income_per_capita_vnd(1'500'000);
  *survey.mutable_members() = household.members();
  *exported.mutable_official_status()->mutable_result() = Explained();
  exported.mutable_official_status()->set_round_id("R-2025");
  exported.mutable_official_status()->set_approved_date("2025-11-07");
  *exported.mutable_latest_classification() = Explained();
  v1::Case& one = *exported.add_cases();
  one.set_case_id("CASE-HH-000042-1");
  one.set_organization_id("womens-union");
  v1::Need& need = *one.add_needs();
  need.set_need_id("N1");
  need.set_type(v1::NEED_TYPE_HEALTH_INSURANCE);
  need.set_description("thẻ BHYT cho Lê Thị Na");
  v1::SupportRecord& support = *one.add_support_records();
  support.set_support_id("S1");
  support.set_type(v1::SUPPORT_TYPE_POLICY_CREDIT);
  support.set_amount_vnd(50'000'000);
  support.set_provider("VBSP");
  support.set_delivered_on("2025-12-01");
  support.set_description("vay nuôi bò, Lê Thị Mơ đứng tên");
  v1::Visit& visit = *one.add_visits();
  visit.set_visit_id("V1");
  visit.set_visited_on("2025-12-10");
  visit.set_notes("Na đi học đều, Tí bị sốt");
  v1::ModelParticipation& participation = *one.add_participations();
  participation.set_model_id("bo-giong-tdp05");
  participation.set_joined_on("2025-12-02");
  participation.set_note("nhận 1 con bò, Tí chăn");
  v1::EmergencyMark& mark = *one.add_emergency_marks();
  mark.set_emergency_id("EMG-2025-1");
  mark.set_affected_on("2025-10-29");
  mark.set_note("nhà ngập, Lê Văn Tí bị thương");
  one.add_history()->set_detail("need N1 HEALTH_INSURANCE");
  v1::CorrectionRequest& mine = *exported.add_correction_requests();
  mine.set_request_id("HH-000042-C1");
  mine.set_member_id("M3");
  mine.set_field("date_of_birth");
  mine.set_requested_value("2013-07-18");
  mine.set_requested_by("Lê Thị Mơ, mẹ");
  v1::CorrectionRequest& theirs = *exported.add_correction_requests();
  theirs.set_request_id("HH-000042-C2");
  theirs.set_member_id("M2");
  theirs.set_field("full_name");
  theirs.set_requested_value("Lê Văn Tý");
  return exported;
}

}  // namespace ansinh::subject_access::testkit
