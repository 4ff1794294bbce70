#pragma once

// What a staff account must be (ansinh.v1.Accounts, docs/security.md
// "Accounts and passwords"): every problem of a request, one violation per
// field, each with its catalog key. Whether the organization exists and
// whether the username is taken are the adapter's: they need the store.

#include <string>

#include "ansinh/v1/accounts.pb.h"
#include "kernel/field_violation.h"

namespace ansinh::registry {

struct AccountLimits {
  static constexpr size_t kMinUsername = 3;
  static constexpr size_t kMaxUsername = 32;
  // Counted in characters (UTF-8 code points), so a Vietnamese passphrase
  // is not favoured or penalised by its diacritics.
  static constexpr size_t kMinPasswordCharacters = 10;
  // Bytes: bounds the work one request may ask of the hash.
  static constexpr size_t kMaxPasswordBytes = 1024;
  static constexpr size_t kMaxDisplayName = 200;
  static constexpr size_t kMaxOrganizationId = 64;
};

// Lower-case letters, digits, '.', '-' and '_', 3 to 32 characters.
bool IsUsername(const std::string& text);

// The violation of `field` (e.g. "username", "account.username") when
// `username` is not one; empty otherwise.
FieldViolations UsernameViolations(const std::string& username, const std::string& field);
// A password: at least 10 characters, at most 1024 bytes.
FieldViolations PasswordViolations(const std::string& password, const std::string& field);

// The account's own fields as a CreateAccount or UpdateAccount sets them:
// display name present and bounded, role one a person holds (ward officer,
// organization staff, auditor: never service), organization_id present and
// well formed exactly for organization staff. Paths are `prefix` + field.
FieldViolations AccountFieldViolations(const std::string& display_name, v1::Role role,
                                       const std::string& organization_id, const std::string& prefix);

FieldViolations CreateAccountViolations(const v1::CreateAccountRequest& request);
FieldViolations UpdateAccountViolations(const v1::UpdateAccountRequest& request);
FieldViolations SetPasswordViolations(const v1::SetPasswordRequest& request);
// Both fields present (their form is not checked: a wrong username is a
// wrong sign-in, not a malformed request).
FieldViolations SignInViolations(const v1::SignInRequest& request);

}  // namespace ansinh::registry
