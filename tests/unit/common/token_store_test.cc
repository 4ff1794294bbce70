#include "auth/token_store.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "auth/sha256.h"

namespace ansinh::auth {
namespace {

TEST(Sha256, MatchesKnownVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(NewRandomToken, Is64HexDigitsAndFresh) {
  std::string a = NewRandomToken();
  EXPECT_EQ(a.size(), 64u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a, NewRandomToken());
}

class TokenStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("ansinh-tokens-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".json");
  }
  void TearDown() override { std::filesystem::remove(path_); }

  void Write(const std::vector<TokenRecord>& records) {
    std::ofstream(path_) << SerializeTokensFile(records);
  }

  static TokenRecord Record(const std::string& token, v1::Role role, const std::string& name,
                            const std::string& organization = "") {
    TokenRecord record;
    record.token_sha256 = Sha256Hex(token);
    record.principal.set_role(role);
    record.principal.set_name(name);
    record.principal.set_organization_id(organization);
    return record;
  }

  std::filesystem::path path_;
};

TEST_F(TokenStoreTest, KnownTokenNamesItsPrincipal) {
  Write({Record("officer-secret", v1::ROLE_WARD_OFFICER, "Cán bộ"),
         Record("staff-secret", v1::ROLE_ORGANIZATION_STAFF, "Hội viên", "womens-union")});
  TokenStore store(path_);
  store.Load();
  auto officer = store.Authenticate("officer-secret");
  ASSERT_TRUE(officer);
  EXPECT_EQ(officer->role(), v1::ROLE_WARD_OFFICER);
  EXPECT_EQ(officer->name(), "Cán bộ");
  auto staff = store.Authenticate("staff-secret");
  ASSERT_TRUE(staff);
  EXPECT_EQ(staff->organization_id(), "womens-union");
}

TEST_F(TokenStoreTest, UnknownEmptyRevokedAndExpiredTokensAreRefused) {
  TokenRecord revoked = Record("revoked", v1::ROLE_AUDITOR, "a");
  revoked.revoked = true;
  TokenRecord expired = Record("expired", v1::ROLE_AUDITOR, "b");
  expired.expires_at = 1000;  // 1970
  TokenRecord future = Record("future", v1::ROLE_AUDITOR, "c");
  future.expires_at = 4102444800;  // 2100
  Write({revoked, expired, future});
  TokenStore store(path_);
  store.Load();
  EXPECT_FALSE(store.Authenticate(""));
  EXPECT_FALSE(store.Authenticate("nobody"));
  EXPECT_FALSE(store.Authenticate("revoked"));
  EXPECT_FALSE(store.Authenticate("expired"));
  EXPECT_TRUE(store.Authenticate("future"));
}

TEST_F(TokenStoreTest, TheFileStoresOnlyHashes) {
  Write({Record("plain-token-value", v1::ROLE_SERVICE, "svc")});
  std::ifstream in(path_);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text.find("plain-token-value"), std::string::npos);
  EXPECT_NE(text.find(Sha256Hex("plain-token-value")), std::string::npos);
}

TEST_F(TokenStoreTest, PicksUpAChangedFile) {
  Write({Record("first", v1::ROLE_AUDITOR, "a")});
  TokenStore store(path_);
  store.Load();
  EXPECT_FALSE(store.Authenticate("second"));
  Write({Record("first", v1::ROLE_AUDITOR, "a"), Record("second", v1::ROLE_AUDITOR, "b")});
  // Make sure the modification time differs even on coarse clocks.
  std::filesystem::last_write_time(path_, std::filesystem::last_write_time(path_) + std::chrono::seconds(2));
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_TRUE(store.Authenticate("second"));
}

TEST(ParseTokensFile, RefusesMalformedRecordsNamingThem) {
  EXPECT_THROW(ParseTokensFile("not json", "t.json"), std::runtime_error);
  EXPECT_THROW(ParseTokensFile("{}", "t.json"), std::runtime_error);
  const std::string bad_role =
      R"({"tokens":[{"token_sha256":")" + std::string(64, 'a') + R"(","role":"king","name":"x"}]})";
  try {
    ParseTokensFile(bad_role, "t.json");
    FAIL() << "accepted an unknown role";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("tokens[0]"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("king"), std::string::npos);
  }
  const std::string staff_without_org = R"({"tokens":[{"token_sha256":")" + std::string(64, 'a') +
                                        R"(","role":"organization_staff","name":"x"}]})";
  EXPECT_THROW(ParseTokensFile(staff_without_org, "t.json"), std::runtime_error);
}

}  // namespace
}  // namespace ansinh::auth
