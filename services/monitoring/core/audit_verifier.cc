#include "monitoring/core/audit_verifier.h"

#include <google/protobuf/util/time_util.h>

#include <cstdint>
#include <string>

#include "monitoring/core/audit_chain.h"
#include "monitoring/core/audit_entry_encoding.h"
#include "monitoring/core/digest.h"

namespace ansinh::monitoring {
namespace {

using Entry = v1::AuditChainEntry;
using Finding = v1::AuditChainFinding;

std::string EntryWords(std::uint64_t sequence) { return "entry " + std::to_string(sequence); }

std::string PositionWords(std::size_t index) { return "position " + std::to_string(index + 1); }

std::string RangeWords(std::uint64_t first, std::uint64_t last) {
  return first == last ? EntryWords(first)
                       : "entries " + std::to_string(first) + " to " + std::to_string(last);
}

bool IsSound(const Entry& entry) {
  return entry.previous_hash().size() == kSha256Bytes && entry.entry_hash() == ComputeEntryHash(entry);
}

// Pass 1: the first position where the chain stops holding (the entry at
// position p, 1-based, must be sound, have sequence p and record the previous
// entry's hash), that entry and the one before it, the Merkle tree of the
// entries up to the break, and the entry hash and Merkle root at chosen
// counts. Holds nothing but the entry before.
class FirstBreakScan {
 public:
  FirstBreakScan(std::optional<std::uint64_t> hash_at, std::optional<std::uint64_t> root_at)
      : hash_at_(hash_at), root_at_(root_at) {
    if (root_at_ == 0) root_at_result_ = MerkleEmptyRoot();
  }

  // False once a break was found: nothing after it matters to pass 1.
  bool Feed(std::span<const Entry> page) {
    for (const Entry& entry : page) {
      const std::uint64_t expected = seen_ + 1;
      if (!IsSound(entry) || entry.sequence() != expected || entry.previous_hash() != previous_hash_) {
        first_break_ = seen_;
        at_ = entry;
        return false;
      }
      previous_hash_ = entry.entry_hash();
      before_ = entry;
      tree_.Append(AuditLeafHash(entry));
      ++seen_;
      if (hash_at_ == seen_) hash_at_result_ = entry.entry_hash();
      if (root_at_ == seen_) root_at_result_ = tree_.Root();
    }
    return true;
  }

  std::optional<std::uint64_t> first_break() const { return first_break_; }
  // Entries that held (all of them when there is no break).
  std::uint64_t held() const { return seen_; }
  const std::string& last_hash() const { return previous_hash_; }
  const MerkleFrontier& tree() const { return tree_; }
  const std::optional<std::string>& hash_at() const { return hash_at_result_; }
  const std::optional<std::string>& root_at() const { return root_at_result_; }
  const Entry& at() const { return at_; }
  const std::optional<Entry>& before() const { return before_; }

 private:
  std::optional<std::uint64_t> hash_at_;
  std::optional<std::uint64_t> root_at_;
  std::optional<std::uint64_t> first_break_;
  std::uint64_t seen_ = 0;
  std::string previous_hash_ = GenesisHash();
  MerkleFrontier tree_;
  std::optional<std::string> hash_at_result_;
  std::optional<std::string> root_at_result_;
  Entry at_;
  std::optional<Entry> before_;
};

// Everything the verdict on the first break needs from the whole log: the
// entries around it, whether some entry links to (records as previous hash)
// the hashes in question or stores the break's previous hash, and which
// sequences are stored after the break. Gathered by scanning, never by
// holding the log.
struct BreakEvidence {
  std::size_t position = 0;  // 0-based
  std::size_t total = 0;
  // entry_hash of the last stored entry.
  std::string last_hash;
  Entry at;
  std::optional<Entry> before;
  std::optional<Entry> after;
  // The entry at position at.sequence() - 1, when that lies before the break.
  std::optional<Entry> earlier;
  bool at_linked = false;
  bool earlier_linked = false;
  bool previous_stored = false;
  // The smallest sequence at least position + 1 stored after the break.
  std::optional<std::uint64_t> next_later_sequence;
};

BreakEvidence GatherEvidence(const ChainPages& pages, const FirstBreakScan& scan) {
  BreakEvidence evidence;
  evidence.position = *scan.first_break();
  evidence.at = scan.at();
  evidence.before = scan.before();
  const std::uint64_t sequence = evidence.at.sequence();
  const std::optional<std::size_t> earlier_position = sequence >= 1 && sequence - 1 < evidence.position
                                                          ? std::optional<std::size_t>(sequence - 1)
                                                          : std::nullopt;
  // Pass 2, only for a repeated sequence: the earlier entry it repeats.
  if (earlier_position) {
    std::size_t p = 0;
    pages([&](std::span<const Entry> page) {
      for (const Entry& entry : page) {
        if (p++ == *earlier_position) {
          evidence.earlier = entry;
          return false;
        }
      }
      return true;
    });
  }
  // Pass 3: what the rest of the log says about them.
  const std::uint64_t expected = evidence.position + 1;
  std::size_t p = 0;
  pages([&](std::span<const Entry> page) {
    for (const Entry& entry : page) {
      if (p == evidence.position + 1) evidence.after = entry;
      if (entry.previous_hash() == evidence.at.entry_hash()) evidence.at_linked = true;
      if (evidence.earlier && entry.previous_hash() == evidence.earlier->entry_hash()) {
        evidence.earlier_linked = true;
      }
      if (entry.entry_hash() == evidence.at.previous_hash()) evidence.previous_stored = true;
      evidence.last_hash = entry.entry_hash();
      if (p > evidence.position && entry.sequence() >= expected &&
          (!evidence.next_later_sequence || entry.sequence() < *evidence.next_later_sequence)) {
        evidence.next_later_sequence = entry.sequence();
      }
      ++p;
    }
    return true;
  });
  evidence.total = p;
  return evidence;
}

// The verdict on the first break, from its evidence (see the header for the
// kinds).
class BreakVerdict {
 public:
  explicit BreakVerdict(BreakEvidence evidence) : e_(std::move(evidence)) {}

  Finding Judge() const {
    const Entry& entry = e_.at;
    const std::size_t i = e_.position;
    const std::uint64_t expected = i + 1;
    if (!IsSound(entry)) {
      return Make(Finding::KIND_CHANGED, entry, i,
                  Describe(entry, i) + " was changed: its content no longer matches its entry hash.");
    }
    if (entry.sequence() == 0) {
      return Make(Finding::KIND_INSERTED, entry, i,
                  "The entry at " + PositionWords(i) +
                      " has sequence 0, which the chain never writes: it was inserted.");
    }
    if (entry.sequence() < expected) return RepeatedSequence();
    if (entry.sequence() > expected) return SkippedSequence();
    return BrokenLink();
  }

 private:
  std::string ExpectedPrevious() const { return e_.before ? e_.before->entry_hash() : GenesisHash(); }

  // A sequence already stored at position sequence - 1: one of the two
  // entries is an intruder. The one the rest of the chain links to stays.
  Finding RepeatedSequence() const {
    const Entry& entry = e_.at;
    const std::size_t i = e_.position;
    const std::size_t earlier = entry.sequence() - 1;
    if (e_.at_linked && !e_.earlier_linked && e_.earlier) {
      return Make(Finding::KIND_INSERTED, *e_.earlier, earlier,
                  "The entries at " + PositionWords(earlier) + " and " + PositionWords(i) +
                      " both have sequence " + std::to_string(entry.sequence()) +
                      "; the chain continues from the one at " + PositionWords(i) + ", so the one at " +
                      PositionWords(earlier) + " was inserted.");
    }
    return Make(Finding::KIND_INSERTED, entry, i,
                "The entry at " + PositionWords(i) + " repeats sequence " + std::to_string(entry.sequence()) +
                    " of the entry at " + PositionWords(earlier) +
                    " and nothing links to it: it was inserted.");
  }

  // The sequence jumps past the expected one.
  Finding SkippedSequence() const {
    const Entry& entry = e_.at;
    const std::size_t i = e_.position;
    const std::uint64_t expected = i + 1;
    const bool anchored = e_.at_linked || e_.previous_stored;
    const bool chain_continues_around =
        e_.after && e_.after->sequence() == expected && e_.after->previous_hash() == ExpectedPrevious();
    if (chain_continues_around && !anchored) {
      return Make(Finding::KIND_INSERTED, entry, i,
                  "The entry at " + PositionWords(i) + " has sequence " + std::to_string(entry.sequence()) +
                      " but the chain runs on from " +
                      (expected == 1 ? std::string("its start") : EntryWords(expected - 1)) + " to " +
                      EntryWords(expected) + " without it: it was inserted.");
    }
    if (e_.next_later_sequence == expected) {
      return Make(
          Finding::KIND_REORDERED, entry, i,
          Describe(entry, i) + " is stored before " + EntryWords(expected) + ": the log was reordered.");
    }
    const std::uint64_t last_missing = e_.next_later_sequence && *e_.next_later_sequence < entry.sequence()
                                           ? *e_.next_later_sequence - 1
                                           : entry.sequence() - 1;
    Finding finding;
    finding.set_kind(Finding::KIND_REMOVED);
    finding.set_sequence(expected);
    finding.set_last_sequence(last_missing);
    finding.set_position(i + 1);
    finding.set_description(RangeWords(expected, last_missing) +
                            (expected == last_missing ? " was" : " were") + " removed: the entry stored at " +
                            PositionWords(i) + " has sequence " + std::to_string(entry.sequence()) +
                            " and the missing ones are stored nowhere.");
    return finding;
  }

  // The right sequence, a sound entry, but the previous hash is not the
  // previous entry's hash.
  Finding BrokenLink() const {
    const Entry& entry = e_.at;
    const std::size_t i = e_.position;
    const bool next_links_here = e_.after && IsSound(*e_.after) &&
                                 e_.after->sequence() == entry.sequence() + 1 &&
                                 e_.after->previous_hash() == entry.entry_hash();
    if (next_links_here && i == 0) {
      return Make(Finding::KIND_CHANGED, entry, i,
                  Describe(entry, i) + " was changed: it does not start from the genesis hash.");
    }
    if (next_links_here && e_.before) {
      return Make(Finding::KIND_CHANGED, *e_.before, i - 1,
                  Describe(*e_.before, i - 1) + " was changed and re-hashed: " +
                      EntryWords(entry.sequence()) + " still records its original hash.");
    }
    const bool at_end = i + 1 == e_.total;
    return Make(
        Finding::KIND_INSERTED, entry, i,
        Describe(entry, i) + " does not link to " +
            (i == 0 ? std::string("the genesis hash") : EntryWords(i)) +
            (at_end ? std::string(" and is the last entry: it was inserted, or ") + EntryWords(i) +
                          " was changed and re-hashed"
                    : std::string(" and the entry after it does not link to it") + ": it was inserted") +
            ".");
  }

  static std::string Describe(const Entry& entry, std::size_t i) {
    std::string words = "Entry " + std::to_string(entry.sequence()) + " (" + PositionWords(i);
    if (!entry.event_id().empty()) words += ", event " + entry.event_id();
    return words + ")";
  }

  static Finding Make(Finding::Kind kind, const Entry& entry, std::size_t i, std::string description) {
    Finding finding;
    finding.set_kind(kind);
    finding.set_sequence(entry.sequence());
    finding.set_last_sequence(entry.sequence());
    finding.set_position(i + 1);
    finding.set_event_id(entry.event_id());
    finding.set_description(std::move(description));
    return finding;
  }

  BreakEvidence e_;
};

// Checks an intact chain of `count` entries against a checkpoint, given the
// entry hash at the checkpoint's count (when the chain is that long).
void CheckAgainstCheckpoint(v1::AuditChainVerification& verification,
                            const v1::AuditChainCheckpoint& checkpoint, std::uint64_t count,
                            const std::optional<std::string>& hash_at_checkpoint,
                            const std::string& event_id_at_checkpoint) {
  *verification.mutable_checkpoint() = checkpoint;
  if (!verification.intact()) return;
  const std::uint64_t covered = checkpoint.entry_count();
  const std::string issued =
      "the checkpoint issued at " + google::protobuf::util::TimeUtil::ToString(checkpoint.issued_at());
  Finding finding;
  if (covered > count) {
    finding.set_kind(Finding::KIND_TRUNCATED);
    finding.set_sequence(count + 1);
    finding.set_last_sequence(covered);
    finding.set_position(count + 1);
    finding.set_description("The log has " + std::to_string(count) + " entries but " + issued + " covers " +
                            std::to_string(covered) + ": " + RangeWords(count + 1, covered) +
                            " were cut off.");
  } else {
    const std::string hash = covered == 0 ? GenesisHash() : hash_at_checkpoint.value_or("");
    if (hash == checkpoint.head_hash()) return;
    finding.set_kind(Finding::KIND_REWRITTEN);
    finding.set_sequence(covered);
    finding.set_last_sequence(covered);
    finding.set_position(covered);
    if (covered > 0) finding.set_event_id(event_id_at_checkpoint);
    finding.set_description(EntryWords(covered) + " no longer has the hash " + issued + " recorded (" +
                            HexEncode(checkpoint.head_hash()) + "): the log up to it was rewritten.");
  }
  verification.set_intact(false);
  *verification.mutable_finding() = std::move(finding);
}

}  // namespace

ChainWalkResult VerifyAuditChainPages(const ChainPages& pages, const v1::AuditChainCheckpoint* checkpoint,
                                      std::optional<std::uint64_t> root_at_size) {
  const std::optional<std::uint64_t> hash_at =
      checkpoint != nullptr ? std::optional<std::uint64_t>(checkpoint->entry_count()) : std::nullopt;
  FirstBreakScan scan(hash_at, root_at_size);
  std::string event_id_at_checkpoint;
  std::uint64_t stored = 0;
  pages([&](std::span<const Entry> page) {
    const std::uint64_t before = scan.held();
    const bool going = scan.Feed(page);
    if (hash_at && *hash_at > before && *hash_at <= scan.held()) {
      event_id_at_checkpoint = page[*hash_at - before - 1].event_id();
    }
    stored += page.size();
    return going;
  });
  ChainWalkResult result;
  v1::AuditChainVerification& verification = result.verification;
  if (scan.first_break()) {
    BreakEvidence evidence = GatherEvidence(pages, scan);
    verification.set_entries_checked(evidence.total);
    verification.set_head_hash(evidence.last_hash);
    Finding finding = BreakVerdict(std::move(evidence)).Judge();
    verification.set_intact(false);
    *verification.mutable_finding() = std::move(finding);
    if (checkpoint != nullptr) *verification.mutable_checkpoint() = *checkpoint;
  } else {
    verification.set_entries_checked(scan.held());
    verification.set_head_hash(scan.last_hash());
    verification.set_intact(true);
    if (checkpoint != nullptr) {
      CheckAgainstCheckpoint(verification, *checkpoint, scan.held(), scan.hash_at(), event_id_at_checkpoint);
    }
  }
  result.root = scan.tree().Root();
  result.root_at_size = scan.root_at();
  return result;
}

namespace {

// The whole span as one page.
ChainPages PagesOf(std::span<const Entry> entries) {
  return [entries](const ChainPageVisitor& visit) { visit(entries); };
}

}  // namespace

v1::AuditChainVerification VerifyAuditChain(std::span<const Entry> entries) {
  return VerifyAuditChainPages(PagesOf(entries), nullptr).verification;
}

v1::AuditChainVerification VerifyAuditChain(std::span<const Entry> entries,
                                            const v1::AuditChainCheckpoint& checkpoint) {
  return VerifyAuditChainPages(PagesOf(entries), &checkpoint).verification;
}

FieldViolations ValidateCheckpoint(const v1::AuditChainCheckpoint& checkpoint) {
  FieldViolations violations;
  if (checkpoint.head_hash().size() != kSha256Bytes) {
    violations.push_back({"head_hash", "must be " + std::to_string(kSha256Bytes) + " bytes"});
  } else if (checkpoint.entry_count() == 0 && checkpoint.head_hash() != GenesisHash()) {
    violations.push_back({"head_hash", "must be the genesis hash (zeros) for an empty chain"});
  }
  return violations;
}

CheckpointIssue IssueCheckpoint(std::span<const Entry> entries, const google::protobuf::Timestamp& issued_at,
                                const v1::Actor& issued_by, const v1::AuditChainCheckpoint* previous) {
  CheckpointIssue issue;
  issue.verification = previous != nullptr ? VerifyAuditChain(entries, *previous) : VerifyAuditChain(entries);
  if (!issue.verification.intact()) return issue;
  v1::AuditChainCheckpoint checkpoint;
  checkpoint.set_entry_count(entries.size());
  checkpoint.set_head_hash(issue.verification.head_hash());
  *checkpoint.mutable_issued_at() = issued_at;
  *checkpoint.mutable_issued_by() = issued_by;
  issue.checkpoint = std::move(checkpoint);
  return issue;
}

}  // namespace ansinh::monitoring
