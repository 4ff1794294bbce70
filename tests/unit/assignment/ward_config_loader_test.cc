#include "assignment/core/ward_config_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <ostream>
#include <set>

#include "assignment/core/organization_policy.h"

namespace ansinh::assignment {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr const char* kValid = R"({
  "ward": "Phường Thử",
  "organizations": [
    {"id": "fatherland-front", "name": "Ủy ban MTTQ phường", "residential_groups": ["TDP-01", "TDP-02"], "capacity": 5},
    {"id": "womens-union", "name": "Hội LHPN phường", "residential_groups": ["TDP-01"], "capacity": 10, "active": false}
  ],
  "helpers": [
    {"id": "women-01", "full_name": "Nguyễn Thị Hương", "organization_id": "womens-union",
     "phone": "0905123456", "max_caseload": 8}
  ]
})";

TEST(WardConfigLoaderTest, LoadsAValidConfigWithDefaults) {
  const Result<WardConfig> config = ParseWardConfig(kValid);
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config.value().ward, "Phường Thử");
  EXPECT_EQ(config.value().settings.follow_up_months, 36);
  EXPECT_EQ(config.value().settings.visit_overdue_days, 90);
  EXPECT_EQ(config.value().settings.fallback_organization_id, "fatherland-front");
  ASSERT_EQ(config.value().directory.organizations().size(), 2u);
  EXPECT_TRUE(config.value().directory.FindOrganization("fatherland-front")->active());
  EXPECT_FALSE(config.value().directory.FindOrganization("womens-union")->active());
  EXPECT_EQ(config.value().directory.FindHelper("women-01")->full_name(), "Nguyễn Thị Hương");
  EXPECT_TRUE(config.value().directory.FindHelper("women-01")->active());
}

struct WardConfigRefusal {
  const char* name;
  const char* json;
  const char* field;
  const char* description_part;
};

// Names the row in test listings instead of dumping its bytes.
void PrintTo(const WardConfigRefusal& row, std::ostream* out) { *out << row.name; }

class WardConfigRefusalTest : public ::testing::TestWithParam<WardConfigRefusal> {};

TEST_P(WardConfigRefusalTest, SaysWhatAndWhere) {
  const Result<WardConfig> config = ParseWardConfig(GetParam().json);
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().code, ErrorCode::kInvalidArgument);
  bool found = false;
  for (const FieldViolation& violation : config.error().violations) {
    if (violation.field == GetParam().field &&
        violation.description.find(GetParam().description_part) != std::string::npos) {
      found = true;
    }
  }
  EXPECT_TRUE(found) << config.error().message;
}

constexpr const char* kOrgFront =
    R"({"id": "fatherland-front", "name": "MTTQ", "residential_groups": ["TDP-01"], "capacity": 5})";

INSTANTIATE_TEST_SUITE_P(
    Refusals, WardConfigRefusalTest,
    ::testing::Values(
        WardConfigRefusal{"NotJson", "{ward:", "(document)", "not valid JSON"},
        WardConfigRefusal{"NotAnObject", "[]", "(document)", "must be a JSON object"},
        WardConfigRefusal{"MissingOrganizations", R"({"ward": "X", "helpers": []})", "organizations",
                          "is required"},
        WardConfigRefusal{"NoOrganizations", R"({"ward": "X", "organizations": [], "helpers": []})",
                          "organizations", "at least one"},
        WardConfigRefusal{
            "UnknownOrganizationOfHelper",
            R"({"ward": "X", "organizations": [)"
            R"({"id": "fatherland-front", "name": "MTTQ", "residential_groups": ["TDP-01"], "capacity": 5}],)"
            R"( "helpers": [{"id": "h-1", "full_name": "Lê Văn A", "organization_id": "veterans",)"
            R"( "phone": "0905000001", "max_caseload": 3}]})",
            "helpers[0].organization_id", "names no organization of the ward (\"veterans\")"},
        WardConfigRefusal{
            "DuplicateOrganizationId",
            R"({"ward": "X", "organizations": [)"
            R"({"id": "fatherland-front", "name": "MTTQ", "residential_groups": ["TDP-01"], "capacity": 5},)"
            R"({"id": "fatherland-front", "name": "MTTQ 2", "residential_groups": ["TDP-02"], "capacity": 5}],)"
            R"( "helpers": []})",
            "organizations[1].id", "duplicates the id \"fatherland-front\" of organizations[0]"},
        WardConfigRefusal{
            "DuplicateHelperId",
            R"({"ward": "X", "organizations": [)"
            R"({"id": "fatherland-front", "name": "MTTQ", "residential_groups": ["TDP-01"], "capacity": 5}],)"
            R"( "helpers": [{"id": "h-1", "full_name": "Lê Văn A", "organization_id": "fatherland-front",)"
            R"( "phone": "0905000001", "max_caseload": 3},)"
            R"({"id": "h-1", "full_name": "Lê Văn B", "organization_id": "fatherland-front",)"
            R"( "phone": "0905000002", "max_caseload": 3}]})",
            "helpers[1].id", "duplicates the id \"h-1\" of helpers[0]"},
        WardConfigRefusal{
            "ZeroCapacity",
            R"({"ward": "X", "organizations": [)"
            R"({"id": "fatherland-front", "name": "MTTQ", "residential_groups": ["TDP-01"], "capacity": 0}],)"
            R"( "helpers": []})",
            "organizations[0].capacity", "must be greater than 0 (got 0)"},
        WardConfigRefusal{
            "CapacityNotANumber",
            R"({"ward": "X", "organizations": [)"
            R"({"id": "fatherland-front", "name": "MTTQ", "residential_groups": ["TDP-01"], "capacity": "40"}],)"
            R"( "helpers": []})",
            "organizations[0].capacity", "must be an integer"},
        WardConfigRefusal{
            "MisspelledKey",
            R"({"ward": "X", "organizations": [)"
            R"({"id": "fatherland-front", "name": "MTTQ", "residential_groups": ["TDP-01"], "capcity": 5}],)"
            R"( "helpers": []})",
            "organizations[0].capcity", "is not a known field"},
        WardConfigRefusal{
            "BadPhone",
            R"({"ward": "X", "organizations": [)"
            R"({"id": "fatherland-front", "name": "MTTQ", "residential_groups": ["TDP-01"], "capacity": 5}],)"
            R"( "helpers": [{"id": "h-1", "full_name": "Lê Văn A", "organization_id": "fatherland-front",)"
            R"( "phone": "905-000-001", "max_caseload": 3}]})",
            "helpers[0].phone", "\"0\" followed by 9 digits"},
        WardConfigRefusal{
            "UnknownFallback",
            R"({"ward": "X", "settings": {"fallback_organization_id": "front"}, "organizations": [)"
            R"({"id": "fatherland-front", "name": "MTTQ", "residential_groups": ["TDP-01"], "capacity": 5}],)"
            R"( "helpers": []})",
            "settings.fallback_organization_id", "names no organization of the ward (\"front\")"},
        WardConfigRefusal{
            "ZeroFollowUp",
            R"({"ward": "X", "settings": {"follow_up_months": 0}, "organizations": [)"
            R"({"id": "fatherland-front", "name": "MTTQ", "residential_groups": ["TDP-01"], "capacity": 5}],)"
            R"( "helpers": []})",
            "settings.follow_up_months", "between 1 and"}),
    [](const ::testing::TestParamInfo<WardConfigRefusal>& info) { return info.param.name; });

TEST(WardConfigLoaderTest, ReportsEveryProblemAtOnce) {
  const Result<WardConfig> config = ParseWardConfig(
      R"({"ward": "X", "organizations": [)"
      R"({"id": "Front", "name": "", "residential_groups": [], "capacity": -1}], "helpers": []})");
  ASSERT_FALSE(config.ok());
  std::vector<std::string> fields;
  for (const FieldViolation& violation : config.error().violations) fields.push_back(violation.field);
  EXPECT_THAT(fields, ElementsAre("organizations[0].id", "organizations[0].name",
                                  "organizations[0].residential_groups", "organizations[0].capacity",
                                  "settings.fallback_organization_id"));
}

TEST(WardConfigLoaderTest, UnreadableFileIsReported) {
  const Result<WardConfig> config = LoadWardConfigFile("/nonexistent/ward.json");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().violations[0].field, "file");
  EXPECT_THAT(config.error().violations[0].description, HasSubstr("/nonexistent/ward.json"));
}

TEST(DemoOrganizationsTest, LoadsAndCoversTheWard) {
  const Result<WardConfig> config = LoadWardConfigFile(ANSINH_DEMO_ORGANIZATIONS_JSON);
  ASSERT_TRUE(config.ok()) << config.error().message;
  const Directory& directory = config.value().directory;

  std::set<std::string> ids;
  int total_capacity = 0;
  for (const v1::Organization& organization : directory.organizations()) {
    ids.insert(organization.id());
    total_capacity += organization.capacity();
    EXPECT_TRUE(organization.active()) << organization.id();
  }
  EXPECT_EQ(ids, (std::set<std::string>{"elderly", "farmers-union", "fatherland-front", "red-cross",
                                        "veterans", "womens-union", "youth-union"}));
  EXPECT_GT(total_capacity, 180) << "room for the ward's ~150 cases";

  // The Front covers all 18 groups as the fallback coordinator, with a modest capacity.
  const v1::Organization& front = *directory.FindOrganization("fatherland-front");
  EXPECT_EQ(front.residential_groups_size(), 18);
  for (const v1::Organization& organization : directory.organizations()) {
    EXPECT_LE(front.capacity(), organization.capacity()) << organization.id();
  }

  // 3-6 named helpers per organization.
  std::map<std::string, int> helpers;
  for (const v1::Helper& helper : directory.helpers()) ++helpers[helper.organization_id()];
  for (const std::string& id : ids) {
    EXPECT_GE(helpers[id], 3) << id;
    EXPECT_LE(helpers[id], 6) << id;
  }

  // Every group has at least two covering organizations besides the Front,
  // so the policy has a real choice everywhere.
  for (int group = 1; group <= 18; ++group) {
    char name[8];
    std::snprintf(name, sizeof name, "TDP-%02d", group);
    int covering = 0;
    for (const v1::Organization& organization : directory.organizations()) {
      if (organization.id() == "fatherland-front") continue;
      for (const std::string& covered : organization.residential_groups()) covering += covered == name;
    }
    EXPECT_GE(covering, 2) << name;
  }

  const Result<OrganizationChoice> choice =
      ChooseOrganization(directory, "TDP-05", LoadView{}, config.value().settings);
  ASSERT_TRUE(choice.ok());
  EXPECT_THAT(choice.value().reason, HasSubstr("covers TDP-05"));
}

}  // namespace
}  // namespace ansinh::assignment
