#include "commands/admin_command.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "auth/sha256.h"
#include "auth/token_store.h"
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

int InitTokens(const std::string& dir) {
  const std::filesystem::path tokens_file = std::filesystem::path(dir) / "tokens.json";
  const std::filesystem::path plain_dir = std::filesystem::path(dir) / "tokens";
  if (std::filesystem::exists(tokens_file)) {
    std::cout << Tr("cli.admin.tokens_exist", {{"file", tokens_file.string()}, {"dir", plain_dir.string()}})
              << "\n";
    return 0;
  }
  std::filesystem::create_directories(plain_dir);
  std::filesystem::permissions(plain_dir, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace);
  std::vector<auth::TokenRecord> records;
  for (const auto& starter : StarterTokens()) {
    const std::string token = auth::NewRandomToken();
    auth::TokenRecord record;
    record.token_sha256 = auth::Sha256Hex(token);
    record.principal.set_role(starter.role);
    record.principal.set_name(starter.name);
    record.principal.set_organization_id(starter.organization_id);
    records.push_back(record);
    WritePrivateFile(plain_dir / (starter.file_name + ".token"), token + "\n");
  }
  WritePrivateFile(tokens_file, auth::SerializeTokensFile(records));
  std::cout << Tr("cli.admin.tokens_created",
                  {{"count", records.size()}, {"file", tokens_file.string()}, {"dir", plain_dir.string()}})
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
  init->callback([&exit_code, dir] {
    try {
      exit_code = InitTokens(*dir);
    } catch (const std::exception& error) {
      std::cerr << Tr("cli.admin.init_tokens_failed", {{"error", error.what()}}) << "\n";
      exit_code = 1;
    }
  });
}

}  // namespace ansinh::cli
