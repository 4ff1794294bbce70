#pragma once

// Verifying the stored audit log as a whole, page by page: the hash chain
// (core/audit_verifier.h), then that the stored Merkle tree is the tree of
// the entries, then that the latest signed tree head still matches them. Used
// by VerifyAudit and before any head is signed, so a head never vouches for a
// log that does not verify, nor for one rewritten under an earlier head.

#include <google/protobuf/timestamp.pb.h>

#include <optional>
#include <string>

#include "ansinh/v1/monitoring.pb.h"
#include "monitoring/adapters/audit_log.h"
#include "monitoring/adapters/tree_head_key.h"
#include "monitoring/core/audit_verifier.h"

namespace ansinh::monitoring {

struct LogVerification {
  v1::AuditChainVerification verification;
  // The latest stored signed head, checked when present.
  std::optional<v1::SignedTreeHead> latest_head;
};

// `public_key` (the service's own) checks the stored head's signature; null
// when the service has no key, then the head is checked against the entries
// only.
LogVerification VerifyStoredLog(AuditLog& audit, const v1::AuditChainCheckpoint* checkpoint,
                                const std::string* public_key);

// Signs a new head over the log when it verifies (VerifyStoredLog) and it
// grew since the latest head by more than that head's own record (or
// `always`); returns the verification and the head signed, if any.
struct HeadIssue {
  LogVerification checked;
  std::optional<v1::SignedTreeHead> issued;
};
// A checkpoint over the log as stored, read page by page; issued only when
// the chain verifies and still holds `previous` (core/audit_verifier.h).
CheckpointIssue IssueCheckpointOver(AuditLog& audit, const google::protobuf::Timestamp& issued_at,
                                    const v1::Actor& issued_by,
                                    const std::optional<v1::AuditChainCheckpoint>& previous);

HeadIssue IssueVerifiedTreeHead(AuditLog& audit, const TreeHeadKey& key, const v1::Actor& issued_by,
                                const google::protobuf::Timestamp& now, bool always);

}  // namespace ansinh::monitoring
