#include "commands/audit_heads.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include "monitoring/core/digest.h"
#include "monitoring/core/merkle_tree.h"
#include "monitoring/core/tree_head.h"

namespace ansinh::cli {
namespace {

namespace fs = std::filesystem;
using monitoring::kSha256Bytes;

constexpr int kLeavesPerCall = 10000;

std::string ReadWhole(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::optional<std::string> BytesOfHex(const std::string& hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  std::string bytes;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const auto digit = [](char c) {
      return c >= '0' && c <= '9'   ? c - '0'
             : c >= 'a' && c <= 'f' ? c - 'a' + 10
             : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                    : -1;
    };
    const int high = digit(hex[i]);
    const int low = digit(hex[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    bytes.push_back(static_cast<char>(high * 16 + low));
  }
  return bytes;
}

std::string HeadFileName(const v1::SignedTreeHead& head) {
  return "head-" + std::to_string(head.tree_size()) + "-" + std::to_string(head.issued_at().seconds()) + "-" +
         monitoring::HexEncode(head.root_hash()).substr(0, 16) + ".bin";
}

// The first kept leaf that differs from the log's leaves (0-based), read a
// page at a time; nullopt when every kept leaf matches. *log_size receives
// the log's tree size.
grpc::Status FirstDifferingLeaf(v1::Monitoring::Stub& stub, const ClientOptions& options,
                                const KeptHeads& kept, std::optional<std::uint64_t>& differing,
                                std::uint64_t& log_size) {
  const std::uint64_t total = kept.LeafCount();
  for (std::uint64_t first = 0; first < total; first += kLeavesPerCall) {
    v1::ListAuditLeavesRequest request;
    request.set_from_sequence(first + 1);
    request.set_count(kLeavesPerCall);
    v1::ListAuditLeavesResponse response;
    const grpc::Status status = stub.ListAuditLeaves(options.Context().get(), request, &response);
    if (!status.ok()) return status;
    log_size = response.tree_size();
    const std::vector<std::string> mine =
        kept.ReadLeaves(first, std::min<std::uint64_t>(kLeavesPerCall, total - first));
    for (std::size_t i = 0; i < mine.size(); ++i) {
      if (i >= static_cast<std::size_t>(response.leaf_hashes_size()) || response.leaf_hashes(i) != mine[i]) {
        differing = first + i;
        return grpc::Status::OK;
      }
    }
  }
  return grpc::Status::OK;
}

// Fetches the leaves [from, to) and checks that the kept leaves and them make
// `root`; appends them when they do.
grpc::Status ExtendLeaves(v1::Monitoring::Stub& stub, const ClientOptions& options, KeptHeads& kept,
                          std::uint64_t to, const std::string& root, bool& matches) {
  monitoring::MerkleFrontier tree;
  const std::uint64_t have = kept.LeafCount();
  for (std::uint64_t first = 0; first < have; first += kLeavesPerCall) {
    for (std::string& leaf : kept.ReadLeaves(first, std::min<std::uint64_t>(kLeavesPerCall, have - first))) {
      tree.Append(std::move(leaf));
    }
  }
  std::vector<std::string> fetched;
  for (std::uint64_t next = have; next < to;) {
    v1::ListAuditLeavesRequest request;
    request.set_from_sequence(next + 1);
    request.set_count(static_cast<int>(std::min<std::uint64_t>(kLeavesPerCall, to - next)));
    v1::ListAuditLeavesResponse response;
    const grpc::Status status = stub.ListAuditLeaves(options.Context().get(), request, &response);
    if (!status.ok()) return status;
    if (response.leaf_hashes_size() == 0) break;
    for (const std::string& leaf : response.leaf_hashes()) {
      fetched.push_back(leaf);
      tree.Append(leaf);
    }
    next += static_cast<std::uint64_t>(response.leaf_hashes_size());
  }
  matches = tree.size() == to && tree.Root() == root;
  if (matches) kept.AppendLeaves(fetched);
  return grpc::Status::OK;
}

bool ConsistentWith(v1::Monitoring::Stub& stub, const ClientOptions& options,
                    const v1::SignedTreeHead& old_head, const v1::SignedTreeHead& latest,
                    grpc::Status& status) {
  if (old_head.tree_size() > latest.tree_size()) return false;
  if (old_head.tree_size() == latest.tree_size()) return old_head.root_hash() == latest.root_hash();
  if (old_head.tree_size() == 0) return true;
  v1::GetConsistencyProofRequest request;
  request.set_first_size(old_head.tree_size());
  request.set_second_size(latest.tree_size());
  v1::GetConsistencyProofResponse response;
  status = stub.GetConsistencyProof(options.Context().get(), request, &response);
  if (!status.ok()) return false;
  const std::vector<std::string> proof(response.proof().begin(), response.proof().end());
  return monitoring::VerifyMerkleConsistency(old_head.tree_size(), latest.tree_size(), old_head.root_hash(),
                                             latest.root_hash(), proof);
}

}  // namespace

fs::path KeptHeads::DefaultDirectory() {
  if (const char* data = std::getenv("XDG_DATA_HOME"); data != nullptr && *data != '\0') {
    return fs::path(data) / "ansinh" / "heads";
  }
  const char* home = std::getenv("HOME");
  return fs::path(home != nullptr ? home : ".") / ".local" / "share" / "ansinh" / "heads";
}

void KeptHeads::EnsureDirectory() const {
  fs::create_directories(directory_);
  fs::permissions(directory_, fs::perms::owner_all, fs::perm_options::replace);
}

void KeptHeads::WritePrivate(const fs::path& file, const std::string& bytes, bool append) const {
  EnsureDirectory();
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), 0600);
  if (fd < 0) throw std::runtime_error(file.string() + ": " + std::strerror(errno));
  ::fchmod(fd, 0600);
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n <= 0) {
      ::close(fd);
      throw std::runtime_error(file.string() + ": " + std::strerror(errno));
    }
    written += static_cast<std::size_t>(n);
  }
  ::fsync(fd);
  ::close(fd);
}

std::vector<v1::SignedTreeHead> KeptHeads::Heads() const {
  std::vector<v1::SignedTreeHead> heads;
  if (!fs::is_directory(directory_)) return heads;
  for (const fs::directory_entry& entry : fs::directory_iterator(directory_)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with("head-") || !name.ends_with(".bin")) continue;
    v1::SignedTreeHead head;
    if (!head.ParseFromString(ReadWhole(entry.path()))) {
      throw std::runtime_error(entry.path().string() + " is not a signed tree head");
    }
    heads.push_back(std::move(head));
  }
  std::sort(heads.begin(), heads.end(), [](const v1::SignedTreeHead& a, const v1::SignedTreeHead& b) {
    return a.tree_size() != b.tree_size() ? a.tree_size() < b.tree_size()
                                          : a.issued_at().seconds() < b.issued_at().seconds();
  });
  return heads;
}

void KeptHeads::Keep(const v1::SignedTreeHead& head) {
  WritePrivate(directory_ / HeadFileName(head), head.SerializeAsString(), false);
}

std::optional<std::string> KeptHeads::PinnedKey() const {
  const fs::path file = directory_ / "public-key";
  if (!fs::exists(file)) return std::nullopt;
  std::string hex = ReadWhole(file);
  while (!hex.empty() && (hex.back() == '\n' || hex.back() == ' ')) hex.pop_back();
  std::optional<std::string> key = BytesOfHex(hex);
  if (!key || key->size() != monitoring::kEd25519KeyBytes) {
    throw std::runtime_error(file.string() + " is not a hexadecimal Ed25519 public key");
  }
  return key;
}

void KeptHeads::Pin(const std::string& public_key) {
  WritePrivate(directory_ / "public-key", monitoring::HexEncode(public_key) + "\n", false);
}

std::uint64_t KeptHeads::LeafCount() const {
  const fs::path file = directory_ / "leaves";
  return fs::exists(file) ? fs::file_size(file) / kSha256Bytes : 0;
}

std::vector<std::string> KeptHeads::ReadLeaves(std::uint64_t first, std::uint64_t count) const {
  std::vector<std::string> leaves;
  std::ifstream in(directory_ / "leaves", std::ios::binary);
  in.seekg(static_cast<std::streamoff>(first * kSha256Bytes));
  std::string leaf(kSha256Bytes, '\0');
  for (std::uint64_t i = 0; i < count && in.read(leaf.data(), kSha256Bytes); ++i) leaves.push_back(leaf);
  return leaves;
}

void KeptHeads::AppendLeaves(const std::vector<std::string>& leaves) {
  std::string bytes;
  for (const std::string& leaf : leaves) bytes += leaf;
  WritePrivate(directory_ / "leaves", bytes, true);
}

grpc::Status CheckTreeHeads(v1::Monitoring::Stub& stub, const ClientOptions& options, KeptHeads& kept,
                            bool issue, const std::optional<std::string>& public_key_override,
                            HeadCheck& check) {
  const std::vector<v1::SignedTreeHead> heads = kept.Heads();
  check.heads_checked = static_cast<int>(heads.size());
  v1::GetTreeHeadRequest request;
  request.set_issue(issue);
  v1::GetTreeHeadResponse response;
  grpc::Status status = stub.GetTreeHead(options.Context().get(), request, &response);
  if (status.error_code() == grpc::StatusCode::NOT_FOUND && !issue) {
    if (heads.empty()) {
      check.outcome = HeadCheck::Outcome::kNoHeadYet;
      return grpc::Status::OK;
    }
    // Heads were kept, yet the service has none any more: have one signed
    // over the log as it is now, and check that.
    request.set_issue(true);
    response.Clear();
    status = stub.GetTreeHead(options.Context().get(), request, &response);
  }
  // A service without a signing key is not a finding while no head was
  // ever kept; once heads were kept, it is (the key went away).
  if (status.error_code() == grpc::StatusCode::FAILED_PRECONDITION && heads.empty() && !issue) {
    check.outcome = HeadCheck::Outcome::kNotSigning;
    check.service_message = status.error_message();
    return grpc::Status::OK;
  }
  if (!status.ok()) return status;
  check.latest = response.head();
  check.public_key = response.public_key();

  std::optional<std::string> pinned = public_key_override ? public_key_override : kept.PinnedKey();
  if (pinned && *pinned != response.public_key()) {
    check.outcome = HeadCheck::Outcome::kKeyChanged;
    check.public_key = *pinned;
    return grpc::Status::OK;
  }
  if (!pinned) {
    pinned = response.public_key();
    kept.Pin(*pinned);
    check.pinned_now = true;
  }
  if (!monitoring::VerifyTreeHead(check.latest, *pinned)) {
    check.outcome = HeadCheck::Outcome::kBadSignature;
    return grpc::Status::OK;
  }
  for (const v1::SignedTreeHead& old_head : heads) {
    if (ConsistentWith(stub, options, old_head, check.latest, status)) continue;
    if (!status.ok()) return status;
    check.outcome = HeadCheck::Outcome::kInconsistent;
    check.broken_head = old_head;
    status = FirstDifferingLeaf(stub, options, kept, check.first_differing, check.log_size);
    if (!status.ok()) return status;
    if (check.first_differing) {
      check.cut = *check.first_differing >= check.log_size;
      *check.first_differing += 1;
    }
    return grpc::Status::OK;
  }
  bool matches = true;
  if (check.latest.tree_size() > kept.LeafCount()) {
    status = ExtendLeaves(stub, options, kept, check.latest.tree_size(), check.latest.root_hash(), matches);
    if (!status.ok()) return status;
  }
  if (!matches) {
    check.outcome = HeadCheck::Outcome::kLeavesMismatch;
    return grpc::Status::OK;
  }
  kept.Keep(check.latest);
  check.outcome = HeadCheck::Outcome::kConsistent;
  return grpc::Status::OK;
}

}  // namespace ansinh::cli
