// The field limits' rule table and the reflection walk that applies it to
// every request (services/common/server/field_limits.h).
#include "server/field_limits.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "ansinh/v1/assignment.pb.h"
#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/monitoring.pb.h"
#include "ansinh/v1/operations.pb.h"
#include "ansinh/v1/registry.pb.h"
#include "ansinh/v1/tokens.pb.h"

namespace ansinh::server {
namespace {

const google::protobuf::FieldDescriptor& FieldOf(const google::protobuf::Descriptor* type, const char* name) {
  const google::protobuf::FieldDescriptor* field = type->FindFieldByName(name);
  if (field == nullptr) throw std::runtime_error(type->full_name() + " has no field " + name);
  return *field;
}

TEST(FieldLimitsTest, TheRuleTableGivesEachKindOfFieldItsLimit) {
  EXPECT_EQ(TextLimitOf(FieldOf(v1::Member::descriptor(), "full_name")).max, 200u);
  EXPECT_EQ(TextLimitOf(FieldOf(v1::Household::descriptor(), "address")).max, 500u);
  EXPECT_EQ(TextLimitOf(FieldOf(v1::Household::descriptor(), "household_id")).max, 128u);
  EXPECT_EQ(TextLimitOf(FieldOf(v1::Member::descriptor(), "national_id")).max, 128u);
  EXPECT_EQ(TextLimitOf(FieldOf(v1::Member::descriptor(), "date_of_birth")).max, 32u);
  EXPECT_EQ(TextLimitOf(FieldOf(v1::UpsertOrganizationRequest::descriptor(), "reason")).max, 2000u);
  EXPECT_EQ(TextLimitOf(FieldOf(v1::Organization::descriptor(), "name")).max, 200u);
  EXPECT_EQ(TextLimitOf(FieldOf(v1::Organization::descriptor(), "residential_groups")).max, 200u);
  EXPECT_EQ(TextLimitOf(FieldOf(v1::RemoveMemberRequest::descriptor(), "reason")).max, 2000u);
  // Overrides where the name would mislead.
  EXPECT_EQ(TextLimitOf(FieldOf(v1::PageRequest::descriptor(), "page_token")).max, 1000u);
  EXPECT_EQ(TextLimitOf(FieldOf(v1::SearchHouseholdsRequest::descriptor(), "query")).max, 200u);
  EXPECT_EQ(CountLimitOf(FieldOf(v1::Household::descriptor(), "members")).max, 100u);
  EXPECT_EQ(CountLimitOf(FieldOf(v1::RecordGroupMeetingRequest::descriptor(), "decisions")).max, 10000u);
}

// Every string field of every message the API files define gets a limit from
// the table, none of them unbounded, and none below what a real value needs
// (a CCCD is 12 digits, an ISO date 10 characters).
TEST(FieldLimitsTest, EveryStringFieldOfTheApiHasABoundedLimit) {
  const std::set<size_t> table{32, 64, 128, 200, 500, 1000, 2000, 4096, 65536};
  int fields = 0;
  // Each file through a message of its own, so that its generated code is
  // linked and its descriptor registered.
  for (const google::protobuf::FileDescriptor* descriptor :
       {v1::CreateHouseholdRequest::descriptor()->file(), v1::OpenRoundRequest::descriptor()->file(),
        v1::AssignHelperRequest::descriptor()->file(), v1::GetDashboardRequest::descriptor()->file(),
        v1::Household::descriptor()->file(), v1::IssueTokenRequest::descriptor()->file(),
        v1::GetServiceInfoRequest::descriptor()->file(), v1::PageRequest::descriptor()->file()}) {
    for (int m = 0; m < descriptor->message_type_count(); ++m) {
      const google::protobuf::Descriptor* type = descriptor->message_type(m);
      for (int f = 0; f < type->field_count(); ++f) {
        const google::protobuf::FieldDescriptor& field = *type->field(f);
        if (field.cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_STRING) continue;
        const FieldLimit limit = TextLimitOf(field);
        EXPECT_EQ(table.count(limit.max), 1u) << field.full_name() << ": " << limit.max;
        EXPECT_GE(limit.max, 32u) << field.full_name();
        ++fields;
      }
    }
  }
  EXPECT_GT(fields, 200);
}

TEST(FieldLimitsTest, TheWalkNamesEachOverlongFieldWithItsPathAndNeverTheValue) {
  v1::CreateHouseholdRequest request;
  v1::Household& household = *request.mutable_household();
  household.set_address(std::string(4'000'000, 'a'));
  household.add_members()->set_full_name("Nguyễn Thị Hoa");
  household.add_members()->set_full_name("Trần Văn Nam");
  household.add_members()->set_full_name(std::string(1 << 20, 'x'));
  const FieldViolations violations = FieldLimitViolations(request);
  ASSERT_EQ(violations.size(), 2u);
  EXPECT_EQ(violations[0].field, "household.address");
  EXPECT_EQ(violations[0].description, "is 4000000 characters long; at most 500 are accepted");
  EXPECT_EQ(violations[0].key, "violation.field_too_long");
  EXPECT_EQ(violations[0].args.at("max"), "500");
  EXPECT_EQ(violations[1].field, "household.members[2].full_name");
  EXPECT_EQ(violations[1].args.at("length"), std::to_string(1 << 20));
  for (const FieldViolation& violation : violations) {
    EXPECT_EQ(violation.description.find("aaaa"), std::string::npos);
    EXPECT_EQ(violation.description.find("xxxx"), std::string::npos);
  }
}

// Limits count characters, not bytes: a Vietnamese name of 200 letters takes
// up to 600 bytes in UTF-8 and is accepted; 201 are not.
TEST(FieldLimitsTest, LimitsCountCharactersSoVietnameseTextGetsItsFullLength) {
  std::string name;
  for (int i = 0; i < 200; ++i) name += "ễ";  // 3 bytes each
  v1::CreateHouseholdRequest request;
  request.mutable_household()->add_members()->set_full_name(name);
  EXPECT_TRUE(FieldLimitViolations(request).empty());
  request.mutable_household()->mutable_members(0)->mutable_full_name()->append("ễ");
  const FieldViolations violations = FieldLimitViolations(request);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].args.at("length"), "201");
}

TEST(FieldLimitsTest, TooManyElementsNamesTheRepeatedFieldAndRepeatedStringsAreEachChecked) {
  v1::CreateHouseholdRequest request;
  for (int i = 0; i < 101; ++i) request.mutable_household()->add_members()->set_full_name("A");
  FieldViolations violations = FieldLimitViolations(request);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field, "household.members");
  EXPECT_EQ(violations[0].key, "violation.too_many_elements");

  v1::UpsertOrganizationRequest organization;
  organization.mutable_organization()->add_residential_groups("TDP-01");
  organization.mutable_organization()->add_residential_groups(std::string(201, 'g'));
  violations = FieldLimitViolations(organization);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field, "organization.residential_groups[1]");
}

// A group meeting of a whole ward (1,000 households, each with a note) is a
// legitimate large request: nothing in it is refused.
TEST(FieldLimitsTest, AWardSizedGroupMeetingPasses) {
  v1::RecordGroupMeetingRequest request;
  request.set_round_id("R-2025");
  request.set_meeting_date("2025-11-10");
  for (int i = 0; i < 1000; ++i) {
    v1::GroupMeetingDecision& decision = *request.add_decisions();
    decision.set_household_id("HH-" + std::to_string(100000 + i));
    decision.set_attendees(40);
    decision.set_agreed(35);
  }
  EXPECT_TRUE(FieldLimitViolations(request).empty());
}

}  // namespace
}  // namespace ansinh::server
