#include "commands/token_commands.h"

#include <iostream>
#include <memory>
#include <string>

#include "ansinh/v1/tokens.grpc.pb.h"
#include "auth/roles.h"
#include "enum_words.h"
#include "output.h"

namespace ansinh::cli {
namespace {

std::unique_ptr<v1::TokenAdmin::Stub> Stub(const ClientOptions& options) {
  return v1::TokenAdmin::NewStub(options.Channel(options.registry));
}

std::string Status(const v1::TokenInfo& info) {
  if (info.revoked()) return Tr("cli.token.revoked");
  if (info.expired()) return Tr("cli.token.expired");
  return Tr("cli.token.active");
}

std::string Holder(const v1::TokenInfo& info) {
  std::string holder = info.name() + " (" + std::string(auth::RoleName(info.role()));
  if (!info.organization_id().empty()) holder += ", " + info.organization_id();
  return holder + ")";
}

std::vector<std::string> RoleNames() {
  return {"ward_officer", "organization_staff", "auditor", "service", "outside_consumer"};
}

void AddIssue(CLI::App& token, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string role, name, organization;
    int ttl_days = 90;
  };
  auto args = std::make_shared<Args>();
  auto* command = token.add_subcommand("issue", Tr("help.token.issue"));
  command->add_option("--role", args->role, Tr("help.token.issue.role"))
      ->required()
      ->check(CLI::IsMember(RoleNames()));
  command->add_option("--name", args->name, Tr("help.token.issue.name"))->required();
  command->add_option("--organization", args->organization, Tr("help.token.issue.organization"));
  command->add_option("--ttl-days", args->ttl_days, Tr("help.token.issue.ttl_days"))
      ->check(CLI::Range(1, 366))
      ->capture_default_str();
  command->callback([&options, &exit_code, args] {
    v1::IssueTokenRequest request;
    request.set_role(auth::ParseRole(args->role).value_or(v1::ROLE_UNSPECIFIED));
    request.set_name(args->name);
    request.set_organization_id(args->organization);
    request.set_ttl_days(args->ttl_days);
    v1::IssueTokenResponse response;
    const grpc::Status status = Stub(options)->IssueToken(options.Context().get(), request, &response);
    if (!status.ok()) {
      exit_code = ReportError(status, Tr("doing.issue_token"));
      return;
    }
    if (options.json) {
      std::cout << ToJson(response) << "\n";
    } else {
      const v1::TokenInfo& info = response.token();
      std::cout << Tr("cli.token.issued", {{"token", response.token_id()},
                                           {"holder", Holder(info)},
                                           {"expires", info.has_expires_at() ? WardTime(info.expires_at())
                                                                             : Tr("cli.token.never")}})
                << "\n"
                << Tr("cli.token.secret_once") << "\n"
                << response.secret() << "\n";
    }
    exit_code = 0;
  });
}

void AddTokenList(CLI::App& token, const ClientOptions& options, int& exit_code) {
  auto* command = token.add_subcommand("list", Tr("help.token.list"));
  command->callback([&options, &exit_code] {
    v1::ListTokensResponse response;
    const grpc::Status status =
        Stub(options)->ListTokens(options.Context().get(), v1::ListTokensRequest(), &response);
    if (!status.ok()) {
      exit_code = ReportError(status, Tr("doing.list_tokens"));
      return;
    }
    if (options.json) {
      std::cout << ToJson(response) << "\n";
      exit_code = 0;
      return;
    }
    Table table(Headings({"heading.token_id", "heading.status", "heading.role", "heading.name",
                          "heading.organization", "heading.source", "heading.issued_utc7", "heading.by",
                          "heading.expires_utc7"}));
    for (const v1::TokenInfo& info : response.tokens()) {
      table.AddRow({info.token_id(), Status(info), std::string(auth::RoleName(info.role())), info.name(),
                    info.organization_id().empty() ? "-" : info.organization_id(),
                    EnumWords(info.source() == v1::TOKEN_SOURCE_FILE ? v1::TOKEN_SOURCE_FILE
                                                                     : v1::TOKEN_SOURCE_ISSUED),
                    (info.has_issued_at() ? WardTime(info.issued_at()) : "-"),
                    info.issued_by().empty() ? "-" : info.issued_by(),
                    (info.has_expires_at() ? WardTime(info.expires_at()) : Tr("cli.token.never"))});
    }
    table.Print(std::cout);
    exit_code = 0;
  });
}

void AddRevoke(CLI::App& token, const ClientOptions& options, int& exit_code) {
  auto token_id = std::make_shared<std::string>();
  auto* command = token.add_subcommand("revoke", Tr("help.token.revoke"));
  command->add_option("token_id", *token_id, Tr("help.token.revoke.token_id"))->required();
  command->callback([&options, &exit_code, token_id] {
    v1::RevokeTokenRequest request;
    request.set_token_id(*token_id);
    v1::RevokeTokenResponse response;
    const grpc::Status status = Stub(options)->RevokeToken(options.Context().get(), request, &response);
    if (!status.ok()) {
      exit_code = ReportError(status, Tr("doing.revoke_token", {{"token", *token_id}}));
      return;
    }
    if (options.json) {
      std::cout << ToJson(response) << "\n";
    } else if (response.already_revoked()) {
      std::cout << Tr("cli.token.already_revoked",
                      {{"token", response.token().token_id()}, {"holder", Holder(response.token())}})
                << "\n";
    } else {
      std::cout << Tr("cli.token.revoked_now",
                      {{"token", response.token().token_id()}, {"holder", Holder(response.token())}})
                << "\n";
    }
    exit_code = 0;
  });
}

}  // namespace

void AddTokenCommands(CLI::App& app, const ClientOptions& options, int& exit_code) {
  auto* token = app.add_subcommand("token", Tr("help.token"));
  token->require_subcommand(1);
  AddIssue(*token, options, exit_code);
  AddTokenList(*token, options, exit_code);
  AddRevoke(*token, options, exit_code);
}

}  // namespace ansinh::cli
