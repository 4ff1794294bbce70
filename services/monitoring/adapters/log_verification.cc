#include "monitoring/adapters/log_verification.h"

#include <algorithm>

#include "monitoring/core/audit_chain.h"
#include "monitoring/core/audit_verifier.h"
#include "monitoring/core/digest.h"
#include "monitoring/core/tree_head.h"

namespace ansinh::monitoring {
namespace {

using Finding = v1::AuditChainFinding;

std::string TimeWords(const google::protobuf::Timestamp& at) {
  return std::to_string(at.seconds()) + " (Unix seconds)";
}

void Fail(v1::AuditChainVerification& verification, Finding::Kind kind, std::uint64_t sequence,
          std::uint64_t last_sequence, std::string description) {
  Finding finding;
  finding.set_kind(kind);
  finding.set_sequence(sequence);
  finding.set_last_sequence(last_sequence);
  finding.set_position(sequence);
  finding.set_description(std::move(description));
  verification.set_intact(false);
  *verification.mutable_finding() = std::move(finding);
}

// The first of the first `count` entries whose stored leaf is not its leaf
// hash (0-based), read a page at a time; nullopt when all match.
std::optional<std::uint64_t> FirstLeafMismatch(AuditLog& audit, std::uint64_t count) {
  for (std::uint64_t first = 0; first < count; first += static_cast<std::uint64_t>(AuditLog::kPageEntries)) {
    const std::uint64_t size = std::min<std::uint64_t>(AuditLog::kPageEntries, count - first);
    const std::vector<v1::AuditChainEntry> entries = audit.EntriesAt(first, size);
    const std::vector<std::string> leaves = audit.Leaves(first, size);
    for (std::uint64_t i = 0; i < size; ++i) {
      if (i >= entries.size() || i >= leaves.size() || leaves[i] != AuditLeafHash(entries[i]))
        return first + i;
    }
  }
  return std::nullopt;
}

}  // namespace

LogVerification VerifyStoredLog(AuditLog& audit, const v1::AuditChainCheckpoint* checkpoint,
                                const std::string* public_key) {
  LogVerification result;
  result.latest_head = audit.LatestTreeHead();
  const std::optional<std::uint64_t> head_size =
      result.latest_head ? std::optional<std::uint64_t>(result.latest_head->tree_size()) : std::nullopt;
  ChainWalkResult walk = VerifyAuditChainPages(audit.Pages(), checkpoint, head_size);
  v1::AuditChainVerification& verification = result.verification;
  verification = std::move(walk.verification);
  if (!verification.intact()) return result;

  // The stored tree must be the tree of the entries: its root over them is
  // the root recomputed from them. (Appends after the walk only add leaves.)
  const std::uint64_t count = verification.entries_checked();
  const bool tree_matches = audit.TreeSize() >= count && MerkleRoot(audit.StoredNodes(), count) == walk.root;
  if (!tree_matches) {
    const std::uint64_t index = FirstLeafMismatch(audit, count).value_or(count);
    Fail(verification, Finding::KIND_TREE_MISMATCH, index + 1, index + 1,
         "The stored Merkle tree's leaf for entry " + std::to_string(index + 1) +
             " is not that entry's leaf hash: the tree or the entries were rewritten from there.");
    return result;
  }
  // The head's right edge is what the next head is signed over: it must be
  // the same tree (when no append came in since the walk).
  const std::optional<std::pair<std::uint64_t, std::string>> edge = audit.StoredHeadRoot();
  if (!edge || (edge->first == count && edge->second != walk.root)) {
    Fail(verification, Finding::KIND_TREE_MISMATCH, count, count,
         "The audit head's Merkle tree edge is not the tree of the " + std::to_string(count) +
             " entries: the head was rewritten.");
    return result;
  }
  if (!result.latest_head) return result;

  const v1::SignedTreeHead& head = *result.latest_head;
  if (public_key != nullptr && !VerifyTreeHead(head, *public_key)) {
    Fail(verification, Finding::KIND_TREE_MISMATCH, head.tree_size(), head.tree_size(),
         "The latest signed tree head (" + std::to_string(head.tree_size()) +
             " entries) does not carry this service's signature: it was forged or altered.");
  } else if (head.tree_size() > count) {
    Fail(verification, Finding::KIND_TRUNCATED, count + 1, head.tree_size(),
         "The log has " + std::to_string(count) + " entries but the signed tree head issued at " +
             TimeWords(head.issued_at()) + " covers " + std::to_string(head.tree_size()) +
             ": the entries after " + std::to_string(count) + " were cut off.");
  } else if (walk.root_at_size != head.root_hash()) {
    Fail(verification, Finding::KIND_TREE_MISMATCH, head.tree_size(), head.tree_size(),
         "The first " + std::to_string(head.tree_size()) + " entries no longer have the Merkle root " +
             HexEncode(head.root_hash()) + " the tree head issued at " + TimeWords(head.issued_at()) +
             " signed: the log up to entry " + std::to_string(head.tree_size()) + " was rewritten.");
  }
  return result;
}

CheckpointIssue IssueCheckpointOver(AuditLog& audit, const google::protobuf::Timestamp& issued_at,
                                    const v1::Actor& issued_by,
                                    const std::optional<v1::AuditChainCheckpoint>& previous) {
  CheckpointIssue issue;
  issue.verification = VerifyAuditChainPages(audit.Pages(), previous ? &*previous : nullptr).verification;
  if (!issue.verification.intact()) return issue;
  v1::AuditChainCheckpoint checkpoint;
  checkpoint.set_entry_count(issue.verification.entries_checked());
  checkpoint.set_head_hash(issue.verification.head_hash());
  *checkpoint.mutable_issued_at() = issued_at;
  *checkpoint.mutable_issued_by() = issued_by;
  issue.checkpoint = std::move(checkpoint);
  return issue;
}

HeadIssue IssueVerifiedTreeHead(AuditLog& audit, const TreeHeadKey& key, const v1::Actor& issued_by,
                                const google::protobuf::Timestamp& now, bool always) {
  HeadIssue issue;
  issue.checked = VerifyStoredLog(audit, nullptr, &key.public_key());
  if (!issue.checked.verification.intact()) return issue;
  const std::optional<v1::SignedTreeHead>& latest = issue.checked.latest_head;
  if (!always && latest && audit.StoredLength() <= latest->tree_size() + 1) return issue;
  issue.issued = audit.IssueTreeHead(
      [&](std::uint64_t size, const std::string& root) {
        return SignTreeHead(key.private_key(), size, root, now);
      },
      issued_by);
  return issue;
}

}  // namespace ansinh::monitoring
