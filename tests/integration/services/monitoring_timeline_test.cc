// The monitoring binary's household timelines: every event about a household
// from every service, in the order it happened, with actor, time and a line
// of plain words; paged; personal data, so every read is audited.
#include <nlohmann/json.hpp>

#include <google/protobuf/util/message_differencer.h>

#include <algorithm>

#include "monitoring/adapters/audit_dictionaries.h"
#include "monitoring/adapters/monitoring_keys.h"
#include "monitoring_fixture.h"
#include "redis/compressed_value.h"

namespace ansinh {
namespace {

using testkit::AuthorizedContext;
using testkit::MonitoringFixture;

class MonitoringTimelineTest : public MonitoringFixture {
 protected:
  // Published out of order across services: assignment's events reach
  // monitoring before the classification event that preceded them.
  void PublishHistory() {
    Registered("H1", "TDP-05", "2025-01-02");
    CaseOpened("H1", "womens-union", "2025-12-11");
    HelperAssigned("H1", "womens-union", "women-03", "2025-12-12");
    Approved("H1", "R-2025", 2025, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2025-12-10", true);
    NeedRecorded("H1", "N1", v1::NEED_TYPE_LOAN, "2025-12-15");
    SupportRecorded("H1", "S1", v1::SUPPORT_TYPE_POLICY_CREDIT, "2025-12-20");
    VisitRecorded("H1", "2026-01-05");
    Registered("H2", "TDP-05", "2025-01-03");
    WaitForAllPublished();
  }

  grpc::Status Timeline(const std::string& token, const std::string& household, int page_size,
                        const std::string& page_token, v1::GetHouseholdTimelineResponse* response) {
    v1::GetHouseholdTimelineRequest request;
    request.set_household_id(household);
    request.mutable_page()->set_page_size(page_size);
    request.mutable_page()->set_page_token(page_token);
    return stub_->GetHouseholdTimeline(AuthorizedContext(token).get(), request, response);
  }
};

TEST_F(MonitoringTimelineTest, EveryEventOfEveryServiceInTheOrderItHappened) {
  PublishHistory();
  v1::GetHouseholdTimelineResponse response;
  ASSERT_TRUE(Timeline(tokens_.officer, "H1", 0, "", &response).ok());
  // Seven events and this read itself.
  ASSERT_EQ(response.entries_size(), 8);
  const std::vector<std::string> types = {
      "registry.household_registered.v1", "classification.household_status_changed.v1",
      "assignment.case_opened.v1",        "assignment.helper_assigned.v1",
      "assignment.need_recorded.v1",      "assignment.support_recorded.v1",
      "assignment.visit_recorded.v1",     ""};
  for (int i = 0; i < response.entries_size(); ++i) {
    SCOPED_TRACE(i);
    const v1::HouseholdTimelineEntry& entry = response.entries(i);
    EXPECT_EQ(entry.event_type(), types[i]);
    EXPECT_FALSE(entry.description().empty());
    EXPECT_GT(entry.audit_sequence(), 0u);
    if (i > 0) {
      EXPECT_LE(response.entries(i - 1).occurred_at().seconds(), entry.occurred_at().seconds());
    }
  }
  EXPECT_EQ(response.entries(0).service(), "registry");
  EXPECT_EQ(response.entries(0).actor().name(), "Trần Văn Bình");
  EXPECT_EQ(response.entries(0).description(),
            "Household registered in TDP-05 with 1 member; head Nguyễn Thị Hương");
  EXPECT_EQ(response.entries(1).service(), "classification");
  EXPECT_EQ(response.entries(1).actor().role(), v1::ROLE_SERVICE);
  EXPECT_NE(response.entries(1).description().find("Official status Poor (newly poor)"), std::string::npos)
      << response.entries(1).description();
  EXPECT_NE(response.entries(1).description().find("without labour capacity"), std::string::npos);
  EXPECT_EQ(response.entries(3).service(), "assignment");
  EXPECT_EQ(response.entries(3).actor().organization_id(), "womens-union");
  EXPECT_EQ(response.entries(3).description(),
            "Helper Lê Thị Mai (women-03) of womens-union assigned: gần nhà");
  EXPECT_EQ(response.entries(5).description(),
            "Support S1 delivered on 2025-12-20: policy credit of 50,000,000 VND from VBSP");
  EXPECT_EQ(response.entries(6).description(), "Home visit on 2026-01-05; improved: gia đình ổn định");
  // The read itself is the last line.
  const v1::HouseholdTimelineEntry& read = response.entries(7);
  EXPECT_EQ(read.service(), "monitoring");
  EXPECT_TRUE(read.event_id().empty());
  EXPECT_EQ(read.actor().role(), v1::ROLE_WARD_OFFICER);
  EXPECT_EQ(read.description(),
            "Personal data read by Trần Văn Bình (ward officer) (ward officer) through GetHouseholdTimeline");
  EXPECT_EQ(response.page().total_size(), 8);
  EXPECT_TRUE(response.page().next_page_token().empty());
}

TEST_F(MonitoringTimelineTest, PagesCoverTheTimelineWithoutGapsOrRepeats) {
  PublishHistory();
  std::vector<std::string> event_ids;
  std::string token;
  int pages = 0;
  do {
    v1::GetHouseholdTimelineResponse page;
    ASSERT_TRUE(Timeline(tokens_.auditor, "H1", 3, token, &page).ok());
    ASSERT_LE(page.entries_size(), 3);
    for (const auto& entry : page.entries()) {
      if (!entry.event_id().empty()) event_ids.push_back(entry.event_id());
    }
    token = page.page().next_page_token();
    ++pages;
  } while (!token.empty() && pages < 10);
  // Each page is a read, appended at the end: the events stay where they were.
  EXPECT_EQ(event_ids.size(), 7u);
  std::vector<std::string> unique = event_ids;
  std::sort(unique.begin(), unique.end());
  EXPECT_EQ(std::unique(unique.begin(), unique.end()), unique.end()) << "no event twice";
  EXPECT_GE(pages, 3);

  v1::GetHouseholdTimelineResponse bad;
  const grpc::Status status = Timeline(tokens_.auditor, "H1", 501, "x", &bad);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("page.page_size"), std::string::npos) << status.error_message();
  EXPECT_NE(status.error_message().find("page.page_token"), std::string::npos) << status.error_message();
}

TEST_F(MonitoringTimelineTest, OnlyTheResponsibleOrganizationsStaffOfficersAndAuditorsMayRead) {
  PublishHistory();
  v1::GetHouseholdTimelineResponse response;
  EXPECT_TRUE(Timeline(tokens_.womens_union_staff, "H1", 0, "", &response).ok());
  EXPECT_EQ(Timeline(tokens_.farmers_union_staff, "H1", 0, "", &response).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Timeline(tokens_.womens_union_staff, "H2", 0, "", &response).error_code(),
            grpc::StatusCode::PERMISSION_DENIED)
      << "no organization is responsible for H2";
  EXPECT_EQ(Timeline(tokens_.service, "H1", 0, "", &response).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Timeline(tokens_.officer, "H404", 0, "", &response).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Timeline(tokens_.officer, "", 0, "", &response).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  // Refused reads disclose nothing and are not recorded; the allowed one is.
  int reads = 0;
  for (const redis::Reply& item :
       redis().Command({"LRANGE", "ansinh:{audit}:monitoring:audit:entries", "0", "-1"}).elements) {
    v1::AuditChainEntry entry;
    ASSERT_TRUE(monitoring::ParseAuditRecord(item.str, entry));
    if (entry.kind() == v1::AuditChainEntry::KIND_PERSONAL_DATA_READ) {
      ++reads;
      EXPECT_EQ(entry.actor().organization_id(), "womens-union");
    }
  }
  EXPECT_EQ(reads, 1);
}

TEST_F(MonitoringTimelineTest, TheHistoryExportsAsCsvAndJson) {
  PublishHistory();
  v1::ExportHouseholdHistoryRequest request;
  request.set_household_id("H1");
  request.set_format(v1::ExportedDocument::FORMAT_JSON);
  v1::ExportHouseholdHistoryResponse response;
  ASSERT_TRUE(
      stub_->ExportHouseholdHistory(AuthorizedContext(tokens_.auditor).get(), request, &response).ok());
  EXPECT_EQ(response.document().file_name(), "household-H1-history.json");
  const nlohmann::json rows = nlohmann::json::parse(response.document().content());
  ASSERT_EQ(rows.size(), 8u);
  EXPECT_EQ(rows[0]["event_type"], "registry.household_registered.v1");
  EXPECT_EQ(rows[3]["actor_name"], "Lê Thị Mai");
  EXPECT_EQ(rows[7]["service"], "monitoring");

  request.set_format(v1::ExportedDocument::FORMAT_CSV);
  ASSERT_TRUE(
      stub_->ExportHouseholdHistory(AuthorizedContext(tokens_.officer).get(), request, &response).ok());
  const std::string& csv = response.document().content();
  EXPECT_EQ(response.document().media_type(), "text/csv");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 10) << "a header, 7 events and 2 reads";
  EXPECT_NE(csv.find("Nguyễn Thị Hương"), std::string::npos) << "Vietnamese text intact";

  request.set_format(v1::ExportedDocument::FORMAT_UNSPECIFIED);
  request.set_household_id("");
  const grpc::Status status =
      stub_->ExportHouseholdHistory(AuthorizedContext(tokens_.officer).get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("format"), std::string::npos);
  EXPECT_NE(status.error_message().find("household_id"), std::string::npos);
}

TEST_F(MonitoringTimelineTest, AnEventOfATypeMonitoringDoesNotKnowStillEntersTimelineAndAudit) {
  Registered("H1", "TDP-05", "2025-01-02");
  v1::PageRequest unknown_payload;  // any message that is no known event payload
  unknown_payload.set_page_size(7);
  const v1::EventEnvelope unknown = Publish(events::kRegistrySource, "registry.household_renamed.v2",
                                            "household", "H1", "H1", unknown_payload, "2025-02-01");
  WaitForAllPublished();

  v1::GetHouseholdTimelineResponse response;
  ASSERT_TRUE(Timeline(tokens_.officer, "H1", 0, "", &response).ok());
  ASSERT_EQ(response.entries_size(), 3);
  EXPECT_EQ(response.entries(1).event_id(), unknown.event_id());
  EXPECT_EQ(response.entries(1).event_type(), "registry.household_renamed.v2");
  EXPECT_NE(response.entries(1).description().find("registry.household_renamed.v2"), std::string::npos)
      << response.entries(1).description();

  v1::VerifyAuditResponse verified;
  ASSERT_TRUE(
      stub_->VerifyAudit(AuthorizedContext(tokens_.auditor).get(), v1::VerifyAuditRequest{}, &verified).ok());
  EXPECT_TRUE(verified.verification().intact());
  EXPECT_EQ(verified.verification().entries_checked(), 3u);
}

// The event is kept once, in the audit chain: a household's stored line is a
// reference of a few bytes, worded when read (docs/monitoring.md, "Household
// timelines"); lines stored whole by earlier versions read as they were.
TEST_F(MonitoringTimelineTest, LinesAreStoredAsReferencesAndOldWholeLinesStillRead) {
  PublishHistory();
  v1::GetHouseholdTimelineResponse first;
  ASSERT_TRUE(Timeline(tokens_.officer, "H1", 0, "", &first).ok());
  ASSERT_EQ(first.entries_size(), 8);

  const redis::Reply stored =
      redis().Command({"LRANGE", monitoring::MonitoringKeys::TimelineIn(0, "H1"), "0", "-1"});
  ASSERT_EQ(stored.elements.size(), 8u) << "seven events and the read";
  for (const redis::Reply& item : stored.elements) {
    v1::HouseholdTimelineEntry line;
    ASSERT_TRUE(redis::ParseStoredMessage(item.str, line));
    EXPECT_GT(line.audit_outbox_ordinal(), 0u);
    line.clear_audit_outbox_ordinal();
    EXPECT_EQ(line.ByteSizeLong(), 0u) << "only the reference is stored: " << line.ShortDebugString();
    EXPECT_LE(item.str.size(), 8u);
  }

  // A line as earlier versions stored it, whole, in H2's timeline.
  v1::HouseholdTimelineEntry whole = first.entries(3);
  ASSERT_FALSE(whole.description().empty());
  redis().Command({"RPUSH", monitoring::MonitoringKeys::TimelineIn(0, "H2"), redis::StoredMessage(whole)});
  v1::GetHouseholdTimelineResponse second;
  ASSERT_TRUE(Timeline(tokens_.officer, "H2", 0, "", &second).ok());
  bool found = false;
  for (const v1::HouseholdTimelineEntry& entry : second.entries()) {
    if (entry.event_id() == whole.event_id()) {
      found = true;
      EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(entry, whole))
          << entry.ShortDebugString() << "\nvs\n"
          << whole.ShortDebugString();
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(MonitoringTimelineTest, ALineWhoseAuditEntryNoLongerParsesStaysInPlaceAndSaysSo) {
  Registered("H1", "TDP-05", "2025-01-02");
  WaitForAllPublished();
  v1::GetHouseholdTimelineResponse before;
  ASSERT_TRUE(Timeline(tokens_.officer, "H1", 0, "", &before).ok());
  ASSERT_EQ(before.entries_size(), 2);
  ASSERT_EQ(before.entries(0).audit_sequence(), 1u);

  redis().Command({"LSET", std::string(monitoring::MonitoringKeys::kAuditEntries), "0", "not an entry"});
  v1::GetHouseholdTimelineResponse after;
  const grpc::Status status = Timeline(tokens_.officer, "H1", 0, "", &after);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(after.entries_size(), 3);
  bool unreadable_seen = false;
  for (const v1::HouseholdTimelineEntry& entry : after.entries()) {
    if (entry.audit_sequence() != 1u) continue;
    unreadable_seen = true;
    EXPECT_EQ(entry.description_text().key(), "event.unreadable_audit_entry");
    EXPECT_NE(entry.description().find("cannot be read"), std::string::npos) << entry.description();
  }
  EXPECT_TRUE(unreadable_seen);

  v1::VerifyAuditResponse verified;
  ASSERT_TRUE(
      stub_->VerifyAudit(AuthorizedContext(tokens_.auditor).get(), v1::VerifyAuditRequest{}, &verified).ok());
  EXPECT_FALSE(verified.verification().intact());
}

}  // namespace
}  // namespace ansinh
