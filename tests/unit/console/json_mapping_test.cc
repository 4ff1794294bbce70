#include "console/json_mapping.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ansinh/v1/registry.pb.h"

namespace ansinh::console {
namespace {

// A request as the web app sends it: snake_case names, enums by name, int64
// as a string (and uint64 as a number, which the mapping also accepts),
// nested messages and a repeated field.
constexpr char kImportRow[] = R"({
  "row_number": "9007199254740993",
  "household": {
    "address": "12 Lý Thái Tổ",
    "residential_group": "TDP-05",
    "area_type": "AREA_TYPE_URBAN",
    "version": 7,
    "members": [
      {"full_name": "Nguyễn Thị Hương", "sex": "SEX_FEMALE", "date_of_birth": "1980-04-02",
       "relation_to_head": "RELATION_TO_HEAD_HEAD", "monthly_social_allowance_vnd": "1500000"},
      {"full_name": "Trần Văn An", "sex": "SEX_MALE"}
    ]
  }
})";

TEST(JsonMapping, ARealRequestRoundTripsThroughTheProtoJsonMapping) {
  v1::ImportHouseholdsRequest request;
  ASSERT_EQ(ParseJsonBody(kImportRow, request), std::nullopt);
  // 2^53 + 1: an int64 a JavaScript number could not hold, kept exactly.
  EXPECT_EQ(request.row_number(), 9007199254740993);
  EXPECT_EQ(request.household().area_type(), v1::AREA_TYPE_URBAN);
  EXPECT_EQ(request.household().version(), 7u);
  ASSERT_EQ(request.household().members_size(), 2);
  EXPECT_EQ(request.household().members(0).full_name(), "Nguyễn Thị Hương");
  EXPECT_EQ(request.household().members(0).sex(), v1::SEX_FEMALE);
  EXPECT_EQ(request.household().members(0).monthly_social_allowance_vnd(), 1500000);

  const nlohmann::json answered = nlohmann::json::parse(MessageJson(request));
  EXPECT_EQ(answered["row_number"], "9007199254740993");  // int64 as a string
  EXPECT_EQ(answered["household"]["area_type"], "AREA_TYPE_URBAN");
  EXPECT_EQ(answered["household"]["members"][0]["sex"], "SEX_FEMALE");
  EXPECT_EQ(answered["household"]["members"][0]["monthly_social_allowance_vnd"], "1500000");
  // Defaults are written out: the browser never guesses them.
  EXPECT_EQ(answered["household"]["household_id"], "");
  EXPECT_EQ(answered["household"]["members"][1]["monthly_social_allowance_vnd"], "0");
  EXPECT_EQ(answered["household"]["status"], "HOUSEHOLD_STATUS_UNSPECIFIED");

  v1::ImportHouseholdsRequest again;
  ASSERT_EQ(ParseJsonBody(MessageJson(request), again), std::nullopt);
  EXPECT_EQ(again.SerializeAsString(), request.SerializeAsString());
}

TEST(JsonMapping, LowerCamelCaseNamesAreAcceptedToo) {
  v1::ImportHouseholdsRequest request;
  ASSERT_EQ(ParseJsonBody(R"({"rowNumber": 3, "household": {"residentialGroup": "TDP-01"}})", request),
            std::nullopt);
  EXPECT_EQ(request.row_number(), 3);
  EXPECT_EQ(request.household().residential_group(), "TDP-01");
}

TEST(JsonMapping, AnEmptyBodyIsTheEmptyRequest) {
  v1::ListHouseholdsRequest request;
  request.set_residential_group("left over");
  EXPECT_EQ(ParseJsonBody("", request), std::nullopt);
  EXPECT_EQ(ParseJsonBody("  \n", request), std::nullopt);
  EXPECT_EQ(request.ByteSizeLong(), 0u);
}

TEST(JsonMapping, UnknownFieldsBadEnumsAndBrokenJsonAreRefusedWithTheReason) {
  v1::ImportHouseholdsRequest request;
  const auto unknown = ParseJsonBody(R"({"household": {"adress": "x"}})", request);
  ASSERT_TRUE(unknown.has_value());
  EXPECT_NE(unknown->find("adress"), std::string::npos) << *unknown;
  EXPECT_TRUE(ParseJsonBody(R"({"household": {"area_type": "AREA_TYPE_SUBURBAN"}})", request).has_value());
  EXPECT_TRUE(ParseJsonBody(R"({"row_number": "twelve"})", request).has_value());
  EXPECT_TRUE(ParseJsonBody(R"({"household": )", request).has_value());
  EXPECT_TRUE(ParseJsonBody("[1, 2]", request).has_value());
}

}  // namespace
}  // namespace ansinh::console
