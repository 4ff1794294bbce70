#pragma once

// Verifying the stored audit chain and issuing checkpoints over it.
//
// The verifier walks the entries in storage order. Up to the first problem,
// the entry at position p (1-based) must have sequence p, hash to its own
// entry_hash, and record the previous entry's hash (the genesis hash for
// p = 1). The first entry breaking this is examined with the evidence around
// it, and named with one kind (see AuditChainFinding in monitoring.proto):
//
//   CHANGED    its own hash fails: its content was edited. Or its own hash
//              holds but the next entry, itself sound and linking onward,
//              records a different previous hash: it was edited and
//              re-hashed, and the next entry still remembers the original.
//   REMOVED    its sequence skips ahead and the skipped sequences are stored
//              nowhere: they were deleted. (Named by the first missing one.)
//   REORDERED  its sequence skips ahead but the next expected one is stored
//              later: it was moved earlier, or others moved later.
//   INSERTED   it repeats a sequence already stored (the copy nothing links
//              to is named); or it links neither to the entry before it nor
//              from the entry after it; or its sequence skips ahead while the
//              chain continues around it as if it were not there.
//
// What a chain alone cannot show, and checkpoints do: entries removed from
// the end (TRUNCATED), and a rewrite that re-hashes every entry from some
// point to the end (REWRITTEN: the entry at the checkpoint's count no longer
// has the checkpoint's hash). At the very end of the log, an entry that does
// not link back is named INSERTED; the entry before it may instead have been
// edited and re-hashed, which a checkpoint covering it will show.

#include <google/protobuf/timestamp.pb.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ansinh/v1/monitoring.pb.h"
#include "kernel/result.h"

namespace ansinh::monitoring {

// The stored chain as pages in storage order, so that verification holds one
// page at a time and never the whole log: a ChainPages calls `visit` with
// each page in turn and stops early when it returns false.
using ChainPageVisitor = std::function<bool(std::span<const v1::AuditChainEntry> page)>;
using ChainPages = std::function<void(const ChainPageVisitor& visit)>;

// What a page-by-page verification learnt besides the verdict.
struct ChainWalkResult {
  v1::AuditChainVerification verification;
  // The Merkle root recomputed from the entries, of all of them and of the
  // first `root_at_size` (when asked for and the log is that long).
  std::string root;
  std::optional<std::string> root_at_size;
};

// Verifies the chain read page by page (twice when there is a finding: once
// to find the first break, once to gather the evidence around it), and, when
// `checkpoint` is given, against it. Memory: one page plus a few entries.
// `root_at_size` asks for the recomputed Merkle root of that many entries.
ChainWalkResult VerifyAuditChainPages(const ChainPages& pages, const v1::AuditChainCheckpoint* checkpoint,
                                      std::optional<std::uint64_t> root_at_size = std::nullopt);

// Verifies the chain alone.
v1::AuditChainVerification VerifyAuditChain(std::span<const v1::AuditChainEntry> entries);

// Verifies the chain, then that it still holds the checkpoint: at least
// checkpoint.entry_count entries, the one with that sequence having
// checkpoint.head_hash. A chain finding comes first.
v1::AuditChainVerification VerifyAuditChain(std::span<const v1::AuditChainEntry> entries,
                                            const v1::AuditChainCheckpoint& checkpoint);

// Problems with a checkpoint given by a caller: the head hash must be 32
// bytes, and the genesis hash for an empty chain.
FieldViolations ValidateCheckpoint(const v1::AuditChainCheckpoint& checkpoint);

struct CheckpointIssue {
  // Set only when the chain verified.
  std::optional<v1::AuditChainCheckpoint> checkpoint;
  v1::AuditChainVerification verification;
};

// A checkpoint over the whole chain, issued only when the chain verifies and,
// when `previous` (the latest checkpoint issued before) is given, still holds
// it: a checkpoint must never vouch for a damaged log, nor for one cut short
// or rewritten since the last checkpoint (which the chain alone cannot show).
CheckpointIssue IssueCheckpoint(std::span<const v1::AuditChainEntry> entries,
                                const google::protobuf::Timestamp& issued_at, const v1::Actor& issued_by,
                                const v1::AuditChainCheckpoint* previous = nullptr);

}  // namespace ansinh::monitoring
