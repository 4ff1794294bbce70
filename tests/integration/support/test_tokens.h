#pragma once

#include <string>

namespace ansinh::testkit {

// A tokens file with one token per role, as `make run` creates.
struct TestTokens {
  std::string officer = "officer-token-for-tests";
  std::string womens_union_staff = "womens-union-staff-token";
  std::string farmers_union_staff = "farmers-union-staff-token";
  std::string auditor = "auditor-token-for-tests";
  std::string service = "service-token-for-tests";
  // An outside consumer's (role outside_consumer), named by its consumer id;
  // it receives events only once a grant for that consumer exists.
  std::string outside_consumer = "outside-consumer-token-for-tests";
  static constexpr const char* kOutsideConsumerId = "matrix-consumer";
  // A ward officer's token whose expires_at has passed, and one revoked:
  // both must be refused like an unknown token.
  std::string expired_officer = "expired-officer-token-for-tests";
  std::string revoked_officer = "revoked-officer-token-for-tests";

  // Writes the hashed tokens file; returns its path.
  std::string WriteFile(const std::string& dir) const;
};

}  // namespace ansinh::testkit
