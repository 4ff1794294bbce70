#include "monitoring/core/member_history.h"

#include <gtest/gtest.h>

#include "ansinh/v1/envelope.pb.h"
#include "ansinh/v1/field_options.pb.h"
#include "ansinh/v1/registry.pb.h"

namespace ansinh::monitoring {
namespace {

v1::AuditChainEntry EventEntry(const google::protobuf::Message& payload) {
  v1::EventEnvelope event;
  event.mutable_payload()->PackFrom(payload);
  v1::AuditChainEntry entry;
  entry.set_kind(v1::AuditChainEntry::KIND_EVENT);
  entry.set_canonical_event(event.SerializeAsString());
  return entry;
}

v1::AuditChainEntry ReadEntry(const std::string& detail) {
  v1::AuditChainEntry entry;
  entry.set_kind(v1::AuditChainEntry::KIND_PERSONAL_DATA_READ);
  entry.set_detail(detail);
  return entry;
}

TEST(MemberHistoryTest, AMembersOwnEventsAndEveryReadAreTheirsNothingElse) {
  v1::MemberUpdated updated;
  updated.mutable_member()->set_member_id("M2");
  EXPECT_TRUE(InMemberHistory(EventEntry(updated), "M2"));
  EXPECT_FALSE(InMemberHistory(EventEntry(updated), "M3"));
  v1::MemberRemoved removed;
  removed.mutable_member()->set_member_id("M3");
  EXPECT_FALSE(InMemberHistory(EventEntry(removed), "M2"));

  v1::HouseholdRegistered registered;
  registered.mutable_household()->set_head_member_id("M1");
  EXPECT_TRUE(InMemberHistory(EventEntry(registered), "M1")) << "the line names the head, who is them";
  EXPECT_FALSE(InMemberHistory(EventEntry(registered), "M2"));

  v1::HouseholdMovedOut moved;
  moved.set_reason("chuyển vào Huế cùng con trai");
  EXPECT_FALSE(InMemberHistory(EventEntry(moved), "M2")) << "free text about the household";

  v1::PersonalDataRead read;
  read.set_rpc("Registry.GetHousehold");
  EXPECT_TRUE(InMemberHistory(EventEntry(read), "M2"));
  EXPECT_TRUE(InMemberHistory(ReadEntry("GetHouseholdTimeline"), "M2"));

  EXPECT_TRUE(InMemberHistory(ReadEntry(SubjectAccessExportDetail("", "e-1")), "M2"));
  EXPECT_TRUE(InMemberHistory(ReadEntry(SubjectAccessExportDetail("M2", "e-2")), "M2"));
  EXPECT_FALSE(InMemberHistory(ReadEntry(SubjectAccessExportDetail("M3", "e-3")), "M2"))
      << "another member's export names them";
  EXPECT_FALSE(InMemberHistory(ReadEntry(SubjectAccessExportDetail("M21", "e-4")), "M2"));
  EXPECT_EQ(SubjectAccessExportDetail("M2", "e-2"),
            "Monitoring.RecordSubjectAccessExport: member M2, export e-2");
}

}  // namespace
}  // namespace ansinh::monitoring
