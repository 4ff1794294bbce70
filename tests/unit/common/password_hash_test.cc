#include "auth/password_hash.h"

#include <gtest/gtest.h>

namespace ansinh::auth {
namespace {

TEST(PasswordHashTest, AHashIsArgon2idWithItsParametersAndVerifiesOnlyItsPassword) {
  const std::string hash = HashPassword("mật khẩu của Lan 2026");
  EXPECT_TRUE(hash.starts_with("$argon2id$v=19$m=65536,t=2,p=1$")) << hash;
  EXPECT_EQ(hash.find("mật khẩu"), std::string::npos);
  EXPECT_TRUE(VerifyPassword(hash, "mật khẩu của Lan 2026"));
  EXPECT_FALSE(VerifyPassword(hash, "mật khẩu của Lan 2027"));
  EXPECT_FALSE(VerifyPassword(hash, ""));
  EXPECT_FALSE(PasswordHashNeedsRehash(hash));
}

TEST(PasswordHashTest, TheSamePasswordGetsADifferentSaltEachTime) {
  const std::string first = HashPassword("correct horse battery");
  const std::string second = HashPassword("correct horse battery");
  EXPECT_NE(first, second);
  EXPECT_TRUE(VerifyPassword(second, "correct horse battery"));
}

TEST(PasswordHashTest, AStoredValueThatIsNoHashNeverMatches) {
  EXPECT_FALSE(VerifyPassword("", ""));
  EXPECT_FALSE(VerifyPassword("plain text password", "plain text password"));
  EXPECT_FALSE(VerifyPassword(std::string(200, '$'), "x"));
}

}  // namespace
}  // namespace ansinh::auth
