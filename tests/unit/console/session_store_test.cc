#include "console/session_store.h"

#include <gtest/gtest.h>

#include <string>

#include "console/random_secret.h"

namespace ansinh::console {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

v1::Account AccountNamed(const std::string& username) {
  v1::Account account;
  account.set_username(username);
  account.set_role(v1::ROLE_ORGANIZATION_STAFF);
  account.set_organization_id("womens-union");
  return account;
}

// Ids 000...1, 000...2, ... so a test can tell sessions apart.
SessionStore::RandomHexSource Counting() {
  auto next = std::make_shared<int>(0);
  return [next](std::size_t bytes) {
    std::string hex = std::to_string(++*next);
    return std::string(bytes * 2 - hex.size(), '0') + hex;
  };
}

const SessionTime kSignIn = SessionClock::from_time_t(1'780'000'000);
const SessionTime kTokenExpiry = kSignIn + hours(12);

TEST(SessionStore, ASessionLivesWhileUsedAndEndsAfterThirtyMinutesIdle) {
  SessionStore store(SessionLimits{}, Counting());
  const auto session = store.Create("token-1", AccountNamed("hoi.phunu"), kTokenExpiry, "vi", kSignIn);
  ASSERT_TRUE(session.has_value());
  EXPECT_EQ(session->session_token, "token-1");
  EXPECT_EQ(session->account.username(), "hoi.phunu");
  // Used every 29 minutes for two hours: alive throughout.
  SessionTime now = kSignIn;
  for (int i = 0; i < 4; ++i) {
    now += minutes(29);
    ASSERT_TRUE(store.Use(session->id, now).has_value()) << "use " << i;
  }
  // Then 30 minutes without a request: gone, and gone for good.
  EXPECT_FALSE(store.Use(session->id, now + minutes(30)).has_value());
  EXPECT_FALSE(store.Use(session->id, now + minutes(1)).has_value());
  EXPECT_EQ(store.size(), 0u);
}

TEST(SessionStore, PeekDoesNotKeepASessionAlive) {
  SessionStore store(SessionLimits{}, Counting());
  const auto session = store.Create("t", AccountNamed("kiem.toan"), kTokenExpiry, "vi", kSignIn);
  ASSERT_TRUE(store.Peek(session->id, kSignIn + minutes(20)).has_value());
  EXPECT_FALSE(store.Peek(session->id, kSignIn + minutes(31)).has_value());
  EXPECT_FALSE(store.Use(session->id, kSignIn + minutes(31)).has_value());
}

TEST(SessionStore, ASessionEndsTwelveHoursAfterSignInHoweverBusy) {
  SessionStore store(SessionLimits{}, Counting());
  const auto session = store.Create("t", AccountNamed("canbo.phuong"), SessionTime::max(), "vi", kSignIn);
  EXPECT_EQ(session->expires_at, kSignIn + hours(12));
  SessionTime now = kSignIn;
  while (now + minutes(10) < kSignIn + hours(12)) {
    now += minutes(10);
    ASSERT_TRUE(store.Use(session->id, now).has_value());
  }
  EXPECT_FALSE(store.Use(session->id, kSignIn + hours(12)).has_value());
}

TEST(SessionStore, ASessionEndsNoLaterThanItsToken) {
  SessionStore store(SessionLimits{}, Counting());
  const auto session = store.Create("t", AccountNamed("canbo.phuong"), kSignIn + hours(2), "vi", kSignIn);
  EXPECT_EQ(session->expires_at, kSignIn + hours(2));
  for (SessionTime now = kSignIn + minutes(20); now < kSignIn + hours(2); now += minutes(20)) {
    ASSERT_TRUE(store.Use(session->id, now).has_value());
  }
  EXPECT_TRUE(store.Use(session->id, kSignIn + hours(2) - seconds(1)).has_value());
  EXPECT_FALSE(store.Use(session->id, kSignIn + hours(2)).has_value());
}

TEST(SessionStore, SignOutEndsTheSessionAndReturnsItsToken) {
  SessionStore store(SessionLimits{}, Counting());
  const auto session =
      store.Create("token-to-revoke", AccountNamed("hoi.nongdan"), kTokenExpiry, "en", kSignIn);
  const auto ended = store.End(session->id);
  ASSERT_TRUE(ended.has_value());
  EXPECT_EQ(ended->session_token, "token-to-revoke");
  EXPECT_FALSE(store.Use(session->id, kSignIn).has_value());
  EXPECT_FALSE(store.End(session->id).has_value());
}

TEST(SessionStore, IdsAndCsrfTokensAre256BitsAndDistinct) {
  SessionStore store(SessionLimits{}, RandomHex);
  const auto a = store.Create("t", AccountNamed("a.b"), kTokenExpiry, "vi", kSignIn);
  const auto b = store.Create("t", AccountNamed("a.b"), kTokenExpiry, "vi", kSignIn);
  EXPECT_EQ(a->id.size(), 64u);
  EXPECT_EQ(a->csrf_token.size(), 64u);
  EXPECT_NE(a->id, b->id);
  EXPECT_NE(a->csrf_token, b->csrf_token);
  EXPECT_NE(a->id, a->csrf_token);
  EXPECT_EQ(a->id.find_first_not_of("0123456789abcdef"), std::string::npos);
}

TEST(SessionStore, AFullStoreRefusesNewSessionsUntilOneExpires) {
  SessionLimits limits;
  limits.max_sessions = 3;
  SessionStore store(limits, Counting());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(store.Create("t", AccountNamed("user" + std::to_string(i)), kTokenExpiry, "vi", kSignIn));
  }
  EXPECT_FALSE(store.Create("t", AccountNamed("user9"), kTokenExpiry, "vi", kSignIn + minutes(1)));
  // Idle sessions are dropped to make room.
  EXPECT_TRUE(store.Create("t", AccountNamed("user9"), kTokenExpiry, "vi", kSignIn + minutes(31)));
  EXPECT_EQ(store.size(), 1u);
}

TEST(SessionStore, OneUsersSessionsAreBoundedByEndingTheLeastRecentlyUsed) {
  SessionLimits limits;
  limits.max_per_account = 2;
  SessionStore store(limits, Counting());
  const auto first = store.Create("t1", AccountNamed("hoi.phunu"), kTokenExpiry, "vi", kSignIn);
  const auto second = store.Create("t2", AccountNamed("hoi.phunu"), kTokenExpiry, "vi", kSignIn + seconds(1));
  const auto other = store.Create("t3", AccountNamed("kiem.toan"), kTokenExpiry, "vi", kSignIn + seconds(1));
  ASSERT_TRUE(store.Use(first->id, kSignIn + seconds(2)));  // now `second` is the least recently used
  const auto third = store.Create("t4", AccountNamed("hoi.phunu"), kTokenExpiry, "vi", kSignIn + seconds(3));
  ASSERT_TRUE(third.has_value());
  EXPECT_TRUE(store.Peek(first->id, kSignIn + seconds(3)));
  EXPECT_FALSE(store.Peek(second->id, kSignIn + seconds(3)));
  EXPECT_TRUE(store.Peek(other->id, kSignIn + seconds(3)));
}

TEST(SessionStore, PruneDropsOnlyExpiredSessions) {
  SessionStore store(SessionLimits{}, Counting());
  store.Create("t", AccountNamed("a.a"), kTokenExpiry, "vi", kSignIn);
  const auto kept = store.Create("t", AccountNamed("b.b"), kTokenExpiry, "vi", kSignIn + minutes(20));
  EXPECT_EQ(store.Prune(kSignIn + minutes(40)), 1u);
  EXPECT_EQ(store.size(), 1u);
  EXPECT_TRUE(store.Peek(kept->id, kSignIn + minutes(40)));
}

TEST(Csrf, OnlyTheSessionsOwnTokenMatches) {
  SessionStore store(SessionLimits{}, RandomHex);
  const auto session = store.Create("t", AccountNamed("a.b"), kTokenExpiry, "vi", kSignIn);
  EXPECT_TRUE(CsrfTokenMatches(*session, session->csrf_token));
  EXPECT_FALSE(CsrfTokenMatches(*session, ""));
  EXPECT_FALSE(CsrfTokenMatches(*session, session->csrf_token.substr(1)));
  std::string one_off = session->csrf_token;
  one_off.back() = one_off.back() == 'a' ? 'b' : 'a';
  EXPECT_FALSE(CsrfTokenMatches(*session, one_off));
  EXPECT_FALSE(CsrfTokenMatches(*session, session->id));
}

TEST(ConstantTimeEquals, ComparesWholeTexts) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
  EXPECT_FALSE(ConstantTimeEquals("", ""));
}

}  // namespace
}  // namespace ansinh::console
