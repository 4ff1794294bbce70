#include "commands/admin_command.h"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "auth/sha256.h"
#include "auth/token_record.h"
#include "auth/token_store.h"
#include "commands/data_key_rotation_command.h"
#include "kernel/civil_date.h"
#include "kernel/ward_clock.h"
#include "words.h"

namespace ansinh::cli {
namespace {

struct StarterToken {
  std::string file_name;
  v1::Role role;
  std::string name;
  std::string organization_id;
};

const std::vector<StarterToken>& StarterTokens() {
  static const std::vector<StarterToken> kTokens{
      {"ward_officer", v1::ROLE_WARD_OFFICER, "Cán bộ LĐTBXH phường", ""},
      {"staff_womens_union", v1::ROLE_ORGANIZATION_STAFF, "Cán bộ Hội Liên hiệp Phụ nữ", "womens-union"},
      {"staff_farmers_union", v1::ROLE_ORGANIZATION_STAFF, "Cán bộ Hội Nông dân", "farmers-union"},
      {"auditor", v1::ROLE_AUDITOR, "Ban Thanh tra nhân dân", ""},
      {"service", v1::ROLE_SERVICE, "policy-bank-desk", ""},
  };
  return kTokens;
}

void WritePrivateFile(const std::filesystem::path& path, const std::string& text) {
  // Created with owner-only permissions before anything is written to it.
  std::ofstream(path).close();
  std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                               std::filesystem::perm_options::replace);
  std::ofstream out(path, std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error(Tr("cli.error.cannot_write", {{"file", path.string()}}));
}

// A bootstrap token is renewed this long before it expires, so that a
// `make run` in its last fortnight hands out a fresh one in time.
constexpr int64_t kRenewWithinSeconds = int64_t{14} * 24 * 3600;

bool IsStarter(const auth::TokenRecord& record, const StarterToken& starter) {
  return record.principal.role() == starter.role && record.principal.name() == starter.name &&
         record.principal.organization_id() == starter.organization_id;
}

// Creates the starter tokens, or renews those that are missing, never expire
// (files written before bootstrap tokens expired) or expire within
// kRenewWithinSeconds: a new secret in tokens/<role>.token and its hash in
// tokens.json, valid `ttl_days`. Other records of the file are kept as they
// are. The services re-read the file when it changes.
int InitTokens(const std::string& dir, int ttl_days) {
  const std::filesystem::path tokens_file = std::filesystem::path(dir) / "tokens.json";
  const std::filesystem::path plain_dir = std::filesystem::path(dir) / "tokens";
  std::vector<auth::TokenRecord> records;
  const bool existed = std::filesystem::exists(tokens_file);
  if (existed) {
    std::ifstream in(tokens_file);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    records = auth::ParseTokensFile(text, tokens_file.string());
  }
  std::filesystem::create_directories(plain_dir);
  std::filesystem::permissions(plain_dir, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace);
  const int64_t now = auth::NowSeconds();
  const int64_t expires_at = now + int64_t{ttl_days} * 24 * 3600;
  std::vector<std::string> renewed;
  for (const auto& starter : StarterTokens()) {
    auto current = std::find_if(records.begin(), records.end(),
                                [&](const auth::TokenRecord& record) { return IsStarter(record, starter); });
    if (current != records.end() && current->expires_at != 0 &&
        current->expires_at - now > kRenewWithinSeconds && !current->revoked) {
      continue;
    }
    const std::string token = auth::NewRandomToken();
    auth::TokenRecord record;
    record.token_sha256 = auth::Sha256Hex(token);
    record.principal.set_role(starter.role);
    record.principal.set_name(starter.name);
    record.principal.set_organization_id(starter.organization_id);
    record.issued_at = now;
    record.issued_by = "ansinh admin init-tokens";
    record.expires_at = expires_at;
    if (current != records.end()) {
      *current = record;
    } else {
      records.push_back(record);
    }
    WritePrivateFile(plain_dir / (starter.file_name + ".token"), token + "\n");
    renewed.push_back(starter.file_name);
  }
  if (renewed.empty()) {
    std::cout << Tr("cli.admin.tokens_exist", {{"file", tokens_file.string()}, {"dir", plain_dir.string()}})
              << "\n";
    return 0;
  }
  WritePrivateFile(tokens_file, auth::SerializeTokensFile(records));
  const std::string until = FormatIsoDate(WardDateOf(std::chrono::system_clock::from_time_t(expires_at)));
  std::cout << Tr(existed ? "cli.admin.tokens_renewed" : "cli.admin.tokens_created",
                  {{"count", renewed.size()},
                   {"file", tokens_file.string()},
                   {"dir", plain_dir.string()},
                   {"until", until}})
            << "\n";
  return 0;
}

}  // namespace

void AddAdminCommand(CLI::App& app, int& exit_code) {
  auto* admin = app.add_subcommand("admin", Tr("help.admin"));
  admin->require_subcommand(1);
  auto* init = admin->add_subcommand("init-tokens", Tr("help.admin.init_tokens"));
  auto dir = std::make_shared<std::string>("var");
  init->add_option("--dir", *dir, Tr("help.admin.init_tokens.dir"))->capture_default_str();
  auto ttl_days = std::make_shared<int>(90);
  init->add_option("--ttl-days", *ttl_days, Tr("help.admin.init_tokens.ttl_days"))
      ->check(CLI::Range(1, 366))
      ->capture_default_str();
  init->callback([&exit_code, dir, ttl_days] {
    try {
      exit_code = InitTokens(*dir, *ttl_days);
    } catch (const std::exception& error) {
      std::cerr << Tr("cli.admin.init_tokens_failed", {{"error", error.what()}}) << "\n";
      exit_code = 1;
    }
  });
  AddDataKeyRotationCommand(*admin, exit_code);
}

}  // namespace ansinh::cli
