// The Merkle tree of RFC 9162 against the Certificate Transparency reference
// vectors (the eight leaves of RFC 6962's test data, their roots, and known
// inclusion and consistency proofs), then every proof of every small tree.
#include "monitoring/core/merkle_tree.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "monitoring/core/digest.h"

namespace ansinh::monitoring {
namespace {

std::string FromHexForTest(const std::string& hex) {
  std::string bytes;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    bytes.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return bytes;
}

std::vector<std::string> HexList(const std::vector<std::string>& hexes) {
  std::vector<std::string> list;
  for (const std::string& hex : hexes) list.push_back(FromHexForTest(hex));
  return list;
}

std::vector<std::string> ReferenceLeafHashes() {
  std::vector<std::string> leaves;
  for (const char* data :
       {"", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"}) {
    leaves.push_back(MerkleLeafHash(FromHexForTest(data)));
  }
  return leaves;
}

// Roots of the first 0..8 reference leaves.
const std::vector<std::string> kReferenceRoots = {
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

TEST(MerkleTreeTest, RootsMatchTheReferenceVectorsBothIncrementallyAndFromStoredNodes) {
  const std::vector<std::string> leaves = ReferenceLeafHashes();
  const PerfectNodes nodes = PerfectNodesOfLeaves(leaves);
  MerkleFrontier frontier;
  EXPECT_EQ(HexEncode(frontier.Root()), kReferenceRoots[0]);
  EXPECT_EQ(HexEncode(MerkleRoot(nodes, 0)), kReferenceRoots[0]);
  for (std::size_t size = 1; size <= leaves.size(); ++size) {
    frontier.Append(leaves[size - 1]);
    EXPECT_EQ(HexEncode(frontier.Root()), kReferenceRoots[size]) << "incremental, size " << size;
    EXPECT_EQ(HexEncode(MerkleRoot(nodes, size)), kReferenceRoots[size]) << "from nodes, size " << size;
  }
}

TEST(MerkleTreeTest, AppendReportsEveryPerfectSubtreeItCompletes) {
  const std::vector<std::string> leaves = ReferenceLeafHashes();
  const PerfectNodes nodes = PerfectNodesOfLeaves(leaves);
  MerkleFrontier frontier;
  std::vector<std::vector<CompletedNode>> appended;
  for (const std::string& leaf : leaves) appended.push_back(frontier.Append(leaf));
  // Leaf 8 (index 7) completes levels 0, 1, 2 and 3.
  ASSERT_EQ(appended[7].size(), 4u);
  for (int level = 0; level <= 3; ++level) {
    EXPECT_EQ(appended[7][level].level, level);
    EXPECT_EQ(appended[7][level].index, 7u >> level);
    EXPECT_EQ(appended[7][level].hash, nodes(level, 7u >> level));
  }
  EXPECT_EQ(appended[4].size(), 1u) << "leaf 5 completes only itself";
  EXPECT_EQ(frontier.hashes().size(), 1u) << "8 leaves: one perfect subtree";

  MerkleFrontier restored;
  EXPECT_FALSE(MerkleFrontier::FromStored(7, {nodes(2, 0)}, restored)) << "7 needs three subtrees";
  ASSERT_TRUE(MerkleFrontier::FromStored(6, {nodes(2, 0), nodes(1, 2)}, restored));
  restored.Append(leaves[6]);
  EXPECT_EQ(HexEncode(restored.Root()), kReferenceRoots[7]);
}

TEST(MerkleTreeTest, InclusionProofsMatchTheReferenceVectorsAndVerify) {
  const std::vector<std::string> leaves = ReferenceLeafHashes();
  const PerfectNodes nodes = PerfectNodesOfLeaves(leaves);
  struct Vector {
    std::uint64_t index, size;
    std::vector<std::string> proof;
  };
  const std::vector<Vector> vectors = {
      {0,
       8,
       {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
      {5,
       8,
       {"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
      {2, 3, {"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"}},
      {1,
       5,
       {"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}},
  };
  for (const Vector& vector : vectors) {
    SCOPED_TRACE("leaf " + std::to_string(vector.index) + " of " + std::to_string(vector.size));
    const std::vector<std::string> proof = MerkleInclusionProof(nodes, vector.index, vector.size);
    EXPECT_EQ(proof, HexList(vector.proof));
    const std::string root = FromHexForTest(kReferenceRoots[vector.size]);
    EXPECT_TRUE(VerifyMerkleInclusion(vector.index, vector.size, leaves[vector.index], proof, root));
    EXPECT_FALSE(
        VerifyMerkleInclusion(vector.index, vector.size, leaves[(vector.index + 1) % 8], proof, root));
    EXPECT_FALSE(VerifyMerkleInclusion(vector.index, vector.size, leaves[vector.index], proof,
                                       FromHexForTest(kReferenceRoots[vector.size - 1])));
  }
}

TEST(MerkleTreeTest, ConsistencyProofsMatchTheReferenceVectorsAndVerify) {
  const std::vector<std::string> leaves = ReferenceLeafHashes();
  const PerfectNodes nodes = PerfectNodesOfLeaves(leaves);
  struct Vector {
    std::uint64_t first, second;
    std::vector<std::string> proof;
  };
  const std::vector<Vector> vectors = {
      {1, 1, {}},
      {1,
       8,
       {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
      {6,
       8,
       {"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
      {2,
       5,
       {"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}},
  };
  for (const Vector& vector : vectors) {
    SCOPED_TRACE(std::to_string(vector.first) + " -> " + std::to_string(vector.second));
    const std::vector<std::string> proof = MerkleConsistencyProof(nodes, vector.first, vector.second);
    EXPECT_EQ(proof, HexList(vector.proof));
    EXPECT_TRUE(VerifyMerkleConsistency(vector.first, vector.second,
                                        FromHexForTest(kReferenceRoots[vector.first]),
                                        FromHexForTest(kReferenceRoots[vector.second]), proof));
  }
}

// Every leaf of every tree up to 40 leaves proves its inclusion; every pair
// of sizes proves consistency; a changed leaf, a leaf at another position or
// a rewritten log is refused.
TEST(MerkleTreeTest, EveryProofOfEverySmallTreeVerifiesAndTamperingIsRefused) {
  std::vector<std::string> leaves;
  for (int i = 0; i < 40; ++i) leaves.push_back(MerkleLeafHash("leaf " + std::to_string(i)));
  const PerfectNodes nodes = PerfectNodesOfLeaves(leaves);
  std::vector<std::string> roots;
  for (std::uint64_t size = 0; size <= leaves.size(); ++size) roots.push_back(MerkleRoot(nodes, size));

  std::vector<std::string> rewritten = leaves;
  rewritten[17] = MerkleLeafHash("rewritten");
  const PerfectNodes rewritten_nodes = PerfectNodesOfLeaves(rewritten);

  for (std::uint64_t size = 1; size <= leaves.size(); ++size) {
    for (std::uint64_t index = 0; index < size; ++index) {
      const std::vector<std::string> proof = MerkleInclusionProof(nodes, index, size);
      ASSERT_TRUE(VerifyMerkleInclusion(index, size, leaves[index], proof, roots[size]))
          << index << "/" << size;
      ASSERT_FALSE(VerifyMerkleInclusion(index, size, MerkleLeafHash("x"), proof, roots[size]));
      if (index + 1 < size) {
        ASSERT_FALSE(VerifyMerkleInclusion(index + 1, size, leaves[index], proof, roots[size]))
            << "the proof binds the leaf to its position";
      }
    }
    for (std::uint64_t first = 1; first <= size; ++first) {
      const std::vector<std::string> proof = MerkleConsistencyProof(nodes, first, size);
      ASSERT_TRUE(VerifyMerkleConsistency(first, size, roots[first], roots[size], proof))
          << first << "->" << size;
      // A log rewritten at leaf 17 cannot prove it extends an earlier head
      // that covered leaf 17.
      if (first > 17 && first < size) {
        const std::vector<std::string> forged = MerkleConsistencyProof(rewritten_nodes, first, size);
        ASSERT_FALSE(
            VerifyMerkleConsistency(first, size, roots[first], MerkleRoot(rewritten_nodes, size), forged))
            << first << "->" << size;
      }
    }
  }
  EXPECT_TRUE(VerifyMerkleConsistency(0, 5, MerkleEmptyRoot(), roots[5], {}));
  EXPECT_FALSE(VerifyMerkleConsistency(5, 4, roots[5], roots[4], {}));
}

}  // namespace
}  // namespace ansinh::monitoring
