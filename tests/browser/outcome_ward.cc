#include "outcome_ward.h"

#include <stdexcept>
#include <string>
#include <vector>

#include "ansinh/v1/registry.grpc.pb.h"
#include "household_builders.h"
#include "kernel/ward_clock.h"

namespace ansinh::browser {
namespace {

using testkit::AuthorizedContext;

struct SupportedHousehold {
  const char* head;
  v1::Sex sex;
  const char* born;
  const char* address;
  // Income per person per month, VND, in the survey before the support and
  // in the one after it.
  int64_t income_before;
  int64_t income_after;
};

// The first kOutcomeEscapedCount escape, the first kOutcomeLoanCount also
// get a loan. Names share nothing with the rest of the ward, so that the
// household searches of the other tests find exactly what they expect.
const SupportedHousehold kSupported[kOutcomeHouseholdCount] = {
    {"Cao Thị Nhàn", v1::SEX_FEMALE, "1975-04-11", "3 Kiệt 14 Bùi Thị Xuân", 1'100'000, 1'900'000},
    {"Tôn Thất Bảo", v1::SEX_MALE, "1968-08-23", "5 Kiệt 14 Bùi Thị Xuân", 950'000, 1'750'000},
    {"Lương Thị Yến", v1::SEX_FEMALE, "1981-01-30", "8 Kiệt 20 Bùi Thị Xuân", 1'200'000, 2'050'000},
    {"Mai Văn Khánh", v1::SEX_MALE, "1970-06-05", "11 Kiệt 20 Bùi Thị Xuân", 1'000'000, 1'800'000},
    {"Ông Thị Lựu", v1::SEX_FEMALE, "1963-12-19", "2 Kiệt 31 Bùi Thị Xuân", 1'050'000, 1'950'000},
    {"Văn Đình Quý", v1::SEX_MALE, "1959-03-03", "6 Kiệt 31 Bùi Thị Xuân", 900'000, 1'150'000},
    {"Tạ Thị Duyên", v1::SEX_FEMALE, "1984-09-14", "9 Kiệt 40 Bùi Thị Xuân", 980'000, 1'200'000},
    {"Khúc Văn Toàn", v1::SEX_MALE, "1977-02-27", "12 Kiệt 40 Bùi Thị Xuân", 870'000, 1'050'000},
    {"Âu Thị Hạnh", v1::SEX_FEMALE, "1972-10-08", "15 Kiệt 52 Bùi Thị Xuân", 920'000, 1'100'000},
    {"Đinh Văn Sang", v1::SEX_MALE, "1966-05-16", "18 Kiệt 52 Bùi Thị Xuân", 1'010'000, 1'250'000},
};

// Serials of their CCCD numbers, after the rest of the ward's.
constexpr int kFirstSerial = 100;
constexpr const char* kHelper = "front-01";

std::string DaysFrom(CivilDate day, int days) { return FormatIsoDate(AddDays(day, days)); }

v1::RecordSupportRequest HealthInsuranceCard(const std::string& case_id, const std::string& delivered_on) {
  v1::RecordSupportRequest support;
  support.set_case_id(case_id);
  support.set_type(v1::SUPPORT_TYPE_HEALTH_INSURANCE_CARD);
  support.set_amount_vnd(1'105'000);
  support.set_provider("BHXH thành phố Huế");
  support.set_delivered_on(delivered_on);
  support.set_state_share_percent(100);
  support.set_reason("Danh sách cấp thẻ BHYT hộ nghèo");
  return support;
}

v1::RecordSupportRequest PolicyLoan(const std::string& case_id, const std::string& delivered_on) {
  v1::RecordSupportRequest support;
  support.set_case_id(case_id);
  support.set_type(v1::SUPPORT_TYPE_POLICY_CREDIT);
  support.set_amount_vnd(30'000'000);
  support.set_provider("Ngân hàng Chính sách xã hội");
  support.set_delivered_on(delivered_on);
  support.set_credit_programme(v1::CREDIT_PROGRAMME_POOR_HOUSEHOLDS);
  support.set_savings_group("Tổ TK&VV Mặt trận TDP-04");
  support.set_reason("Hợp đồng tín dụng NHCSXH");
  return support;
}

// The model every supported household joined soon after its card.
void LoadModel(v1::Assignment::Stub& assignment, const std::string& officer, CivilDate listed,
               const std::vector<std::string>& ids) {
  v1::UpsertLivelihoodModelRequest upsert;
  v1::LivelihoodModel& model = *upsert.mutable_model();
  model.set_model_id(kOutcomeModelId);
  model.set_name("Nuôi bò sinh sản TDP 4");
  model.set_kind(v1::LIVELIHOOD_MODEL_KIND_LIVESTOCK);
  model.set_organization_id("fatherland-front");
  model.set_started_on(DaysFrom(listed, 25));
  model.set_resources_vnd(200'000'000);
  model.set_resources_description("20 con bò giống, 2 lớp tập huấn chăn nuôi");
  model.add_residential_groups(kOutcomeGroup);
  upsert.set_reason("Kế hoạch giảm nghèo của phường");
  v1::UpsertLivelihoodModelResponse upserted;
  ThrowUnlessOk(assignment.UpsertLivelihoodModel(AuthorizedContext(officer).get(), upsert, &upserted),
                "creating the livelihood model");
  v1::JoinLivelihoodModelRequest join;
  join.set_model_id(kOutcomeModelId);
  for (const std::string& id : ids) join.add_household_ids(id);
  join.set_joined_on(DaysFrom(listed, 30));
  join.set_note("2 con bò giống");
  join.set_reason("Danh sách hộ tham gia mô hình");
  v1::JoinLivelihoodModelResponse joined;
  ThrowUnlessOk(assignment.JoinLivelihoodModel(AuthorizedContext(officer).get(), join, &joined),
                "joining the households to the model");
  for (const v1::CaseOperationOutcome& outcome : joined.outcomes()) {
    if (!outcome.done())
      throw std::runtime_error("the model refused " + outcome.household_id() + ": " + outcome.refusal());
  }
}

// A flood of the year after: four households still poor struck, three of
// them given relief; the fourth is waiting for someone's visit.
void LoadFlood(v1::Assignment::Stub& assignment, const std::string& officer, CivilDate listed,
               const std::vector<std::string>& ids) {
  const CivilDate began = AddDays(listed, 480);
  v1::DeclareEmergencyRequest declare;
  v1::Emergency& flood = *declare.mutable_emergency();
  flood.set_kind(v1::EMERGENCY_KIND_FLOOD);
  flood.set_name("Lũ lụt tháng " + std::to_string(static_cast<unsigned>(began.month())) + "/" +
                 std::to_string(static_cast<int>(began.year())));
  flood.set_began_on(FormatIsoDate(began));
  flood.set_ended_on(DaysFrom(began, 5));
  flood.add_residential_groups(kOutcomeGroup);
  declare.set_reason("Công văn của UBND phường");
  v1::DeclareEmergencyResponse declared;
  ThrowUnlessOk(assignment.DeclareEmergency(AuthorizedContext(officer).get(), declare, &declared),
                "declaring the flood");
  const std::string emergency_id = declared.emergency().emergency_id();
  v1::MarkAffectedRequest mark;
  mark.set_emergency_id(emergency_id);
  for (int i = kOutcomeEscapedCount; i < kOutcomeEscapedCount + kFloodAffectedCount; ++i) {
    mark.add_household_ids(ids[static_cast<size_t>(i)]);
  }
  mark.set_affected_on(DaysFrom(began, 1));
  mark.set_note("nhà ngập 1,2 m");
  mark.set_reason("Báo cáo của tổ dân phố");
  v1::MarkAffectedResponse marked;
  ThrowUnlessOk(assignment.MarkAffected(AuthorizedContext(officer).get(), mark, &marked),
                "marking the flood's households");
  for (int i = 0; i < marked.outcomes_size(); ++i) {
    const v1::CaseOperationOutcome& outcome = marked.outcomes(i);
    if (!outcome.done()) throw std::runtime_error("the flood's mark refused " + outcome.household_id());
    if (i >= kFloodRelievedCount) continue;
    v1::RecordSupportRequest relief;
    relief.set_case_id(outcome.case_id());
    relief.set_type(v1::SUPPORT_TYPE_EMERGENCY_RELIEF);
    relief.set_amount_vnd(2'000'000);
    relief.set_provider("Ủy ban MTTQ phường");
    relief.set_delivered_on(DaysFrom(began, 3));
    relief.set_emergency_id(emergency_id);
    relief.set_reason("Danh sách hỗ trợ sau lũ");
    v1::RecordSupportResponse recorded;
    ThrowUnlessOk(assignment.RecordSupport(AuthorizedContext(officer).get(), relief, &recorded),
                  "recording the flood relief of " + outcome.household_id());
  }
}

}  // namespace

void LoadOutcomeHouseholds(testkit::WardStack& stack, redis::Connection& redis, LoadedWard& ward) {
  const std::string officer = stack.tokens().officer;
  auto registry = v1::Registry::NewStub(stack.service("registry").channel());
  auto assignment = v1::Assignment::NewStub(stack.service("assignment").channel());
  const CivilDate today = WardClock().Today();
  // Listed poor about 30 months ago: long enough to be followed 24 months,
  // not 36.
  const CivilDate listed = AddDays(today, -900);
  const std::string surveyed_before = DaysFrom(listed, -10);
  const std::string surveyed_after = DaysFrom(listed, 400);

  std::vector<std::string> ids;
  for (int i = 0; i < kOutcomeHouseholdCount; ++i) {
    const SupportedHousehold& entry = kSupported[i];
    testkit::SampleHead head;
    head.full_name = entry.head;
    head.sex = entry.sex;
    head.date_of_birth = entry.born;
    head.national_id = NationalId(entry.sex, entry.born, kFirstSerial + i);
    v1::CreateHouseholdRequest create;
    *create.mutable_household() = testkit::OneMemberHousehold(head, {entry.address, kOutcomeGroup});
    v1::CreateHouseholdResponse created;
    ThrowUnlessOk(registry->CreateHousehold(AuthorizedContext(officer).get(), create, &created),
                  std::string("registering the household of ") + entry.head);
    const std::string household_id = created.household().household_id();
    ids.push_back(household_id);
    ward.supported[entry.head] = household_id;
    for (const auto& [date, income] :
         {std::pair{surveyed_before, entry.income_before}, std::pair{surveyed_after, entry.income_after}}) {
      v1::RecordSurveyRequest record;
      *record.mutable_survey() =
          testkit::PeriodicSurvey(household_id, {.review_year = std::stoi(date.substr(0, 4)),
                                                 .survey_date = date,
                                                 .income_per_capita_vnd = income});
      v1::RecordSurveyResponse recorded;
      ThrowUnlessOk(registry->RecordSurvey(AuthorizedContext(officer).get(), record, &recorded),
                    std::string("recording a survey of ") + entry.head + " on " + date);
    }
    PublishOfficialStatus(redis, {household_id, kOutcomeGroup, v1::POVERTY_CATEGORY_POOR,
                                  v1::TRANSITION_NEWLY_POOR, FormatIsoDate(listed), 1});
  }

  for (int i = 0; i < kOutcomeHouseholdCount; ++i) {
    const std::string case_id = WaitForCase(*assignment, officer, ids[i]);
    v1::AssignHelperRequest assign;
    assign.set_case_id(case_id);
    assign.set_helper_id(kHelper);
    assign.set_reason("Phân công người giúp đỡ");
    v1::Case assigned;
    ThrowUnlessOk(assignment->AssignHelper(AuthorizedContext(officer).get(), assign, &assigned),
                  std::string("assigning the helper of ") + kSupported[i].head);
    v1::RecordSupportResponse recorded;
    ThrowUnlessOk(assignment->RecordSupport(AuthorizedContext(officer).get(),
                                            HealthInsuranceCard(case_id, DaysFrom(listed, 20)), &recorded),
                  std::string("recording the card of ") + kSupported[i].head);
    if (i < kOutcomeLoanCount) {
      ThrowUnlessOk(assignment->RecordSupport(AuthorizedContext(officer).get(),
                                              PolicyLoan(case_id, DaysFrom(listed, 40)), &recorded),
                    std::string("recording the loan of ") + kSupported[i].head);
    }
  }
  // Out of poverty ten to eleven months after the card, one decision a week.
  for (int i = 0; i < kOutcomeEscapedCount; ++i) {
    PublishOfficialStatus(redis, {ids[i], kOutcomeGroup, v1::POVERTY_CATEGORY_NOT_POOR,
                                  v1::TRANSITION_ESCAPED_POVERTY, DaysFrom(listed, 320 + 7 * i), 2});
  }
  LoadModel(*assignment, officer, listed, ids);
  LoadFlood(*assignment, officer, listed, ids);
}

}  // namespace ansinh::browser
