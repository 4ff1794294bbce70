#pragma once

// What an auditor keeps of the audit log, in a directory of their own
// (outside the ward's servers and Redis), and the check of the log's latest
// signed tree head against it (docs/security.md, "What a signed head proves").
//
//   public-key               the Ed25519 public key the heads are signed with,
//                            hex; pinned at the first check (or given with
//                            --public-key), and every later head must verify
//                            under it
//   head-<size>-<secs>.bin   each signed tree head seen (SignedTreeHead bytes)
//   leaves                   the Merkle leaf hashes of the log as of the
//                            largest head kept, 32 bytes each: what lets a
//                            failed check name the first entry that differs
//
// The directory is 0700 and its files 0600: they are the auditor's evidence.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "ansinh/v1/monitoring.grpc.pb.h"
#include "client_options.h"

namespace ansinh::cli {

class KeptHeads {
 public:
  explicit KeptHeads(std::filesystem::path directory) : directory_(std::move(directory)) {}

  // $XDG_DATA_HOME/ansinh/heads, else ~/.local/share/ansinh/heads.
  static std::filesystem::path DefaultDirectory();
  const std::filesystem::path& directory() const { return directory_; }

  // Every kept head, smallest tree first. Throws std::runtime_error naming a
  // file that does not parse.
  std::vector<v1::SignedTreeHead> Heads() const;
  void Keep(const v1::SignedTreeHead& head);

  std::optional<std::string> PinnedKey() const;
  void Pin(const std::string& public_key);

  std::uint64_t LeafCount() const;
  std::vector<std::string> ReadLeaves(std::uint64_t first, std::uint64_t count) const;
  void AppendLeaves(const std::vector<std::string>& leaves);

 private:
  void EnsureDirectory() const;
  void WritePrivate(const std::filesystem::path& file, const std::string& bytes, bool append) const;

  std::filesystem::path directory_;
};

// The verdict of checking the latest signed head against what was kept.
struct HeadCheck {
  enum class Outcome {
    kConsistent,     // signature good, consistent with every kept head, leaves kept
    kNoHeadYet,      // the service has signed no head and none is kept
    kNotSigning,     // the service has no signing key, and no head is kept
    kKeyChanged,     // the service signs with another key than the one pinned
    kBadSignature,   // the latest head does not verify under the pinned key
    kInconsistent,   // the log is not an extension of a kept head
    kLeavesMismatch  // the leaves the service lists do not make its signed root
  };
  Outcome outcome = Outcome::kConsistent;
  v1::SignedTreeHead latest;
  std::string public_key;
  // Heads kept before this check (all checked for consistency).
  int heads_checked = 0;
  // For kInconsistent: the kept head the log no longer extends, the first
  // entry (sequence) whose leaf differs from the kept leaves, and whether the
  // log simply ends before it (cut) with every earlier leaf as kept.
  std::optional<v1::SignedTreeHead> broken_head;
  std::optional<std::uint64_t> first_differing;
  bool cut = false;
  std::uint64_t log_size = 0;
  // The key was pinned by this check (the first one).
  bool pinned_now = false;
  // For kNotSigning: what the service said.
  std::string service_message;
};

// Fetches the latest signed head (signing a new one when `issue`, or when
// heads are kept and the service has none any more), verifies its signature
// with the pinned key (or `public_key_override`), checks it is consistent with
// every kept head, and on success keeps it and the leaves up to it. Returns
// a non-OK status when a call fails.
grpc::Status CheckTreeHeads(v1::Monitoring::Stub& stub, const ClientOptions& options, KeptHeads& kept,
                            bool issue, const std::optional<std::string>& public_key_override,
                            HeadCheck& check);

}  // namespace ansinh::cli
