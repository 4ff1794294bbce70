#pragma once

// Signed tree heads of the audit log (RFC 9162 §4.10 in spirit): the log's
// size and Merkle root at a moment, signed with Ed25519 by a key that lives
// outside Redis (docs/security.md). Anyone holding the public key can check a
// head; anyone holding two heads can ask for a consistency proof between them
// (merkle_tree.h) and so learn whether the later log still contains the
// earlier one unchanged.
//
// The signature covers TreeHeadSignedBytes (version 1):
//
//   "ansinh.audit.tree_head.v1"   the 25 ASCII bytes, no length prefix
//   u64  tree_size
//   32   root_hash
//   i64  issued_at.seconds
//   i32  issued_at.nanos
//
// integers fixed-width big-endian, as in audit_entry_encoding.h. The tag keeps
// a head's signature from ever being valid for anything else.

#include <string>
#include <string_view>

#include "ansinh/v1/monitoring.pb.h"

namespace ansinh::monitoring {

inline constexpr char kTreeHeadTag[] = "ansinh.audit.tree_head.v1";
inline constexpr std::size_t kEd25519KeyBytes = 32;
inline constexpr std::size_t kEd25519SignatureBytes = 64;

std::string TreeHeadSignedBytes(const v1::SignedTreeHead& head);

// The Ed25519 public key of a 32-byte private key (RFC 8032 seed).
std::string Ed25519PublicKeyOf(std::string_view private_key);
// The 64-byte signature of `message`.
std::string Ed25519Sign(std::string_view private_key, std::string_view message);
bool Ed25519Verify(std::string_view public_key, std::string_view message, std::string_view signature);

// SHA-256 of the public key: names the key in a head without carrying it.
std::string TreeHeadKeyId(std::string_view public_key);

// A head over `tree_size` leaves with `root_hash`, issued at `issued_at`,
// signed with `private_key`; key_id set.
v1::SignedTreeHead SignTreeHead(std::string_view private_key, std::uint64_t tree_size,
                                std::string_view root_hash, const google::protobuf::Timestamp& issued_at);
// True when the head's signature is valid under `public_key`.
bool VerifyTreeHead(const v1::SignedTreeHead& head, std::string_view public_key);

}  // namespace ansinh::monitoring
