#include "ward_fixture.h"

namespace ansinh::monitoring::testkit {

using Record = v1::HouseholdFigureRecord;

void WardBuilder::Register(const std::string& household, const std::string& group) {
  Feed(HouseholdRegistration{household, group});
}

void WardBuilder::Leave(const std::string& household, const std::string& left_on) {
  Feed(HouseholdDeparture{household, v1::HOUSEHOLD_STATUS_MOVED_OUT, left_on});
}

void WardBuilder::Dissolve(const std::string& household, const std::string& dissolved_on) {
  Feed(HouseholdDeparture{household, v1::HOUSEHOLD_STATUS_DISSOLVED, dissolved_on});
}

void WardBuilder::Approve(const std::string& household, const std::string& round, int year,
                          v1::PovertyCategory category, v1::Transition transition,
                          const std::string& approved_on, bool without_labour_capacity) {
  Feed(StatusApproval{household, round, year, year + 1, category, transition, without_labour_capacity,
                      approved_on});
}

void WardBuilder::Assign(const std::string& household, const std::string& case_id,
                         const std::string& organization, const std::string& on) {
  Feed(CaseAssignment{household, case_id, organization, on});
}

void WardBuilder::Close(const std::string& household, const std::string& case_id, const std::string& on) {
  Feed(CaseClosure{household, case_id, on});
}

void WardBuilder::Helper(const std::string& household, const std::string& case_id, const std::string& helper,
                         const std::string& on) {
  Feed(HelperAssignment{household, case_id, "", helper, on});
}

void WardBuilder::Need(const std::string& household, const std::string& need_id, NeedKind kind,
                       const std::string& on) {
  Feed(NeedRecording{household, need_id, kind, on});
}

void WardBuilder::MarkNeed(const std::string& household, const std::string& need_id,
                           monitoring::NeedState state, const std::string& on) {
  Feed(NeedStatusChange{household, need_id, Record::NEED_KIND_UNSPECIFIED, state, on});
}

void WardBuilder::Support(const std::string& household, const std::string& support_id, SupportKind kind,
                          const std::string& on) {
  Feed(SupportDelivery{household, support_id, kind, on});
}

void WardBuilder::Loan(const std::string& household, const std::string& support_id,
                       v1::CreditProgramme programme, std::int64_t amount_vnd, const std::string& on) {
  Feed(SupportDelivery{household, support_id, Record::SUPPORT_KIND_CREDIT, on, programme, amount_vnd});
}

void WardBuilder::Visit(const std::string& household, const std::string& on) {
  Feed(VisitRecording{household, on});
}

// The sample ward. Category in force for 2024 and what counts (as of 2025-03-31):
//
//   H01 TDP-01 POOR, no labour capacity; womens-union + helper; visited
//       2025-02-01; loan need answered by credit; training need open.
//   H02 TDP-01 POOR (near-poor to poor); farmers-union, no helper; last visit
//       2024-11-01 (too old); loan need marked met.
//   H03 TDP-01 AVERAGE, escaped poverty in 2024; case closed; loan need open
//       (counts: newly escaped households keep policy credit).
//   H04 TDP-02 NEAR_POOR, newly near-poor; no case; a training need (not
//       counted: the training target is about poor households) and a loan
//       need recorded after 2025-03-31 (not counted yet).
//   H05 TDP-02 POOR, relapsed, no labour capacity; veterans + helper;
//       visited 2025-03-30; training need answered by training.
//   H06 TDP-02 NOT_POOR (first approval).
//   H07 TDP-01 and H08 TDP-02: registered, never classified.
//   H09 TDP-01 NOT_POOR, escaped near-poverty in 2024.
//   H10 TDP-02 POOR, newly poor; moved out 2025-02-01 (still counted in
//       2024); no case; loan need withdrawn (not counted).
//   H11 TDP-01 POOR in 2023, moved out 2024-06-01 (not counted in 2024).
std::vector<ApplyOutcome> FeedSampleWard(WardProjection& projection) {
  WardBuilder ward(projection);
  constexpr auto kPoor = v1::POVERTY_CATEGORY_POOR;
  constexpr auto kNearPoor = v1::POVERTY_CATEGORY_NEAR_POOR;

  for (const char* household : {"H01", "H02", "H03", "H07", "H09", "H11"}) {
    ward.Register(household, "TDP-01");
  }
  for (const char* household : {"H04", "H05", "H06", "H08", "H10"}) {
    ward.Register(household, "TDP-02");
  }

  ward.Approve("H05", "R2022", 2022, kPoor, v1::TRANSITION_NEWLY_POOR, "2022-12-10");
  ward.Approve("H01", "R2023", 2023, kPoor, v1::TRANSITION_NEWLY_POOR, "2023-12-12", true);
  ward.Approve("H02", "R2023", 2023, kNearPoor, v1::TRANSITION_NEWLY_NEAR_POOR, "2023-12-12");
  ward.Approve("H03", "R2023", 2023, kPoor, v1::TRANSITION_NEWLY_POOR, "2023-12-12");
  ward.Approve("H05", "R2023", 2023, v1::POVERTY_CATEGORY_NOT_POOR, v1::TRANSITION_ESCAPED_POVERTY,
               "2023-12-12");
  ward.Approve("H09", "R2023", 2023, kNearPoor, v1::TRANSITION_NEWLY_NEAR_POOR, "2023-12-12");
  ward.Approve("H11", "R2023", 2023, kPoor, v1::TRANSITION_NEWLY_POOR, "2023-12-12");

  ward.Approve("H01", "R2024", 2024, kPoor, v1::TRANSITION_UNCHANGED, "2024-12-10", true);
  ward.Approve("H02", "R2024", 2024, kPoor, v1::TRANSITION_NEAR_POOR_TO_POOR, "2024-12-10");
  ward.Approve("H03", "R2024", 2024, v1::POVERTY_CATEGORY_AVERAGE, v1::TRANSITION_ESCAPED_POVERTY,
               "2024-12-10");
  ward.Approve("H04", "R2024", 2024, kNearPoor, v1::TRANSITION_NEWLY_NEAR_POOR, "2024-12-10");
  ward.Approve("H05", "R2024", 2024, kPoor, v1::TRANSITION_RELAPSED, "2024-12-10", true);
  ward.Approve("H06", "R2024", 2024, v1::POVERTY_CATEGORY_NOT_POOR, v1::TRANSITION_UNSPECIFIED, "2024-12-10");
  ward.Approve("H09", "R2024", 2024, v1::POVERTY_CATEGORY_NOT_POOR, v1::TRANSITION_ESCAPED_NEAR_POVERTY,
               "2024-12-10");
  ward.Approve("H10", "R2024", 2024, kPoor, v1::TRANSITION_NEWLY_POOR, "2024-12-10");

  ward.Leave("H11", "2024-06-01");
  ward.Leave("H10", "2025-02-01");

  ward.Assign("H01", "C01", "womens-union", "2024-01-05");
  ward.Helper("H01", "C01", "women-03", "2024-01-10");
  ward.Visit("H01", "2025-02-01");
  ward.Need("H01", "N1", Record::NEED_KIND_LOAN, "2024-03-01");
  ward.Support("H01", "S1", Record::SUPPORT_KIND_CREDIT, "2024-04-01");
  ward.Need("H01", "N2", Record::NEED_KIND_TRAINING, "2024-05-01");

  ward.Assign("H02", "C02", "farmers-union", "2024-12-15");
  ward.Visit("H02", "2024-11-01");
  ward.Need("H02", "N1", Record::NEED_KIND_LOAN, "2025-01-10");
  ward.MarkNeed("H02", "N1", Record::NEED_STATE_MET, "2025-02-01");

  ward.Assign("H03", "C03", "youth-union", "2024-01-05");
  ward.Close("H03", "C03", "2025-01-15");
  ward.Need("H03", "N1", Record::NEED_KIND_LOAN, "2025-01-05");

  ward.Need("H04", "N1", Record::NEED_KIND_TRAINING, "2025-01-20");
  ward.Need("H04", "N2", Record::NEED_KIND_LOAN, "2025-04-10");

  ward.Assign("H05", "C05", "veterans", "2024-12-20");
  ward.Helper("H05", "C05", "veteran-01", "2025-01-02");
  ward.Visit("H05", "2025-03-30");
  ward.Need("H05", "N1", Record::NEED_KIND_TRAINING, "2025-01-05");
  ward.Support("H05", "S1", Record::SUPPORT_KIND_TRAINING, "2025-02-10");

  ward.Need("H10", "N1", Record::NEED_KIND_LOAN, "2024-12-20");
  ward.MarkNeed("H10", "N1", Record::NEED_STATE_WITHDRAWN, "2025-01-15");

  return ward.outcomes();
}

}  // namespace ansinh::monitoring::testkit
