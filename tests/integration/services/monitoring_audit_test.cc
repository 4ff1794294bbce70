// The monitoring binary's audit chain: every consumed event and every read
// of personal data is sealed into one hash chain; verification names the
// exact entry after each kind of tampering; checkpoints catch truncation.
#include <nlohmann/json.hpp>

#include <zstd.h>

#include <atomic>
#include <cstring>
#include <functional>
#include <memory>
#include <thread>

#include "monitoring/adapters/audit_dictionaries.h"
#include "monitoring_fixture.h"
#include "redis/compressed_value.h"
#include "redis/compression_dictionary.h"

namespace ansinh {
namespace {

using testkit::AuthorizedContext;
using testkit::MonitoringFixture;

const std::string kEntries = "ansinh:{audit}:monitoring:audit:entries";

class MonitoringAuditTest : public MonitoringFixture {
 protected:
  // Six events, so six entries: sequences 1..6 at positions 1..6.
  void PublishSixEvents() {
    Registered("H1", "TDP-01", "2025-01-02");
    Registered("H2", "TDP-01", "2025-01-02");
    Approved("H1", "R-2025", 2025, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2025-12-10");
    CaseOpened("H1", "womens-union", "2025-12-11");
    HelperAssigned("H1", "womens-union", "women-03", "2025-12-12");
    VisitRecorded("H1", "2025-12-20");
    WaitForAllPublished();
  }

  std::vector<std::string> StoredEntries() {
    std::vector<std::string> entries;
    for (const redis::Reply& item : redis().Command({"LRANGE", kEntries, "0", "-1"}).elements) {
      entries.push_back(item.str);
    }
    return entries;
  }

  void Store(const std::vector<std::string>& entries) {
    redis().Command({"DEL", kEntries});
    for (const std::string& entry : entries) redis().Command({"RPUSH", kEntries, entry});
  }

  v1::AuditChainVerification Verify(bool use_latest_checkpoint, const std::string& token = "") {
    v1::VerifyAuditRequest request;
    request.set_use_latest_checkpoint(use_latest_checkpoint);
    v1::VerifyAuditResponse response;
    const grpc::Status status = stub_->VerifyAudit(
        AuthorizedContext(token.empty() ? tokens_.auditor : token).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.verification();
  }

  grpc::Status IssueCheckpoint(v1::AuditChainCheckpoint* issued) {
    v1::IssueCheckpointResponse response;
    const grpc::Status status = stub_->IssueCheckpoint(AuthorizedContext(tokens_.auditor).get(),
                                                       v1::IssueCheckpointRequest{}, &response);
    *issued = response.checkpoint();
    return status;
  }

  static v1::AuditChainEntry Parse(const std::string& bytes) {
    v1::AuditChainEntry entry;
    EXPECT_TRUE(monitoring::ParseAuditRecord(bytes, entry));
    return entry;
  }
};

TEST_F(MonitoringAuditTest, AnIntactLogVerifiesAndEveryEventIsChained) {
  PublishSixEvents();
  const v1::AuditChainVerification verification = Verify(false);
  EXPECT_TRUE(verification.intact()) << verification.finding().description();
  EXPECT_EQ(verification.entries_checked(), 6u);

  const std::vector<std::string> stored = StoredEntries();
  ASSERT_EQ(stored.size(), 6u);
  std::string previous(32, '\0');
  for (size_t i = 0; i < stored.size(); ++i) {
    const v1::AuditChainEntry entry = Parse(stored[i]);
    EXPECT_EQ(entry.sequence(), i + 1);
    EXPECT_EQ(entry.kind(), v1::AuditChainEntry::KIND_EVENT);
    EXPECT_EQ(entry.previous_hash(), previous) << "entry " << i + 1 << " links to the one before";
    EXPECT_EQ(entry.entry_hash().size(), 32u);
    EXPECT_FALSE(entry.canonical_event().empty());
    v1::EventEnvelope envelope;
    ASSERT_TRUE(envelope.ParseFromString(entry.canonical_event()));
    EXPECT_EQ(envelope.event_id(), entry.event_id());
    previous = entry.entry_hash();
  }
  EXPECT_EQ(verification.head_hash(), previous);
  // Staff cannot read the audit log.
  v1::VerifyAuditResponse refused;
  EXPECT_EQ(stub_
                ->VerifyAudit(AuthorizedContext(tokens_.womens_union_staff).get(), v1::VerifyAuditRequest{},
                              &refused)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

// Entries are stored compressed with the built-in zstd dictionary, which
// monitoring keeps beside the chain. Entries an older version compressed with
// an older dictionary (here: the built-in one under another id, as a
// retrained dictionary would be) are still read after a restart, from the
// dictionary kept in Redis, and the chain verifies.
TEST_F(MonitoringAuditTest, EntriesCompressedWithAnOlderDictionaryStillVerify) {
  PublishSixEvents();
  const redis::CompressionDictionary& built_in = monitoring::AuditEntryDictionary();
  const std::string dictionaries = "ansinh:{audit}:monitoring:audit:dictionaries";
  EXPECT_EQ(redis().Command({"HGET", dictionaries, std::to_string(built_in.id())}).str, built_in.bytes());
  const std::vector<std::string> stored = StoredEntries();
  ASSERT_EQ(stored.size(), 6u);
  for (const std::string& entry : stored) {
    ASSERT_EQ(entry[0], '\0') << "compressed";
    EXPECT_EQ(ZSTD_getDictID_fromFrame(entry.data() + 1, entry.size() - 1), built_in.id());
  }

  // A zstd dictionary's id is the 4 bytes after its magic number.
  std::string older_bytes = built_in.bytes();
  const uint32_t older_id = built_in.id() + 1;
  std::memcpy(older_bytes.data() + 4, &older_id, sizeof(older_id));
  const auto older = std::make_shared<const redis::CompressionDictionary>(older_bytes);
  ASSERT_EQ(older->id(), older_id);
  std::vector<std::string> rewritten;
  for (const std::string& entry : stored)
    rewritten.push_back(redis::StoredMessage(Parse(entry), older.get()));
  ASSERT_TRUE(monitoring_->Terminate().has_value());
  Store(rewritten);
  redis().Command({"HSET", dictionaries, std::to_string(older_id), older_bytes});
  monitoring_->Start();
  stub_ = v1::Monitoring::NewStub(monitoring_->channel());

  const v1::AuditChainVerification verification = Verify(false);
  EXPECT_TRUE(verification.intact()) << verification.finding().description();
  EXPECT_EQ(verification.entries_checked(), 6u);
  // The older dictionary is kept beside the built-in one, never replaced.
  EXPECT_EQ(redis().Command({"HLEN", dictionaries}).AsInteger(), 2);
  EXPECT_EQ(redis().Command({"HGET", dictionaries, std::to_string(older_id)}).str, older_bytes);
}

TEST_F(MonitoringAuditTest, VerificationNamesTheExactEntryAfterEachKindOfTampering) {
  PublishSixEvents();
  v1::AuditChainCheckpoint checkpoint;
  ASSERT_TRUE(IssueCheckpoint(&checkpoint).ok());
  ASSERT_EQ(checkpoint.entry_count(), 6u);
  const std::vector<std::string> original = StoredEntries();
  const std::string event_3 = Parse(original[2]).event_id();
  const std::string event_4 = Parse(original[3]).event_id();

  struct Tampering {
    std::string name;
    std::function<std::vector<std::string>(std::vector<std::string>)> tamper;
    v1::AuditChainFinding::Kind kind;
    uint64_t sequence;
    uint64_t last_sequence;
    uint64_t position;
    std::string event_id;
  };
  const std::vector<Tampering> cases = {
      {"edit entry 3",
       [](std::vector<std::string> entries) {
         v1::AuditChainEntry edited = Parse(entries[2]);
         edited.set_event_type("classification.household_status_changed.v1");
         edited.mutable_actor()->set_name("Người khác");
         entries[2] = edited.SerializeAsString();
         return entries;
       },
       v1::AuditChainFinding::KIND_CHANGED, 3, 3, 3, event_3},
      {"delete entry 4",
       [](std::vector<std::string> entries) {
         entries.erase(entries.begin() + 3);
         return entries;
       },
       v1::AuditChainFinding::KIND_REMOVED, 4, 4, 4, ""},
      {"delete entries 2 and 3",
       [](std::vector<std::string> entries) {
         entries.erase(entries.begin() + 1, entries.begin() + 3);
         return entries;
       },
       v1::AuditChainFinding::KIND_REMOVED, 2, 3, 2, ""},
      {"insert a copy of entry 3 after entry 4",
       [](std::vector<std::string> entries) {
         entries.insert(entries.begin() + 4, entries[2]);
         return entries;
       },
       v1::AuditChainFinding::KIND_INSERTED, 3, 3, 5, event_3},
      {"swap entries 3 and 4",
       [](std::vector<std::string> entries) {
         std::swap(entries[2], entries[3]);
         return entries;
       },
       v1::AuditChainFinding::KIND_REORDERED, 4, 4, 3, event_4},
      {"truncate after entry 4",
       [](std::vector<std::string> entries) {
         entries.resize(4);
         return entries;
       },
       v1::AuditChainFinding::KIND_TRUNCATED, 5, 6, 5, ""},
  };
  for (const Tampering& tampering : cases) {
    SCOPED_TRACE(tampering.name);
    Store(tampering.tamper(original));
    const v1::AuditChainVerification verification = Verify(true);
    ASSERT_FALSE(verification.intact());
    const v1::AuditChainFinding& finding = verification.finding();
    EXPECT_EQ(finding.kind(), tampering.kind) << finding.description();
    EXPECT_EQ(finding.sequence(), tampering.sequence) << finding.description();
    EXPECT_EQ(finding.last_sequence(), tampering.last_sequence) << finding.description();
    EXPECT_EQ(finding.position(), tampering.position) << finding.description();
    EXPECT_EQ(finding.event_id(), tampering.event_id) << finding.description();
    EXPECT_FALSE(finding.description().empty());

    // A damaged log never gets a checkpoint.
    v1::AuditChainCheckpoint refused;
    EXPECT_EQ(IssueCheckpoint(&refused).error_code(), grpc::StatusCode::FAILED_PRECONDITION);

    Store(original);
    EXPECT_TRUE(Verify(true).intact()) << "restored";
  }
}

TEST_F(MonitoringAuditTest, TruncationShowsOnlyAgainstACheckpointAnAuditorWroteDown) {
  PublishSixEvents();
  v1::AuditChainCheckpoint written_down;
  ASSERT_TRUE(IssueCheckpoint(&written_down).ok());
  redis().Command({"LTRIM", kEntries, "0", "2"});
  // Someone also removed the stored checkpoints: the auditor's copy still counts.
  redis().Command({"DEL", "ansinh:{audit}:monitoring:audit:checkpoints"});

  EXPECT_TRUE(Verify(false).intact()) << "the chain alone cannot show a cut-off end";
  EXPECT_TRUE(Verify(true).intact()) << "no stored checkpoint is left to compare with";

  v1::VerifyAuditRequest request;
  request.mutable_checkpoint()->set_entry_count(written_down.entry_count());
  request.mutable_checkpoint()->set_head_hash(written_down.head_hash());
  v1::VerifyAuditResponse response;
  ASSERT_TRUE(stub_->VerifyAudit(AuthorizedContext(tokens_.officer).get(), request, &response).ok());
  ASSERT_FALSE(response.verification().intact());
  EXPECT_EQ(response.verification().finding().kind(), v1::AuditChainFinding::KIND_TRUNCATED);
  EXPECT_EQ(response.verification().finding().sequence(), 4u);
  EXPECT_EQ(response.verification().finding().last_sequence(), 6u);

  // A checkpoint that is not one (a short hash) is refused, naming the field.
  request.mutable_checkpoint()->set_head_hash("abc");
  const grpc::Status status =
      stub_->VerifyAudit(AuthorizedContext(tokens_.officer).get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("checkpoint.head_hash"), std::string::npos) << status.error_message();
}

TEST_F(MonitoringAuditTest, PersonalDataReadsAreChainedWithTheEventsEvenUnderConcurrency) {
  Registered("H1", "TDP-01", "2025-01-02");
  WaitForAllPublished();

  // Reads and events at the same time: every append seals against the head
  // it read, under WATCH, so the chain never forks.
  std::atomic<int> failed_reads{0};
  std::vector<std::thread> readers;
  for (int i = 0; i < 4; ++i) {
    readers.emplace_back([this, &failed_reads] {
      for (int j = 0; j < 5; ++j) {
        v1::GetHouseholdTimelineRequest request;
        request.set_household_id("H1");
        v1::GetHouseholdTimelineResponse response;
        if (!stub_->GetHouseholdTimeline(AuthorizedContext(tokens_.auditor).get(), request, &response).ok()) {
          ++failed_reads;
        }
      }
    });
  }
  for (int i = 0; i < 30; ++i)
    VisitRecorded("H1", "2025-03-" + std::string(i < 9 ? "0" : "") + std::to_string(i + 1));
  for (std::thread& reader : readers) reader.join();
  WaitForAllPublished();
  EXPECT_EQ(failed_reads.load(), 0);

  const v1::AuditChainVerification verification = Verify(false);
  EXPECT_TRUE(verification.intact()) << verification.finding().description();
  EXPECT_EQ(verification.entries_checked(), 1u + 30u + 20u);

  int reads = 0;
  for (const std::string& bytes : StoredEntries()) {
    const v1::AuditChainEntry entry = Parse(bytes);
    if (entry.kind() != v1::AuditChainEntry::KIND_PERSONAL_DATA_READ) continue;
    ++reads;
    EXPECT_EQ(entry.household_id(), "H1");
    EXPECT_EQ(entry.actor().role(), v1::ROLE_AUDITOR);
    EXPECT_EQ(entry.actor().name(), "Ban thanh tra");
    EXPECT_EQ(entry.detail(), "GetHouseholdTimeline");
    EXPECT_TRUE(entry.event_id().empty());
    EXPECT_TRUE(entry.canonical_event().empty());
  }
  EXPECT_EQ(reads, 20);

  // An export of the history is a read too.
  v1::ExportHouseholdHistoryRequest request;
  request.set_household_id("H1");
  request.set_format(v1::ExportedDocument::FORMAT_CSV);
  v1::ExportHouseholdHistoryResponse response;
  ASSERT_TRUE(
      stub_->ExportHouseholdHistory(AuthorizedContext(tokens_.officer).get(), request, &response).ok());
  const v1::AuditChainEntry last = Parse(StoredEntries().back());
  EXPECT_EQ(last.kind(), v1::AuditChainEntry::KIND_PERSONAL_DATA_READ);
  EXPECT_EQ(last.detail(), "ExportHouseholdHistory");
  EXPECT_EQ(last.actor().role(), v1::ROLE_WARD_OFFICER);
}

TEST_F(MonitoringAuditTest, TheExportCarriesEverythingNeededToReverifyOffline) {
  PublishSixEvents();
  v1::ExportAuditRequest request;
  request.set_format(v1::ExportedDocument::FORMAT_JSON);
  v1::ExportAuditResponse response;
  ASSERT_TRUE(stub_->ExportAudit(AuthorizedContext(tokens_.auditor).get(), request, &response).ok());
  EXPECT_EQ(response.document().file_name(), "audit.json");
  const nlohmann::json rows = nlohmann::json::parse(response.document().content());
  ASSERT_EQ(rows.size(), 6u);
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i]["sequence"], i + 1);
    EXPECT_EQ(rows[i]["kind"], "event");
    EXPECT_EQ(rows[i]["entry_hash"].get<std::string>().size(), 64u);
    EXPECT_FALSE(rows[i]["canonical_event_base64"].get<std::string>().empty());
    if (i > 0) {
      EXPECT_EQ(rows[i]["previous_hash"], rows[i - 1]["entry_hash"]);
    }
  }
  EXPECT_EQ(rows[0]["previous_hash"], std::string(64, '0'));

  request.set_format(v1::ExportedDocument::FORMAT_CSV);
  request.set_from_sequence(2);
  request.set_to_sequence(4);
  ASSERT_TRUE(stub_->ExportAudit(AuthorizedContext(tokens_.officer).get(), request, &response).ok());
  const std::string& csv = response.document().content();
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 4) << "a header and entries 2 to 4";
  EXPECT_EQ(csv.find("\r\n2,event,"), csv.find("\r\n")) << csv;

  request.set_from_sequence(5);
  const grpc::Status status =
      stub_->ExportAudit(AuthorizedContext(tokens_.officer).get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

class MonitoringPeriodicCheckpointTest : public MonitoringFixture {
 protected:
  int CheckpointIntervalSeconds() const override { return 1; }
  // Counts checkpoints over events only: a signed head would add its own
  // record to the log (MonitoringTransparencyTest covers periodic heads).
  bool SignsTreeHeads() const override { return false; }
};

TEST_F(MonitoringPeriodicCheckpointTest, CheckpointsAreIssuedPeriodicallyWhenTheLogGrows) {
  Registered("H1", "TDP-01", "2025-01-02");
  WaitForAllPublished();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  v1::ListCheckpointsResponse listed;
  while (std::chrono::steady_clock::now() < deadline) {
    listed.Clear();
    ASSERT_TRUE(
        stub_
            ->ListCheckpoints(AuthorizedContext(tokens_.auditor).get(), v1::ListCheckpointsRequest{}, &listed)
            .ok());
    if (listed.checkpoints_size() > 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_GE(listed.checkpoints_size(), 1);
  const v1::AuditChainCheckpoint& newest = listed.checkpoints(0);
  EXPECT_EQ(newest.entry_count(), 1u);
  EXPECT_EQ(newest.issued_by().role(), v1::ROLE_SERVICE);
  EXPECT_EQ(newest.issued_by().name(), "monitoring");

  // Nothing new: no new checkpoint. One more event: a newer one.
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  ASSERT_TRUE(
      stub_->ListCheckpoints(AuthorizedContext(tokens_.auditor).get(), v1::ListCheckpointsRequest{}, &listed)
          .ok());
  EXPECT_EQ(listed.page().total_size(), 1);
  Registered("H2", "TDP-01", "2025-01-02");
  WaitForAllPublished();
  const auto second_deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < second_deadline) {
    listed.Clear();
    ASSERT_TRUE(
        stub_
            ->ListCheckpoints(AuthorizedContext(tokens_.auditor).get(), v1::ListCheckpointsRequest{}, &listed)
            .ok());
    if (listed.checkpoints_size() > 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(listed.checkpoints_size(), 2);
  EXPECT_EQ(listed.checkpoints(0).entry_count(), 2u) << "newest first";
  EXPECT_EQ(listed.checkpoints(1).entry_count(), 1u);
}

}  // namespace
}  // namespace ansinh
