#include "monitoring/core/exports.h"

#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "monitoring/core/audit_chain.h"
#include "monitoring/core/digest.h"
#include "monitoring/core/tabular_document.h"

namespace ansinh::monitoring {
namespace {

using google::protobuf::util::TimeUtil;

TEST(TabularDocumentTest, CsvQuotesOnlyWhatNeedsIt) {
  Table table({"name", "note", "count"});
  table.AddRow(
      {Cell::Text("Nguyễn Thị Hương"), Cell::Text("said \"yes\", then left\nearly"), Cell::Integer(3)});
  table.AddRow({Cell::Text("plain"), Cell::Null()});
  EXPECT_EQ(table.ToCsv(),
            "name,note,count\r\n"
            "Nguyễn Thị Hương,\"said \"\"yes\"\", then left\nearly\",3\r\n"
            "plain,,\r\n");
}

TEST(TabularDocumentTest, JsonEscapesAndTypesValues) {
  Table table({"text", "number", "decimal", "absent"});
  table.AddRow({Cell::Text("a\"b\\c\n\x01 Hương"), Cell::Integer(-7), Cell::Decimal(12.04), Cell::Null()});
  EXPECT_EQ(table.ToJson(),
            "[\n  {\"text\": \"a\\\"b\\\\c\\n\\u0001 Hương\", \"number\": -7, "
            "\"decimal\": 12.04, \"absent\": null}\n]\n");
  EXPECT_EQ(Table({"x"}).ToJson(), "[]\n");
}

v1::AuditChainEntry SampleEntry() {
  v1::EventEnvelope envelope;
  envelope.set_event_id("ev-1");
  envelope.set_event_type("registry.household_registered.v1");
  envelope.set_household_id("HH-1");
  envelope.mutable_actor()->set_role(v1::ROLE_WARD_OFFICER);
  envelope.mutable_actor()->set_name("Lê Văn An");
  *envelope.mutable_occurred_at() = TimeUtil::SecondsToTimestamp(1735689600);
  return SealEntry(EventEntry(envelope), AuditHead{});
}

TEST(ExportsTest, AuditCsvCarriesWhatAnOfflineVerifierNeeds) {
  const v1::AuditChainEntry entry = SampleEntry();
  const Result<v1::ExportedDocument> document =
      ExportAuditEntries(std::vector{entry}, v1::ExportedDocument::FORMAT_CSV);
  ASSERT_TRUE(document.ok());
  EXPECT_EQ(document.value().media_type(), "text/csv");
  EXPECT_EQ(document.value().file_name(), "audit.csv");
  const std::string& csv = document.value().content();
  EXPECT_EQ(csv.substr(0, csv.find("\r\n")),
            "sequence,kind,event_id,event_type,household_id,actor_role,actor_name,"
            "actor_organization_id,occurred_at,occurred_at_seconds,occurred_at_nanos,detail,"
            "canonical_event_base64,previous_hash,entry_hash");
  EXPECT_NE(csv.find("1,event,ev-1,registry.household_registered.v1,HH-1,ROLE_WARD_OFFICER,"
                     "Lê Văn An,,2025-01-01T00:00:00Z,1735689600,0,,"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find(Base64Encode(entry.canonical_event())), std::string::npos);
  EXPECT_NE(csv.find(std::string(64, '0') + "," + HexEncode(entry.entry_hash())), std::string::npos);
}

TEST(ExportsTest, AuditJsonHasOneObjectPerEntry) {
  const Result<v1::ExportedDocument> document =
      ExportAuditEntries(std::vector{SampleEntry()}, v1::ExportedDocument::FORMAT_JSON);
  ASSERT_TRUE(document.ok());
  EXPECT_EQ(document.value().media_type(), "application/json");
  EXPECT_NE(document.value().content().find("\"sequence\": 1, \"kind\": \"event\""), std::string::npos);
}

TEST(ExportsTest, ScorecardRowsShowUnknownValuesAsEmpty) {
  v1::Scorecard scorecard;
  scorecard.set_review_year(2025);
  scorecard.set_as_of("2025-12-31");
  v1::ScorecardLine& line = *scorecard.add_lines();
  line.mutable_target()->set_target_id("near-poor-below-town");
  line.mutable_target()->set_clause("§2.2");
  line.mutable_target()->set_title("Near-poor rate below the town's");
  line.mutable_target()->set_comparison(v1::TargetDefinition::COMPARISON_BELOW);
  line.mutable_figure()->set_count(100);
  line.mutable_figure()->set_total(2000);
  line.mutable_figure()->set_percent(5.0);
  line.set_status(v1::ScorecardLine::STATUS_UNKNOWN);
  line.set_explanation("unknown: not entered");

  const Result<v1::ExportedDocument> csv = ExportScorecard(scorecard, v1::ExportedDocument::FORMAT_CSV);
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(csv.value().file_name(), "scorecard-2025.csv");
  EXPECT_NE(csv.value().content().find("2025,2025-12-31,near-poor-below-town,§2.2,Near-poor rate "
                                       "below the town's,100,2000,5,below,,unknown,unknown: not "
                                       "entered\r\n"),
            std::string::npos)
      << csv.value().content();

  const Result<v1::ExportedDocument> json = ExportScorecard(scorecard, v1::ExportedDocument::FORMAT_JSON);
  ASSERT_TRUE(json.ok());
  EXPECT_NE(json.value().content().find("\"threshold_percent\": null"), std::string::npos);
}

TEST(ExportsTest, HouseholdHistoryIsNamedAfterTheHousehold) {
  v1::HouseholdTimelineEntry entry;
  *entry.mutable_occurred_at() = TimeUtil::SecondsToTimestamp(1735689600);
  entry.set_service("assignment");
  entry.set_event_type("assignment.visit_recorded.v1");
  entry.set_description("Visited by Nguyễn Thị Hương (women-03)");
  entry.set_audit_sequence(42);
  const Result<v1::ExportedDocument> document =
      ExportHouseholdHistory("HH-000123/../x", std::vector{entry}, v1::ExportedDocument::FORMAT_CSV);
  ASSERT_TRUE(document.ok());
  EXPECT_EQ(document.value().file_name(), "household-HH-000123____x-history.csv");
  EXPECT_NE(document.value().content().find(
                "2025-01-01T00:00:00Z,assignment,assignment.visit_recorded.v1,ROLE_UNSPECIFIED,,,"
                "Visited by Nguyễn Thị Hương (women-03),,42\r\n"),
            std::string::npos)
      << document.value().content();
}

TEST(ExportsTest, AnUnspecifiedFormatIsRefused) {
  const Result<v1::ExportedDocument> document =
      ExportAuditEntries({}, v1::ExportedDocument::FORMAT_UNSPECIFIED);
  ASSERT_FALSE(document.ok());
  EXPECT_EQ(document.error().violations.front().field, "format");
}

}  // namespace
}  // namespace ansinh::monitoring
