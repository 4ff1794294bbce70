// Signed tree heads: Ed25519 (RFC 8032's first test vector), the signed bytes,
// and that any change to a head breaks its signature.
#include "monitoring/core/tree_head.h"

#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>

#include <string>

#include "monitoring/core/digest.h"

namespace ansinh::monitoring {
namespace {

std::string BytesFromHex(const std::string& hex) {
  std::string bytes;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    bytes.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return bytes;
}

// RFC 8032 §7.1, TEST 1 (empty message).
const std::string kRfcPrivateKey = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const std::string kRfcPublicKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
const std::string kRfcSignature =
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0"
    "595bb"
    "e24655141438e7a100b";

TEST(TreeHeadTest, Ed25519MatchesRfc8032) {
  const std::string private_key = BytesFromHex(kRfcPrivateKey);
  EXPECT_EQ(HexEncode(Ed25519PublicKeyOf(private_key)), kRfcPublicKey);
  EXPECT_EQ(HexEncode(Ed25519Sign(private_key, "")), kRfcSignature);
  EXPECT_TRUE(Ed25519Verify(BytesFromHex(kRfcPublicKey), "", BytesFromHex(kRfcSignature)));
  EXPECT_FALSE(Ed25519Verify(BytesFromHex(kRfcPublicKey), "x", BytesFromHex(kRfcSignature)));
  EXPECT_FALSE(Ed25519Verify("short", "", BytesFromHex(kRfcSignature)));
}

TEST(TreeHeadTest, TheSignedBytesAreTheDocumentedLayout) {
  v1::SignedTreeHead head;
  head.set_tree_size(258);
  head.set_root_hash(std::string(32, '\xab'));
  head.mutable_issued_at()->set_seconds(1767225600);
  head.mutable_issued_at()->set_nanos(5);
  const std::string bytes = TreeHeadSignedBytes(head);
  ASSERT_EQ(bytes.size(), 25u + 8 + 32 + 8 + 4);
  EXPECT_EQ(bytes.substr(0, 25), "ansinh.audit.tree_head.v1");
  EXPECT_EQ(HexEncode(bytes.substr(25, 8)), "0000000000000102");
  EXPECT_EQ(bytes.substr(33, 32), std::string(32, '\xab'));
  EXPECT_EQ(HexEncode(bytes.substr(65, 8)), "000000006955b900");
  EXPECT_EQ(HexEncode(bytes.substr(73, 4)), "00000005");
}

TEST(TreeHeadTest, AHeadVerifiesUnderItsKeyAndAnyChangeBreaksIt) {
  const std::string private_key = BytesFromHex(kRfcPrivateKey);
  const std::string public_key = Ed25519PublicKeyOf(private_key);
  const v1::SignedTreeHead head =
      SignTreeHead(private_key, 6, std::string(32, '\x11'),
                   google::protobuf::util::TimeUtil::SecondsToTimestamp(1767225600));
  EXPECT_EQ(head.signature().size(), 64u);
  EXPECT_EQ(head.key_id(), TreeHeadKeyId(public_key));
  EXPECT_TRUE(VerifyTreeHead(head, public_key));

  v1::SignedTreeHead changed = head;
  changed.set_tree_size(5);
  EXPECT_FALSE(VerifyTreeHead(changed, public_key)) << "a cut log cannot reuse the signature";
  changed = head;
  changed.set_root_hash(std::string(32, '\x12'));
  EXPECT_FALSE(VerifyTreeHead(changed, public_key));
  changed = head;
  changed.mutable_issued_at()->set_seconds(1767225601);
  EXPECT_FALSE(VerifyTreeHead(changed, public_key));
  changed = head;
  changed.mutable_signature()->back() ^= 1;
  EXPECT_FALSE(VerifyTreeHead(changed, public_key));

  const std::string other_key = Ed25519PublicKeyOf(std::string(32, '\x07'));
  EXPECT_FALSE(VerifyTreeHead(head, other_key)) << "another key's head is refused";
}

}  // namespace
}  // namespace ansinh::monitoring
