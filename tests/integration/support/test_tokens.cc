#include "test_tokens.h"

#include <fstream>

#include "auth/sha256.h"
#include "auth/token_store.h"

namespace ansinh::testkit {
namespace {

auth::TokenRecord Record(const std::string& token, v1::Role role, const std::string& name,
                         const std::string& organization = "") {
  auth::TokenRecord record;
  record.token_sha256 = auth::Sha256Hex(token);
  record.principal.set_role(role);
  record.principal.set_name(name);
  record.principal.set_organization_id(organization);
  return record;
}

auth::TokenRecord Expired(auth::TokenRecord record) {
  record.expires_at = 1;  // 1970-01-01T00:00:01Z
  return record;
}

auth::TokenRecord Revoked(auth::TokenRecord record) {
  record.revoked = true;
  return record;
}

}  // namespace

std::string TestTokens::WriteFile(const std::string& dir) const {
  const std::string path = dir + "/tokens.json";
  std::ofstream(path) << auth::SerializeTokensFile({
      Record(officer, v1::ROLE_WARD_OFFICER, "Trần Văn Bình (ward officer)"),
      Record(womens_union_staff, v1::ROLE_ORGANIZATION_STAFF, "Lê Thị Mai", "womens-union"),
      Record(farmers_union_staff, v1::ROLE_ORGANIZATION_STAFF, "Phạm Văn Lộc", "farmers-union"),
      Record(auditor, v1::ROLE_AUDITOR, "Ban thanh tra"),
      Record(service, v1::ROLE_SERVICE, "policy-bank-desk"),
      Record(outside_consumer, v1::ROLE_OUTSIDE_CONSUMER, kOutsideConsumerId),
      Expired(Record(expired_officer, v1::ROLE_WARD_OFFICER, "expired officer")),
      Revoked(Record(revoked_officer, v1::ROLE_WARD_OFFICER, "revoked officer")),
  });
  return path;
}

}  // namespace ansinh::testkit
