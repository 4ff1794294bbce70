#include "registry/core/demo/demo_ward_generator.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <string_view>

#include "kernel/civil_date.h"
#include "registry/core/demo/deterministic_random.h"
#include "registry/core/demo/household_composer.h"
#include "registry/core/demo/national_id_allocator.h"
#include "registry/core/demo/vietnamese_names.h"
#include "registry/core/household_code.h"
#include "registry/core/household_validation.h"
#include "registry/core/new_household.h"

namespace ansinh::registry {
namespace {

using demo::HouseholdShape;
using demo::PersonDraft;

constexpr int kSeedWardGroupCount = 18;

// Seeds the random stream of CompleteForRegistration from the ward's seed.
constexpr uint64_t kLateAdditionsSalt = 0x9e3779b97f4a7c15ULL;
constexpr int64_t kHouseholdsPerGroup = 112;

// The periodic review runs from 1 September (Decision 24/2021); the demo
// surveys fall in its first three months.
constexpr int kSurveyWindowDays = 91;

// Monthly social allowance (Decree 20/2021 with the 2025 base of 500,000
// VND): people aged 80 and over without a pension, and people with a
// disability at coefficient 1.5 or, when they cannot work, 2.0.
constexpr int kAllowanceFromAge = 80;
constexpr int64_t kElderlyAllowanceVnd = 500'000;
constexpr int64_t kDisabilityAllowanceVnd = 750'000;
constexpr int64_t kSevereDisabilityAllowanceVnd = 1'000'000;

enum class Tier { kPoorWithoutLabourCapacity, kPoorWorking, kNearPoor, kAverage, kNotPoor };

// How a tier's members live: kClean leaves no member-level indicator
// deprived, even on a borderline reading; kPoor and kOrdinary are realistic
// mixes (an accidental deprivation there only adds to the intended ones).
enum class Profile { kClean, kOrdinary, kPoor };

// The indicators the generator deprives on purpose. Dependants are not among
// them: that ratio follows from who lives in the household.
enum class Deprivation {
  kEmployment,
  kNutrition,
  kHealthInsurance,
  kAdultEducation,
  kSchoolAttendance,
  kHousingQuality,
  kHousingArea,
  kWaterSource,
  kLatrine,
  kTelecom,
  kInformationAccess,
};

struct DeprivationWeight {
  Deprivation deprivation;
  int weight;
  // Household-level (survey) indicators cannot be moved by how ages are read.
  bool household_level;
};

// How often each deprivation is seen among the urban poor: informal work
// and cramped or poor housing first.
constexpr std::array kDeprivationWeights = {
    DeprivationWeight{Deprivation::kEmployment, 30, false},
    DeprivationWeight{Deprivation::kNutrition, 8, false},
    DeprivationWeight{Deprivation::kHealthInsurance, 5, false},
    DeprivationWeight{Deprivation::kAdultEducation, 10, false},
    DeprivationWeight{Deprivation::kSchoolAttendance, 5, false},
    DeprivationWeight{Deprivation::kHousingQuality, 18, true},
    DeprivationWeight{Deprivation::kHousingArea, 20, true},
    DeprivationWeight{Deprivation::kWaterSource, 5, true},
    DeprivationWeight{Deprivation::kLatrine, 8, true},
    DeprivationWeight{Deprivation::kTelecom, 12, true},
    DeprivationWeight{Deprivation::kInformationAccess, 14, true},
};

// Number of deliberate deprivations, as weights for 0, 1, 2, ...
constexpr std::array<int, 6> kPoorDeprivationCounts = {0, 0, 0, 450, 350, 200};
constexpr std::array<int, 2> kNearPoorDeprivationCounts = {550, 450};
constexpr std::array<int, 4> kAboveLineDeprivationCounts = {600, 250, 100, 50};

// Age bands for deliberate member-level deprivations, chosen well inside
// every reading of the indicators' age limits.
struct AgeBand {
  int min;
  int max;
};
constexpr AgeBand kInformalWorkerAges{23, 55};
constexpr AgeBand kMalnourishedChildAges{1, 12};
constexpr AgeBand kUninsuredAdultAges{20, 55};
constexpr AgeBand kUnqualifiedYoungAdultAges{19, 28};
constexpr AgeBand kOutOfSchoolChildAges{7, 13};
// Able-bodied adults a working household always keeps at least one of.
constexpr AgeBand kAbleAdultAges{18, 55};

bool InBand(int age, AgeBand band) { return age >= band.min && age <= band.max; }

template <typename T, size_t N>
T PickWeighted(DeterministicRandom& random, const std::array<std::pair<T, int>, N>& options) {
  std::array<int, N> weights;
  for (size_t i = 0; i < N; ++i) weights[i] = options[i].second;
  return options[random.WeightedIndex(weights)].first;
}

Profile ProfileOf(Tier tier) {
  switch (tier) {
    case Tier::kNearPoor:
      return Profile::kClean;
    case Tier::kPoorWithoutLabourCapacity:
    case Tier::kPoorWorking:
      return Profile::kPoor;
    case Tier::kAverage:
    case Tier::kNotPoor:
      break;
  }
  return Profile::kOrdinary;
}

bool IsPoor(Tier tier) { return tier == Tier::kPoorWithoutLabourCapacity || tier == Tier::kPoorWorking; }

v1::PovertyCategory CategoryOf(Tier tier) {
  switch (tier) {
    case Tier::kPoorWithoutLabourCapacity:
    case Tier::kPoorWorking:
      return v1::POVERTY_CATEGORY_POOR;
    case Tier::kNearPoor:
      return v1::POVERTY_CATEGORY_NEAR_POOR;
    case Tier::kAverage:
      return v1::POVERTY_CATEGORY_AVERAGE;
    case Tier::kNotPoor:
      break;
  }
  return v1::POVERTY_CATEGORY_NOT_POOR;
}

std::string ZeroPadded(int64_t value, int width) {
  std::string digits = std::to_string(value);
  if (static_cast<int>(digits.size()) < width)
    digits.insert(0, static_cast<size_t>(width) - digits.size(), '0');
  return digits;
}

int DigitCount(int64_t value) {
  int digits = 1;
  while (value >= 10) {
    value /= 10;
    ++digits;
  }
  return digits;
}

// The birth date of someone exactly `age` on `on`.
CivilDate BirthDateFor(DeterministicRandom& random, int age, CivilDate on) {
  using std::chrono::day;
  using std::chrono::month;
  using std::chrono::year;
  const auto birth_month = month(static_cast<unsigned>(random.UniformInt(1, 12)));
  const auto birth_day = day(static_cast<unsigned>(random.UniformInt(1, 28)));
  int birth_year = static_cast<int>(on.year()) - age;
  const bool birthday_after_survey =
      birth_month > on.month() || (birth_month == on.month() && birth_day > on.day());
  if (birthday_after_survey) --birth_year;
  return CivilDate{year(birth_year), birth_month, birth_day};
}

// Splits `total` into counts proportional to `weights` (largest remainder,
// ties to the lower index), so the counts add up to exactly `total`.
std::vector<int64_t> Apportion(int64_t total, const std::vector<int64_t>& weights) {
  int64_t weight_sum = 0;
  for (int64_t weight : weights) weight_sum += weight;
  std::vector<int64_t> counts(weights.size());
  std::vector<std::pair<int64_t, size_t>> remainders;
  int64_t assigned = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    counts[i] = total * weights[i] / weight_sum;
    assigned += counts[i];
    remainders.emplace_back(total * weights[i] % weight_sum, i);
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t i = 0; assigned < total; ++i, ++assigned) ++counts[remainders[i].second];
  return counts;
}

class WardBuilder {
 public:
  WardBuilder(uint64_t seed, const DemoWardOptions& options)
      : random_(seed), late_random_(seed ^ kLateAdditionsSalt), options_(options) {}

  std::vector<DemoHousehold> Build() {
    const int64_t count = std::clamp<int64_t>(options_.household_count, 0, kMaxDemoHouseholds);
    const int group_count = GroupCount(count);
    const std::vector<Tier> tiers = ShuffledTiers(count);

    std::vector<int64_t> group_weights;
    for (int g = 0; g < group_count; ++g) group_weights.push_back(random_.UniformInt(80, 140));
    const std::vector<int64_t> group_sizes = Apportion(count, group_weights);

    std::vector<DemoHousehold> ward;
    ward.reserve(static_cast<size_t>(count));
    const int group_width = std::max(2, DigitCount(group_count));
    for (int g = 0; g < group_count; ++g) {
      GroupContext group;
      group.name = "TDP-" + ZeroPadded(g + 1, group_width);
      for (int s = 0; s < 3; ++s) group.streets.emplace_back(demo::PickStreet(random_));
      // Two statements: the operands of one + are drawn in no set order.
      // Drawn before the family name, in a statement of its own: the operands
      // of one + are evaluated in no set order.
      const std::string surveyor_names = demo::PickMiddleAndGivenName(random_, v1::SEX_FEMALE, 40);
      group.surveyor = std::string(demo::PickFamilyName(random_)) + " " + surveyor_names;
      for (int64_t sequence = 1; sequence <= group_sizes[static_cast<size_t>(g)]; ++sequence) {
        const auto index = static_cast<int64_t>(ward.size());
        ward.push_back(BuildHousehold(index + 1, group, sequence, tiers[static_cast<size_t>(index)]));
      }
    }
    if (options_.registered_on) {
      for (DemoHousehold& demo : ward) CompleteForRegistration(demo, *options_.registered_on);
    }
    return ward;
  }

 private:
  struct GroupContext {
    std::string name;
    std::vector<std::string> streets;
    std::string surveyor;
  };

  int GroupCount(int64_t household_count) const {
    if (options_.residential_group_count > 0) {
      return static_cast<int>(std::min<int64_t>(options_.residential_group_count, kMaxDemoHouseholds));
    }
    const int64_t needed = (household_count + kHouseholdsPerGroup - 1) / kHouseholdsPerGroup;
    return static_cast<int>(std::max<int64_t>(kSeedWardGroupCount, needed));
  }

  // Exact quotas of each tier, in random order: the shares hold for any seed.
  std::vector<Tier> ShuffledTiers(int64_t count) {
    const auto quota = [count](int per_mille) {
      return (count * std::clamp(per_mille, 0, 1000) + 500) / 1000;
    };
    const int64_t poor = quota(options_.poor_per_mille);
    const int64_t poor_without_labour =
        (poor * std::clamp(options_.poor_without_labour_capacity_per_mille, 0, 1000) + 500) / 1000;
    std::vector<Tier> tiers;
    tiers.reserve(static_cast<size_t>(count));
    const auto add = [&](Tier tier, int64_t n) {
      for (int64_t i = 0; i < n && static_cast<int64_t>(tiers.size()) < count; ++i) {
        tiers.push_back(tier);
      }
    };
    add(Tier::kPoorWithoutLabourCapacity, poor_without_labour);
    add(Tier::kPoorWorking, poor - poor_without_labour);
    add(Tier::kNearPoor, quota(options_.near_poor_per_mille));
    add(Tier::kAverage, quota(options_.average_per_mille));
    add(Tier::kNotPoor, count - static_cast<int64_t>(tiers.size()));
    random_.Shuffle(std::span<Tier>(tiers));
    return tiers;
  }

  DemoHousehold BuildHousehold(int64_t number, const GroupContext& group, int64_t sequence, Tier tier) {
    const CivilDate survey_date{
        std::chrono::sys_days(
            CivilDate{std::chrono::year(options_.review_year), std::chrono::September, std::chrono::day(1)}) +
        std::chrono::days(random_.UniformInt(0, kSurveyWindowDays - 1))};
    const Profile profile = ProfileOf(tier);
    const HouseholdShape shape = tier == Tier::kPoorWithoutLabourCapacity
                                     ? demo::PickShapeWithoutLabourCapacity(random_)
                                     : demo::PickWorkingShape(random_, IsPoor(tier));
    std::vector<PersonDraft> people = demo::ComposeHousehold(random_, shape, IsPoor(tier));
    AddDisabilities(people);

    v1::Household household;
    household.set_address(Address(group));
    household.set_residential_group(group.name);
    household.set_area_type(v1::AREA_TYPE_URBAN);
    std::vector<int> ages;
    for (const PersonDraft& person : people) {
      *household.add_members() = MakeMember(person, profile, survey_date);
      ages.push_back(person.age);
    }

    const std::vector<Deprivation> deprivations = ChooseDeprivations(tier, household, ages);
    for (Deprivation deprivation : deprivations) Deprive(deprivation, household, ages);

    DemoHousehold demo;
    // Group names end in their number, so a code always exists.
    demo.household = PrepareNewHousehold(std::move(household), "HH-" + ZeroPadded(number, 6),
                                         MakeHouseholdCode(group.name, sequence).value());
    demo.survey = MakeSurvey(tier, deprivations, demo.household, survey_date, group);
    demo.survey.set_survey_id("SV-" + std::to_string(options_.review_year) + "-" + ZeroPadded(number, 6) +
                              "-1");
    demo.intended_category = CategoryOf(tier);
    demo.intended_without_labour_capacity = tier == Tier::kPoorWithoutLabourCapacity;
    return demo;
  }

  // What the registry requires on the day of registration and a member
  // lacks because they were younger on the survey date. The survey's
  // snapshot gets the same values: the registry snapshots the members as
  // registered.
  void CompleteForRegistration(DemoHousehold& demo, CivilDate registered_on) {
    for (int i = 0; i < demo.household.members_size(); ++i) {
      v1::Member& member = *demo.household.mutable_members(i);
      const std::optional<CivilDate> birth = ParseIsoDate(member.date_of_birth());
      if (!birth) continue;
      const int age = AgeInYears(*birth, registered_on);
      if (age >= kNationalIdRequiredFromAge && member.national_id().empty()) {
        member.set_national_id(
            national_ids_.Allocate(late_random_, member.sex(), static_cast<int>(birth->year())));
      }
      if (age >= kEducationRequiredFromAge && member.education_level() == v1::EDUCATION_LEVEL_UNSPECIFIED) {
        member.set_education_level(v1::EDUCATION_LEVEL_NONE);
      }
      if (i < demo.survey.members_size()) {
        v1::Member& surveyed = *demo.survey.mutable_members(i);
        surveyed.set_national_id(member.national_id());
        surveyed.set_education_level(member.education_level());
      }
    }
  }

  std::string Address(const GroupContext& group) {
    const std::string& street =
        group.streets[static_cast<size_t>(random_.UniformInt(0, group.streets.size() - 1))];
    std::string address = "số " + std::to_string(random_.UniformInt(1, 180));
    if (random_.ChancePerMille(350)) address += " kiệt " + std::to_string(random_.UniformInt(1, 40));
    return address + " " + street + ", " + options_.ward_name;
  }

  // About 2.5% of people have a disability; some of the adults among them
  // cannot work, but never the last able adult of a household.
  void AddDisabilities(std::vector<PersonDraft>& people) {
    int able_adults = 0;
    for (const PersonDraft& person : people) {
      if (InBand(person.age, kAbleAdultAges) && !person.lost_working_capacity) ++able_adults;
    }
    for (PersonDraft& person : people) {
      if (person.has_disability || person.age < 5 || !random_.ChancePerMille(25)) continue;
      person.has_disability = true;
      if (person.age < 18 || !random_.ChancePerMille(400)) continue;
      if (InBand(person.age, kAbleAdultAges)) {
        if (able_adults < 2) continue;
        --able_adults;
      }
      person.lost_working_capacity = true;
    }
  }

  v1::Member MakeMember(const PersonDraft& person, Profile profile, CivilDate survey_date) {
    v1::Member member;
    member.set_full_name(person.full_name);
    member.set_sex(person.sex);
    member.set_relation_to_head(person.relation);
    const CivilDate birth = BirthDateFor(random_, person.age, survey_date);
    member.set_date_of_birth(FormatIsoDate(birth));
    // CCCDs from 13 and education levels from 5, one year before the rules
    // require them, so the households stay valid through the year after the
    // survey as the children grow older.
    if (person.age >= kNationalIdRequiredFromAge - 1 || random_.ChancePerMille(250)) {
      member.set_national_id(national_ids_.Allocate(random_, person.sex, static_cast<int>(birth.year())));
    }
    member.set_has_disability(person.has_disability);
    member.set_lost_working_capacity(person.lost_working_capacity);
    member.set_monthly_social_allowance_vnd(Allowance(person));
    member.set_has_health_insurance(HasHealthInsurance(person.age, profile));
    member.set_enrolled_in_school(Enrolled(person.age, profile));
    member.set_education_level(Education(person.age, member.enrolled_in_school(), profile));
    member.set_employment(Employment(person, member.enrolled_in_school(), profile));
    if (person.age < 16) {
      const bool stunted = profile == Profile::kOrdinary && person.age < 5 && random_.ChancePerMille(30);
      member.set_nutrition(stunted ? v1::NUTRITION_STUNTED : v1::NUTRITION_NORMAL);
    }
    return member;
  }

  int64_t Allowance(const PersonDraft& person) {
    int64_t allowance = 0;
    if (person.age >= kAllowanceFromAge && random_.ChancePerMille(900)) {
      allowance = kElderlyAllowanceVnd;
    }
    if (person.has_disability && random_.ChancePerMille(500)) {
      allowance = std::max(
          allowance, person.lost_working_capacity ? kSevereDisabilityAllowanceVnd : kDisabilityAllowanceVnd);
    }
    return allowance;
  }

  // Children under 6 are insured free of charge, as are poor households.
  bool HasHealthInsurance(int age, Profile profile) {
    if (age < 6 || profile == Profile::kClean) return true;
    return random_.ChancePerMille(profile == Profile::kPoor ? 970 : 930);
  }

  bool Enrolled(int age, Profile profile) {
    const bool clean = profile == Profile::kClean;
    if (age < 2) return false;
    if (age == 2) return clean || random_.ChancePerMille(400);
    if (age <= 5) return clean || random_.ChancePerMille(920);
    if (age <= 14) return clean || random_.ChancePerMille(990);
    if (age <= 17) return clean || random_.ChancePerMille(profile == Profile::kPoor ? 850 : 930);
    if (age <= 22) return random_.ChancePerMille(profile == Profile::kOrdinary ? 350 : 120);
    return false;
  }

  v1::EducationLevel Education(int age, bool enrolled, Profile profile) {
    using E = v1::EducationLevel;
    if (age < kEducationRequiredFromAge - 1) return v1::EDUCATION_LEVEL_UNSPECIFIED;
    if (age <= 10) return v1::EDUCATION_LEVEL_NONE;
    if (age <= 14) return v1::EDUCATION_LEVEL_PRIMARY;
    if (age <= 17) return v1::EDUCATION_LEVEL_LOWER_SECONDARY;
    if (enrolled) return v1::EDUCATION_LEVEL_UPPER_SECONDARY;
    if (age <= 30) {
      // Clean households keep every young adult at the level required up to
      // age 30 (adult education indicator).
      const int lower = profile == Profile::kClean ? 0 : profile == Profile::kPoor ? 20 : 8;
      const int college = profile == Profile::kPoor ? 10 : 32;
      return PickWeighted<E, 4>(random_, {{{v1::EDUCATION_LEVEL_LOWER_SECONDARY, lower},
                                           {v1::EDUCATION_LEVEL_UPPER_SECONDARY, 45},
                                           {v1::EDUCATION_LEVEL_VOCATIONAL, 18},
                                           {v1::EDUCATION_LEVEL_COLLEGE_OR_HIGHER, college}}});
    }
    if (age <= 59) {
      const bool poor = profile == Profile::kPoor;
      return PickWeighted<E, 6>(random_, {{{v1::EDUCATION_LEVEL_NONE, poor ? 4 : 2},
                                           {v1::EDUCATION_LEVEL_PRIMARY, poor ? 18 : 8},
                                           {v1::EDUCATION_LEVEL_LOWER_SECONDARY, poor ? 40 : 30},
                                           {v1::EDUCATION_LEVEL_UPPER_SECONDARY, poor ? 28 : 30},
                                           {v1::EDUCATION_LEVEL_VOCATIONAL, poor ? 7 : 12},
                                           {v1::EDUCATION_LEVEL_COLLEGE_OR_HIGHER, poor ? 3 : 18}}});
    }
    return PickWeighted<E, 6>(random_, {{{v1::EDUCATION_LEVEL_NONE, 10},
                                         {v1::EDUCATION_LEVEL_PRIMARY, 35},
                                         {v1::EDUCATION_LEVEL_LOWER_SECONDARY, 30},
                                         {v1::EDUCATION_LEVEL_UPPER_SECONDARY, 15},
                                         {v1::EDUCATION_LEVEL_VOCATIONAL, 5},
                                         {v1::EDUCATION_LEVEL_COLLEGE_OR_HIGHER, 5}}});
  }

  v1::Employment Employment(const PersonDraft& person, bool enrolled, Profile profile) {
    using E = v1::Employment;
    if (person.age < 15 || person.lost_working_capacity || enrolled) {
      return v1::EMPLOYMENT_NOT_IN_LABOUR_FORCE;
    }
    const bool clean = profile == Profile::kClean;
    // The statutory retirement ages are still rising; past 62 (men) or 60
    // (women) most people have stopped working.
    const int retirement_age = person.sex == v1::SEX_MALE ? 62 : 60;
    if (person.age >= retirement_age) {
      return PickWeighted<E, 3>(random_, {{{v1::EMPLOYMENT_NOT_IN_LABOUR_FORCE, 80},
                                           {v1::EMPLOYMENT_SELF_EMPLOYED, 15},
                                           {v1::EMPLOYMENT_WAGE_WITHOUT_CONTRACT, clean ? 0 : 5}}});
    }
    if (clean) {
      return PickWeighted<E, 3>(random_, {{{v1::EMPLOYMENT_WAGE_WITH_CONTRACT, 50},
                                           {v1::EMPLOYMENT_SELF_EMPLOYED, 42},
                                           {v1::EMPLOYMENT_NOT_IN_LABOUR_FORCE, 8}}});
    }
    const bool poor = profile == Profile::kPoor;
    return PickWeighted<E, 5>(random_, {{{v1::EMPLOYMENT_WAGE_WITH_CONTRACT, poor ? 20 : 45},
                                         {v1::EMPLOYMENT_WAGE_WITHOUT_CONTRACT, poor ? 35 : 18},
                                         {v1::EMPLOYMENT_SELF_EMPLOYED, poor ? 30 : 28},
                                         {v1::EMPLOYMENT_UNEMPLOYED, poor ? 8 : 3},
                                         {v1::EMPLOYMENT_NOT_IN_LABOUR_FORCE, poor ? 7 : 6}}});
  }

  // Members (by index) whose age is in `band` and who can work when
  // `able_only`.
  static std::vector<int> MembersIn(const v1::Household& household, const std::vector<int>& ages,
                                    AgeBand band, bool able_only) {
    std::vector<int> found;
    for (int i = 0; i < household.members_size(); ++i) {
      if (!InBand(ages[static_cast<size_t>(i)], band)) continue;
      if (able_only && household.members(i).lost_working_capacity()) continue;
      found.push_back(i);
    }
    return found;
  }

  static bool Applicable(Deprivation deprivation, const v1::Household& household,
                         const std::vector<int>& ages) {
    switch (deprivation) {
      case Deprivation::kEmployment:
        return !MembersIn(household, ages, kInformalWorkerAges, true).empty();
      case Deprivation::kNutrition:
        return !MembersIn(household, ages, kMalnourishedChildAges, false).empty();
      case Deprivation::kHealthInsurance:
        return !MembersIn(household, ages, kUninsuredAdultAges, false).empty();
      case Deprivation::kAdultEducation:
        return !MembersIn(household, ages, kUnqualifiedYoungAdultAges, true).empty();
      case Deprivation::kSchoolAttendance:
        return !MembersIn(household, ages, kOutOfSchoolChildAges, false).empty();
      default:
        return true;
    }
  }

  // Whether dependants might be more than half the household under any
  // reading of "child" and "elderly" near the age limits: near-poor
  // households where that can be are given no other deprivation.
  static bool DependantsMayBeDeprived(const v1::Household& household, const std::vector<int>& ages) {
    int dependants = 0;
    for (int i = 0; i < household.members_size(); ++i) {
      if (ages[static_cast<size_t>(i)] <= 16 || household.members(i).monthly_social_allowance_vnd() > 0) {
        ++dependants;
      }
    }
    return dependants * 2 >= household.members_size();
  }

  std::vector<Deprivation> ChooseDeprivations(Tier tier, const v1::Household& household,
                                              const std::vector<int>& ages) {
    size_t count;
    bool household_level_and_employment_only = false;
    if (IsPoor(tier)) {
      count = random_.WeightedIndex(kPoorDeprivationCounts);
    } else if (tier == Tier::kNearPoor) {
      count = random_.WeightedIndex(kNearPoorDeprivationCounts);
      if (DependantsMayBeDeprived(household, ages)) count = 0;
      household_level_and_employment_only = true;
    } else {
      count = random_.WeightedIndex(kAboveLineDeprivationCounts);
    }
    std::vector<DeprivationWeight> candidates;
    for (const DeprivationWeight& candidate : kDeprivationWeights) {
      if (household_level_and_employment_only && !candidate.household_level &&
          candidate.deprivation != Deprivation::kEmployment) {
        continue;
      }
      if (Applicable(candidate.deprivation, household, ages)) candidates.push_back(candidate);
    }
    std::vector<Deprivation> chosen;
    while (chosen.size() < count && !candidates.empty()) {
      std::vector<int> weights;
      for (const DeprivationWeight& candidate : candidates) weights.push_back(candidate.weight);
      const size_t pick = random_.WeightedIndex(weights);
      chosen.push_back(candidates[pick].deprivation);
      candidates.erase(candidates.begin() + static_cast<std::ptrdiff_t>(pick));
    }
    return chosen;
  }

  v1::Member& PickMember(v1::Household& household, const std::vector<int>& ages, AgeBand band,
                         bool able_only) {
    const std::vector<int> eligible = MembersIn(household, ages, band, able_only);
    const auto pick = static_cast<size_t>(random_.UniformInt(0, eligible.size() - 1));
    return *household.mutable_members(eligible[pick]);
  }

  // Member-level deprivations; the household-level ones are set on the survey.
  void Deprive(Deprivation deprivation, v1::Household& household, const std::vector<int>& ages) {
    switch (deprivation) {
      case Deprivation::kEmployment: {
        v1::Member& member = PickMember(household, ages, kInformalWorkerAges, true);
        member.set_enrolled_in_school(false);
        member.set_employment(random_.ChancePerMille(700) ? v1::EMPLOYMENT_WAGE_WITHOUT_CONTRACT
                                                          : v1::EMPLOYMENT_UNEMPLOYED);
        break;
      }
      case Deprivation::kNutrition:
        PickMember(household, ages, kMalnourishedChildAges, false)
            .set_nutrition(random_.ChancePerMille(600) ? v1::NUTRITION_STUNTED : v1::NUTRITION_UNDERWEIGHT);
        break;
      case Deprivation::kHealthInsurance:
        PickMember(household, ages, kUninsuredAdultAges, false).set_has_health_insurance(false);
        break;
      case Deprivation::kAdultEducation: {
        v1::Member& member = PickMember(household, ages, kUnqualifiedYoungAdultAges, true);
        member.set_enrolled_in_school(false);
        member.set_education_level(v1::EDUCATION_LEVEL_LOWER_SECONDARY);
        if (member.employment() == v1::EMPLOYMENT_NOT_IN_LABOUR_FORCE) {
          member.set_employment(v1::EMPLOYMENT_SELF_EMPLOYED);
        }
        break;
      }
      case Deprivation::kSchoolAttendance:
        PickMember(household, ages, kOutOfSchoolChildAges, false).set_enrolled_in_school(false);
        break;
      default:
        break;
    }
  }

  static bool Has(const std::vector<Deprivation>& deprivations, Deprivation deprivation) {
    return std::find(deprivations.begin(), deprivations.end(), deprivation) != deprivations.end();
  }

  v1::Survey MakeSurvey(Tier tier, const std::vector<Deprivation>& deprivations,
                        const v1::Household& household, CivilDate survey_date, const GroupContext& group) {
    const Profile profile = ProfileOf(tier);
    v1::Survey survey;
    survey.set_household_id(household.household_id());
    survey.set_review_year(options_.review_year);
    survey.set_kind(v1::REVIEW_KIND_PERIODIC);
    SetMaterials(survey, profile, Has(deprivations, Deprivation::kHousingQuality));
    survey.set_floor_area_m2(
        FloorArea(tier, household.members_size(), Has(deprivations, Deprivation::kHousingArea)));
    SetWaterAndSanitation(survey, deprivations);
    SetInformation(survey, tier, Has(deprivations, Deprivation::kTelecom),
                   Has(deprivations, Deprivation::kInformationAccess));
    SetIncome(survey, tier);
    survey.set_surveyor(group.surveyor);
    survey.set_survey_date(FormatIsoDate(survey_date));
    *survey.mutable_members() = household.members();
    survey.set_area_type(household.area_type());
    survey.set_residential_group(household.residential_group());
    return survey;
  }

  void SetMaterials(v1::Survey& survey, Profile profile, bool deprived) {
    std::array<v1::MaterialQuality, 3> parts;
    parts.fill(v1::MATERIAL_QUALITY_DURABLE);
    if (deprived) {
      // Two or three of walls, columns and roof are non-durable.
      parts.fill(v1::MATERIAL_QUALITY_NON_DURABLE);
      if (random_.ChancePerMille(600)) {
        parts[static_cast<size_t>(random_.UniformInt(0, 2))] = v1::MATERIAL_QUALITY_DURABLE;
      }
    } else if (profile != Profile::kClean && random_.ChancePerMille(profile == Profile::kPoor ? 100 : 30)) {
      // A patched roof alone does not make a home non-durable.
      parts[2] = v1::MATERIAL_QUALITY_NON_DURABLE;
    }
    survey.set_walls(parts[0]);
    survey.set_columns(parts[1]);
    survey.set_roof(parts[2]);
  }

  // Whole square metres; deprived homes have 5 to under 8 m2 per person,
  // the others at least 8 m2 per person plus 4 m2.
  double FloorArea(Tier tier, int members, bool deprived) {
    if (deprived) return static_cast<double>(random_.UniformInt(5 * members, 8 * members - 1));
    int64_t area = 0;
    switch (tier) {
      case Tier::kNotPoor:
        area = random_.UniformInt(45, 160);
        break;
      case Tier::kAverage:
        area = random_.UniformInt(35, 100);
        break;
      case Tier::kNearPoor:
        area = random_.UniformInt(28, 75);
        break;
      case Tier::kPoorWithoutLabourCapacity:
      case Tier::kPoorWorking:
        area = random_.UniformInt(20, 55);
        break;
    }
    return static_cast<double>(std::max<int64_t>(area, 8 * members + 4));
  }

  void SetWaterAndSanitation(v1::Survey& survey, const std::vector<Deprivation>& deprivations) {
    using W = v1::WaterSource;
    using L = v1::LatrineType;
    using T = v1::WasteTreatment;
    survey.set_water_source(Has(deprivations, Deprivation::kWaterSource)
                                ? PickWeighted<W, 3>(random_, {{{v1::WATER_SOURCE_UNPROTECTED_DUG_WELL, 50},
                                                                {v1::WATER_SOURCE_SURFACE_WATER, 20},
                                                                {v1::WATER_SOURCE_OTHER, 30}}})
                                : PickWeighted<W, 3>(random_, {{{v1::WATER_SOURCE_TAP, 85},
                                                                {v1::WATER_SOURCE_DRILLED_WELL, 10},
                                                                {v1::WATER_SOURCE_BOTTLED, 5}}}));
    survey.set_latrine(
        Has(deprivations, Deprivation::kLatrine)
            ? PickWeighted<L, 2>(random_, {{{v1::LATRINE_TYPE_SIMPLE_PIT, 70}, {v1::LATRINE_TYPE_NONE, 30}}})
            : PickWeighted<L, 3>(random_, {{{v1::LATRINE_TYPE_SEPTIC, 85},
                                            {v1::LATRINE_TYPE_SEMI_SEPTIC, 12},
                                            {v1::LATRINE_TYPE_POUR_FLUSH, 3}}}));
    survey.set_waste_treatment(PickWeighted<T, 3>(random_, {{{v1::WASTE_TREATMENT_COLLECTED, 94},
                                                             {v1::WASTE_TREATMENT_HYGIENIC_ON_SITE, 3},
                                                             {v1::WASTE_TREATMENT_UNTREATED, 3}}}));
  }

  // Telecom users own a smartphone; a household without telecom may still
  // watch TV, and one without information devices owns none at all.
  void SetInformation(v1::Survey& survey, Tier tier, bool no_telecom, bool no_devices) {
    survey.set_uses_telecom(!no_telecom);
    if (no_devices) return;
    if (!no_telecom) survey.add_information_devices(v1::INFORMATION_DEVICE_SMARTPHONE);
    if (no_telecom || random_.ChancePerMille(900)) {
      survey.add_information_devices(v1::INFORMATION_DEVICE_TV);
    }
    const int computer_per_mille = tier == Tier::kNotPoor ? 450 : tier == Tier::kAverage ? 200 : 50;
    if (!no_telecom && random_.ChancePerMille(computer_per_mille)) {
      survey.add_information_devices(v1::INFORMATION_DEVICE_COMPUTER);
    }
    if (random_.ChancePerMille(50)) survey.add_information_devices(v1::INFORMATION_DEVICE_RADIO);
  }

  // Income per person per month, to the thousand VND, inside the tier's band
  // with a margin from the lines; measured (70%), measured and scored (20%)
  // or, at or below the line, only scored (10%): above the line the income is
  // always measured, since the AVERAGE band is decided by income alone. The
  // score A is the income scaled so that the line maps to the score at the
  // line, rounded up: A <= score at line exactly when income <= line.
  void SetIncome(v1::Survey& survey, Tier tier) {
    const int64_t line = options_.poverty_line_vnd;
    const int64_t upper = options_.average_band_upper_vnd;
    int64_t low = 0;
    int64_t high = 0;
    switch (tier) {
      case Tier::kPoorWithoutLabourCapacity:
      case Tier::kPoorWorking:
        low = line * 3 / 10, high = line - 50'000;
        break;
      case Tier::kNearPoor:
        low = line * 6 / 10, high = line - 20'000;
        break;
      case Tier::kAverage:
        low = line + 50'000, high = upper - 20'000;
        break;
      case Tier::kNotPoor: {
        const size_t band = random_.WeightedIndex(std::array<int, 3>{60, 30, 10});
        low = upper + 50'000 + static_cast<int64_t>(band) * upper * 2 / 3;
        high = upper * 5 / 3 + static_cast<int64_t>(band) * upper * 4 / 3;
        break;
      }
    }
    const int64_t income = random_.UniformInt(low / 1000, high / 1000) * 1000;
    const int64_t basis = random_.UniformInt(0, 999);
    const bool below_line = tier != Tier::kAverage && tier != Tier::kNotPoor;
    if (basis < 900 || !below_line) {
      survey.set_has_income_per_capita(true);
      survey.set_income_per_capita_vnd(income);
    }
    if (basis >= 700) {
      const int64_t score = (income * options_.score_a_at_poverty_line + line - 1) / line;
      survey.set_has_score_a(true);
      survey.set_score_a(static_cast<int32_t>(std::min<int64_t>(score, 1000)));
    }
  }

  DeterministicRandom random_;
  // For CompleteForRegistration only, so the day of registration never shifts
  // the draws of the ward itself.
  DeterministicRandom late_random_;
  const DemoWardOptions& options_;
  demo::NationalIdAllocator national_ids_;
};

}  // namespace

std::vector<DemoHousehold> GenerateDemoWard(uint64_t seed, const DemoWardOptions& options) {
  return WardBuilder(seed, options).Build();
}

v1::ImportHouseholdsRequest ToImportRow(const DemoHousehold& demo, int64_t row_number) {
  v1::ImportHouseholdsRequest row;
  row.set_row_number(row_number);
  v1::Household& household = *row.mutable_household();
  household = demo.household;
  household.clear_household_id();
  household.clear_code();
  household.clear_status();
  household.clear_version();
  household.clear_head_member_id();
  for (v1::Member& member : *household.mutable_members()) member.clear_member_id();
  v1::Survey& survey = *row.mutable_survey();
  survey = demo.survey;
  survey.clear_survey_id();
  survey.clear_household_id();
  survey.clear_members();
  survey.clear_area_type();
  survey.clear_residential_group();
  return row;
}

}  // namespace ansinh::registry
