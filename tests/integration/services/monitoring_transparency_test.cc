// The audit log as a transparency log (RFC 9162), against the real monitoring
// binary and Redis: signed tree heads, inclusion and consistency proofs, and
// the attacks that passed before it existed (docs/security.md): a consistent
// rewrite from entry N with the checkpoints rewritten, and a cut tail with
// the head fixed and the checkpoints emptied. An auditor's `ansinh audit
// verify`, which kept an earlier head, catches both and names the entry.
#include <sys/stat.h>
#include <sys/wait.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "audit_tampering.h"
#include "child_process.h"
#include "monitoring/core/audit_chain.h"
#include "monitoring/core/digest.h"
#include "monitoring/core/merkle_tree.h"
#include "monitoring/core/tree_head.h"
#include "monitoring_fixture.h"

namespace ansinh {
namespace {

using testkit::AuthorizedContext;
using testkit::MonitoringFixture;

class MonitoringTransparencyTest : public MonitoringFixture {
 protected:
  void PublishEvents(int count, int first = 1) {
    for (int i = first; i < first + count; ++i) {
      Registered("H" + std::to_string(i), "TDP-01", "2025-01-02");
    }
    WaitForAllPublished();
  }

  v1::GetTreeHeadResponse Head(bool issue, grpc::Status* status_out = nullptr) {
    v1::GetTreeHeadRequest request;
    request.set_issue(issue);
    v1::GetTreeHeadResponse response;
    const grpc::Status status =
        stub_->GetTreeHead(AuthorizedContext(tokens_.auditor).get(), request, &response);
    if (status_out != nullptr) {
      *status_out = status;
    } else {
      EXPECT_TRUE(status.ok()) << status.error_message();
    }
    return response;
  }

  v1::AuditChainVerification Verify() {
    v1::VerifyAuditRequest request;
    request.set_use_latest_checkpoint(true);
    v1::VerifyAuditResponse response;
    const grpc::Status status =
        stub_->VerifyAudit(AuthorizedContext(tokens_.auditor).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.verification();
  }

  void Checkpoint() {
    v1::IssueCheckpointResponse response;
    ASSERT_TRUE(stub_
                    ->IssueCheckpoint(AuthorizedContext(tokens_.auditor).get(), v1::IssueCheckpointRequest{},
                                      &response)
                    .ok());
  }
};

TEST_F(MonitoringTransparencyTest, IssuingAHeadIsLoggedAndEveryProofVerifies) {
  PublishEvents(6);
  grpc::Status status;
  Head(false, &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << "no head was ever signed";

  const v1::GetTreeHeadResponse first = Head(true);
  const v1::SignedTreeHead& head = first.head();
  EXPECT_EQ(head.tree_size(), 6u);
  EXPECT_TRUE(monitoring::VerifyTreeHead(head, first.public_key()));
  EXPECT_EQ(head.key_id(), monitoring::TreeHeadKeyId(first.public_key()));

  // The key lives in its file, readable by the service only.
  struct stat info {};
  ASSERT_EQ(::stat(TreeHeadKeyFile().c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);

  // Issuing the head is itself an audit entry, naming who asked.
  std::vector<v1::AuditChainEntry> entries = testkit::StoredAuditEntries(redis());
  ASSERT_EQ(entries.size(), 7u);
  EXPECT_EQ(entries[6].kind(), v1::AuditChainEntry::KIND_TREE_HEAD);
  EXPECT_EQ(entries[6].actor().role(), v1::ROLE_AUDITOR);
  EXPECT_NE(entries[6].detail().find(monitoring::HexEncode(head.root_hash())), std::string::npos);

  for (std::uint64_t sequence = 1; sequence <= 6; ++sequence) {
    v1::GetInclusionProofRequest request;
    request.set_sequence(sequence);
    request.set_tree_size(6);
    v1::GetInclusionProofResponse proof;
    ASSERT_TRUE(stub_->GetInclusionProof(AuthorizedContext(tokens_.officer).get(), request, &proof).ok());
    EXPECT_EQ(proof.entry().sequence(), sequence);
    EXPECT_EQ(proof.leaf_hash(), monitoring::AuditLeafHash(proof.entry())) << "the leaf is the entry's";
    const std::vector<std::string> path(proof.proof().begin(), proof.proof().end());
    EXPECT_TRUE(monitoring::VerifyMerkleInclusion(sequence - 1, 6, proof.leaf_hash(), path, head.root_hash()))
        << "entry " << sequence;
  }

  PublishEvents(2, 7);
  const v1::SignedTreeHead later = Head(true).head();
  EXPECT_EQ(later.tree_size(), 9u) << "six events, the first head's record, two events";
  v1::GetConsistencyProofRequest request;
  request.set_first_size(6);
  request.set_second_size(9);
  v1::GetConsistencyProofResponse proof;
  ASSERT_TRUE(stub_->GetConsistencyProof(AuthorizedContext(tokens_.auditor).get(), request, &proof).ok());
  const std::vector<std::string> path(proof.proof().begin(), proof.proof().end());
  EXPECT_TRUE(monitoring::VerifyMerkleConsistency(6, 9, head.root_hash(), later.root_hash(), path));

  // Nothing new since but the head's own record: no new head.
  EXPECT_EQ(Head(true).head().SerializeAsString(), later.SerializeAsString());
  EXPECT_EQ(testkit::StoredAuditEntries(redis()).size(), 10u);
  EXPECT_TRUE(Verify().intact());

  // Sizes outside the log are refused, naming each field.
  request.set_first_size(0);
  request.set_second_size(1000);
  status = stub_->GetConsistencyProof(AuthorizedContext(tokens_.auditor).get(), request, &proof);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("first_size"), std::string::npos) << status.error_message();
  EXPECT_NE(status.error_message().find("second_size"), std::string::npos) << status.error_message();
}

// Before signed heads, this rewrite passed `VerifyAudit` against the latest
// checkpoint: everything stored beside the chain agreed with it.
TEST_F(MonitoringTransparencyTest, AConsistentRewriteWithCheckpointsRewrittenNoLongerMatchesTheSignedHead) {
  PublishEvents(6);
  Checkpoint();
  Head(true);
  ASSERT_TRUE(Verify().intact());

  testkit::RewriteLogFrom(redis(), 3);
  const v1::AuditChainVerification verification = Verify();
  ASSERT_FALSE(verification.intact()) << "the rewrite passed";
  EXPECT_EQ(verification.finding().kind(), v1::AuditChainFinding::KIND_TREE_MISMATCH)
      << verification.finding().description();
  EXPECT_EQ(verification.finding().sequence(), 6u) << verification.finding().description();

  // And no head is signed over it.
  grpc::Status status;
  Head(true, &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(MonitoringTransparencyTest,
       ACutTailWithTheHeadFixedAndCheckpointsEmptiedNoLongerMatchesTheSignedHead) {
  PublishEvents(6);
  Checkpoint();
  Head(true);
  testkit::CutLogTo(redis(), 4);
  const v1::AuditChainVerification verification = Verify();
  ASSERT_FALSE(verification.intact()) << "the cut passed";
  EXPECT_EQ(verification.finding().kind(), v1::AuditChainFinding::KIND_TRUNCATED);
  EXPECT_EQ(verification.finding().sequence(), 5u);
  EXPECT_EQ(verification.finding().last_sequence(), 6u);
}

TEST_F(MonitoringTransparencyTest, AStoredHeadWithABadSignatureIsRefused) {
  PublishEvents(3);
  Head(true);
  v1::SignedTreeHead forged;
  ASSERT_TRUE(forged.ParseFromString(redis().Command({"LINDEX", testkit::kTamperTreeHeads, "-1"}).str));
  forged.mutable_signature()->front() ^= 0x01;
  redis().Command({"LSET", testkit::kTamperTreeHeads, "-1", forged.SerializeAsString()});
  const v1::AuditChainVerification verification = Verify();
  ASSERT_FALSE(verification.intact());
  EXPECT_EQ(verification.finding().kind(), v1::AuditChainFinding::KIND_TREE_MISMATCH);
  EXPECT_NE(verification.finding().description().find("signature"), std::string::npos)
      << verification.finding().description();
}

TEST_F(MonitoringTransparencyTest, TheStreamedExportIsTheDocumentOfTheUnaryExport) {
  PublishEvents(5);
  for (const v1::ExportedDocument::Format format :
       {v1::ExportedDocument::FORMAT_CSV, v1::ExportedDocument::FORMAT_JSON}) {
    v1::ExportAuditRequest request;
    request.set_format(format);
    request.set_from_sequence(2);
    v1::ExportAuditResponse whole;
    ASSERT_TRUE(stub_->ExportAudit(AuthorizedContext(tokens_.auditor).get(), request, &whole).ok());

    auto context = AuthorizedContext(tokens_.auditor);
    auto reader = stub_->StreamAuditExport(context.get(), request);
    v1::ExportAuditResponse part;
    std::string content;
    int parts = 0;
    v1::ExportedDocument opening;
    while (reader->Read(&part)) {
      if (parts++ == 0) opening = part.document();
      content += part.document().content();
    }
    ASSERT_TRUE(reader->Finish().ok());
    EXPECT_GE(parts, 2) << "the opening, then the entries";
    EXPECT_EQ(opening.file_name(), whole.document().file_name());
    EXPECT_EQ(opening.media_type(), whole.document().media_type());
    EXPECT_EQ(content, whole.document().content());
  }
  // Staff cannot stream it either.
  auto context = AuthorizedContext(tokens_.womens_union_staff);
  v1::ExportAuditRequest request;
  request.set_format(v1::ExportedDocument::FORMAT_CSV);
  auto reader = stub_->StreamAuditExport(context.get(), request);
  v1::ExportAuditResponse part;
  while (reader->Read(&part)) {
  }
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

// A log written before the Merkle tree existed has entries and no tree: the
// service builds the tree at start, and the log verifies and can be signed.
TEST_F(MonitoringTransparencyTest, ALogFromBeforeTheTreeGetsItsTreeAtStart) {
  PublishEvents(5);
  const std::vector<v1::AuditChainEntry> before = testkit::StoredAuditEntries(redis());
  ASSERT_TRUE(monitoring_->Terminate().has_value());
  redis().Command({"HDEL", testkit::kTamperHead, "frontier"});
  for (int level = 0; level < 8; ++level) redis().Command({"DEL", testkit::TamperTreeLevel(level)});
  monitoring_->Start();
  stub_ = v1::Monitoring::NewStub(monitoring_->channel());

  EXPECT_TRUE(Verify().intact()) << Verify().finding().description();
  const v1::SignedTreeHead head = Head(true).head();
  EXPECT_EQ(head.tree_size(), 5u);
  std::vector<std::string> leaves;
  for (const v1::AuditChainEntry& entry : before) leaves.push_back(monitoring::AuditLeafHash(entry));
  EXPECT_EQ(head.root_hash(), monitoring::MerkleRoot(monitoring::PerfectNodesOfLeaves(leaves), 5));
  PublishEvents(1, 6);
  EXPECT_TRUE(Verify().intact()) << "appends go on from the rebuilt tree";
}

// The signing key is the anchor: a key file others can read is refused and
// the service does not start, naming the file and the fix.
TEST_F(MonitoringTransparencyTest, AKeyFileOthersCanReadStopsTheService) {
  const std::string exposed = dir_.path() + "/exposed-tree-head.key";
  std::filesystem::copy_file(TreeHeadKeyFile(), exposed);
  std::filesystem::permissions(exposed, std::filesystem::perms(0644), std::filesystem::perm_options::replace);
  testkit::ChildProcess refused;
  refused.Start({std::string(ANSINH_BIN_DIR) + "/ansinh-monitoring", "--listen", "127.0.0.1:0",
                 "--targets-file", dir_.path() + "/targets.textproto", "--tree-head-key-file", exposed},
                dir_.path() + "/refused-monitoring.log");
  const std::optional<int> status = refused.Wait(std::chrono::seconds(20));
  ASSERT_TRUE(status.has_value()) << "it kept running with a readable key";
  EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 2) << refused.ReadLog();
  EXPECT_NE(refused.ReadLog().find("chmod 600 " + exposed), std::string::npos) << refused.ReadLog();
}

class MonitoringVerificationLimitTest : public MonitoringTransparencyTest {
 protected:
  std::vector<std::string> ExtraFlags() const override { return {"--max-concurrent-verifications", "1"}; }
};

TEST_F(MonitoringVerificationLimitTest, VerificationsPastTheLimitAreRefusedAtOnce) {
  // A long log, written as the service writes it, so a verification takes a
  // while.
  std::vector<v1::AuditChainEntry> drafts;
  v1::Actor reader;
  reader.set_role(v1::ROLE_AUDITOR);
  reader.set_name("Ban thanh tra");
  for (int i = 0; i < 30000; ++i) {
    drafts.push_back(monitoring::PersonalDataReadEntry(
        reader, "H" + std::to_string(i), "GetHouseholdTimeline", testkit::WardNoon("2025-01-02")));
  }
  testkit::StoreRewrittenLog(redis(), drafts);

  std::atomic<int> ok{0};
  std::atomic<int> refused{0};
  std::vector<std::thread> callers;
  for (int i = 0; i < 6; ++i) {
    callers.emplace_back([&] {
      v1::VerifyAuditResponse response;
      const grpc::Status status =
          stub_->VerifyAudit(AuthorizedContext(tokens_.auditor).get(), v1::VerifyAuditRequest{}, &response);
      if (status.ok()) {
        EXPECT_TRUE(response.verification().intact()) << response.verification().finding().description();
        EXPECT_EQ(response.verification().entries_checked(), 30000u);
        ++ok;
      } else {
        EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << status.error_message();
        ++refused;
      }
    });
  }
  for (std::thread& caller : callers) caller.join();
  EXPECT_GE(ok.load(), 1);
  EXPECT_GE(refused.load(), 1) << "six at once with a limit of one";
}

// ---------------------------------------------------------------------------
// The auditor's CLI, which keeps the heads it has seen.
// ---------------------------------------------------------------------------

const std::string kAnsinhBinary = std::string(ANSINH_BIN_DIR) + "/ansinh";

struct CliRun {
  int exit_code = -1;
  std::string out;
};

class AuditorCliTest : public MonitoringTransparencyTest {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kAnsinhBinary)) GTEST_SKIP() << "the ansinh CLI is not built";
    MonitoringTransparencyTest::SetUp();
    setenv("ANSINH_MONITORING_ADDRESS", monitoring_->address().c_str(), 1);
    unsetenv("ANSINH_TOKEN_FILE");
    unsetenv("ANSINH_AUDIT_HEADS_DIR");
    setenv("XDG_DATA_HOME", (dir_.path() + "/auditor-home").c_str(), 1);
  }

  std::string HeadsDir() const { return dir_.path() + "/auditor-home/ansinh/heads"; }

  CliRun Auditor(const std::string& arguments) {
    setenv("ANSINH_TOKEN", tokens_.auditor.c_str(), 1);
    CliRun run;
    FILE* pipe =
        popen((kAnsinhBinary + " " + arguments + " 2>" + dir_.path() + "/cli-stderr.txt").c_str(), "r");
    if (pipe == nullptr) return run;
    char buffer[4096];
    for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) run.out.append(buffer, n);
    const int status = pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
  }

  std::string CliStderr() {
    std::ifstream in(dir_.path() + "/cli-stderr.txt");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  // Six events and a head over them, kept by the auditor.
  void KeepAHeadOverSixEvents() {
    PublishEvents(6);
    Checkpoint();
    const CliRun run = Auditor("audit head --issue");
    ASSERT_EQ(run.exit_code, 0) << run.out << CliStderr();
    ASSERT_NE(run.out.find("SIGNED HEAD: 6 entries"), std::string::npos) << run.out;
    ASSERT_NE(run.out.find("Public key pinned"), std::string::npos) << run.out;
  }
};

TEST_F(AuditorCliTest, TheAuditorKeepsHeadsPrivatelyAndPublishesOne) {
  KeepAHeadOverSixEvents();
  struct stat info {};
  ASSERT_EQ(::stat(HeadsDir().c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0700u);
  int heads = 0;
  for (const auto& file : std::filesystem::directory_iterator(HeadsDir())) {
    ASSERT_EQ(::stat(file.path().c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u) << file.path();
    if (file.path().filename().string().starts_with("head-")) ++heads;
  }
  EXPECT_EQ(heads, 1);
  EXPECT_EQ(std::filesystem::file_size(HeadsDir() + "/leaves"), 6u * 32);

  PublishEvents(2, 7);
  CliRun run = Auditor("audit head --issue --publish");
  ASSERT_EQ(run.exit_code, 0) << run.out << CliStderr();
  EXPECT_NE(run.out.find("SIGNED HEAD: 9 entries"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("each of the 1 heads kept"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("root hash:"), std::string::npos) << run.out;
  const CliRun key = Auditor("audit public-key");
  ASSERT_EQ(key.exit_code, 0);
  EXPECT_NE(run.out.find("public key: " + key.out.substr(0, 64)), std::string::npos) << run.out << key.out;

  run = Auditor("audit verify --latest");
  EXPECT_EQ(run.exit_code, 0) << run.out << CliStderr();
  EXPECT_NE(run.out.find("INTACT"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("each of the 2 heads kept"), std::string::npos) << run.out;
}

TEST_F(AuditorCliTest, AConsistentRewriteFromEntryThreeIsCaughtAndNamed) {
  KeepAHeadOverSixEvents();
  // The attacker rewrites from entry 3, checkpoints included, and removes
  // the signed heads that would give the rewrite away.
  testkit::RewriteLogFrom(redis(), 3);
  redis().Command({"DEL", testkit::kTamperTreeHeads});

  const CliRun run = Auditor("audit verify --latest");
  EXPECT_EQ(run.exit_code, 2) << run.out << CliStderr();
  EXPECT_NE(run.out.find("INTACT: 7 entries checked"), std::string::npos)
      << "what the service alone can see: nothing\n"
      << run.out;
  EXPECT_NE(run.out.find("does not extend the signed head of 6 entries"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("The first entry that differs from the log as kept: entry 3"), std::string::npos)
      << run.out;
}

TEST_F(AuditorCliTest, ACutTailWithTheHeadFixedAndCheckpointsEmptiedIsCaught) {
  KeepAHeadOverSixEvents();
  testkit::CutLogTo(redis(), 4);
  redis().Command({"DEL", testkit::kTamperTreeHeads});

  const CliRun run = Auditor("audit verify --latest");
  EXPECT_EQ(run.exit_code, 2) << run.out << CliStderr();
  EXPECT_NE(run.out.find("does not extend the signed head of 6 entries"), std::string::npos) << run.out;
  // Entries 1-4 are as kept; the fifth is now the record of the head the
  // service was asked to sign over the cut log.
  EXPECT_NE(run.out.find("The first entry that differs from the log as kept: entry 5"), std::string::npos)
      << run.out;
}

TEST_F(AuditorCliTest, AHeadWithABadSignatureIsRefused) {
  KeepAHeadOverSixEvents();
  v1::SignedTreeHead forged;
  ASSERT_TRUE(forged.ParseFromString(redis().Command({"LINDEX", testkit::kTamperTreeHeads, "-1"}).str));
  forged.mutable_root_hash()->back() ^= 0x01;
  redis().Command({"LSET", testkit::kTamperTreeHeads, "-1", forged.SerializeAsString()});

  const CliRun run = Auditor("audit verify");
  EXPECT_EQ(run.exit_code, 2) << run.out << CliStderr();
  EXPECT_NE(run.out.find("does not verify under the pinned public key"), std::string::npos) << run.out;
}

class AuditorCliWithoutSigningKeyTest : public AuditorCliTest {
 protected:
  bool SignsTreeHeads() const override { return false; }
};

TEST_F(AuditorCliWithoutSigningKeyTest, VerifyStillChecksTheChainAndSaysNoHeadsAreSigned) {
  PublishEvents(2);
  CliRun run = Auditor("audit verify");
  EXPECT_EQ(run.exit_code, 0) << run.out << CliStderr();
  EXPECT_NE(run.out.find("INTACT: 2 entries checked"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("The service signs no tree heads"), std::string::npos) << run.out;
  // Asking for a head is refused, and says why.
  run = Auditor("audit head --issue");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(CliStderr().find("FAILED_PRECONDITION"), std::string::npos) << CliStderr();
}

}  // namespace
}  // namespace ansinh
