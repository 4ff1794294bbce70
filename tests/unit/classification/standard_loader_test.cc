// Loading the standard files: the real ones load and mean what docs/domain.md
// says; broken ones are refused with the file and the problem named.
#include "standards/standard_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

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
         "working_age { sex: SEX_MALE min_age: 15 max_age: 61 }\n"
         "working_age { sex: SEX_FEMALE min_age: 15 max_age: 59 }\n"
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

TEST(StandardLoaderTest, ParsesAValidStandard) {
  Result<v1::Standard> standard =
      ParseStandard(StandardText("test-2040", 2040, 2041, WithCount(2)), "test.textproto");

  ASSERT_TRUE(standard.ok()) << standard.error().message;
  EXPECT_EQ(standard->id(), "test-2040");
  EXPECT_EQ(standard->indicators_size(), 2);
}

TEST(StandardLoaderTest, RefusesTwoStandardsForOneReviewYear) {
  TempDirectory directory("overlapping_standards");
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
  directory.Write("a.textproto", StandardText("same", 2040, 2040, WithCount(2)));
  directory.Write("b.textproto", StandardText("same", 2041, 2041, WithCount(2)));

  Result<StandardCatalog> catalog = LoadStandardsFromDirectory(directory.path());

  ASSERT_FALSE(catalog.ok());
  EXPECT_THAT(catalog.error().message, HasSubstr("standard id same is declared by both a.textproto and "
                                                 "b.textproto"));
}

TEST(StandardLoaderTest, NamesTheFileThatDoesNotParse) {
  TempDirectory directory("broken_standard");
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

}  // namespace
}  // namespace ansinh::classification
