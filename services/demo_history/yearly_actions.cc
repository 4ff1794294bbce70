#include "demo_history/yearly_actions.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "demo_history/livelihood_models.h"
#include "demo_history/plan_days.h"
#include "demo_history/support_catalog.h"
#include "demo_history/true_effects.h"

namespace ansinh::demo_history {
namespace {

using registry::DeterministicRandom;

// Chances per mille of each kind of support in a year, for a household with
// an open case (docs/domain.md §5 lists what wards give).
constexpr int kNearPoorGiftPerMille = 500;
// The newly escaped households programme lends for three years after the
// escape (docs/domain.md §5).
constexpr int kNewlyEscapedLoanMonths = 36;
// DemoModel::yearly_places are for a ward of this size.
constexpr int64_t kPlacesWard = 2000;
constexpr int kPoorLoanPerMille = 300;
constexpr int kNearPoorLoanPerMille = 200;
constexpr int kEscapedLoanPerMille = 250;
constexpr int kHouseRepairPerMille = 150;
constexpr int kInformationAccessPerMille = 200;
// Home visits: each quarter of the year for an open case, each half year for
// one followed after its escape.
constexpr int kOpenVisitPerMille = 750;
constexpr int kFollowUpVisitPerMille = 700;
// The autumn flood: a quarter of the groups are struck, four in five of
// their followed households are marked affected, nine in ten of those get
// relief (all but a few in the plan's last flood, which are left
// uncontacted).
constexpr int kAffectedPerMille = 800;
constexpr int kRelievedPerMille = 900;
constexpr size_t kMostUncontacted = 3;
constexpr int kFloodDays = 9;
constexpr int kFloodRelievedIncomePercent = -3;
constexpr int kFloodUnrelievedIncomePercent = -5;

// A joining's intakes: two weeks after the model starts (not before 15
// January), and a second one two and a half months later if before July.
constexpr int kFirstIntakeAfterStartDays = 14;
constexpr int kSecondIntakeAfterFirstDays = 75;
// A model's loan is disbursed a few days after the household joins.
constexpr int kModelLoanAfterJoiningDays = 5;
// The members the training model takes.
constexpr int kYoungAdultFrom = 18;
constexpr int kYoungAdultTo = 45;
// Children whose tuition is waived.
constexpr int kSchoolAgeFrom = 3;
constexpr int kSchoolAgeTo = 17;

CivilDate RandomDay(DeterministicRandom& random, CivilDate from, CivilDate to) {
  if (to <= from) return from;
  return AddDays(from, static_cast<int>(random.UniformInt(0, DaysBetween(from, to))));
}

int64_t Draw(DeterministicRandom& random, int64_t low, int64_t high, int64_t step) {
  return random.UniformInt(low / step, high / step) * step;
}

// The last day of the year an action may be dated: the end of November
// (the review is then under way) and never after the loading day.
CivilDate LastDay(const YearContext& context) { return std::min(DayOf(context.year, 11, 30), context.today); }

size_t GroupIndex(std::span<const std::string> groups, const std::string& group) {
  return static_cast<size_t>(std::lower_bound(groups.begin(), groups.end(), group) - groups.begin());
}

// Flood dates: the floods of October 2022 and the historic one of late
// October 2025 in Huế, and an autumn flood in the current year.
std::optional<CivilDate> FloodBegins(int year) {
  switch (year) {
    case 2022:
      return DayOf(2022, 10, 14);
    case 2025:
      return DayOf(2025, 10, 27);
    case 2026:
      return DayOf(2026, 10, 19);
    default:
      return std::nullopt;
  }
}

std::string FloodName(int year) {
  if (year == 2025) return "Lũ lịch sử cuối tháng 10/2025";
  return "Lũ lụt tháng 10/" + std::to_string(year);
}

PlannedAction Action(CivilDate date, std::vector<size_t> households, PlannedAction::Request request,
                     int emergency = -1) {
  PlannedAction action;
  action.date = date;
  action.households = std::move(households);
  action.emergency = emergency;
  action.request = std::move(request);
  return action;
}

v1::RecordSupportRequest Support(v1::SupportType type, int64_t amount, std::string_view provider,
                                 CivilDate date, std::string description, int year) {
  v1::RecordSupportRequest request;
  request.set_type(type);
  request.set_amount_vnd(amount);
  request.set_provider(std::string(provider));
  request.set_delivered_on(FormatIsoDate(date));
  request.set_description(std::move(description));
  request.set_reason(RecordReason(year));
  return request;
}

bool HousingNonDurable(const v1::Survey& survey) {
  int non_durable = 0;
  for (v1::MaterialQuality part : {survey.walls(), survey.columns(), survey.roof()}) {
    if (part == v1::MATERIAL_QUALITY_NON_DURABLE) ++non_durable;
  }
  return non_durable >= 2;
}

int AgeOn(const v1::Member& member, CivilDate day) {
  const std::optional<CivilDate> birth = ParseIsoDate(member.date_of_birth());
  return birth ? AgeInYears(*birth, day) : -1;
}

bool HasYoungAdult(const v1::Household& household, CivilDate day) {
  for (const v1::Member& member : household.members()) {
    const int age = AgeOn(member, day);
    if (!member.lost_working_capacity() && age >= kYoungAdultFrom && age <= kYoungAdultTo) return true;
  }
  return false;
}

int SchoolChildren(const v1::Household& household, CivilDate day) {
  int children = 0;
  for (const v1::Member& member : household.members()) {
    const int age = AgeOn(member, day);
    if (member.enrolled_in_school() && age >= kSchoolAgeFrom && age <= kSchoolAgeTo) ++children;
  }
  return children;
}

// The days households join model `model` in `year`; empty when it has not started by the end of June.
std::vector<CivilDate> Intakes(const DemoModel& model, int year) {
  const CivilDate started = DayOf(model.start_year, static_cast<unsigned>(model.start_month),
                                  static_cast<unsigned>(model.start_day));
  const CivilDate first = std::max(AddDays(started, kFirstIntakeAfterStartDays), DayOf(year, 1, 15));
  const CivilDate last = DayOf(year, 6, 30);
  if (first > last) return {};
  std::vector<CivilDate> intakes = {first};
  const CivilDate second = AddDays(first, kSecondIntakeAfterFirstDays);
  if (second <= last) intakes.push_back(second);
  return intakes;
}

bool Eligible(const DemoModel& model, const HouseholdStanding& standing, const v1::Household& household,
              std::span<const std::string> model_groups, int year) {
  if (std::find(model_groups.begin(), model_groups.end(), household.residential_group()) ==
      model_groups.end()) {
    return false;
  }
  switch (model.eligibility) {
    case ModelEligibility::kWorkingHouseholds:
      return true;
    case ModelEligibility::kPoorWorkingHouseholds:
      return standing.category == v1::POVERTY_CATEGORY_POOR;
    case ModelEligibility::kYoungAdultMember:
      return HasYoungAdult(household, DayOf(year, 6, 30));
  }
  return false;
}

// The chance a model adds for a household of `standing`'s list.
int ModelEscapeBonus(const DemoModel& model, const HouseholdStanding& standing) {
  if (standing.category == v1::POVERTY_CATEGORY_POOR) return model.escape_effect;
  return model.escape_effect * kEscapeEffects.near_poor_model_share / 1000;
}

class YearPlanner {
 public:
  YearPlanner(DeterministicRandom& random, const YearContext& context)
      : random_(random), context_(context), last_day_(LastDay(context)) {
    const size_t count = context.ward->size();
    year_.exposures.assign(count, {});
    year_.joined_model.assign(count, -1);
    year_.affected.assign(count, false);
  }

  ActionYear Plan() {
    UpsertModelsStarting();
    RecruitIntoModels();
    for (size_t i = 0; i < context_.ward->size(); ++i) {
      const HouseholdStanding& standing = context_.standing[i];
      if (!standing.actionable) continue;
      if (standing.open()) {
        PlanOpenCase(i, standing);
      } else {
        PlanFollowedCase(i, standing);
      }
    }
    AddJoinings();
    if (context_.flood) PlanFlood();
    return std::move(year_);
  }

 private:
  int year() const { return context_.year; }
  const v1::Household& HouseholdOf(size_t i) const { return (*context_.ward)[i].household; }

  void AddSupport(size_t household, CivilDate date, v1::RecordSupportRequest request, int emergency = -1) {
    year_.actions.push_back(Action(date, {household}, std::move(request), emergency));
  }

  void UpsertModelsStarting() {
    for (const DemoModel& model : DemoModels()) {
      if (model.start_year != year()) continue;
      v1::UpsertLivelihoodModelRequest request;
      *request.mutable_model() = ToLivelihoodModel(model, GroupsOf(model, context_.groups));
      request.set_reason("Kế hoạch giảm nghèo năm " + std::to_string(year()) + " của phường");
      const CivilDate started = *ParseIsoDate(request.model().started_on());
      year_.actions.push_back(Action(started, {}, std::move(request)));
    }
  }

  void PlanOpenCase(size_t i, const HouseholdStanding& standing) {
    const bool poor = standing.category == v1::POVERTY_CATEGORY_POOR;
    const v1::Household& household = HouseholdOf(i);
    const int members = household.members_size();

    // Tết, before the lunar new year: every poor household, half the near-poor.
    if (poor || random_.ChancePerMille(kNearPoorGiftPerMille)) {
      const CivilDate date = RandomDay(random_, DayOf(year(), 1, 10), DayOf(year(), 1, 31));
      AddSupport(i, date,
                 Support(v1::SUPPORT_TYPE_FUND_FOR_THE_POOR_GIFT, poor ? 1'000'000 : 500'000, kFundForThePoor,
                         date, "Quà Tết Nguyên đán " + std::to_string(year()), year()));
    }
    // The year's health-insurance cards: free for the poor, 70% paid by the
    // state for the near-poor.
    {
      const CivilDate date = RandomDay(random_, DayOf(year(), 1, 5), DayOf(year(), 2, 28));
      const int share = poor ? 100 : 70;
      v1::RecordSupportRequest card = Support(
          v1::SUPPORT_TYPE_HEALTH_INSURANCE_CARD,
          HealthInsuranceContributionVnd(date) * members * share / 100, kSocialInsurance, date,
          "Thẻ BHYT năm " + std::to_string(year()) + " cho " + std::to_string(members) + " thành viên",
          year());
      card.set_state_share_percent(share);
      AddSupport(i, date, std::move(card));
    }

    // A model joined this year or the year before.
    bool loan_with_model = false;
    YearExposure& exposure = year_.exposures[i];
    int model_index = -1;
    if (year_.joined_model[i] >= 0) {
      model_index = year_.joined_model[i];
      loan_with_model = GiveModelSupport(i, standing);
    } else if (standing.model >= 0 && standing.model_year >= year() - 1) {
      model_index = standing.model;
    }
    if (model_index >= 0) {
      const DemoModel& model = DemoModels()[static_cast<size_t>(model_index)];
      exposure.escape_bonus += ModelEscapeBonus(model, standing);
      exposure.income_percent += model.income_effect_percent;
    }

    // A policy loan of the household's own programme.
    if (!loan_with_model && !standing.without_labour_capacity &&
        random_.ChancePerMille(poor ? kPoorLoanPerMille : kNearPoorLoanPerMille)) {
      const CivilDate date = RandomDay(random_, DayOf(year(), 3, 1), DayOf(year(), 6, 30));
      const int64_t amount = poor ? Draw(random_, 30'000'000, 100'000'000, 10'000'000)
                                  : Draw(random_, 30'000'000, 80'000'000, 10'000'000);
      AddSupport(
          i, date,
          Loan(i, poor ? v1::CREDIT_PROGRAMME_POOR_HOUSEHOLDS : v1::CREDIT_PROGRAMME_NEAR_POOR_HOUSEHOLDS,
               amount, date, LenderOfGroup(GroupIndex(context_.groups, household.residential_group())),
               "Vay vốn sản xuất, kinh doanh"));
      exposure.escape_bonus += poor ? kEscapeEffects.policy_loan_poor : kEscapeEffects.policy_loan_near_poor;
    }

    // Tuition of the school year starting in September.
    const int children = SchoolChildren(household, DayOf(year(), 9, 1));
    if (year() <= kLastTuitionYear && children > 0) {
      const CivilDate date = RandomDay(random_, DayOf(year(), 9, 5), DayOf(year(), 9, 25));
      AddSupport(
          i, date,
          Support(v1::SUPPORT_TYPE_TUITION_EXEMPTION, children * kTuitionPerChildVnd, kEducationOffice, date,
                  "Miễn học phí năm học " + std::to_string(year()) + "-" + std::to_string(year() + 1) +
                      " cho " + std::to_string(children) + " học sinh",
                  year()));
    }
    // A house repair for a poor household living in a non-durable home.
    if (poor && HousingNonDurable(*standing.survey) && random_.ChancePerMille(kHouseRepairPerMille)) {
      const CivilDate date = RandomDay(random_, DayOf(year(), 5, 1), DayOf(year(), 8, 31));
      AddSupport(i, date,
                 Support(v1::SUPPORT_TYPE_HOUSING, Draw(random_, 30'000'000, 50'000'000, 1'000'000),
                         kFundForThePoor, date, "Hỗ trợ sửa chữa nhà ở", year()));
    }
    // A smartphone and a connection for a household cut off from information.
    const bool cut_off = !standing.survey->uses_telecom() || standing.survey->information_devices().empty();
    if (cut_off && random_.ChancePerMille(kInformationAccessPerMille)) {
      const CivilDate date = RandomDay(random_, DayOf(year(), 4, 1), DayOf(year(), 8, 31));
      AddSupport(i, date,
                 Support(v1::SUPPORT_TYPE_INFORMATION_ACCESS, 2'500'000, kTelecomSponsor, date,
                         "Tặng điện thoại thông minh và gói cước Internet 12 tháng", year()));
    }
  }

  // A loan of the newly escaped households programme, within three years of the escape.
  void PlanFollowedCase(size_t i, const HouseholdStanding& standing) {
    if (!random_.ChancePerMille(kEscapedLoanPerMille)) return;
    const CivilDate window_end = AddDays(AddMonths(*standing.follow_up_since, kNewlyEscapedLoanMonths), -1);
    const CivilDate from = std::max(DayOf(year(), 3, 1), *standing.follow_up_since);
    const CivilDate to = std::min(DayOf(year(), 6, 30), window_end);
    if (to < from) return;
    const CivilDate date = RandomDay(random_, from, to);
    const v1::Household& household = HouseholdOf(i);
    AddSupport(i, date,
               Loan(i, v1::CREDIT_PROGRAMME_NEWLY_ESCAPED_HOUSEHOLDS,
                    Draw(random_, 30'000'000, 70'000'000, 10'000'000), date,
                    LenderOfGroup(GroupIndex(context_.groups, household.residential_group())),
                    "Vay vốn duy trì sản xuất sau thoát nghèo"));
  }

  v1::RecordSupportRequest Loan(size_t i, v1::CreditProgramme programme, int64_t amount, CivilDate date,
                                const LendingOrganization& lender, std::string description) {
    v1::RecordSupportRequest loan =
        Support(v1::SUPPORT_TYPE_POLICY_CREDIT, amount, kPolicyBank, date, std::move(description), year());
    loan.set_credit_programme(programme);
    loan.set_savings_group(SavingsGroupName(lender, HouseholdOf(i).residential_group()));
    loan.set_savings_group_organization_id(std::string(lender.organization_id));
    return loan;
  }

  // Each model running this year takes its places (scaled to the ward) from
  // the households with an open case and someone able to work, in its groups,
  // that are not in a model joined in the last two years and never were in
  // this one. The models choose in a random order, each at random among the
  // households open to it.
  void RecruitIntoModels() {
    std::vector<size_t> order(DemoModels().size());
    for (size_t m = 0; m < order.size(); ++m) order[m] = m;
    random_.Shuffle(std::span<size_t>(order));
    const int64_t ward_size = static_cast<int64_t>(context_.ward->size());
    for (size_t m : order) {
      const DemoModel& model = DemoModels()[m];
      const std::vector<CivilDate> intakes = Intakes(model, year());
      if (intakes.empty()) continue;
      const std::vector<std::string> groups = GroupsOf(model, context_.groups);
      std::vector<size_t> open;
      for (size_t i = 0; i < context_.standing.size(); ++i) {
        const HouseholdStanding& standing = context_.standing[i];
        const bool busy =
            year_.joined_model[i] >= 0 || (standing.model >= 0 && standing.model_year >= year() - 1);
        if (!standing.open() || standing.without_labour_capacity || busy) continue;
        if ((standing.models_joined >> m) & 1u) continue;
        if (Eligible(model, standing, HouseholdOf(i), groups, year())) open.push_back(i);
      }
      random_.Shuffle(std::span<size_t>(open));
      const size_t places = static_cast<size_t>(
          std::max<int64_t>(1, (model.yearly_places * ward_size + kPlacesWard / 2) / kPlacesWard));
      open.resize(std::min(open.size(), places));
      for (size_t i : open) {
        const CivilDate joined =
            intakes[static_cast<size_t>(random_.UniformInt(0, static_cast<int64_t>(intakes.size()) - 1))];
        joinings_[{m, joined}].push_back(i);
        joined_on_[i] = joined;
        year_.joined_model[i] = static_cast<int>(m);
      }
    }
  }

  // What a household that joined a model this year receives; whether a loan came with it.
  bool GiveModelSupport(size_t i, const HouseholdStanding& standing) {
    const DemoModel& model = DemoModels()[static_cast<size_t>(year_.joined_model[i])];
    const CivilDate joined = joined_on_.at(i);
    for (const ModelSupport& given : model.supports) {
      const CivilDate date = std::min(AddDays(joined, given.days_after_joining), last_day_);
      v1::RecordSupportRequest support =
          Support(given.type, Draw(random_, given.amount_low_vnd, given.amount_high_vnd, 100'000),
                  given.provider, date, std::string(given.description), year());
      support.set_livelihood_model_id(std::string(model.model_id));
      AddSupport(i, date, std::move(support));
    }
    if (!model.comes_with_policy_loan) return false;
    const CivilDate date = AddDays(joined, kModelLoanAfterJoiningDays);
    const LendingOrganization* lender = FindLender(model.organization_id);
    v1::RecordSupportRequest loan =
        Loan(i,
             standing.category == v1::POVERTY_CATEGORY_POOR ? v1::CREDIT_PROGRAMME_POOR_HOUSEHOLDS
                                                            : v1::CREDIT_PROGRAMME_NEAR_POOR_HOUSEHOLDS,
             model.policy_loan_vnd, date, lender != nullptr ? *lender : LendingOrganizations().front(),
             "Vay vốn tham gia mô hình " + std::string(model.name));
    loan.set_livelihood_model_id(std::string(model.model_id));
    AddSupport(i, date, std::move(loan));
    return true;
  }

  // One bulk joining per model and intake.
  void AddJoinings() {
    for (auto& [key, households] : joinings_) {
      const DemoModel& model = DemoModels()[key.first];
      v1::JoinLivelihoodModelRequest request;
      request.set_model_id(std::string(model.model_id));
      request.set_joined_on(FormatIsoDate(key.second));
      request.set_note(std::string(model.participation_note));
      request.set_reason(RecordReason(year()));
      std::sort(households.begin(), households.end());
      year_.actions.push_back(Action(key.second, households, std::move(request)));
    }
  }

  void PlanFlood() {
    const CivilDate began = *FloodBegins(year());
    // A quarter of the groups, at least one.
    std::vector<size_t> order(context_.groups.size());
    for (size_t g = 0; g < order.size(); ++g) order[g] = g;
    random_.Shuffle(std::span<size_t>(order));
    order.resize(context_.groups.size() / 4 + 1);
    std::sort(order.begin(), order.end());

    PlannedEmergency flood;
    flood.year = year();
    v1::Emergency& emergency = flood.emergency;
    emergency.set_kind(v1::EMERGENCY_KIND_FLOOD);
    emergency.set_name(FloodName(year()));
    emergency.set_began_on(FormatIsoDate(began));
    emergency.set_description(
        "Mưa lớn kéo dài, nước sông Hương và sông Bồ dâng cao, ngập các khu dân cư thấp trũng");
    std::set<std::string> struck;
    for (size_t g : order) {
      emergency.add_residential_groups(context_.groups[g]);
      struck.insert(context_.groups[g]);
    }

    std::vector<size_t> open_affected;
    for (size_t i = 0; i < context_.ward->size(); ++i) {
      if (!context_.standing[i].actionable || !struck.contains(HouseholdOf(i).residential_group())) continue;
      if (!random_.ChancePerMille(kAffectedPerMille)) continue;
      flood.affected.push_back(i);
      year_.affected[i] = true;
      if (context_.standing[i].open()) open_affected.push_back(i);
    }
    if (flood.affected.empty()) return;
    if (context_.last_flood) {
      const size_t left = std::min(kMostUncontacted, (open_affected.size() + 9) / 10);
      random_.Shuffle(std::span<size_t>(open_affected));
      flood.uncontacted.assign(open_affected.begin(),
                               open_affected.begin() + static_cast<std::ptrdiff_t>(left));
      std::sort(flood.uncontacted.begin(), flood.uncontacted.end());
    }

    const int index = context_.flood_index;
    v1::DeclareEmergencyRequest declare;
    *declare.mutable_emergency() = emergency;
    declare.set_reason("Thông báo của Ban Chỉ huy phòng, chống thiên tai phường");
    year_.actions.push_back(Action(began, {}, std::move(declare), index));

    const CivilDate marked_on = AddDays(began, 2);
    v1::MarkAffectedRequest mark;
    mark.set_affected_on(FormatIsoDate(marked_on));
    mark.set_note("Nhà bị ngập, hư hỏng tài sản");
    mark.set_reason("Rà soát thiệt hại sau lũ của tổ dân phố");
    year_.actions.push_back(Action(marked_on, flood.affected, std::move(mark), index));

    const std::set<size_t> uncontacted(flood.uncontacted.begin(), flood.uncontacted.end());
    for (size_t i : flood.affected) {
      YearExposure& exposure = year_.exposures[i];
      const bool relieved =
          !uncontacted.contains(i) && (context_.last_flood || random_.ChancePerMille(kRelievedPerMille));
      if (relieved) {
        flood.relieved.push_back(i);
        const CivilDate date = std::min(RandomDay(random_, AddDays(began, 3), AddDays(began, 15)), last_day_);
        const bool red_cross = random_.ChancePerMille(500);
        v1::RecordSupportRequest relief = Support(
            v1::SUPPORT_TYPE_EMERGENCY_RELIEF, Draw(random_, 1'000'000, 2'000'000, 100'000),
            red_cross ? kRedCross : kFatherlandFront, date, "Tiền mặt và 20 kg gạo hỗ trợ sau lũ", year());
        AddSupport(i, date, std::move(relief), index);
        exposure.escape_bonus += kEscapeEffects.flood_with_relief;
        exposure.fall_bonus += kFallEffects.relapse_flood_with_relief;
        exposure.income_percent += kFloodRelievedIncomePercent;
      } else {
        exposure.escape_bonus += kEscapeEffects.flood_without_relief;
        exposure.fall_bonus += kFallEffects.relapse_flood_without_relief;
        exposure.income_percent += kFloodUnrelievedIncomePercent;
        // Outside the last flood, a helper comes by even without relief.
        if (!uncontacted.contains(i)) {
          const CivilDate date =
              std::min(RandomDay(random_, AddDays(began, 3), AddDays(began, 12)), last_day_);
          year_.actions.push_back(
              Action(date, {i}, Visit(date, v1::OBSERVED_CHANGE_WORSENED, kAfterFloodNote)));
        }
      }
    }

    const CivilDate ended = std::min(AddDays(began, kFloodDays), context_.today);
    v1::EndEmergencyRequest end;
    end.set_ended_on(FormatIsoDate(ended));
    end.set_reason("Nước đã rút, các hộ trở lại sinh hoạt bình thường");
    year_.actions.push_back(Action(ended, {}, std::move(end), index));
    year_.flood = std::move(flood);
  }

 public:
  static constexpr std::string_view kAfterFloodNote =
      "Thăm hỏi sau lũ; nhà bị ngập, hư hỏng đồ đạc, gia đình cần hỗ trợ.";

  static v1::RecordVisitRequest Visit(CivilDate date, v1::ObservedChange change, std::string_view notes) {
    v1::RecordVisitRequest visit;
    visit.set_visited_on(FormatIsoDate(date));
    visit.set_notes(std::string(notes));
    visit.set_observed_change(change);
    visit.set_reason("Thăm hộ định kỳ");
    return visit;
  }

 private:
  DeterministicRandom& random_;
  const YearContext& context_;
  const CivilDate last_day_;
  ActionYear year_;
  // Households joining each (model, intake day), and the day each joined.
  std::map<std::pair<size_t, CivilDate>, std::vector<size_t>> joinings_;
  std::map<size_t, CivilDate> joined_on_;
};

// What a helper writes after a visit.
constexpr std::array<std::string_view, 3> kUnchangedNotes = {
    "Thăm hỏi, nắm tình hình đời sống; gia đình còn khó khăn, đã hướng dẫn thủ tục vay vốn.",
    "Thăm hỏi định kỳ; các thành viên sức khỏe ổn định, con em đi học đều.",
    "Trao đổi kế hoạch làm ăn; gia đình cần thêm vốn và hướng dẫn kỹ thuật.",
};
constexpr std::array<std::string_view, 2> kImprovedNotes = {
    "Thu nhập gia đình đã khá hơn nhờ có việc làm ổn định và chăn nuôi.",
    "Gia đình chăm chỉ làm ăn, thu nhập tăng, có nguyện vọng thoát nghèo.",
};
constexpr std::string_view kFollowUpNote = "Theo dõi sau thoát nghèo; kinh tế gia đình ổn định.";

void AddVisits(DeterministicRandom& random, const YearContext& context,
               std::span<const HouseholdOutcome> outcomes, ActionYear& year) {
  const int y = context.year;
  const std::array<std::pair<CivilDate, CivilDate>, 4> quarters = {{{DayOf(y, 1, 10), DayOf(y, 3, 31)},
                                                                    {DayOf(y, 4, 1), DayOf(y, 6, 30)},
                                                                    {DayOf(y, 7, 1), DayOf(y, 9, 30)},
                                                                    {DayOf(y, 10, 1), DayOf(y, 11, 30)}}};
  const std::optional<CivilDate> flood = FloodBegins(y);
  const CivilDate last_day = LastDay(context);
  for (size_t i = 0; i < context.standing.size(); ++i) {
    const HouseholdStanding& standing = context.standing[i];
    if (!standing.actionable) continue;
    const bool open = standing.open();
    // Getting out this year (or from poor to near-poor), or working in a model.
    const bool better =
        open && (!IsOnList(outcomes[i].category) || (standing.category == v1::POVERTY_CATEGORY_POOR &&
                                                     outcomes[i].category == v1::POVERTY_CATEGORY_NEAR_POOR));
    const bool in_model = year.joined_model[i] >= 0 || (standing.model >= 0 && standing.model_year >= y - 1);
    for (size_t q = 0; q < quarters.size(); ++q) {
      if (!open && q % 2 == 0) continue;
      if (!random.ChancePerMille(open ? kOpenVisitPerMille : kFollowUpVisitPerMille)) continue;
      const CivilDate date = std::min(RandomDay(random, quarters[q].first, quarters[q].second), last_day);
      v1::ObservedChange change = v1::OBSERVED_CHANGE_NO_CHANGE;
      std::string_view notes = kFollowUpNote;
      if (open) {
        const bool second_half = date >= DayOf(y, 7, 1);
        if (year.affected[i] && flood && date >= *flood) {
          change = v1::OBSERVED_CHANGE_WORSENED;
          notes = YearPlanner::kAfterFloodNote;
        } else if (second_half && (better || in_model)) {
          change = v1::OBSERVED_CHANGE_IMPROVED;
          notes = kImprovedNotes[static_cast<size_t>(random.UniformInt(0, kImprovedNotes.size() - 1))];
        } else {
          notes = kUnchangedNotes[static_cast<size_t>(random.UniformInt(0, kUnchangedNotes.size() - 1))];
        }
      }
      year.actions.push_back(Action(date, {i}, YearPlanner::Visit(date, change, notes)));
    }
  }
}

}  // namespace

ActionYear PlanSupportYear(DeterministicRandom& random, const YearContext& context) {
  return YearPlanner(random, context).Plan();
}

void FinishYear(DeterministicRandom& random, const YearContext& context,
                std::span<const HouseholdOutcome> outcomes, ActionYear& year) {
  AddVisits(random, context, outcomes, year);
  if (year.flood && context.last_flood && !year.flood->uncontacted.empty()) {
    const CivilDate began = *ParseIsoDate(year.flood->emergency.began_on());
    const std::set<size_t> uncontacted(year.flood->uncontacted.begin(), year.flood->uncontacted.end());
    std::erase_if(year.actions, [&](const PlannedAction& action) {
      const bool contact =
          action.kind() == ActionKind::kRecordSupport || action.kind() == ActionKind::kRecordVisit;
      return contact && action.date >= began && uncontacted.contains(action.households.front());
    });
  }
  std::stable_sort(year.actions.begin(), year.actions.end(),
                   [](const PlannedAction& a, const PlannedAction& b) {
                     if (a.date != b.date) return a.date < b.date;
                     if (a.kind() != b.kind()) return a.kind() < b.kind();
                     return a.households < b.households;
                   });
}

}  // namespace ansinh::demo_history
