#include "commands/account_commands.h"

#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "ansinh/v1/accounts.grpc.pb.h"
#include "auth/roles.h"
#include "auth/token_secret.h"
#include "output.h"

namespace ansinh::cli {
namespace {

std::unique_ptr<v1::Accounts::Stub> AccountsStub(const ClientOptions& options) {
  return v1::Accounts::NewStub(options.Channel(options.registry));
}

std::vector<std::string> PersonRoleNames() { return {"ward_officer", "organization_staff", "auditor"}; }

std::string AccountState(const v1::Account& account) {
  if (!account.active()) return Tr("cli.account.disabled");
  if (account.has_locked_until()) {
    const int64_t now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    if (account.locked_until().seconds() > now) {
      return Tr("cli.account.locked_until", {{"until", WardTime(account.locked_until())}});
    }
  }
  return Tr("cli.account.active");
}

std::string AccountHolder(const v1::Account& account) {
  std::string holder =
      account.username() + " (" + account.display_name() + ", " + std::string(auth::RoleName(account.role()));
  if (!account.organization_id().empty()) holder += ", " + account.organization_id();
  return holder + ")";
}

// The first line of `path`, without its line ending.
std::string ReadPasswordFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(Tr("cli.error.cannot_read", {{"file", path}}));
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// A line typed on the terminal without echo (or read from a pipe).
std::string ReadSecretLine(const std::string& prompt) {
  const bool terminal = isatty(STDIN_FILENO) == 1;
  termios saved{};
  if (terminal) {
    std::cerr << prompt << std::flush;
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (terminal) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << "\n";
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// The new password: from --password-file, else typed twice at a prompt.
std::string NewPassword(const std::string& password_file) {
  if (!password_file.empty()) return ReadPasswordFile(password_file);
  const std::string first = ReadSecretLine(Tr("cli.account.password_prompt"));
  if (isatty(STDIN_FILENO) == 1 && ReadSecretLine(Tr("cli.account.password_again")) != first) {
    throw std::runtime_error(Tr("cli.account.password_mismatch"));
  }
  return first;
}

// The account as stored, from ListAccounts; nullopt (and the error reported,
// *exit_code set) when it cannot be read or does not exist.
std::optional<v1::Account> ReadAccount(const ClientOptions& options, const std::string& username,
                                       const std::string& doing, int& exit_code) {
  v1::ListAccountsResponse listed;
  const grpc::Status status =
      AccountsStub(options)->ListAccounts(options.Context().get(), v1::ListAccountsRequest(), &listed);
  if (!status.ok()) {
    exit_code = ReportError(status, doing);
    return std::nullopt;
  }
  for (const v1::Account& account : listed.accounts()) {
    if (account.username() == username) return account;
  }
  exit_code = ReportError(
      grpc::Status(grpc::StatusCode::NOT_FOUND, Tr("cli.account.not_found", {{"username", username}})),
      doing);
  return std::nullopt;
}

void AddAccountList(CLI::App& account, const ClientOptions& options, int& exit_code) {
  auto* command = account.add_subcommand("list", Tr("help.account.list"));
  command->callback([&options, &exit_code] {
    v1::ListAccountsResponse response;
    const grpc::Status status =
        AccountsStub(options)->ListAccounts(options.Context().get(), v1::ListAccountsRequest(), &response);
    exit_code = Finish(options, status, Tr("doing.list_accounts"), response, [&] {
      Table table(Headings({"heading.username", "heading.name", "heading.role", "heading.organization",
                            "heading.status", "heading.last_sign_in_utc7"}));
      for (const v1::Account& item : response.accounts()) {
        table.AddRow({item.username(), item.display_name(), std::string(auth::RoleName(item.role())),
                      OrDash(item.organization_id()), AccountState(item),
                      item.has_last_sign_in_at() ? WardTime(item.last_sign_in_at()) : "-"});
      }
      table.Print(std::cout);
    });
  });
}

void AddAccountCreate(CLI::App& account, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string username, name, role, organization, password_file;
  };
  auto args = std::make_shared<Args>();
  auto* command = account.add_subcommand("create", Tr("help.account.create"));
  command->add_option("username", args->username, Tr("help.account.username"))->required();
  command->add_option("--name", args->name, Tr("help.account.name"))->required();
  command->add_option("--role", args->role, Tr("help.account.role"))
      ->required()
      ->check(CLI::IsMember(PersonRoleNames()));
  command->add_option("--organization", args->organization, Tr("help.account.organization"));
  command->add_option("--password-file", args->password_file, Tr("help.account.password_file"));
  command->callback([&options, &exit_code, args] {
    v1::CreateAccountRequest request;
    request.mutable_account()->set_username(args->username);
    request.mutable_account()->set_display_name(args->name);
    request.mutable_account()->set_role(auth::ParseRole(args->role).value_or(v1::ROLE_UNSPECIFIED));
    request.mutable_account()->set_organization_id(args->organization);
    request.set_password(NewPassword(args->password_file));
    v1::CreateAccountResponse response;
    const grpc::Status status =
        AccountsStub(options)->CreateAccount(options.Context().get(), request, &response);
    exit_code =
        Finish(options, status, Tr("doing.create_account", {{"username", args->username}}), response, [&] {
          std::cout << Tr("cli.account.created", {{"account", AccountHolder(response.account())}}) << "\n";
        });
  });
}

// Sends the account back changed by `change`: UpdateAccount sets every field.
int UpdateWith(const ClientOptions& options, const std::string& username,
               const std::function<void(v1::UpdateAccountRequest&)>& change) {
  int exit_code = 1;
  const std::string doing = Tr("doing.update_account", {{"username", username}});
  std::optional<v1::Account> current = ReadAccount(options, username, doing, exit_code);
  if (!current) return exit_code;
  v1::UpdateAccountRequest request;
  request.set_username(username);
  request.set_display_name(current->display_name());
  request.set_role(current->role());
  request.set_organization_id(current->organization_id());
  request.set_active(current->active());
  change(request);
  v1::UpdateAccountResponse response;
  const grpc::Status status =
      AccountsStub(options)->UpdateAccount(options.Context().get(), request, &response);
  return Finish(options, status, doing, response, [&] {
    std::cout << Tr(response.account().active() ? "cli.account.updated" : "cli.account.now_disabled",
                    {{"account", AccountHolder(response.account())},
                     {"sessions", std::to_string(response.sessions_ended())}})
              << "\n";
  });
}

void AddAccountUpdate(CLI::App& account, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string username;
    std::optional<std::string> name, role, organization;
  };
  auto args = std::make_shared<Args>();
  auto* command = account.add_subcommand("update", Tr("help.account.update"));
  command->add_option("username", args->username, Tr("help.account.username"))->required();
  command->add_option("--name", args->name, Tr("help.account.name"));
  command->add_option("--role", args->role, Tr("help.account.role"))->check(CLI::IsMember(PersonRoleNames()));
  command->add_option("--organization", args->organization, Tr("help.account.organization_update"));
  command->callback([&options, &exit_code, args] {
    exit_code = UpdateWith(options, args->username, [&](v1::UpdateAccountRequest& request) {
      if (args->name) request.set_display_name(*args->name);
      if (args->role) {
        request.set_role(auth::ParseRole(*args->role).value_or(v1::ROLE_UNSPECIFIED));
        if (request.role() != v1::ROLE_ORGANIZATION_STAFF && !args->organization)
          request.clear_organization_id();
      }
      if (args->organization) request.set_organization_id(*args->organization);
    });
  });
}

void AddActiveSwitch(CLI::App& account, const ClientOptions& options, int& exit_code, const char* name,
                     bool active) {
  auto username = std::make_shared<std::string>();
  auto* command = account.add_subcommand(name, Tr(active ? "help.account.enable" : "help.account.disable"));
  command->add_option("username", *username, Tr("help.account.username"))->required();
  command->callback([&options, &exit_code, username, active] {
    exit_code = UpdateWith(options, *username,
                           [active](v1::UpdateAccountRequest& request) { request.set_active(active); });
  });
}

void AddPassword(CLI::App& account, const ClientOptions& options, int& exit_code) {
  auto username = std::make_shared<std::string>();
  auto password_file = std::make_shared<std::string>();
  auto* command = account.add_subcommand("password", Tr("help.account.password"));
  command->add_option("username", *username, Tr("help.account.username"))->required();
  command->add_option("--password-file", *password_file, Tr("help.account.password_file"));
  command->callback([&options, &exit_code, username, password_file] {
    v1::SetPasswordRequest request;
    request.set_username(*username);
    request.set_password(NewPassword(*password_file));
    v1::SetPasswordResponse response;
    const grpc::Status status =
        AccountsStub(options)->SetPassword(options.Context().get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.set_password", {{"username", *username}}), response, [&] {
      std::cout << Tr("cli.account.password_set", {{"account", AccountHolder(response.account())},
                                                   {"sessions", std::to_string(response.sessions_ended())}})
                << "\n";
    });
  });
}

struct DemoAccount {
  const char* username;
  v1::Role role;
  const char* organization_id;
  const char* display_name;
};

// The demo accounts of `make run`, one per role (docs/console.md).
constexpr DemoAccount kDemoAccounts[] = {
    {"canbo.phuong", v1::ROLE_WARD_OFFICER, "", "Trần Văn Minh"},
    {"hoi.phunu", v1::ROLE_ORGANIZATION_STAFF, "womens-union", "Nguyễn Thị Lan"},
    {"hoi.nongdan", v1::ROLE_ORGANIZATION_STAFF, "farmers-union", "Lê Văn Hùng"},
    {"kiem.toan", v1::ROLE_AUDITOR, "", "Phạm Thị Thu"},
};

// Writes `text` to a new file readable by its owner only.
void WriteOwnerOnlyFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path).close();
  std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                               std::filesystem::perm_options::replace);
  std::ofstream out(path, std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error(Tr("cli.error.cannot_write", {{"file", path.string()}}));
}

int InitAccounts(const ClientOptions& options, const std::string& dir) {
  const std::filesystem::path accounts_dir = std::filesystem::path(dir) / "accounts";
  std::filesystem::create_directories(accounts_dir);
  std::filesystem::permissions(accounts_dir, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace);
  v1::ListAccountsResponse listed;
  auto stub = AccountsStub(options);
  grpc::Status status = stub->ListAccounts(options.Context().get(), v1::ListAccountsRequest(), &listed);
  if (!status.ok()) return ReportError(status, Tr("doing.list_accounts"));
  int created = 0;
  for (const DemoAccount& demo : kDemoAccounts) {
    const bool exists =
        std::any_of(listed.accounts().begin(), listed.accounts().end(),
                    [&](const v1::Account& account) { return account.username() == demo.username; });
    if (exists) continue;
    const std::filesystem::path file = accounts_dir / (std::string(demo.username) + ".password");
    // 24 characters from a 256-bit secret: no need to type it twice.
    const std::string password = auth::NewTokenSecret().substr(auth::kSecretPrefix.size(), 24);
    v1::CreateAccountRequest request;
    request.mutable_account()->set_username(demo.username);
    request.mutable_account()->set_display_name(demo.display_name);
    request.mutable_account()->set_role(demo.role);
    request.mutable_account()->set_organization_id(demo.organization_id);
    request.set_password(password);
    v1::CreateAccountResponse response;
    status = stub->CreateAccount(options.Context().get(), request, &response);
    if (!status.ok()) return ReportError(status, Tr("doing.create_account", {{"username", demo.username}}));
    WriteOwnerOnlyFile(file, password + "\n");
    ++created;
  }
  std::cout << Tr(created == 0 ? "cli.admin.accounts_exist" : "cli.admin.accounts_created",
                  {{"count", std::to_string(created)}, {"dir", accounts_dir.string()}})
            << "\n";
  return 0;
}

}  // namespace

void AddAccountCommands(CLI::App& app, const ClientOptions& options, int& exit_code) {
  auto* account = app.add_subcommand("account", Tr("help.account"));
  account->require_subcommand(1);
  AddAccountList(*account, options, exit_code);
  AddAccountCreate(*account, options, exit_code);
  AddAccountUpdate(*account, options, exit_code);
  AddActiveSwitch(*account, options, exit_code, "disable", false);
  AddActiveSwitch(*account, options, exit_code, "enable", true);
  AddPassword(*account, options, exit_code);
}

void AddInitAccountsCommand(CLI::App& admin, const ClientOptions& options, int& exit_code) {
  auto* init = admin.add_subcommand("init-accounts", Tr("help.admin.init_accounts"));
  auto dir = std::make_shared<std::string>("var");
  init->add_option("--dir", *dir, Tr("help.admin.init_accounts.dir"))->capture_default_str();
  init->callback([&options, &exit_code, dir] {
    try {
      exit_code = InitAccounts(options, *dir);
    } catch (const std::exception& error) {
      std::cerr << Tr("cli.admin.init_accounts_failed", {{"error", error.what()}}) << "\n";
      exit_code = 1;
    }
  });
}

}  // namespace ansinh::cli
