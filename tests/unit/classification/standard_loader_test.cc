// Loading the standard files: the real ones load and mean what docs/domain.md
// says; broken ones are refused with the file and the problem named.
#include "standards/standard_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "standards/indicator_facts.h"
#include "standards/standard_validator.h"
#include "survey_builder.h"

namespace ansinh::classification {
namespace {

using ::testing::HasSubstr;
using testkit::RealCatalog;
using testkit::RealStandard;

// A small valid standard; `extra` is appended, `lines` replaces the lines.
std::string StandardText(const std::string& id, int first, int last, const std::string& extra = "",
                         const std::string& lines =
                             "lines { area_type: AREA_TYPE_RURAL "
                             "poverty_line_vnd: 1500000 }\n"
                             "lines { area_type: AREA_TYPE_URBAN "
                             "poverty_line_vnd: 2000000 }\n") {
  return "id: \"" + id + "\"\nversion: 1\n" + "first_list_year: " + std::to_string(first) + "\n" +
         "last_list_year: " + std::to_string(last) + "\n" +
         "rule_shape: RULE_SHAPE_INCOME_AND_DEPRIVATION\n" + lines +
         "working_age { min_age: 15 ends_at: WORKING_AGE_END_STATUTORY_RETIREMENT_AGE }\n"
         "indicators { kind: INDICATOR_KIND_TELECOM_USE "
         "dimension: DIMENSION_INFORMATION telecom_use {} }\n"
         "indicators { kind: INDICATOR_KIND_HOUSING_AREA "
         "dimension: DIMENSION_HOUSING housing_area { min_m2_per_person: 8 } }\n" +
         extra;
}

std::string WithCount(int count) { return "poor_deprivation_count: " + std::to_string(count) + "\n"; }

// A fresh directory under the test temp dir, removed at the end.
class TempDirectory {
 public:
  explicit TempDirectory(const std::string& name)
      : path_(std::filesystem::path(::testing::TempDir()) / name) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDirectory() { std::filesystem::remove_all(path_); }

  void Write(const std::string& file, const std::string& text) const { std::ofstream(path_ / file) << text; }
  // The repository's retirement-ages.textproto, which every standards
  // directory needs.
  void WriteRetirementAges() const {
    std::filesystem::copy_file(std::filesystem::path(ANSINH_STANDARDS_DIR) / kRetirementAgesFileName,
                               path_ / kRetirementAgesFileName);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

TEST(RealStandardsTest, EachListYearFindsItsStandard) {
  const StandardCatalog& catalog = RealCatalog();
  ASSERT_EQ(catalog.standards().size(), 3u);
  struct Case {
    int year;
    const char* id;
  };
  for (const Case& c :
       {Case{2016, "decision-59-2015"}, Case{2021, "decision-59-2015"}, Case{2022, "decree-07-2021"},
        Case{2026, "decree-07-2021"}, Case{2027, "decree-351-2025"}, Case{2030, "decree-351-2025"}}) {
    const v1::Standard* standard = catalog.ForListYear(c.year);
    ASSERT_NE(standard, nullptr) << c.year;
    EXPECT_EQ(standard->id(), c.id) << c.year;
  }
  EXPECT_EQ(catalog.ForListYear(2015), nullptr);
  EXPECT_EQ(catalog.ForListYear(2031), nullptr);
  EXPECT_EQ(catalog.FindById("nope"), nullptr);
}

TEST(RealStandardsTest, IndicatorsMatchTheDecrees) {
  const auto kinds = [](const v1::Standard& standard) {
    std::vector<v1::IndicatorKind> kinds;
    for (const v1::Indicator& indicator : standard.indicators()) {
      kinds.push_back(indicator.kind());
    }
    return kinds;
  };
  const v1::Standard& decision59 = RealStandard("decision-59-2015");
  const v1::Standard& decree07 = RealStandard("decree-07-2021");
  const v1::Standard& decree351 = RealStandard("decree-351-2025");

  EXPECT_EQ(decision59.indicators_size(), 10);
  EXPECT_EQ(decree07.indicators_size(), 12);
  EXPECT_EQ(decree351.indicators_size(), 12);
  EXPECT_THAT(kinds(decree351), ::testing::Contains(v1::INDICATOR_KIND_WASTE_TREATMENT));
  EXPECT_THAT(kinds(decree351), ::testing::Not(::testing::Contains(v1::INDICATOR_KIND_INFORMATION_ACCESS)));
  EXPECT_THAT(kinds(decision59), ::testing::Contains(v1::INDICATOR_KIND_HEALTH_SERVICE_ACCESS));
  for (const v1::AreaLines& lines : decree351.lines()) {
    EXPECT_FALSE(lines.has_average_band_upper_vnd());
    EXPECT_FALSE(lines.has_score_a());
  }
  EXPECT_EQ(decision59.rule_shape(), v1::RULE_SHAPE_INCOME_OR_DEPRIVATION);
  EXPECT_EQ(decree07.rule_shape(), v1::RULE_SHAPE_INCOME_AND_DEPRIVATION);
}

TEST(RealStandardsTest, WorkingAgeRunsFrom15ToTheStatutoryRetirementAge) {
  for (const v1::Standard& standard : RealCatalog().standards()) {
    SCOPED_TRACE(standard.id());
    const v1::WorkingAge& working_age = standard.working_age();
    EXPECT_EQ(working_age.min_age(), 15);
    EXPECT_EQ(working_age.ends_at(), v1::WORKING_AGE_END_STATUTORY_RETIREMENT_AGE);
    const v1::RetirementAgeSchedule& schedule = working_age.statutory_retirement_ages();
    EXPECT_EQ(schedule.first_stepped_year(), 2021);
    ASSERT_EQ(schedule.ages_size(), 2);
    for (const v1::RetirementAges& ages : schedule.ages()) {
      const bool men = ages.sex() == v1::SEX_MALE;
      EXPECT_EQ(ages.before_steps().years(), men ? 60 : 55);
      EXPECT_EQ(ages.before_steps().months(), 0);
      EXPECT_EQ(ages.first_step().years(), men ? 60 : 55);
      EXPECT_EQ(ages.first_step().months(), men ? 3 : 4);
      EXPECT_EQ(ages.yearly_step_months(), men ? 3 : 4);
      EXPECT_EQ(ages.ceiling().years(), men ? 62 : 60);
      EXPECT_EQ(ages.ceiling().months(), 0);
    }
  }
}

TEST(RealStandardsTest, Decision59HealthAccessReadsOnlyWhetherAnIllMemberWentUntreated) {
  const v1::Standard& decision59 = RealStandard("decision-59-2015");
  int readers = 0;
  for (const v1::Indicator& indicator : decision59.indicators()) {
    const std::vector<DecidingFact> facts = DecidingFacts(indicator);
    EXPECT_FALSE(facts.empty()) << v1::IndicatorKind_Name(indicator.kind());
    if (indicator.kind() == v1::INDICATOR_KIND_HEALTH_SERVICE_ACCESS) {
      ASSERT_EQ(facts.size(), 1u);
      EXPECT_EQ(facts[0].field, "untreated_illness");
    }
    for (const DecidingFact& fact : facts) {
      if (fact.field == "untreated_illness") ++readers;
      if (indicator.kind() == v1::INDICATOR_KIND_HEALTH_SERVICE_ACCESS) {
        EXPECT_NE(fact.field, "members.has_health_insurance");
      }
    }
  }
  EXPECT_EQ(readers, 1);
}

TEST(StandardLoaderTest, ParsesAValidStandard) {
  Result<v1::Standard> standard =
      ParseStandard(StandardText("test-2040", 2040, 2041, WithCount(2)), "test.textproto");

  ASSERT_TRUE(standard.ok()) << standard.error().message;
  EXPECT_EQ(standard->id(), "test-2040");
  EXPECT_EQ(standard->indicators_size(), 2);
}

TEST(StandardLoaderTest, RefusesTwoStandardsForOneReviewYear) {
  TempDirectory directory("overlapping_standards");
  directory.WriteRetirementAges();
  directory.Write("a.textproto", StandardText("a-2040", 2040, 2042, WithCount(2)));
  directory.Write("b.textproto", StandardText("b-2042", 2042, 2045, WithCount(2)));

  Result<StandardCatalog> catalog = LoadStandardsFromDirectory(directory.path());

  ASSERT_FALSE(catalog.ok());
  EXPECT_EQ(catalog.error().message,
            "list year 2042 is covered by two standards: a-2040 "
            "(a.textproto), 2040-2042 and b-2042 (b.textproto), 2042-2045");
}

TEST(StandardLoaderTest, RefusesTheSameIdTwice) {
  TempDirectory directory("duplicate_ids");
  directory.WriteRetirementAges();
  directory.Write("a.textproto", StandardText("same", 2040, 2040, WithCount(2)));
  directory.Write("b.textproto", StandardText("same", 2041, 2041, WithCount(2)));

  Result<StandardCatalog> catalog = LoadStandardsFromDirectory(directory.path());

  ASSERT_FALSE(catalog.ok());
  EXPECT_THAT(catalog.error().message, HasSubstr("standard id same is declared by both a.textproto and "
                                                 "b.textproto"));
}

TEST(StandardLoaderTest, NamesTheFileThatDoesNotParse) {
  TempDirectory directory("broken_standard");
  directory.WriteRetirementAges();
  directory.Write("good.textproto", StandardText("good", 2040, 2040, WithCount(2)));
  directory.Write("bad.textproto", "id: \"bad\"\nversion: one\n");

  Result<StandardCatalog> catalog = LoadStandardsFromDirectory(directory.path());

  ASSERT_FALSE(catalog.ok());
  EXPECT_THAT(catalog.error().message, HasSubstr("bad.textproto:2:"));
}

TEST(StandardLoaderTest, RefusesAnUnknownIndicator) {
  Result<v1::Standard> standard =
      ParseStandard(StandardText("x", 2040, 2040,
                                 WithCount(2) + "indicators { kind: INDICATOR_KIND_WEALTH "
                                                "dimension: DIMENSION_HOUSING }\n"),
                    "unknown.textproto");

  ASSERT_FALSE(standard.ok());
  EXPECT_THAT(standard.error().message, HasSubstr("unknown.textproto:"));
  EXPECT_THAT(standard.error().message, HasSubstr("INDICATOR_KIND_WEALTH"));
}

TEST(StandardLoaderTest, RefusesAnUnspecifiedIndicator) {
  Result<v1::Standard> standard = ParseStandard(
      StandardText("x", 2040, 2040, WithCount(2) + "indicators { dimension: DIMENSION_HOUSING }\n"),
      "unspecified.textproto");

  ASSERT_FALSE(standard.ok());
  EXPECT_THAT(standard.error().message, HasSubstr("unspecified.textproto: invalid standard: "
                                                  "indicators[2].kind must name a known indicator kind"));
}

TEST(StandardLoaderTest, RefusesThresholdsOfTheWrongKind) {
  Result<v1::Standard> standard =
      ParseStandard(StandardText("x", 2040, 2040,
                                 WithCount(2) + "indicators { kind: INDICATOR_KIND_WATER_SOURCE "
                                                "dimension: DIMENSION_WATER_AND_SANITATION "
                                                "latrine { hygienic_types: LATRINE_TYPE_SEPTIC } }\n"),
                    "mismatch.textproto");

  ASSERT_FALSE(standard.ok());
  EXPECT_THAT(standard.error().message, HasSubstr("INDICATOR_KIND_WATER_SOURCE needs its thresholds in "
                                                  "`water_source`, found latrine"));
}

TEST(StandardLoaderTest, RefusesAMissingBandOrLine) {
  // The OR rule needs a near-poverty line for every area.
  std::string or_shape = StandardText("x", 2040, 2040, WithCount(2));
  or_shape.replace(or_shape.find("RULE_SHAPE_INCOME_AND_DEPRIVATION"),
                   std::string("RULE_SHAPE_INCOME_AND_DEPRIVATION").size(),
                   "RULE_SHAPE_INCOME_OR_DEPRIVATION");
  Result<v1::Standard> missing_near = ParseStandard(or_shape, "or.textproto");
  // No urban lines at all.
  Result<v1::Standard> missing_urban =
      ParseStandard(StandardText("x", 2040, 2040, WithCount(2),
                                 "lines { area_type: AREA_TYPE_RURAL poverty_line_vnd: 1 }\n"),
                    "rural-only.textproto");
  // An AVERAGE band below the line.
  Result<v1::Standard> low_band =
      ParseStandard(StandardText("x", 2040, 2040, WithCount(2),
                                 "lines { area_type: AREA_TYPE_RURAL poverty_line_vnd: 10 "
                                 "average_band_upper_vnd: 10 }\n"
                                 "lines { area_type: AREA_TYPE_URBAN poverty_line_vnd: 10 }\n"),
                    "band.textproto");

  ASSERT_FALSE(missing_near.ok());
  EXPECT_THAT(missing_near.error().message, HasSubstr("lines[0].near_poverty_line_vnd is required by "
                                                      "RULE_SHAPE_INCOME_OR_DEPRIVATION"));
  ASSERT_FALSE(missing_urban.ok());
  EXPECT_THAT(missing_urban.error().message, HasSubstr("lines must give the lines for AREA_TYPE_URBAN"));
  ASSERT_FALSE(low_band.ok());
  EXPECT_THAT(low_band.error().message, HasSubstr("lines[0].average_band_upper_vnd must be above the "
                                                  "highest line"));
}

TEST(StandardLoaderTest, RefusesADeprivationCountOutOfRange) {
  for (const int count : {0, 3}) {
    Result<v1::Standard> standard =
        ParseStandard(StandardText("x", 2040, 2040, WithCount(count)), "count.textproto");

    ASSERT_FALSE(standard.ok()) << count;
    EXPECT_THAT(standard.error().message, HasSubstr("poor_deprivation_count must be between 1 and the "
                                                    "number of indicators (2), is " +
                                                    std::to_string(count)));
  }
}

TEST(StandardLoaderTest, RefusesEmptyYears) {
  Result<v1::Standard> reversed =
      ParseStandard(StandardText("x", 2041, 2040, WithCount(2)), "years.textproto");
  Result<v1::Standard> unset = ParseStandard(StandardText("x", 0, 0, WithCount(2)), "years.textproto");

  ASSERT_FALSE(reversed.ok());
  EXPECT_THAT(reversed.error().message, HasSubstr("last_list_year must not be before first_list_year"));
  ASSERT_FALSE(unset.ok());
  EXPECT_THAT(unset.error().message, HasSubstr("first_list_year must be set"));
}

TEST(StandardLoaderTest, RefusesAnEmptyOrMissingDirectory) {
  TempDirectory empty("no_standards");

  Result<StandardCatalog> from_empty = LoadStandardsFromDirectory(empty.path());
  Result<StandardCatalog> from_missing = LoadStandardsFromDirectory(empty.path() / "absent");

  ASSERT_FALSE(from_empty.ok());
  EXPECT_THAT(from_empty.error().message, HasSubstr("holds no *.textproto"));
  ASSERT_FALSE(from_missing.ok());
  EXPECT_THAT(from_missing.error().message, HasSubstr("does not exist"));
}

// The repository's retirement ages with `from` replaced by `to`.
std::string RetirementAgesWith(const std::string& from, const std::string& to) {
  std::ifstream in(std::filesystem::path(ANSINH_STANDARDS_DIR) / kRetirementAgesFileName);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(RetirementAgesTest, TheRepositoryFileParses) {
  Result<v1::RetirementAgeSchedule> schedule =
      ParseRetirementAgeSchedule(RetirementAgesWith("version: 1", "version: 1"), kRetirementAgesFileName);

  ASSERT_TRUE(schedule.ok()) << schedule.error().message;
  EXPECT_EQ(schedule->ages_size(), 2);
}

struct BadRetirementAges {
  const char* name;
  const char* from;
  const char* to;
  const char* message;
};

class BadRetirementAgesTest : public ::testing::TestWithParam<BadRetirementAges> {};

TEST_P(BadRetirementAgesTest, AreRefusedNamingTheField) {
  const BadRetirementAges& c = GetParam();

  Result<v1::RetirementAgeSchedule> schedule =
      ParseRetirementAgeSchedule(RetirementAgesWith(c.from, c.to), kRetirementAgesFileName);

  ASSERT_FALSE(schedule.ok());
  EXPECT_THAT(schedule.error().message, HasSubstr(c.message));
}

INSTANTIATE_TEST_SUITE_P(
    RetirementAges, BadRetirementAgesTest,
    ::testing::Values(
        BadRetirementAges{
            "NoStep", "yearly_step_months: 3", "yearly_step_months: 0",
            "retirement-ages.textproto: invalid retirement ages: ages[0].yearly_step_months must "
            "be 1 to 11 months"},
        BadRetirementAges{"StepOfAYear", "yearly_step_months: 4", "yearly_step_months: 12",
                          "ages[1].yearly_step_months must be 1 to 11 months"},
        BadRetirementAges{
            "CeilingBetweenSteps", "ceiling { years: 62 }", "ceiling { years: 62 months: 1 }",
            "ages[0].ceiling must be reached from first_step in whole yearly steps of 3 months"},
        BadRetirementAges{"FirstStepBelowEarlierAge", "first_step { years: 55 months: 4 }",
                          "first_step { years: 54 months: 4 }",
                          "ages[1].first_step must not be below before_steps"},
        BadRetirementAges{"TwelveMonths", "first_step { years: 60 months: 3 }",
                          "first_step { years: 60 months: 12 }",
                          "ages[0].first_step must be an age of 1 to 100 years and 0 to 11 months"},
        BadRetirementAges{"NoWomen", "sex: SEX_FEMALE", "sex: SEX_MALE",
                          "ages[1].sex repeats a sex already given its ages; ages must give the ages for "
                          "SEX_FEMALE"},
        BadRetirementAges{"NoFirstYear", "first_stepped_year: 2021", "", "first_stepped_year must be set"},
        BadRetirementAges{"UnknownField", "yearly_step_months: 3", "yearly_step: 3",
                          "retirement-ages.textproto:"}),
    [](const ::testing::TestParamInfo<BadRetirementAges>& info) { return std::string(info.param.name); });

TEST(StandardLoaderTest, RefusesADirectoryWithoutRetirementAges) {
  TempDirectory directory("no_retirement_ages");
  directory.Write("a.textproto", StandardText("a-2040", 2040, 2042, WithCount(2)));

  Result<StandardCatalog> catalog = LoadStandardsFromDirectory(directory.path());

  ASSERT_FALSE(catalog.ok());
  EXPECT_THAT(catalog.error().message, HasSubstr("holds no retirement-ages.textproto: the statutory "
                                                 "retirement ages that end working age"));
}

TEST(StandardLoaderTest, RefusesADirectoryWithBadRetirementAges) {
  TempDirectory directory("bad_retirement_ages");
  directory.Write("a.textproto", StandardText("a-2040", 2040, 2042, WithCount(2)));
  directory.Write(std::string(kRetirementAgesFileName),
                  RetirementAgesWith("ceiling { years: 60 }", "ceiling { years: 55 }"));

  Result<StandardCatalog> catalog = LoadStandardsFromDirectory(directory.path());

  ASSERT_FALSE(catalog.ok());
  EXPECT_THAT(catalog.error().message, HasSubstr("retirement-ages.textproto: invalid retirement ages: "
                                                 "ages[1].ceiling must not be below first_step"));
}

TEST(StandardLoaderTest, AttachesTheRetirementAgesToEveryStandard) {
  TempDirectory directory("attached_retirement_ages");
  directory.WriteRetirementAges();
  directory.Write("a.textproto", StandardText("a-2040", 2040, 2042, WithCount(2)));

  Result<StandardCatalog> catalog = LoadStandardsFromDirectory(directory.path());

  ASSERT_TRUE(catalog.ok()) << catalog.error().message;
  const v1::WorkingAge& working_age = catalog->standards()[0].working_age();
  EXPECT_EQ(working_age.statutory_retirement_ages().first_stepped_year(), 2021);
  EXPECT_TRUE(ValidateStandard(catalog->standards()[0]).empty());
}

TEST(StandardLoaderTest, RefusesAStandardFileThatCarriesRetirementAges) {
  std::string text = StandardText("x", 2040, 2040, WithCount(2));
  const std::string end = "ends_at: WORKING_AGE_END_STATUTORY_RETIREMENT_AGE";
  text.insert(text.find(end) + end.size(), " statutory_retirement_ages { first_stepped_year: 2021 }");

  Result<v1::Standard> standard = ParseStandard(text, "inline.textproto");

  ASSERT_FALSE(standard.ok());
  EXPECT_THAT(standard.error().message,
              HasSubstr("working_age.statutory_retirement_ages must not be set in a standard file: the "
                        "statutory retirement ages are read from retirement-ages.textproto"));
}

TEST(StandardLoaderTest, RefusesWorkingAgeWithoutItsStartOrEnd) {
  std::string no_end = StandardText("x", 2040, 2040, WithCount(2));
  no_end.replace(no_end.find(" ends_at: WORKING_AGE_END_STATUTORY_RETIREMENT_AGE"),
                 std::string(" ends_at: WORKING_AGE_END_STATUTORY_RETIREMENT_AGE").size(), "");
  std::string no_start = StandardText("x", 2040, 2040, WithCount(2));
  no_start.replace(no_start.find("min_age: 15 "), std::string("min_age: 15 ").size(), "");

  Result<v1::Standard> without_end = ParseStandard(no_end, "end.textproto");
  Result<v1::Standard> without_start = ParseStandard(no_start, "start.textproto");

  ASSERT_FALSE(without_end.ok());
  EXPECT_THAT(without_end.error().message,
              HasSubstr("working_age.ends_at must be WORKING_AGE_END_STATUTORY_RETIREMENT_AGE"));
  ASSERT_FALSE(without_start.ok());
  EXPECT_THAT(without_start.error().message, HasSubstr("working_age.min_age must be the completed years"));
}

TEST(StandardValidatorTest, RefusesTwoIndicatorsReadingOneFactAboutTheSameMembers) {
  // A 15-year-old out of school would be deprived on both education
  // indicators: one fact counted twice.
  const std::string education =
      "indicators { kind: INDICATOR_KIND_ADULT_EDUCATION dimension: DIMENSION_EDUCATION "
      "adult_education { bands { min_age: 15 max_age: 17 accepted_levels: EDUCATION_LEVEL_LOWER_SECONDARY "
      "requirement: \"lower secondary\" } } }\n";
  Result<v1::Standard> overlapping = ParseStandard(
      StandardText(
          "x", 2040, 2040,
          WithCount(2) + education +
              "indicators { kind: INDICATOR_KIND_CHILD_SCHOOL_ATTENDANCE dimension: DIMENSION_EDUCATION "
              "child_school_attendance { min_age: 5 age_under: 16 } }\n"),
      "overlap.textproto");
  Result<v1::Standard> apart = ParseStandard(
      StandardText(
          "x", 2040, 2040,
          WithCount(2) + education +
              "indicators { kind: INDICATOR_KIND_CHILD_SCHOOL_ATTENDANCE dimension: DIMENSION_EDUCATION "
              "child_school_attendance { min_age: 5 age_under: 15 } }\n"),
      "apart.textproto");

  ASSERT_FALSE(overlapping.ok());
  EXPECT_THAT(overlapping.error().message,
              HasSubstr("indicators[3] reads members.enrolled_in_school at ages 5-15, which indicators[2] "
                        "(INDICATOR_KIND_ADULT_EDUCATION) reads at ages 15-17: one survey fact may deprive a "
                        "household on one indicator only"));
  EXPECT_TRUE(apart.ok()) << apart.error().message;
}

}  // namespace
}  // namespace ansinh::classification
