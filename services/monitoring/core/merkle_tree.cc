#include "monitoring/core/merkle_tree.h"

#include <bit>
#include <utility>

#include "monitoring/core/digest.h"

namespace ansinh::monitoring {
namespace {

constexpr char kLeafPrefix[] = {'\x00'};
constexpr char kNodePrefix[] = {'\x01'};

// The largest power of two smaller than n (n >= 2): RFC 9162's k.
std::uint64_t SplitOf(std::uint64_t n) { return std::bit_floor(n - 1); }

void CollectInclusionPath(const PerfectNodes& nodes, std::uint64_t index, std::uint64_t begin,
                          std::uint64_t end, std::vector<std::string>& proof) {
  const std::uint64_t n = end - begin;
  if (n <= 1) return;
  const std::uint64_t k = SplitOf(n);
  if (index < k) {
    CollectInclusionPath(nodes, index, begin, begin + k, proof);
    proof.push_back(MerkleRangeHash(nodes, begin + k, end));
  } else {
    CollectInclusionPath(nodes, index - k, begin + k, end, proof);
    proof.push_back(MerkleRangeHash(nodes, begin, begin + k));
  }
}

// SUBPROOF(m, D[begin:end], whole) of RFC 9162 §2.1.4.1.
void CollectSubproof(const PerfectNodes& nodes, std::uint64_t m, std::uint64_t begin, std::uint64_t end,
                     bool whole, std::vector<std::string>& proof) {
  const std::uint64_t n = end - begin;
  if (m == n) {
    if (!whole) proof.push_back(MerkleRangeHash(nodes, begin, end));
    return;
  }
  const std::uint64_t k = SplitOf(n);
  if (m <= k) {
    CollectSubproof(nodes, m, begin, begin + k, whole, proof);
    proof.push_back(MerkleRangeHash(nodes, begin + k, end));
  } else {
    CollectSubproof(nodes, m - k, begin + k, end, false, proof);
    proof.push_back(MerkleRangeHash(nodes, begin, begin + k));
  }
}

std::string RangeOfLeaves(std::span<const std::string> leaves, std::uint64_t begin, std::uint64_t end) {
  const std::uint64_t n = end - begin;
  if (n == 0) return MerkleEmptyRoot();
  if (n == 1) return leaves[begin];
  const std::uint64_t k = SplitOf(n);
  return MerkleNodeHash(RangeOfLeaves(leaves, begin, begin + k), RangeOfLeaves(leaves, begin + k, end));
}

}  // namespace

std::string MerkleLeafHash(std::string_view leaf_data) {
  return Sha256({std::string_view(kLeafPrefix, 1), leaf_data});
}

std::string MerkleNodeHash(std::string_view left, std::string_view right) {
  return Sha256({std::string_view(kNodePrefix, 1), left, right});
}

std::string MerkleEmptyRoot() { return Sha256({}); }

bool MerkleFrontier::FromStored(std::uint64_t size, std::vector<std::string> hashes,
                                MerkleFrontier& frontier) {
  if (hashes.size() != static_cast<std::size_t>(std::popcount(size))) return false;
  for (const std::string& hash : hashes) {
    if (hash.size() != kSha256Bytes) return false;
  }
  frontier.size_ = size;
  frontier.hashes_ = std::move(hashes);
  return true;
}

std::vector<CompletedNode> MerkleFrontier::Append(std::string leaf_hash) {
  std::vector<CompletedNode> completed;
  completed.push_back({0, size_, leaf_hash});
  std::string carry = std::move(leaf_hash);
  int level = 0;
  // Each set low bit of the old size is a perfect subtree of that level
  // waiting for a right sibling of the same size: the new leaf completes it.
  while (((size_ >> level) & 1) != 0) {
    carry = MerkleNodeHash(hashes_.back(), carry);
    hashes_.pop_back();
    ++level;
    completed.push_back({level, size_ >> level, carry});
  }
  hashes_.push_back(std::move(carry));
  ++size_;
  return completed;
}

std::string MerkleFrontier::Root() const {
  if (hashes_.empty()) return MerkleEmptyRoot();
  std::string root = hashes_.back();
  for (std::size_t i = hashes_.size() - 1; i-- > 0;) root = MerkleNodeHash(hashes_[i], root);
  return root;
}

std::string MerkleRangeHash(const PerfectNodes& nodes, std::uint64_t begin, std::uint64_t end) {
  const std::uint64_t n = end - begin;
  if (n == 0) return MerkleEmptyRoot();
  if (std::has_single_bit(n) && begin % n == 0) {
    const int level = std::countr_zero(n);
    return nodes(level, begin >> level);
  }
  const std::uint64_t k = SplitOf(n);
  return MerkleNodeHash(MerkleRangeHash(nodes, begin, begin + k), MerkleRangeHash(nodes, begin + k, end));
}

std::string MerkleRoot(const PerfectNodes& nodes, std::uint64_t size) {
  return MerkleRangeHash(nodes, 0, size);
}

std::vector<std::string> MerkleInclusionProof(const PerfectNodes& nodes, std::uint64_t index,
                                              std::uint64_t size) {
  std::vector<std::string> proof;
  if (index < size) CollectInclusionPath(nodes, index, 0, size, proof);
  return proof;
}

std::vector<std::string> MerkleConsistencyProof(const PerfectNodes& nodes, std::uint64_t first,
                                                std::uint64_t second) {
  std::vector<std::string> proof;
  if (first > 0 && first <= second) CollectSubproof(nodes, first, 0, second, true, proof);
  return proof;
}

bool VerifyMerkleInclusion(std::uint64_t index, std::uint64_t size, std::string_view leaf_hash,
                           std::span<const std::string> proof, std::string_view root) {
  if (index >= size) return false;
  std::uint64_t fn = index;
  std::uint64_t sn = size - 1;
  std::string r(leaf_hash);
  for (const std::string& p : proof) {
    if (sn == 0) return false;
    if ((fn & 1) != 0 || fn == sn) {
      r = MerkleNodeHash(p, r);
      if ((fn & 1) == 0) {
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = MerkleNodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

bool VerifyMerkleConsistency(std::uint64_t first, std::uint64_t second, std::string_view first_root,
                             std::string_view second_root, std::span<const std::string> proof) {
  if (first > second) return false;
  if (first == second) return proof.empty() && first_root == second_root;
  if (first == 0) return proof.empty() && first_root == MerkleEmptyRoot();
  if (proof.empty()) return false;
  // A first tree of 2^k leaves is itself a node of the second: its root
  // starts the path.
  std::vector<std::string> path;
  if (std::has_single_bit(first)) path.emplace_back(first_root);
  path.insert(path.end(), proof.begin(), proof.end());
  std::uint64_t fn = first - 1;
  std::uint64_t sn = second - 1;
  while ((fn & 1) != 0) {
    fn >>= 1;
    sn >>= 1;
  }
  std::string fr = path[0];
  std::string sr = path[0];
  for (std::size_t i = 1; i < path.size(); ++i) {
    const std::string& c = path[i];
    if (sn == 0) return false;
    if ((fn & 1) != 0 || fn == sn) {
      fr = MerkleNodeHash(c, fr);
      sr = MerkleNodeHash(c, sr);
      while ((fn & 1) == 0 && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      sr = MerkleNodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && fr == first_root && sr == second_root;
}

PerfectNodes PerfectNodesOfLeaves(std::span<const std::string> leaf_hashes) {
  return [leaf_hashes](int level, std::uint64_t index) {
    const std::uint64_t begin = index << level;
    return RangeOfLeaves(leaf_hashes, begin, begin + (std::uint64_t{1} << level));
  };
}

}  // namespace ansinh::monitoring
