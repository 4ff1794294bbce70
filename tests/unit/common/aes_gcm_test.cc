// AES-256-GCM as ansinh seals personal data: what opens, and everything that
// must not.
#include "personal_data/aes_gcm.h"

#include <gtest/gtest.h>

namespace ansinh::personal_data {
namespace {

TEST(AesGcmTest, ASealedValueOpensWithItsKeyAndAssociatedData) {
  const AesKey key = NewAesKey();
  const std::string sealed = Seal(key, "Nguyễn Thị Hương, 046178000001", "HH-000123");

  EXPECT_TRUE(LooksSealed(sealed));
  EXPECT_EQ(sealed.find("Hương"), std::string::npos) << "no plaintext in the sealed bytes";
  EXPECT_EQ(sealed.size(), std::string("Nguyễn Thị Hương, 046178000001").size() + 29);
  EXPECT_EQ(Open(key, sealed, "HH-000123"), "Nguyễn Thị Hương, 046178000001");
}

TEST(AesGcmTest, TheSameValueSealsToDifferentBytesEachTime) {
  const AesKey key = NewAesKey();
  EXPECT_NE(Seal(key, "1500000", "HH-1"), Seal(key, "1500000", "HH-1")) << "a fresh nonce every time";
}

TEST(AesGcmTest, AnEmptyValueSealsAndOpens) {
  const AesKey key = NewAesKey();
  EXPECT_EQ(Open(key, Seal(key, "", "HH-1"), "HH-1"), "");
}

TEST(AesGcmTest, AnotherKeyOtherAssociatedDataOrAlteredBytesDoNotOpen) {
  const AesKey key = NewAesKey();
  const std::string sealed = Seal(key, "score A 160", "HH-1");

  EXPECT_FALSE(Open(NewAesKey(), sealed, "HH-1")) << "another key";
  EXPECT_FALSE(Open(key, sealed, "HH-2")) << "moved to another household";
  for (size_t position : {size_t{0}, size_t{5}, sealed.size() / 2, sealed.size() - 1}) {
    std::string altered = sealed;
    altered[position] = static_cast<char>(altered[position] ^ 0x01);
    EXPECT_FALSE(Open(key, altered, "HH-1")) << "a bit flipped at byte " << position;
  }
  EXPECT_FALSE(Open(key, sealed.substr(0, sealed.size() - 1), "HH-1")) << "truncated";
  EXPECT_FALSE(Open(key, "", "HH-1"));
  EXPECT_FALSE(LooksSealed("plain text"));
}

}  // namespace
}  // namespace ansinh::personal_data
