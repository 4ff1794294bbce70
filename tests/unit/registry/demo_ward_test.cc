#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "independent_poverty_check.h"
#include "registry/core/demo/demo_ward_generator.h"
#include "registry/core/household_validation.h"
#include "registry/core/import/import_validation.h"
#include "registry/core/survey_validation.h"
#include "registry_fixtures.h"

namespace ansinh::registry {
namespace {

using ::testing::IsEmpty;

constexpr uint64_t kSeed = 2025;

// Generating the ward takes a moment in a debug build; share it.
const std::vector<DemoHousehold>& SeedWard() {
  static const std::vector<DemoHousehold> ward = GenerateDemoWard(kSeed);
  return ward;
}

std::string Serialized(const std::vector<DemoHousehold>& ward) {
  std::string bytes;
  for (const DemoHousehold& demo : ward) {
    bytes += demo.household.SerializeAsString();
    bytes += demo.survey.SerializeAsString();
    bytes += std::to_string(demo.intended_category);
    bytes += demo.intended_without_labour_capacity ? "L" : "-";
  }
  return bytes;
}

struct Shares {
  int64_t households = 0;
  std::map<v1::PovertyCategory, int64_t> by_category;
  int64_t poor_without_labour_capacity = 0;

  double Share(v1::PovertyCategory category) const {
    const auto it = by_category.find(category);
    return it == by_category.end() ? 0.0 : static_cast<double>(it->second) / households;
  }
};

// Classifies every household with the independent check and verifies it
// agrees with what the generator intended.
Shares CheckWard(const std::vector<DemoHousehold>& ward, const testkit::Reading& reading) {
  Shares shares;
  for (const DemoHousehold& demo : ward) {
    const testkit::Assessment assessment = testkit::AssessUrbanDecree07(demo.survey, reading);
    EXPECT_EQ(assessment.category, demo.intended_category)
        << demo.household.household_id() << " deprivations " << assessment.deprivations;
    if (assessment.category == v1::POVERTY_CATEGORY_POOR) {
      EXPECT_EQ(!assessment.has_labour_capacity, demo.intended_without_labour_capacity)
          << demo.household.household_id();
      if (!assessment.has_labour_capacity) ++shares.poor_without_labour_capacity;
    }
    ++shares.households;
    ++shares.by_category[assessment.category];
  }
  return shares;
}

TEST(DemoWardTest, IsDeterministic) {
  DemoWardOptions options;
  options.household_count = 300;
  const std::string first = Serialized(GenerateDemoWard(77, options));
  EXPECT_EQ(first, Serialized(GenerateDemoWard(77, options)));
  EXPECT_NE(first, Serialized(GenerateDemoWard(78, options)));
  EXPECT_EQ(Serialized(SeedWard()), Serialized(GenerateDemoWard(kSeed)));
}

// Pinned: the ward depends only on the seed, so these hold on every platform.
// Changing the generator on purpose changes them; update them with it.
TEST(DemoWardTest, FirstHouseholdIsPinned) {
  const DemoHousehold& first = SeedWard().front();
  EXPECT_EQ(first.household.code(), "T01-001");
  EXPECT_EQ(first.household.members(0).full_name(), "Nguyễn Đức Cường");
  EXPECT_EQ(first.household.members(0).national_id(), "046052489802");
  EXPECT_EQ(first.survey.survey_date(), "2025-11-22");
}

// FNV-1a, 64 bits: a fingerprint of the whole ward, not a security measure.
uint64_t Fingerprint(const std::string& bytes) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (const unsigned char byte : bytes) hash = (hash ^ byte) * 0x100000001b3ULL;
  return hash;
}

// Every household pinned, not only the first: `make test` builds with clang
// and `make run` with GCC, which once evaluated two random draws passed to one
// call in opposite orders and so generated different wards from one seed.
TEST(DemoWardTest, TheWholeSeedWardIsPinned) {
  EXPECT_EQ(Fingerprint(Serialized(SeedWard())), 0xf4d8301c2e1d8ed3ULL);
}

TEST(DemoWardTest, HasTheSeedWardsShape) {
  const std::vector<DemoHousehold>& ward = SeedWard();
  ASSERT_EQ(ward.size(), 2000u);
  std::map<std::string, int> per_group;
  std::set<std::string> ids, codes, survey_ids;
  int64_t members = 0;
  for (const DemoHousehold& demo : ward) {
    const v1::Household& household = demo.household;
    ++per_group[household.residential_group()];
    ids.insert(household.household_id());
    codes.insert(household.code());
    survey_ids.insert(demo.survey.survey_id());
    members += household.members_size();
    EXPECT_EQ(household.area_type(), v1::AREA_TYPE_URBAN);
    EXPECT_EQ(household.status(), v1::HOUSEHOLD_STATUS_ACTIVE);
    EXPECT_EQ(demo.survey.review_year(), 2025);
    EXPECT_EQ(demo.survey.kind(), v1::REVIEW_KIND_PERIODIC);
    EXPECT_EQ(demo.survey.household_id(), household.household_id());
    EXPECT_EQ(demo.survey.members_size(), household.members_size());
  }
  EXPECT_EQ(ids.size(), ward.size());
  EXPECT_EQ(codes.size(), ward.size());
  EXPECT_EQ(survey_ids.size(), ward.size());
  ASSERT_EQ(per_group.size(), 18u);
  EXPECT_EQ(per_group.begin()->first, "TDP-01");
  EXPECT_EQ(per_group.rbegin()->first, "TDP-18");
  for (const auto& [group, count] : per_group) {
    EXPECT_GT(count, 60) << group;
    EXPECT_LT(count, 170) << group;
  }
  const double mean_size = static_cast<double>(members) / static_cast<double>(ward.size());
  EXPECT_GT(mean_size, 3.0);
  EXPECT_LT(mean_size, 4.5);
}

TEST(DemoWardTest, EveryHouseholdAndSurveyIsValid) {
  for (const DemoHousehold& demo : SeedWard()) {
    EXPECT_THAT(ValidateHousehold(demo.household, testkit::kToday), IsEmpty())
        << demo.household.ShortDebugString();
    EXPECT_THAT(ValidateRecordedSurvey(demo.survey, testkit::kToday, testkit::Rules()), IsEmpty())
        << demo.survey.ShortDebugString();
    EXPECT_THAT(ValidateImportRow(ToImportRow(demo, 1), testkit::kToday, testkit::Rules()), IsEmpty());
  }
}

// The registry checks ages on the day of registration: a ward loaded long
// after the survey window still registers, and only the late additions differ.
TEST(DemoWardTest, LoadedYearsLaterItGainsWhatTheRegistryThenRequiresAndNothingElse) {
  const CivilDate registered_on{std::chrono::year(2028), std::chrono::June, std::chrono::day(1)};
  DemoWardOptions options;
  options.registered_on = registered_on;
  const std::vector<DemoHousehold> later = GenerateDemoWard(kSeed, options);
  ASSERT_EQ(later.size(), SeedWard().size());
  int national_ids_added = 0;
  int education_levels_added = 0;
  std::set<std::string> national_ids;
  for (size_t i = 0; i < later.size(); ++i) {
    const v1::Household& household = later[i].household;
    const v1::Household& original = SeedWard()[i].household;
    EXPECT_THAT(ValidateHousehold(household, registered_on), IsEmpty()) << household.ShortDebugString();
    EXPECT_THAT(ValidateRecordedSurvey(later[i].survey, registered_on, testkit::Rules()), IsEmpty());
    EXPECT_EQ(later[i].survey.income_per_capita_vnd(), SeedWard()[i].survey.income_per_capita_vnd());
    ASSERT_EQ(household.members_size(), original.members_size());
    for (int m = 0; m < household.members_size(); ++m) {
      const v1::Member& member = household.members(m);
      const v1::Member& before = original.members(m);
      EXPECT_EQ(member.full_name(), before.full_name());
      EXPECT_EQ(member.date_of_birth(), before.date_of_birth());
      EXPECT_EQ(member.national_id(), later[i].survey.members(m).national_id());
      if (!before.national_id().empty()) {
        EXPECT_EQ(member.national_id(), before.national_id());
      } else if (!member.national_id().empty()) {
        ++national_ids_added;
      }
      if (!member.national_id().empty()) {
        EXPECT_TRUE(national_ids.insert(member.national_id()).second) << member.national_id();
      }
      if (before.education_level() == v1::EDUCATION_LEVEL_UNSPECIFIED &&
          member.education_level() != v1::EDUCATION_LEVEL_UNSPECIFIED) {
        ++education_levels_added;
      }
    }
  }
  EXPECT_GT(national_ids_added, 0);
  EXPECT_GT(education_levels_added, 0);
}

TEST(DemoWardTest, NationalIdsAreUniqueTwelveDigitsAndStartWithAProvince) {
  std::set<std::string> seen;
  int without = 0;
  int from_home_province = 0;
  for (const DemoHousehold& demo : SeedWard()) {
    for (const v1::Member& member : demo.household.members()) {
      const std::string& id = member.national_id();
      if (id.empty()) {
        ++without;
        continue;
      }
      EXPECT_EQ(id.size(), 12u) << id;
      EXPECT_EQ(id.find_first_not_of("0123456789"), std::string::npos) << id;
      EXPECT_TRUE(seen.insert(id).second) << "duplicate CCCD " << id;
      // Sex and century digit, and the birth year, match the birth date.
      const bool female = member.sex() == v1::SEX_FEMALE;
      const int year = std::stoi(member.date_of_birth().substr(0, 4));
      EXPECT_EQ(id[3] - '0', (year >= 2000 ? 2 : 0) + (female ? 1 : 0)) << id;
      EXPECT_EQ(id.substr(4, 2), member.date_of_birth().substr(2, 2)) << id;
      if (id.starts_with("046")) ++from_home_province;
    }
  }
  EXPECT_GT(without, 0);  // children under 14 without one
  EXPECT_GT(from_home_province, static_cast<int>(seen.size()) * 8 / 10);
}

TEST(DemoWardTest, NamesAreVietnamese) {
  const std::set<std::string> family_names = {"Nguyễn", "Trần", "Lê",    "Phạm", "Hoàng", "Huỳnh",
                                              "Phan",   "Vũ",   "Võ",    "Đặng", "Bùi",   "Đỗ",
                                              "Hồ",     "Ngô",  "Dương", "Lý"};
  std::map<std::string, int> by_family;
  int people = 0;
  for (const DemoHousehold& demo : SeedWard()) {
    for (const v1::Member& member : demo.household.members()) {
      const std::string& name = member.full_name();
      const std::string family = name.substr(0, name.find(' '));
      EXPECT_TRUE(family_names.contains(family)) << name;
      EXPECT_GE(std::count(name.begin(), name.end(), ' '), 2) << name;
      ++by_family[family];
      ++people;
    }
  }
  // Nguyễn is by far the most common family name.
  EXPECT_GT(by_family["Nguyễn"], people / 4);
  EXPECT_LT(by_family["Nguyễn"], people / 2);
}

TEST(DemoWardTest, PoorAndNearPoorSharesAreAsInTheSeedWard) {
  const Shares shares = CheckWard(SeedWard(), testkit::Reading{});
  EXPECT_GE(shares.Share(v1::POVERTY_CATEGORY_POOR), 0.03);
  EXPECT_LE(shares.Share(v1::POVERTY_CATEGORY_POOR), 0.05);
  EXPECT_GE(shares.Share(v1::POVERTY_CATEGORY_NEAR_POOR), 0.02);
  EXPECT_LE(shares.Share(v1::POVERTY_CATEGORY_NEAR_POOR), 0.07);
  EXPECT_GT(shares.Share(v1::POVERTY_CATEGORY_AVERAGE), 0.04);
  EXPECT_GT(shares.Share(v1::POVERTY_CATEGORY_NOT_POOR), 0.75);
  // A few poor households nobody in which can work, under the resolution's
  // 1.7% target.
  EXPECT_GE(shares.poor_without_labour_capacity, 10);
  EXPECT_LE(static_cast<double>(shares.poor_without_labour_capacity) / shares.households, 0.017);
}

TEST(DemoWardTest, CategoriesHoldUnderBorderlineReadingsOfTheIndicators) {
  testkit::Reading january_ages;
  january_ages.ages_on_survey_date = false;
  testkit::Reading later_retirement;
  later_retirement.working_age_max_male = 62;
  later_retirement.working_age_max_female = 60;
  // The statutory retirement age of 2025 falls between this reading and the
  // default one (61 years 3 months for men, 56 years 8 months for women,
  // docs/domain.md §3.4), whatever the month of birth: as the categories
  // only grow or shrink with the set of working-age members, holding at both
  // ends means they hold under the classifier's month-exact rule too.
  testkit::Reading earlier_retirement;
  earlier_retirement.working_age_max_male = 60;
  earlier_retirement.working_age_max_female = 55;
  testkit::Reading narrow_dependants;
  narrow_dependants.dependant_child_under = 15;
  narrow_dependants.elderly_min_age = 80;
  for (const testkit::Reading& reading :
       {january_ages, later_retirement, earlier_retirement, narrow_dependants}) {
    CheckWard(SeedWard(), reading);
  }
}

TEST(DemoWardTest, SomeHouseholdsAboveTheLineHaveThreeDeprivations) {
  // Under Decree 07/2021 they are not poor (AND rule), which catches an
  // OR-rule classifier.
  int found = 0;
  for (const DemoHousehold& demo : SeedWard()) {
    const testkit::Assessment assessment = testkit::AssessUrbanDecree07(demo.survey);
    if (assessment.deprivations >= 3 && assessment.category != v1::POVERTY_CATEGORY_POOR &&
        assessment.category != v1::POVERTY_CATEGORY_NEAR_POOR) {
      ++found;
    }
  }
  EXPECT_GT(found, 10);
}

TEST(DemoWardTest, PoorHouseholdsIncludeTheElderlyAloneAndPeopleWithDisabilities) {
  int elderly_alone = 0;
  int with_disability = 0;
  int scored_only = 0;
  for (const DemoHousehold& demo : SeedWard()) {
    if (demo.intended_category != v1::POVERTY_CATEGORY_POOR) continue;
    const v1::Household& household = demo.household;
    if (household.members_size() == 1 && household.members(0).date_of_birth() < "1955-01-01") {
      ++elderly_alone;
    }
    for (const v1::Member& member : household.members()) {
      if (member.has_disability()) {
        ++with_disability;
        break;
      }
    }
    if (!demo.survey.has_income_per_capita()) ++scored_only;
  }
  EXPECT_GE(elderly_alone, 3);
  EXPECT_GE(with_disability, 3);
  EXPECT_GE(scored_only, 1);
}

TEST(DemoWardTest, LargerWardsSpreadOverMoreGroupsWithTheSameShape) {
  DemoWardOptions options;
  options.household_count = 12'000;
  const std::vector<DemoHousehold> ward = GenerateDemoWard(kSeed, options);
  ASSERT_EQ(ward.size(), 12'000u);
  std::set<std::string> groups;
  std::set<std::string> ids;
  for (const DemoHousehold& demo : ward) {
    groups.insert(demo.household.residential_group());
    for (const v1::Member& member : demo.household.members()) {
      if (!member.national_id().empty()) {
        EXPECT_TRUE(ids.insert(member.national_id()).second) << member.national_id();
      }
    }
  }
  EXPECT_EQ(groups.size(), 108u);  // ceil(12,000 / 112)
  EXPECT_EQ(*groups.begin(), "TDP-001");
  EXPECT_EQ(*groups.rbegin(), "TDP-108");
  const Shares shares = CheckWard(ward, testkit::Reading{});
  EXPECT_NEAR(shares.Share(v1::POVERTY_CATEGORY_POOR), 0.04, 0.001);
  EXPECT_NEAR(shares.Share(v1::POVERTY_CATEGORY_NEAR_POOR), 0.045, 0.001);
}

TEST(DemoWardTest, OptionsChangeTheShares) {
  DemoWardOptions options;
  options.household_count = 1000;
  options.poor_per_mille = 100;
  options.near_poor_per_mille = 0;
  options.residential_group_count = 4;
  const std::vector<DemoHousehold> ward = GenerateDemoWard(1, options);
  const Shares shares = CheckWard(ward, testkit::Reading{});
  EXPECT_DOUBLE_EQ(shares.Share(v1::POVERTY_CATEGORY_POOR), 0.1);
  EXPECT_DOUBLE_EQ(shares.Share(v1::POVERTY_CATEGORY_NEAR_POOR), 0.0);
  std::set<std::string> groups;
  for (const DemoHousehold& demo : ward) groups.insert(demo.household.residential_group());
  EXPECT_EQ(groups, (std::set<std::string>{"TDP-01", "TDP-02", "TDP-03", "TDP-04"}));
}

TEST(DemoWardTest, ImportRowsLeaveIdsToTheRegistry) {
  const DemoHousehold& demo = SeedWard()[5];
  const v1::ImportHouseholdsRequest row = ToImportRow(demo, 9);
  EXPECT_EQ(row.row_number(), 9);
  EXPECT_TRUE(row.household().household_id().empty());
  EXPECT_TRUE(row.household().code().empty());
  EXPECT_TRUE(row.household().head_member_id().empty());
  EXPECT_EQ(row.household().members_size(), demo.household.members_size());
  for (const v1::Member& member : row.household().members()) {
    EXPECT_TRUE(member.member_id().empty());
  }
  EXPECT_TRUE(row.survey().survey_id().empty());
  EXPECT_TRUE(row.survey().household_id().empty());
  EXPECT_EQ(row.survey().members_size(), 0);
  EXPECT_EQ(row.survey().income_per_capita_vnd(), demo.survey.income_per_capita_vnd());
}

}  // namespace
}  // namespace ansinh::registry
