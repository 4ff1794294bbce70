#include "monitoring/core/audit_outbox.h"

#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "monitoring/core/audit_chain.h"
#include "monitoring/core/audit_verifier.h"

namespace ansinh::monitoring {
namespace {

v1::AuditChainEntry OutboxDraft(int n) {
  v1::EventEnvelope envelope;
  envelope.set_event_id("ev-" + std::to_string(n));
  envelope.set_event_type("registry.household_registered.v1");
  envelope.set_aggregate_type("household");
  envelope.set_aggregate_id("HH-" + std::to_string(n));
  envelope.set_aggregate_version(1);
  envelope.set_household_id("HH-" + std::to_string(n));
  *envelope.mutable_occurred_at() = google::protobuf::util::TimeUtil::SecondsToTimestamp(1735689600 + n);
  return EventEntry(envelope);
}

std::vector<OutboxItem> OutboxItems(std::uint64_t first_ordinal, int count) {
  std::vector<OutboxItem> items;
  for (int i = 0; i < count; ++i) {
    items.push_back(OutboxItem{first_ordinal + static_cast<std::uint64_t>(i), OutboxDraft(i + 1)});
  }
  return items;
}

TEST(AuditOutboxTest, EntryIdsCarryTheOrdinalAndNothingElseParses) {
  EXPECT_EQ(OutboxEntryId(7), "0-7");
  EXPECT_EQ(OutboxOrdinalOf("0-7"), 7u);
  EXPECT_EQ(OutboxOrdinalOf(OutboxEntryId(18446744073709551615ULL)), 18446744073709551615ULL);
  for (const char* bad : {"0-0", "1-7", "0-", "0-07", "0-7x", "7", "", "0--1"}) {
    EXPECT_FALSE(OutboxOrdinalOf(bad).has_value()) << bad;
  }
}

TEST(AuditOutboxTest, RunsRoundTripAndMapEachOrdinalToItsSequence) {
  const OutboxRun run{41, 1001};
  EXPECT_EQ(EncodeOutboxRun(run), "41:1001");
  const std::optional<OutboxRun> parsed = ParseOutboxRun("41:1001");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->first_ordinal, 41u);
  EXPECT_EQ(parsed->first_sequence, 1001u);
  EXPECT_EQ(SequenceInRun(run, 41), 1001u);
  EXPECT_EQ(SequenceInRun(run, 45), 1005u);
  for (const char* bad : {"41", "41:", ":1001", "0:1", "1:0", "a:1", "1:1:1", "01:1"}) {
    EXPECT_FALSE(ParseOutboxRun(bad).has_value()) << bad;
  }
}

TEST(AuditOutboxTest, SealingFromTheOutboxGivesTheChainAppendingOneByOneGives) {
  // Two entries already in the chain, then three from the outbox after
  // ordinal 10 (the partition's highest taken).
  AuditHead head;
  for (int n = 100; n < 102; ++n) head = AppendToHead(OutboxDraft(n), head).next;
  const std::vector<OutboxItem> items = OutboxItems(11, 3);
  Result<OutboxAppend> sealed = SealOutboxItems(items, 10, head);
  ASSERT_TRUE(sealed.ok()) << sealed.error().message;
  ASSERT_EQ(sealed.value().appends.size(), 3u);
  EXPECT_EQ(sealed.value().last_ordinal, 13u);
  EXPECT_EQ(sealed.value().run.first_ordinal, 11u);
  EXPECT_EQ(sealed.value().run.first_sequence, 3u);

  AuditHead expected = head;
  std::vector<v1::AuditChainEntry> chain;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const AuditAppend one = AppendToHead(items[i].draft, expected);
    const AuditAppend& got = sealed.value().appends[i];
    // The same bytes and hashes as an append straight into the chain.
    EXPECT_EQ(got.sealed.SerializeAsString(), one.sealed.SerializeAsString());
    EXPECT_EQ(got.next.hash, one.next.hash);
    EXPECT_EQ(got.next.tree.Root(), one.next.tree.Root());
    EXPECT_EQ(SequenceInRun(sealed.value().run, items[i].ordinal), got.sealed.sequence());
    expected = one.next;
  }
}

TEST(AuditOutboxTest, AGapOrARepeatAfterWhatIsTakenSealsNothing) {
  const AuditHead head;
  // Ordinal 5 is missing after 4 taken.
  Result<OutboxAppend> gap = SealOutboxItems(OutboxItems(6, 2), 4, head);
  ASSERT_FALSE(gap.ok());
  EXPECT_EQ(gap.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(gap.error().message.find("ordinal 6 where 5"), std::string::npos) << gap.error().message;
  // Ordinal 4 is already in the chain: sealing it again would chain it twice.
  EXPECT_FALSE(SealOutboxItems(OutboxItems(4, 2), 4, head).ok());
  // Nothing to seal is no append at all.
  Result<OutboxAppend> none = SealOutboxItems({}, 4, head);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none.value().appends.empty());
  EXPECT_EQ(none.value().last_ordinal, 4u);
}

TEST(AuditOutboxTest, AChainBuiltFromInterleavedOutboxesVerifies) {
  // Two partitions' outboxes taken in turns, as the appender does.
  AuditHead head;
  std::vector<v1::AuditChainEntry> chain;
  std::uint64_t taken[2] = {0, 0};
  for (int round = 0; round < 3; ++round) {
    for (int partition = 0; partition < 2; ++partition) {
      Result<OutboxAppend> sealed =
          SealOutboxItems(OutboxItems(taken[partition] + 1, 2), taken[partition], head);
      ASSERT_TRUE(sealed.ok());
      for (const AuditAppend& append : sealed.value().appends) chain.push_back(append.sealed);
      head = sealed.value().appends.back().next;
      taken[partition] = sealed.value().last_ordinal;
    }
  }
  ASSERT_EQ(chain.size(), 12u);
  EXPECT_TRUE(VerifyAuditChain(chain).intact());
}

}  // namespace
}  // namespace ansinh::monitoring
