#include "auth/token_record.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "auth/sha256.h"
#include "auth/token_secret.h"
#include "auth/token_store.h"

namespace ansinh::auth {
namespace {

TokenRecord IssuedRecord() {
  TokenRecord record;
  record.token_id = "tok_0123456789abcdef";
  record.token_sha256 = Sha256Hex("ansinh_secret");
  record.principal.set_role(v1::ROLE_ORGANIZATION_STAFF);
  record.principal.set_name("Lê Thị Mai");
  record.principal.set_organization_id("womens-union");
  record.issued_at = 1'790'000'000;
  record.issued_by = "Trần Văn Bình";
  record.expires_at = 1'797'776'000;
  return record;
}

TEST(TokenRecordJson, RoundTripsEveryField) {
  const TokenRecord record = IssuedRecord();
  std::string error;
  const std::optional<TokenRecord> back = RecordFromJson(RecordToJson(record), record.token_sha256, &error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(back->token_id, record.token_id);
  EXPECT_EQ(back->token_sha256, record.token_sha256);
  EXPECT_EQ(back->principal.role(), v1::ROLE_ORGANIZATION_STAFF);
  EXPECT_EQ(back->principal.name(), "Lê Thị Mai");
  EXPECT_EQ(back->principal.organization_id(), "womens-union");
  EXPECT_EQ(back->issued_at, record.issued_at);
  EXPECT_EQ(back->issued_by, record.issued_by);
  EXPECT_EQ(back->expires_at, record.expires_at);
}

TEST(TokenRecordJson, TheStoredValueHoldsNeitherSecretNorHash) {
  const TokenRecord record = IssuedRecord();
  const std::string json = RecordToJson(record);
  EXPECT_EQ(json.find("ansinh_secret"), std::string::npos);
  EXPECT_EQ(json.find(record.token_sha256), std::string::npos);
}

TEST(TokenRecordJson, RefusesMalformedValues) {
  struct Case {
    std::string json;
    std::string error_mentions;
  };
  const std::vector<Case> cases = {
      {"not json", "not a JSON object"},
      {"[1,2]", "not a JSON object"},
      {R"({"role":"auditor","name":"x"})", "token_id"},
      {R"({"token_id":"tok_1","role":"king","name":"x"})", "king"},
      {R"({"token_id":"","role":"auditor","name":"x"})", "token_id"},
      {R"({"token_id":"tok_1","role":"auditor"})", "name"},
  };
  for (const auto& [json, mentions] : cases) {
    std::string error;
    EXPECT_FALSE(RecordFromJson(json, "h", &error)) << json;
    EXPECT_NE(error.find(mentions), std::string::npos) << json << " -> " << error;
  }
}

TEST(IsExpired, ZeroNeverExpiresAndTheInstantItselfIsExpired) {
  struct Case {
    int64_t expires_at;
    int64_t now;
    bool expired;
  };
  for (const auto& [expires_at, now, expired] : std::vector<Case>{
           {0, 4'102'444'800, false},
           {1000, 999, false},
           {1000, 1000, true},
           {1000, 1001, true},
       }) {
    EXPECT_EQ(IsExpired(expires_at, now), expired) << expires_at << " at " << now;
  }
}

TEST(DeriveTokenId, IsStableDistinctAndRevealsNoPartOfTheHash) {
  const std::string hash = Sha256Hex("officer");
  const std::string id = DeriveTokenId(hash);
  EXPECT_EQ(id, DeriveTokenId(hash));
  EXPECT_NE(id, DeriveTokenId(Sha256Hex("auditor")));
  ASSERT_EQ(id.size(), 5u + 16u);
  EXPECT_TRUE(id.starts_with("file_"));
  EXPECT_EQ(hash.find(id.substr(5)), std::string::npos);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef", 5), std::string::npos);
}

TEST(NewTokenSecret, IsPrefixedBase64UrlOf32BytesAndFresh) {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    const std::string secret = NewTokenSecret();
    ASSERT_TRUE(secret.starts_with("ansinh_")) << secret;
    EXPECT_EQ(secret.size(), 7u + 43u);
    EXPECT_EQ(secret.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 7),
              std::string::npos)
        << secret;
    EXPECT_TRUE(seen.insert(secret).second);
  }
}

TEST(NewTokenId, IsTokPrefixedHexAndFresh) {
  const std::string a = NewTokenId();
  EXPECT_TRUE(a.starts_with("tok_"));
  EXPECT_EQ(a.size(), 4u + 16u);
  EXPECT_NE(a, NewTokenId());
}

TEST(Base64Url, MatchesRfc4648VectorsWithoutPadding) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", ""},           {"f", "Zg"},          {"fo", "Zm8"},          {"foo", "Zm9v"},
      {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"}, {"\xfb\xff", "-_8"},
  };
  for (const auto& [bytes, text] : cases) EXPECT_EQ(Base64Url(bytes), text) << text;
}

TEST(ParseTokensFile, GivesRecordsWithoutAnIdTheDerivedOneAndKeepsGivenIds) {
  const std::string a = Sha256Hex("a");
  const std::string b = Sha256Hex("b");
  const std::string json = R"({"tokens":[{"token_sha256":")" + a + R"(","role":"auditor","name":"x"},)" +
                           R"({"token_sha256":")" + b +
                           R"(","role":"auditor","name":"y","token_id":"desk-1"}]})";
  const std::vector<TokenRecord> records = ParseTokensFile(json, "t.json");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].token_id, DeriveTokenId(a));
  EXPECT_EQ(records[1].token_id, "desk-1");
  // Written back, the derived id is spelled out and read the same.
  const std::vector<TokenRecord> again = ParseTokensFile(SerializeTokensFile(records), "t.json");
  EXPECT_EQ(again[0].token_id, records[0].token_id);
  EXPECT_EQ(again[1].token_id, "desk-1");
}

TEST(ParseTokensFile, RefusesDuplicateIdsAndHashes) {
  const std::string a = Sha256Hex("a");
  const std::string b = Sha256Hex("b");
  const std::string same_id = R"({"tokens":[{"token_sha256":")" + a +
                              R"(","role":"auditor","name":"x","token_id":"t"},{"token_sha256":")" + b +
                              R"(","role":"auditor","name":"y","token_id":"t"}]})";
  EXPECT_THROW(ParseTokensFile(same_id, "t.json"), std::runtime_error);
  const std::string same_hash = R"({"tokens":[{"token_sha256":")" + a + R"(","role":"auditor","name":"x"},)" +
                                R"({"token_sha256":")" + a +
                                R"(","role":"auditor","name":"y","token_id":"t"}]})";
  EXPECT_THROW(ParseTokensFile(same_hash, "t.json"), std::runtime_error);
}

}  // namespace
}  // namespace ansinh::auth
