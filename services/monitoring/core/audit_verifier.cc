#include "monitoring/core/audit_verifier.h"

#include <google/protobuf/util/time_util.h>

#include <cstdint>
#include <set>
#include <string>
#include <unordered_set>

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

// One walk over the stored entries. Everything the verdicts need from the
// whole log (which hashes are linked to, which sequences come later) is
// gathered up front, so each position is judged with the evidence on both
// sides of it.
class ChainWalk {
 public:
  explicit ChainWalk(std::span<const Entry> entries) : entries_(entries) {
    sound_.reserve(entries.size());
    for (const Entry& entry : entries) {
      sound_.push_back(entry.previous_hash().size() == kSha256Bytes &&
                       entry.entry_hash() == ComputeEntryHash(entry));
      linked_hashes_.insert(entry.previous_hash());
      stored_hashes_.insert(entry.entry_hash());
      later_sequences_.insert(entry.sequence());
    }
  }

  std::optional<Finding> FirstFinding() {
    const std::string genesis = GenesisHash();
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      const Entry& entry = entries_[i];
      later_sequences_.erase(later_sequences_.find(entry.sequence()));
      // Every entry before position i passed, so they hold sequences 1..i.
      const std::uint64_t expected = i + 1;
      const std::string& expected_previous = i == 0 ? genesis : entries_[i - 1].entry_hash();
      if (!sound_[i]) {
        return Make(Finding::KIND_CHANGED, i,
                    Describe(i) + " was changed: its content no longer matches its entry hash.");
      }
      if (entry.sequence() == 0) {
        return Make(Finding::KIND_INSERTED, i,
                    "The entry at " + PositionWords(i) +
                        " has sequence 0, which the chain never writes: it was inserted.");
      }
      if (entry.sequence() < expected) return RepeatedSequence(i);
      if (entry.sequence() > expected) return SkippedSequence(i, expected, expected_previous);
      if (entry.previous_hash() != expected_previous) return BrokenLink(i);
    }
    return std::nullopt;
  }

 private:
  // A sequence already stored at position sequence - 1: one of the two
  // entries is an intruder. The one the rest of the chain links to stays.
  Finding RepeatedSequence(std::size_t i) const {
    const Entry& entry = entries_[i];
    const std::size_t earlier = entry.sequence() - 1;
    const bool entry_linked = IsLinkedTo(entry);
    const bool earlier_linked = IsLinkedTo(entries_[earlier]);
    if (entry_linked && !earlier_linked) {
      return Make(Finding::KIND_INSERTED, earlier,
                  "The entries at " + PositionWords(earlier) + " and " + PositionWords(i) +
                      " both have sequence " + std::to_string(entry.sequence()) +
                      "; the chain continues from the one at " + PositionWords(i) + ", so the one at " +
                      PositionWords(earlier) + " was inserted.");
    }
    return Make(Finding::KIND_INSERTED, i,
                "The entry at " + PositionWords(i) + " repeats sequence " + std::to_string(entry.sequence()) +
                    " of the entry at " + PositionWords(earlier) +
                    " and nothing links to it: it was inserted.");
  }

  // The sequence jumps past `expected`.
  Finding SkippedSequence(std::size_t i, std::uint64_t expected, const std::string& expected_previous) const {
    const Entry& entry = entries_[i];
    const bool anchored = IsLinkedTo(entry) || stored_hashes_.contains(entry.previous_hash());
    const bool chain_continues_around = i + 1 < entries_.size() && entries_[i + 1].sequence() == expected &&
                                        entries_[i + 1].previous_hash() == expected_previous;
    if (chain_continues_around && !anchored) {
      return Make(Finding::KIND_INSERTED, i,
                  "The entry at " + PositionWords(i) + " has sequence " + std::to_string(entry.sequence()) +
                      " but the chain runs on from " +
                      (expected == 1 ? std::string("its start") : EntryWords(expected - 1)) + " to " +
                      EntryWords(expected) + " without it: it was inserted.");
    }
    const auto next_stored = later_sequences_.lower_bound(expected);
    if (next_stored != later_sequences_.end() && *next_stored == expected) {
      return Make(Finding::KIND_REORDERED, i,
                  Describe(i) + " is stored before " + EntryWords(expected) + ": the log was reordered.");
    }
    const std::uint64_t last_missing =
        next_stored != later_sequences_.end() && *next_stored < entry.sequence() ? *next_stored - 1
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
  Finding BrokenLink(std::size_t i) const {
    const Entry& entry = entries_[i];
    const bool next_links_here = i + 1 < entries_.size() && sound_[i + 1] &&
                                 entries_[i + 1].sequence() == entry.sequence() + 1 &&
                                 entries_[i + 1].previous_hash() == entry.entry_hash();
    if (next_links_here && i == 0) {
      return Make(Finding::KIND_CHANGED, i,
                  Describe(i) + " was changed: it does not start from the genesis hash.");
    }
    if (next_links_here) {
      return Make(Finding::KIND_CHANGED, i - 1,
                  Describe(i - 1) + " was changed and re-hashed: " + EntryWords(entry.sequence()) +
                      " still records its original hash.");
    }
    const bool at_end = i + 1 == entries_.size();
    return Make(
        Finding::KIND_INSERTED, i,
        Describe(i) + " does not link to " + (i == 0 ? std::string("the genesis hash") : EntryWords(i)) +
            (at_end ? std::string(" and is the last entry: it was inserted, or ") + EntryWords(i) +
                          " was changed and re-hashed"
                    : std::string(" and the entry after it does not link to it") + ": it was inserted") +
            ".");
  }

  bool IsLinkedTo(const Entry& entry) const { return linked_hashes_.contains(entry.entry_hash()); }

  std::string Describe(std::size_t i) const {
    const Entry& entry = entries_[i];
    std::string words = "Entry " + std::to_string(entry.sequence()) + " (" + PositionWords(i);
    if (!entry.event_id().empty()) words += ", event " + entry.event_id();
    return words + ")";
  }

  Finding Make(Finding::Kind kind, std::size_t i, std::string description) const {
    Finding finding;
    finding.set_kind(kind);
    finding.set_sequence(entries_[i].sequence());
    finding.set_last_sequence(entries_[i].sequence());
    finding.set_position(i + 1);
    finding.set_event_id(entries_[i].event_id());
    finding.set_description(std::move(description));
    return finding;
  }

  std::span<const Entry> entries_;
  // The entry hashes to its own entry_hash.
  std::vector<bool> sound_;
  // Every previous_hash some entry records.
  std::unordered_set<std::string> linked_hashes_;
  // Every entry_hash stored.
  std::unordered_set<std::string> stored_hashes_;
  // Sequences of the entries not walked yet.
  std::multiset<std::uint64_t> later_sequences_;
};

}  // namespace

v1::AuditChainVerification VerifyAuditChain(std::span<const Entry> entries) {
  v1::AuditChainVerification verification;
  verification.set_entries_checked(entries.size());
  verification.set_head_hash(entries.empty() ? GenesisHash() : entries.back().entry_hash());
  std::optional<Finding> finding = ChainWalk(entries).FirstFinding();
  verification.set_intact(!finding);
  if (finding) *verification.mutable_finding() = *std::move(finding);
  return verification;
}

v1::AuditChainVerification VerifyAuditChain(std::span<const Entry> entries,
                                            const v1::AuditChainCheckpoint& checkpoint) {
  v1::AuditChainVerification verification = VerifyAuditChain(entries);
  *verification.mutable_checkpoint() = checkpoint;
  if (!verification.intact()) return verification;

  const std::uint64_t count = checkpoint.entry_count();
  const std::string issued =
      "the checkpoint issued at " + google::protobuf::util::TimeUtil::ToString(checkpoint.issued_at());
  Finding finding;
  if (count > entries.size()) {
    finding.set_kind(Finding::KIND_TRUNCATED);
    finding.set_sequence(entries.size() + 1);
    finding.set_last_sequence(count);
    finding.set_position(entries.size() + 1);
    finding.set_description("The log has " + std::to_string(entries.size()) + " entries but " + issued +
                            " covers " + std::to_string(count) + ": " +
                            RangeWords(entries.size() + 1, count) + " were cut off.");
  } else {
    // The chain verified, so the entry at position `count` has sequence `count`.
    const std::string& hash = count == 0 ? GenesisHash() : entries[count - 1].entry_hash();
    if (hash == checkpoint.head_hash()) return verification;
    finding.set_kind(Finding::KIND_REWRITTEN);
    finding.set_sequence(count);
    finding.set_last_sequence(count);
    finding.set_position(count);
    if (count > 0) finding.set_event_id(entries[count - 1].event_id());
    finding.set_description(EntryWords(count) + " no longer has the hash " + issued + " recorded (" +
                            HexEncode(checkpoint.head_hash()) + "): the log up to it was rewritten.");
  }
  verification.set_intact(false);
  *verification.mutable_finding() = std::move(finding);
  return verification;
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
