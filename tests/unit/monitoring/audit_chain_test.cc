#include "monitoring/core/audit_chain.h"

#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "monitoring/core/audit_entry_encoding.h"
#include "monitoring/core/audit_verifier.h"
#include "monitoring/core/digest.h"
#include "monitoring/core/merkle_tree.h"

namespace ansinh::monitoring {
namespace {

using Entry = v1::AuditChainEntry;
using Finding = v1::AuditChainFinding;
using google::protobuf::util::TimeUtil;

v1::Actor Officer() {
  v1::Actor actor;
  actor.set_role(v1::ROLE_WARD_OFFICER);
  actor.set_name("Nguyễn Thị Hương");
  return actor;
}

v1::EventEnvelope Envelope(int n) {
  v1::EventEnvelope envelope;
  envelope.set_event_id("ev-" + std::to_string(n));
  envelope.set_event_type(n % 2 == 1 ? "registry.household_registered.v1" : "assignment.visit_recorded.v1");
  envelope.set_aggregate_type("household");
  envelope.set_aggregate_id("HH-" + std::to_string(n));
  envelope.set_aggregate_version(1);
  envelope.set_household_id("HH-" + std::to_string(n));
  *envelope.mutable_occurred_at() = TimeUtil::SecondsToTimestamp(1735689600 + n * 3600);
  *envelope.mutable_actor() = Officer();
  envelope.set_correlation_id("corr-" + std::to_string(n));
  return envelope;
}

// Eight entries; entry 5 is an auditor's read of personal data.
std::vector<Entry> BuildChain(int length = 8) {
  std::vector<Entry> chain;
  AuditHead head;
  for (int n = 1; n <= length; ++n) {
    v1::Actor auditor;
    auditor.set_role(v1::ROLE_AUDITOR);
    auditor.set_name("Trần Văn Minh");
    const Entry draft = n == 5 ? PersonalDataReadEntry(auditor, "HH-3", "GetHouseholdTimeline",
                                                       TimeUtil::SecondsToTimestamp(1735689600 + n * 3600))
                               : EventEntry(Envelope(n));
    chain.push_back(SealEntry(draft, head));
    head = HeadAfter(chain.back());
  }
  return chain;
}

// A self-consistent entry someone wrote by hand, claiming `sequence` and
// linking to `previous_hash`.
Entry Forged(std::uint64_t sequence, const std::string& previous_hash) {
  return SealEntry(EventEntry(Envelope(100)), AuditHead{sequence - 1, previous_hash});
}

const std::string kUnknownHash = Sha256({"not a hash of any entry"});

TEST(AuditChainTest, Sha256IsOpenSslsAndTheChainStartsFromZeros) {
  EXPECT_EQ(HexEncode(Sha256({"abc"})), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256({"a", "bc"}), Sha256({"abc"}));

  const std::vector<Entry> chain = BuildChain();
  EXPECT_EQ(chain[0].previous_hash(), std::string(32, '\0'));
  EXPECT_EQ(chain[0].sequence(), 1u);
  EXPECT_EQ(chain[0].entry_hash(), Sha256({std::string(32, '\0'), CanonicalEntryBytes(chain[0])}));
  for (std::size_t i = 1; i < chain.size(); ++i) {
    EXPECT_EQ(chain[i].sequence(), i + 1);
    EXPECT_EQ(chain[i].previous_hash(), chain[i - 1].entry_hash());
  }
  EXPECT_EQ(chain[4].kind(), Entry::KIND_PERSONAL_DATA_READ);
  EXPECT_EQ(chain[4].detail(), "GetHouseholdTimeline");
  EXPECT_EQ(chain[4].household_id(), "HH-3");
  EXPECT_EQ(chain[4].actor().role(), v1::ROLE_AUDITOR);
}

TEST(AuditChainTest, CanonicalBytesFollowTheDocumentedLayout) {
  Entry entry;
  entry.set_sequence(1);
  entry.set_kind(Entry::KIND_EVENT);
  entry.set_event_id("e");
  entry.set_event_type("t");
  entry.set_household_id("h");
  entry.mutable_actor()->set_role(v1::ROLE_WARD_OFFICER);
  entry.mutable_actor()->set_name("n");
  entry.mutable_occurred_at()->set_seconds(2);
  entry.mutable_occurred_at()->set_nanos(3);
  entry.set_canonical_event(std::string("\x01", 1));

  const auto u64 = [](char last) { return std::string(7, '\0') + last; };
  const auto u32 = [](char last) { return std::string(3, '\0') + last; };
  const auto str = [&](const std::string& text) { return u64(static_cast<char>(text.size())) + text; };
  const std::string expected = std::string("ansinh.audit.entry.v1") + u64(1) + u32(1) + str("e") + str("t") +
                               str("h") + u32(1) + str("n") + str("") + u64(2) + u32(3) + str("") +
                               str(std::string("\x01", 1));
  EXPECT_EQ(CanonicalEntryBytes(entry), expected);
}

TEST(AuditChainTest, EveryHashedFieldChangesTheHash) {
  const Entry sealed = BuildChain(1)[0];
  const std::vector<std::function<void(Entry&)>> edits = {
      [](Entry& e) { e.set_sequence(2); },
      [](Entry& e) { e.set_kind(Entry::KIND_PERSONAL_DATA_READ); },
      [](Entry& e) { e.set_event_id("ev-x"); },
      [](Entry& e) { e.set_event_type("registry.household_updated.v1"); },
      [](Entry& e) { e.set_household_id("HH-2"); },
      [](Entry& e) { e.mutable_actor()->set_role(v1::ROLE_AUDITOR); },
      [](Entry& e) { e.mutable_actor()->set_name("Someone Else"); },
      [](Entry& e) { e.mutable_actor()->set_organization_id("womens-union"); },
      [](Entry& e) { e.mutable_occurred_at()->set_seconds(e.occurred_at().seconds() + 1); },
      [](Entry& e) { e.mutable_occurred_at()->set_nanos(1); },
      [](Entry& e) { e.set_detail("x"); },
      [](Entry& e) { e.mutable_canonical_event()->push_back('x'); },
      [](Entry& e) { e.set_previous_hash(std::string(32, '\x01')); },
      // Moving bytes between neighbouring fields must not keep the hash.
      [](Entry& e) {
        e.set_event_id(e.event_id() + e.event_type().substr(0, 1));
        e.set_event_type(e.event_type().substr(1));
      },
  };
  for (std::size_t i = 0; i < edits.size(); ++i) {
    Entry edited = sealed;
    edits[i](edited);
    EXPECT_NE(ComputeEntryHash(edited), sealed.entry_hash()) << "edit " << i;
  }
}

TEST(AuditChainTest, EnvelopeBytesAreDeterministicAndComplete) {
  const v1::EventEnvelope envelope = Envelope(3);
  const std::string bytes = CanonicalEnvelopeBytes(envelope);
  EXPECT_EQ(CanonicalEnvelopeBytes(envelope), bytes);
  v1::EventEnvelope parsed;
  ASSERT_TRUE(parsed.ParseFromString(bytes));
  EXPECT_EQ(parsed.SerializeAsString(), envelope.SerializeAsString());
  EXPECT_EQ(EventEntry(envelope).canonical_event(), bytes);
}

TEST(AuditVerifierTest, AnIntactChainVerifies) {
  const std::vector<Entry> chain = BuildChain();
  const v1::AuditChainVerification verification = VerifyAuditChain(chain);
  EXPECT_TRUE(verification.intact());
  EXPECT_FALSE(verification.has_finding());
  EXPECT_EQ(verification.entries_checked(), 8u);
  EXPECT_EQ(verification.head_hash(), chain.back().entry_hash());

  const v1::AuditChainVerification empty = VerifyAuditChain(std::vector<Entry>{});
  EXPECT_TRUE(empty.intact());
  EXPECT_EQ(empty.head_hash(), GenesisHash());
}

struct Tampering {
  const char* name;
  std::function<void(std::vector<Entry>&)> tamper;
  Finding::Kind kind;
  std::uint64_t sequence;
  std::uint64_t last_sequence;
  std::uint64_t position;
};

// gtest prints a parameter in failure messages and test listings.
void PrintTo(const Tampering& tampering, std::ostream* out) { *out << tampering.name; }

class AuditTamperingTest : public ::testing::TestWithParam<Tampering> {};

TEST_P(AuditTamperingTest, NamesTheFirstBadEntryAndTheKind) {
  const Tampering& tampering = GetParam();
  std::vector<Entry> chain = BuildChain();
  tampering.tamper(chain);

  const v1::AuditChainVerification verification = VerifyAuditChain(chain);
  ASSERT_FALSE(verification.intact());
  const Finding& finding = verification.finding();
  EXPECT_EQ(Finding::Kind_Name(finding.kind()), Finding::Kind_Name(tampering.kind)) << finding.description();
  EXPECT_EQ(finding.sequence(), tampering.sequence) << finding.description();
  EXPECT_EQ(finding.last_sequence(), tampering.last_sequence) << finding.description();
  EXPECT_EQ(finding.position(), tampering.position) << finding.description();
  EXPECT_FALSE(finding.description().empty());
}

// Verification reads the stored log a page at a time; the findings must not
// depend on where the pages end (the break and its evidence may lie in
// different pages), and every page must be visited more than once only when
// there is a finding.
TEST_P(AuditTamperingTest, PageByPageTheFindingIsTheSame) {
  const Tampering& tampering = GetParam();
  std::vector<Entry> chain = BuildChain();
  tampering.tamper(chain);
  const v1::AuditChainVerification whole = VerifyAuditChain(chain);
  for (std::size_t page_size : {1, 2, 3, 5}) {
    int pages_read = 0;
    const ChainPages pages = [&](const ChainPageVisitor& visit) {
      for (std::size_t first = 0; first < chain.size(); first += page_size) {
        ++pages_read;
        const std::size_t size = std::min(page_size, chain.size() - first);
        if (!visit(std::span<const Entry>(chain).subspan(first, size))) return;
      }
    };
    const v1::AuditChainVerification paged = VerifyAuditChainPages(pages, nullptr).verification;
    EXPECT_EQ(paged.SerializeAsString(), whole.SerializeAsString())
        << "pages of " << page_size << ": " << paged.finding().description();
    EXPECT_GT(pages_read, 0);
  }
}

TEST(AuditVerifierTest, PageByPageAnIntactChainIsReadOnceAndItsMerkleRootComputed) {
  const std::vector<Entry> chain = BuildChain();
  int pages_read = 0;
  const ChainPages pages = [&](const ChainPageVisitor& visit) {
    for (std::size_t first = 0; first < chain.size(); first += 3) {
      ++pages_read;
      if (!visit(
              std::span<const Entry>(chain).subspan(first, std::min<std::size_t>(3, chain.size() - first)))) {
        return;
      }
    }
  };
  const ChainWalkResult walk = VerifyAuditChainPages(pages, nullptr, 5);
  EXPECT_TRUE(walk.verification.intact());
  EXPECT_EQ(pages_read, 3) << "one pass";
  std::vector<std::string> leaves;
  for (const Entry& entry : chain) leaves.push_back(AuditLeafHash(entry));
  EXPECT_EQ(walk.root, MerkleRoot(PerfectNodesOfLeaves(leaves), chain.size()));
  ASSERT_TRUE(walk.root_at_size.has_value());
  EXPECT_EQ(*walk.root_at_size, MerkleRoot(PerfectNodesOfLeaves(leaves), 5));
}

INSTANTIATE_TEST_SUITE_P(
    EveryKind, AuditTamperingTest,
    ::testing::Values(
        Tampering{"EditedContent", [](std::vector<Entry>& c) { c[3].set_event_type("registry.forged.v1"); },
                  Finding::KIND_CHANGED, 4, 4, 4},
        Tampering{"EditedEventBytes",
                  [](std::vector<Entry>& c) { c[2].mutable_canonical_event()->push_back('x'); },
                  Finding::KIND_CHANGED, 3, 3, 3},
        Tampering{"EditedReadEntry", [](std::vector<Entry>& c) { c[4].mutable_actor()->set_name("Nobody"); },
                  Finding::KIND_CHANGED, 5, 5, 5},
        Tampering{"EditedAndRehashed",
                  [](std::vector<Entry>& c) {
                    c[3].set_household_id("HH-999");
                    c[3].set_entry_hash(ComputeEntryHash(c[3]));
                  },
                  Finding::KIND_CHANGED, 4, 4, 4},
        Tampering{"FirstEntryEditedAndRehashed",
                  [](std::vector<Entry>& c) {
                    c[0].set_event_type("registry.forged.v1");
                    c[0].set_entry_hash(ComputeEntryHash(c[0]));
                  },
                  Finding::KIND_CHANGED, 1, 1, 1},
        Tampering{"RenumberedToHideARemoval",
                  [](std::vector<Entry>& c) {
                    c.erase(c.begin() + 4);
                    for (std::size_t i = 4; i < c.size(); ++i) c[i].set_sequence(i + 1);
                  },
                  Finding::KIND_CHANGED, 5, 5, 5},
        Tampering{"RemovedOne", [](std::vector<Entry>& c) { c.erase(c.begin() + 4); }, Finding::KIND_REMOVED,
                  5, 5, 5},
        Tampering{"RemovedTwo", [](std::vector<Entry>& c) { c.erase(c.begin() + 4, c.begin() + 6); },
                  Finding::KIND_REMOVED, 5, 6, 5},
        Tampering{"RemovedTheFirst", [](std::vector<Entry>& c) { c.erase(c.begin()); }, Finding::KIND_REMOVED,
                  1, 1, 1},
        Tampering{"RemovedThePenultimate", [](std::vector<Entry>& c) { c.erase(c.begin() + 6); },
                  Finding::KIND_REMOVED, 7, 7, 7},
        Tampering{"InsertedBeforeAnEntryWithItsSequence",
                  [](std::vector<Entry>& c) { c.insert(c.begin() + 3, Forged(4, c[2].entry_hash())); },
                  Finding::KIND_INSERTED, 4, 4, 4},
        Tampering{"InsertedAfterAnEntryWithItsSequence",
                  [](std::vector<Entry>& c) { c.insert(c.begin() + 4, Forged(4, c[2].entry_hash())); },
                  Finding::KIND_INSERTED, 4, 4, 5},
        Tampering{"InsertedACopyOfAnEarlierEntry",
                  [](std::vector<Entry>& c) { c.insert(c.begin() + 6, Entry(c[1])); }, Finding::KIND_INSERTED,
                  2, 2, 7},
        Tampering{"InsertedWithASequenceOfItsOwn",
                  [](std::vector<Entry>& c) { c.insert(c.begin() + 3, Forged(99, kUnknownHash)); },
                  Finding::KIND_INSERTED, 99, 99, 4},
        Tampering{"ReplacedByAnEntryThatLinksNowhere",
                  [](std::vector<Entry>& c) { c[3] = Forged(4, kUnknownHash); }, Finding::KIND_INSERTED, 4, 4,
                  4},
        Tampering{"AppendedWithoutLinking",
                  [](std::vector<Entry>& c) { c.push_back(Forged(9, kUnknownHash)); }, Finding::KIND_INSERTED,
                  9, 9, 9},
        Tampering{"SwappedNeighbours", [](std::vector<Entry>& c) { std::swap(c[3], c[4]); },
                  Finding::KIND_REORDERED, 5, 5, 4},
        Tampering{"MovedToTheEnd",
                  [](std::vector<Entry>& c) { std::rotate(c.begin() + 2, c.begin() + 3, c.end()); },
                  Finding::KIND_REORDERED, 4, 4, 3},
        Tampering{"SwappedTheLastTwo", [](std::vector<Entry>& c) { std::swap(c[6], c[7]); },
                  Finding::KIND_REORDERED, 8, 8, 7}),
    [](const ::testing::TestParamInfo<Tampering>& info) { return std::string(info.param.name); });

// Verifies `chain` against `checkpoint`.
v1::AuditChainVerification Against(const std::vector<Entry>& chain,
                                   const v1::AuditChainCheckpoint& checkpoint) {
  return VerifyAuditChain(chain, checkpoint);
}

v1::AuditChainCheckpoint CheckpointOf(const std::vector<Entry>& chain) {
  const CheckpointIssue issue = IssueCheckpoint(chain, TimeUtil::SecondsToTimestamp(1767225600), Officer());
  EXPECT_TRUE(issue.checkpoint.has_value());
  return issue.checkpoint.value_or(v1::AuditChainCheckpoint{});
}

TEST(AuditCheckpointTest, ACheckpointRecordsCountAndHead) {
  const std::vector<Entry> chain = BuildChain();
  const v1::AuditChainCheckpoint checkpoint = CheckpointOf(chain);
  EXPECT_EQ(checkpoint.entry_count(), 8u);
  EXPECT_EQ(checkpoint.head_hash(), chain.back().entry_hash());
  EXPECT_EQ(checkpoint.issued_by().name(), "Nguyễn Thị Hương");
  EXPECT_TRUE(ValidateCheckpoint(checkpoint).empty());

  const v1::AuditChainVerification verification = Against(chain, checkpoint);
  EXPECT_TRUE(verification.intact());
  EXPECT_EQ(verification.checkpoint().entry_count(), 8u);
}

TEST(AuditCheckpointTest, AChainThatGrewAfterTheCheckpointStillHoldsIt) {
  const std::vector<Entry> chain = BuildChain();
  const v1::AuditChainCheckpoint early = CheckpointOf(BuildChain(6));
  EXPECT_TRUE(Against(chain, early).intact());
}

TEST(AuditCheckpointTest, TruncationAfterACheckpointIsReported) {
  std::vector<Entry> chain = BuildChain();
  const v1::AuditChainCheckpoint checkpoint = CheckpointOf(chain);
  chain.resize(6);

  EXPECT_TRUE(VerifyAuditChain(chain).intact()) << "a shorter chain is intact by itself";
  const v1::AuditChainVerification verification = Against(chain, checkpoint);
  ASSERT_FALSE(verification.intact());
  EXPECT_EQ(verification.finding().kind(), Finding::KIND_TRUNCATED);
  EXPECT_EQ(verification.finding().sequence(), 7u);
  EXPECT_EQ(verification.finding().last_sequence(), 8u);
  EXPECT_EQ(verification.finding().position(), 7u);
  EXPECT_NE(verification.finding().description().find("entries 7 to 8"), std::string::npos)
      << verification.finding().description();
}

TEST(AuditCheckpointTest, ARewriteReHashingToTheEndIsCaughtByTheCheckpoint) {
  std::vector<Entry> chain = BuildChain();
  const v1::AuditChainCheckpoint at_eight = CheckpointOf(chain);
  const v1::AuditChainCheckpoint at_six = CheckpointOf(BuildChain(6));
  const v1::AuditChainCheckpoint at_two = CheckpointOf(BuildChain(2));

  // Edit entry 3 and re-seal everything after it: a consistent forgery.
  chain[2].set_household_id("HH-999");
  AuditHead head = HeadAfter(chain[1]);
  for (std::size_t i = 2; i < chain.size(); ++i) {
    chain[i] = SealEntry(chain[i], head);
    head = HeadAfter(chain[i]);
  }
  EXPECT_TRUE(VerifyAuditChain(chain).intact()) << "the chain alone cannot see this";

  for (const v1::AuditChainCheckpoint* checkpoint : {&at_eight, &at_six}) {
    const v1::AuditChainVerification verification = Against(chain, *checkpoint);
    ASSERT_FALSE(verification.intact());
    EXPECT_EQ(verification.finding().kind(), Finding::KIND_REWRITTEN);
    EXPECT_EQ(verification.finding().sequence(), checkpoint->entry_count());
    EXPECT_EQ(verification.finding().event_id(), chain[checkpoint->entry_count() - 1].event_id());
  }
  EXPECT_TRUE(Against(chain, at_two).intact()) << "history before entry 3 is untouched";
}

TEST(AuditCheckpointTest, AChainFindingComesBeforeTheCheckpoint) {
  std::vector<Entry> chain = BuildChain();
  const v1::AuditChainCheckpoint checkpoint = CheckpointOf(chain);
  chain[1].set_detail("edited");
  chain.resize(5);
  const v1::AuditChainVerification verification = Against(chain, checkpoint);
  EXPECT_EQ(verification.finding().kind(), Finding::KIND_CHANGED);
  EXPECT_EQ(verification.finding().sequence(), 2u);
  EXPECT_TRUE(verification.has_checkpoint());
}

TEST(AuditCheckpointTest, NoCheckpointIsIssuedOverADamagedChain) {
  std::vector<Entry> chain = BuildChain();
  chain.erase(chain.begin() + 2);
  const CheckpointIssue issue = IssueCheckpoint(chain, TimeUtil::SecondsToTimestamp(1767225600), Officer());
  EXPECT_FALSE(issue.checkpoint.has_value());
  EXPECT_EQ(issue.verification.finding().kind(), Finding::KIND_REMOVED);
}

TEST(AuditCheckpointTest, NoCheckpointIsIssuedOverALogCutShortSinceThePreviousOne) {
  std::vector<Entry> chain = BuildChain();
  const v1::AuditChainCheckpoint previous = CheckpointOf(chain);
  chain.resize(6);
  const CheckpointIssue refused =
      IssueCheckpoint(chain, TimeUtil::SecondsToTimestamp(1767229200), Officer(), &previous);
  EXPECT_FALSE(refused.checkpoint.has_value());
  EXPECT_EQ(refused.verification.finding().kind(), Finding::KIND_TRUNCATED);

  // The log grew past the previous checkpoint: a new one is issued over it all.
  std::vector<Entry> grown = BuildChain(8);
  const v1::AuditChainCheckpoint at_six = CheckpointOf(BuildChain(6));
  const CheckpointIssue issued =
      IssueCheckpoint(grown, TimeUtil::SecondsToTimestamp(1767229200), Officer(), &at_six);
  ASSERT_TRUE(issued.checkpoint.has_value());
  EXPECT_EQ(issued.checkpoint->entry_count(), 8u);
}

TEST(AuditCheckpointTest, ACheckpointOverTheEmptyChainHoldsTheGenesisHash) {
  const v1::AuditChainCheckpoint empty = CheckpointOf({});
  EXPECT_EQ(empty.entry_count(), 0u);
  EXPECT_EQ(empty.head_hash(), GenesisHash());
  EXPECT_TRUE(Against(BuildChain(), empty).intact());
}

TEST(AuditCheckpointTest, CallerCheckpointsAreValidated) {
  v1::AuditChainCheckpoint checkpoint;
  checkpoint.set_entry_count(3);
  checkpoint.set_head_hash(std::string(31, 'x'));
  ASSERT_EQ(ValidateCheckpoint(checkpoint).size(), 1u);
  EXPECT_EQ(ValidateCheckpoint(checkpoint)[0].field, "head_hash");

  checkpoint.set_entry_count(0);
  checkpoint.set_head_hash(std::string(32, 'x'));
  EXPECT_EQ(ValidateCheckpoint(checkpoint).size(), 1u);
}

}  // namespace
}  // namespace ansinh::monitoring
