#pragma once

// The Merkle tree of RFC 9162 §2.1 (Certificate Transparency 2.0), over the
// audit chain's entries: leaf i is entry i + 1.
//
//   leaf hash       SHA-256(0x00 || leaf data)
//   node hash       SHA-256(0x01 || left || right)
//   MTH({})         SHA-256("")
//   MTH(D[0:n])     for n > 1: NODE(MTH(D[0:k]), MTH(D[k:n])), k the largest
//                   power of two smaller than n
//
// Every subtree the RFC's recursion visits starts at a multiple of a power
// of two at least as large as itself, so it is either a *perfect* subtree
// (2^level leaves starting at index * 2^level) or splits into perfect ones.
// The log stores each perfect subtree's hash once it is complete (level 0:
// the leaf hashes), so appending writes O(log n) hashes and any root, inclusion
// proof or consistency proof reads O(log n) of them (PerfectNodes below).
//
// Appending needs only the right edge of the tree: the hashes of the perfect
// subtrees that make up the first n leaves, one per set bit of n, largest
// first (MerkleFrontier).

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ansinh::monitoring {

std::string MerkleLeafHash(std::string_view leaf_data);
std::string MerkleNodeHash(std::string_view left, std::string_view right);
// MTH of the empty tree: SHA-256 of nothing.
std::string MerkleEmptyRoot();

// The hash of the complete perfect subtree of 2^level leaves starting at leaf
// index << level. Implementations read it from storage (the log) or compute
// it (tests); they are only ever asked for subtrees inside the tree.
using PerfectNodes = std::function<std::string(int level, std::uint64_t index)>;

// A perfect subtree hash completed by an append: store it as node `index`
// of level `level`.
struct CompletedNode {
  int level = 0;
  std::uint64_t index = 0;
  std::string hash;
};

// The right edge of a tree of `size` leaves: the perfect subtrees covering
// leaves 0..size-1, largest (leftmost) first.
class MerkleFrontier {
 public:
  MerkleFrontier() = default;
  // `hashes` must hold one hash per set bit of `size` (largest subtree first);
  // FromStored checks this and returns false when it does not hold.
  static bool FromStored(std::uint64_t size, std::vector<std::string> hashes, MerkleFrontier& frontier);

  std::uint64_t size() const { return size_; }
  const std::vector<std::string>& hashes() const { return hashes_; }

  // Adds a leaf; returns every perfect subtree it completes, the leaf itself
  // (level 0) first.
  std::vector<CompletedNode> Append(std::string leaf_hash);
  // MTH of the leaves so far.
  std::string Root() const;

 private:
  std::uint64_t size_ = 0;
  std::vector<std::string> hashes_;
};

// MTH(D[begin:end]) from the stored perfect subtrees; begin must be a
// multiple of the largest power of two not above end - begin (every range
// RFC 9162's recursion produces is).
std::string MerkleRangeHash(const PerfectNodes& nodes, std::uint64_t begin, std::uint64_t end);
// MTH of the first `size` leaves.
std::string MerkleRoot(const PerfectNodes& nodes, std::uint64_t size);

// PATH(m, D[0:n]) of RFC 9162 §2.1.3.1: the inclusion proof of leaf `index`
// (0-based) in the tree of the first `size` leaves. Requires index < size.
std::vector<std::string> MerkleInclusionProof(const PerfectNodes& nodes, std::uint64_t index,
                                              std::uint64_t size);
// PROOF(m, D[0:n]) of RFC 9162 §2.1.4.1: that the tree of the first `first`
// leaves is a prefix of the tree of the first `second`. Requires
// 0 < first <= second.
std::vector<std::string> MerkleConsistencyProof(const PerfectNodes& nodes, std::uint64_t first,
                                                std::uint64_t second);

// RFC 9162 §2.1.3.2: true when `proof` shows that `leaf_hash` is leaf
// `index` of the tree of `size` leaves whose root is `root`.
bool VerifyMerkleInclusion(std::uint64_t index, std::uint64_t size, std::string_view leaf_hash,
                           std::span<const std::string> proof, std::string_view root);
// RFC 9162 §2.1.4.2: true when `proof` shows that the tree of `first` leaves
// with root `first_root` is a prefix of the tree of `second` leaves with root
// `second_root`. For first == second the proof must be empty and the roots
// equal; a tree of 0 leaves is a prefix of any tree.
bool VerifyMerkleConsistency(std::uint64_t first, std::uint64_t second, std::string_view first_root,
                             std::string_view second_root, std::span<const std::string> proof);

// Perfect subtree hashes computed from the leaf hashes themselves, for tests
// and for a client that holds the leaves.
PerfectNodes PerfectNodesOfLeaves(std::span<const std::string> leaf_hashes);

}  // namespace ansinh::monitoring
