#include "subject_access/member_scope.h"

#include <gmock/gmock.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include "export_fixture.h"
#include "i18n/embedded_catalogs.h"
#include "subject_access/export_document.h"

namespace ansinh::subject_access {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string Json(const google::protobuf::Message& message) {
  std::string json;
  EXPECT_TRUE(google::protobuf::util::MessageToJsonString(message, &json).ok());
  return json;
}

TEST(MemberScopeTest, AMembersExportHoldsTheirDataAndNothingAboutAnyoneElse) {
  const v1::SubjectAccessExport household = testkit::HouseholdExport();
  const v1::SubjectAccessExport member = ForMember(household, "M3");
  Result<i18n::Translator> vietnamese = i18n::MakeTranslator(i18n::Language::kVietnamese);
  ASSERT_TRUE(vietnamese.ok());
  const std::string json = Json(member);
  const std::string document = RenderExportDocument(member, *vietnamese);

  // Theirs, in both.
  for (const std::string& own : {std::string("Lê Thị Na"), std::string("046213333333")}) {
    EXPECT_THAT(json, HasSubstr(own));
    EXPECT_THAT(document, HasSubstr(own));
  }
  EXPECT_THAT(json, HasSubstr("2013-07-08"));
  EXPECT_THAT(document, HasSubstr("08/07/2013"));
  EXPECT_THAT(document, HasSubstr("540.000 ₫"));
  EXPECT_THAT(json, HasSubstr("2013-07-18")) << "their correction request's value";
  // The household's shared facts stay.
  EXPECT_THAT(document, HasSubstr("số 3 kiệt 7 Trần Phú"));
  EXPECT_THAT(document, HasSubstr("50.000.000 ₫"));

  // Nobody else's name, CCCD, date of birth, id or health facts.
  for (const std::string& other :
       {std::string("Lê Thị Mơ"), std::string("Lê Văn Tí"), std::string("Lê Văn Tý"),
        std::string("046180111111"), std::string("1980-02-03"), std::string("03/02/1980"),
        std::string("2016-05-06"), std::string("06/05/2016"), std::string("\"M1\""), std::string("\"M2\""),
        std::string("Tí bị sốt"), std::string("Tí chăn"), std::string("Tí bị thương")}) {
    EXPECT_THAT(json, Not(HasSubstr(other))) << other;
    EXPECT_THAT(document, Not(HasSubstr(other))) << other;
  }
  EXPECT_THAT(document, Not(HasSubstr("M1")));
  EXPECT_THAT(document, Not(HasSubstr("M2")));

  ASSERT_EQ(member.household().members_size(), 1);
  EXPECT_TRUE(member.household().head_member_id().empty());
  ASSERT_EQ(member.surveys(0).members_size(), 1);
  ASSERT_EQ(member.correction_requests_size(), 1);
  EXPECT_TRUE(member.correction_requests(0).requested_by().empty());
  // The verdict stays, reduced to them; its explanation named another member.
  const v1::IndicatorResult& insurance = member.official_status().result().indicators(0);
  EXPECT_TRUE(insurance.deprived());
  EXPECT_THAT(insurance.member_ids(), ::testing::ElementsAre("M3"));
  EXPECT_TRUE(insurance.reason().empty());
  EXPECT_EQ(member.official_status().result().indicators(1).reason(), "walls, columns and roof are durable");
  EXPECT_TRUE(member.official_status().result().labour_capacity_reason().empty());
  EXPECT_EQ(member.official_status().result().income_value(), 1'500'000);
  EXPECT_FALSE(member.withheld().empty());
  EXPECT_THAT(document, HasSubstr("Nội dung không đưa vào bản trích xuất này"));
}

TEST(MemberScopeTest, TheHouseholdsOnlyMemberKeepsTheLabourCapacityExplanation) {
  v1::SubjectAccessExport household = testkit::HouseholdExport();
  household.mutable_household()->mutable_members()->DeleteSubrange(1, 2);
  const v1::SubjectAccessExport member = ForMember(household, "M1");
  EXPECT_FALSE(member.official_status().result().labour_capacity_reason().empty());
  EXPECT_EQ(member.household().head_member_id(), "M1");
}

}  // namespace
}  // namespace ansinh::subject_access
