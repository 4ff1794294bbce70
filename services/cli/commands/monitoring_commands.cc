#include "commands/monitoring_commands.h"

#include <google/protobuf/util/time_util.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

#include "ansinh/v1/monitoring.grpc.pb.h"
#include "commands/audit_heads.h"
#include "commands/list_flows_output.h"
#include "enum_words.h"
#include "i18n/proto/localized_text.h"
#include "output.h"

namespace ansinh::cli {
namespace {

using Format = v1::ExportedDocument::Format;

// ---------------------------------------------------------------------------
// Calls
// ---------------------------------------------------------------------------

// Exports of a whole audit chain run to tens of megabytes, above gRPC's
// default 4 MB receive limit, so the monitoring channel lifts it.
std::unique_ptr<v1::Monitoring::Stub> MonitoringStub(const ClientOptions& options) {
  grpc::ChannelArguments arguments;
  arguments.SetMaxReceiveMessageSize(-1);
  return v1::Monitoring::NewStub(
      grpc::CreateCustomChannel(options.monitoring, options.ChannelCredentials(), arguments));
}

// ---------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------

std::string ShareCount(const v1::FigureShare& share) { return Number(share.count()); }

std::string SharePercent(const v1::FigureShare& share) {
  return share.has_percent() ? Percent(share.percent()) : "-";
}

// "12 (4.10%)", or "12 (-)" when nothing could be measured.
std::string ShareWords(const v1::FigureShare& share) {
  return ShareCount(share) + " (" + SharePercent(share) + ")";
}

std::string RoleWords(v1::Role role) { return role == v1::ROLE_UNSPECIFIED ? "?" : EnumWords(role); }

std::string ActorWords(const v1::Actor& actor) {
  std::string words = actor.name() + " (" + RoleWords(actor.role());
  if (!actor.organization_id().empty()) words += ", " + actor.organization_id();
  return words + ")";
}

std::string Hex(const std::string& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char byte : bytes) {
    hex += kDigits[byte >> 4];
    hex += kDigits[byte & 0xf];
  }
  return hex;
}

// Lowercase or uppercase hex to bytes; nullopt when it is not hex.
std::optional<std::string> FromHex(const std::string& hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  const auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string bytes;
  for (size_t i = 0; i < hex.size(); i += 2) {
    const int high = digit(hex[i]);
    const int low = digit(hex[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    bytes += static_cast<char>(high * 16 + low);
  }
  return bytes;
}

Format FormatOf(const std::string& name) {
  return name == "json" ? v1::ExportedDocument::FORMAT_JSON : v1::ExportedDocument::FORMAT_CSV;
}

// An exported document: to a file when --output is given, else to stdout
// as is (pipe it to a file or a spreadsheet).
int WriteDocument(const ClientOptions& options, const v1::ExportedDocument& document,
                  const std::string& output) {
  if (options.json) {
    std::cout << ToJson(document) << "\n";
    return 0;
  }
  if (output.empty()) {
    std::cout << document.content();
    if (!document.content().empty() && document.content().back() != '\n') std::cout << "\n";
    return 0;
  }
  if (!WriteOwnerOnlyFile(output, document.content())) {
    std::cerr << Tr("cli.error.cannot_write", {{"file", output}}) << "\n";
    return 1;
  }
  std::cerr << Tr("cli.document.written", {{"file", output},
                                           {"media_type", document.media_type()},
                                           {"bytes", document.content().size()},
                                           {"name", document.file_name()}})
            << "\n";
  return 0;
}

// ---------------------------------------------------------------------------
// Dashboard and scorecard
// ---------------------------------------------------------------------------

// The VBSP programme in words for the dashboard: "Poor households".
std::string ProgrammeWords(v1::CreditProgramme programme) {
  if (v1::CreditProgramme_descriptor()->FindValueByNumber(programme) == nullptr) {
    return Tr("cli.figures.programme_unknown", {{"number", static_cast<int>(programme)}});
  }
  return Tr("credit_programme_title." + i18n::EnumArg(programme));
}

void PrintPolicyCredit(const v1::WardFigures& figures) {
  if (figures.policy_credit_by_programme().empty()) return;
  Table table(Headings({"heading.programme", "heading.loans", "heading.households", "heading.amount"}));
  for (const v1::ProgrammeCredit& line : figures.policy_credit_by_programme()) {
    table.AddRow({ProgrammeWords(line.programme()), Number(line.loans()), Number(line.households()),
                  FormatVnd(line.amount_vnd())});
  }
  std::cout << "\n" << Tr("cli.figures.policy_credit", {{"date", figures.as_of()}}) << "\n\n";
  table.Print(std::cout);
}

void PrintFigures(const v1::WardFigures& figures) {
  std::cout << Tr(figures.residential_group().empty() ? "cli.figures.title_ward" : "cli.figures.title_group",
                  {{"list_year", figures.list_year()},
                   {"years", ReviewYears(figures.review_year(), 0)},
                   {"group", figures.residential_group()},
                   {"date", figures.as_of()}})
            << "\n\n";
  Table table(Headings({"heading.figure", "heading.count", "heading.out_of", "heading.percent"}));
  const auto share = [&table](std::string_view key, const v1::FigureShare& value) {
    table.AddRow({Tr(key), ShareCount(value), Number(value.total()), SharePercent(value)});
  };
  const auto count = [&table](std::string_view key, int value) {
    table.AddRow({Tr(key), Number(value), "", ""});
  };
  count("cli.figures.households", figures.households());
  share("cli.figures.poor", figures.poor());
  share("cli.figures.near_poor", figures.near_poor());
  share("cli.figures.poor_without_labour_capacity", figures.poor_without_labour_capacity());
  count("cli.figures.escaped_poverty", figures.escaped_poverty());
  count("cli.figures.escaped_near_poverty", figures.escaped_near_poverty());
  count("cli.figures.newly_poor", figures.newly_poor());
  count("cli.figures.relapsed", figures.relapsed());
  count("cli.figures.newly_near_poor", figures.newly_near_poor());
  share("cli.figures.with_organization", figures.with_responsible_organization());
  share("cli.figures.with_helper", figures.with_helper());
  share("cli.figures.loans", figures.loans_for_loan_needs());
  share("cli.figures.training", figures.training_for_training_needs());
  share("cli.figures.visited", figures.visited_last_90_days());
  table.Print(std::cout);
  PrintPolicyCredit(figures);
}

void PrintGroups(const google::protobuf::RepeatedPtrField<v1::WardFigures>& groups) {
  if (groups.empty()) return;
  Table table(Headings({"heading.group", "heading.households", "heading.poor", "heading.near_poor",
                        "heading.poor_without_labour", "heading.escaped", "heading.newly_poor",
                        "heading.relapsed", "heading.with_organization", "heading.with_helper",
                        "heading.loans", "heading.training", "heading.visited_90_days"}));
  for (const v1::WardFigures& group : groups) {
    table.AddRow({group.residential_group(), Number(group.households()), ShareWords(group.poor()),
                  ShareWords(group.near_poor()), ShareWords(group.poor_without_labour_capacity()),
                  Number(group.escaped_poverty()), Number(group.newly_poor()), Number(group.relapsed()),
                  ShareWords(group.with_responsible_organization()), ShareWords(group.with_helper()),
                  ShareWords(group.loans_for_loan_needs()), ShareWords(group.training_for_training_needs()),
                  ShareWords(group.visited_last_90_days())});
  }
  std::cout << "\n" << Tr("cli.figures.per_group") << "\n\n";
  table.Print(std::cout);
}

void PrintTrend(const google::protobuf::RepeatedPtrField<v1::TrendPoint>& trend) {
  if (trend.empty()) return;
  Table table(
      Headings({"heading.reviewed", "heading.list", "heading.source", "heading.households", "heading.poor",
                "heading.poor_rate", "heading.near_poor", "heading.near_poor_rate", "heading.note"}));
  for (const v1::TrendPoint& point : trend) {
    const bool official = point.source() == v1::TrendPoint::SOURCE_OFFICIAL_HISTORY;
    table.AddRow(
        {std::to_string(point.review_year()), std::to_string(point.list_year()),
         EnumWords(official ? v1::TrendPoint::SOURCE_OFFICIAL_HISTORY : v1::TrendPoint::SOURCE_SYSTEM),
         point.has_households() ? Number(point.households()) : "-", Number(point.poor_households()),
         Percent(point.poor_rate_percent()),
         point.has_near_poor_households() ? Number(point.near_poor_households()) : "-",
         point.has_near_poor_rate_percent() ? Percent(point.near_poor_rate_percent()) : "-", point.note()});
  }
  std::cout << "\n" << Tr("cli.figures.trend") << "\n\n";
  table.Print(std::cout);
}

std::string StatusWords(v1::ScorecardLine::Status status) {
  return status == v1::ScorecardLine::STATUS_UNSPECIFIED ? "?" : EnumWords(status);
}

// A target's title: as the targets file words it in English; from its
// measure in other languages (the file's titles are English).
std::string TargetTitle(const v1::TargetDefinition& target) {
  return InEnglish() ? target.title() : EnumWords(target.measure());
}

void PrintScorecard(const v1::Scorecard& scorecard) {
  std::cout << Tr("cli.scorecard.title", {{"list_year", scorecard.list_year()},
                                          {"years", ReviewYears(scorecard.review_year(), 0)},
                                          {"date", scorecard.as_of()}})
            << "\n\n";
  Table table(Headings({"heading.clause", "heading.target", "heading.figure", "heading.threshold",
                        "heading.status", "heading.why"}));
  for (const v1::ScorecardLine& line : scorecard.lines()) {
    table.AddRow({line.target().clause(), TargetTitle(line.target()),
                  line.figure().has_percent() ? Percent(line.figure().percent()) : "-",
                  line.has_threshold_percent() ? Percent(line.threshold_percent()) : "-",
                  StatusWords(line.status()), Tr(line.explanation_text(), line.explanation())});
  }
  table.Print(std::cout);
}

void AddDashboard(CLI::App& app, const ClientOptions& options, int& exit_code) {
  struct Args {
    int year = 0;
    std::string group, as_of;
  };
  auto args = std::make_shared<Args>();
  auto* command = app.add_subcommand("dashboard", Tr("help.dashboard"));
  command->add_option("--year", args->year, Tr("help.arg.year_latest"));
  command->add_option("--group", args->group, Tr("help.arg.group_only"));
  command->add_option("--as-of", args->as_of, Tr("help.dashboard.as_of"));
  command->callback([&options, &exit_code, args] {
    auto stub = MonitoringStub(options);
    v1::GetDashboardRequest request;
    request.set_review_year(args->year);
    request.set_residential_group(args->group);
    request.set_as_of(args->as_of);
    v1::GetDashboardResponse dashboard;
    grpc::Status status = stub->GetDashboard(options.Context().get(), request, &dashboard);
    if (!status.ok()) {
      exit_code = ReportError(status, Tr("doing.read_dashboard"));
      return;
    }
    v1::GetScorecardRequest scorecard_request;
    scorecard_request.set_review_year(dashboard.figures().review_year());
    scorecard_request.set_as_of(dashboard.figures().as_of());
    v1::GetScorecardResponse scorecard;
    status = stub->GetScorecard(options.Context().get(), scorecard_request, &scorecard);
    if (!status.ok()) {
      exit_code = ReportError(status, Tr("doing.read_scorecard"));
      return;
    }
    if (options.json) {
      const nlohmann::json out{{"dashboard", nlohmann::json::parse(ToJson(dashboard))},
                               {"scorecard", nlohmann::json::parse(ToJson(scorecard))}};
      std::cout << out.dump(2) << "\n";
    } else {
      PrintFigures(dashboard.figures());
      PrintListFlows(dashboard.figures(), std::cout);
      PrintGroups(dashboard.groups());
      PrintTrend(dashboard.trend());
      std::cout << "\n";
      PrintScorecard(scorecard.scorecard());
    }
    exit_code = 0;
  });
}

void AddScorecard(CLI::App& app, const ClientOptions& options, int& exit_code) {
  struct Args {
    int year = 0;
    std::string as_of, export_format, output;
    std::string key, source;
    int figure_year = 0;
    double value = 0;
  };
  auto args = std::make_shared<Args>();
  auto* command = app.add_subcommand("scorecard", Tr("help.scorecard"));
  command->add_option("--year", args->year, Tr("help.arg.year_latest"));
  command->add_option("--as-of", args->as_of, Tr("help.scorecard.as_of"));
  command->add_option("--export", args->export_format, Tr("help.scorecard.export"))
      ->check(CLI::IsMember({"csv", "json"}));
  command->add_option("--output", args->output, Tr("help.arg.output_export"));

  auto* set = command->add_subcommand("set-figure", Tr("help.scorecard.set_figure"));
  set->add_option("--key", args->key, Tr("help.scorecard.set_figure.key"))->required();
  set->add_option("--year", args->figure_year, Tr("help.scorecard.set_figure.year"))->required();
  set->add_option("--value", args->value, Tr("help.scorecard.set_figure.value"))->required();
  set->add_option("--source", args->source, Tr("help.scorecard.set_figure.source"))->required();
  set->callback([&options, &exit_code, args] {
    v1::SetExternalFigureRequest request;
    request.set_key(args->key);
    request.set_review_year(args->figure_year);
    request.set_value_percent(args->value);
    request.set_source(args->source);
    v1::SetExternalFigureResponse response;
    const grpc::Status status =
        MonitoringStub(options)->SetExternalFigure(options.Context().get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.enter_figure"), response, [&] {
      const v1::ExternalFigure& figure = response.figure();
      std::cout << Tr("cli.scorecard.figure_stored", {{"key", figure.key()},
                                                      {"year", figure.review_year()},
                                                      {"value", Percent(figure.value_percent())},
                                                      {"source", figure.source()},
                                                      {"by", ActorWords(figure.entered_by())}})
                << "\n";
    });
  });

  command->callback([&options, &exit_code, args, command, set] {
    if (command->got_subcommand(set)) return;
    auto stub = MonitoringStub(options);
    if (!args->export_format.empty()) {
      v1::ExportScorecardRequest request;
      request.set_format(FormatOf(args->export_format));
      request.set_review_year(args->year);
      request.set_as_of(args->as_of);
      v1::ExportScorecardResponse response;
      const grpc::Status status = stub->ExportScorecard(options.Context().get(), request, &response);
      exit_code = status.ok() ? WriteDocument(options, response.document(), args->output)
                              : ReportError(status, Tr("doing.export_scorecard"));
      return;
    }
    v1::GetScorecardRequest request;
    request.set_review_year(args->year);
    request.set_as_of(args->as_of);
    v1::GetScorecardResponse response;
    const grpc::Status status = stub->GetScorecard(options.Context().get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.read_scorecard"), response,
                       [&] { PrintScorecard(response.scorecard()); });
  });
}

// ---------------------------------------------------------------------------
// History
// ---------------------------------------------------------------------------

void PrintTimeline(const std::vector<v1::HouseholdTimelineEntry>& entries) {
  Table table(Headings(
      {"heading.when_utc7", "heading.service", "heading.by", "heading.what", "heading.audit_number"}));
  for (const v1::HouseholdTimelineEntry& entry : entries) {
    table.AddRow({WardTime(entry.occurred_at(), WardTimePrecision::kSeconds), entry.service(),
                  ActorWords(entry.actor()), Tr(entry.description_text(), entry.description()),
                  std::to_string(entry.audit_sequence())});
  }
  table.Print(std::cout);
}

void AddHistory(CLI::App& app, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string household, page_token, export_format, output;
    int page_size = 0;
    bool all = false;
  };
  auto args = std::make_shared<Args>();
  auto* command = app.add_subcommand("history", Tr("help.history"));
  command->add_option("household", args->household, Tr("help.arg.household_example"))->required();
  command->add_flag("--all", args->all, Tr("help.arg.all_pages"));
  command->add_option("--page-size", args->page_size, Tr("help.history.page_size"));
  command->add_option("--page-token", args->page_token, Tr("help.arg.page_token_printed"));
  command->add_option("--export", args->export_format, Tr("help.history.export"))
      ->check(CLI::IsMember({"csv", "json"}));
  command->add_option("--output", args->output, Tr("help.arg.output_export"));
  command->callback([&options, &exit_code, args] {
    auto stub = MonitoringStub(options);
    if (!args->export_format.empty()) {
      v1::ExportHouseholdHistoryRequest request;
      request.set_household_id(args->household);
      request.set_format(FormatOf(args->export_format));
      v1::ExportHouseholdHistoryResponse response;
      const grpc::Status status = stub->ExportHouseholdHistory(options.Context().get(), request, &response);
      exit_code = status.ok() ? WriteDocument(options, response.document(), args->output)
                              : ReportError(status, Tr("doing.export_history"));
      return;
    }
    v1::GetHouseholdTimelineResponse combined;
    v1::GetHouseholdTimelineRequest request;
    request.set_household_id(args->household);
    request.mutable_page()->set_page_size(args->page_size);
    request.mutable_page()->set_page_token(args->page_token);
    while (true) {
      v1::GetHouseholdTimelineResponse page;
      const grpc::Status status = stub->GetHouseholdTimeline(options.Context().get(), request, &page);
      if (!status.ok()) {
        exit_code = ReportError(status, Tr("doing.read_history"));
        return;
      }
      for (auto& entry : *page.mutable_entries()) *combined.add_entries() = std::move(entry);
      *combined.mutable_page() = page.page();
      if (!args->all || page.page().next_page_token().empty()) break;
      request.mutable_page()->set_page_token(page.page().next_page_token());
    }
    exit_code = Finish(options, grpc::Status::OK, Tr("doing.read_history"), combined, [&] {
      std::cout << Tr("cli.history.title", {{"household", args->household}}) << "\n\n";
      PrintTimeline({combined.entries().begin(), combined.entries().end()});
      std::cout << Tr("cli.history.shown", {{"shown", Number(combined.entries_size())},
                                            {"total", Number(combined.page().total_size())}});
      if (!combined.page().next_page_token().empty()) {
        std::cout << Tr("cli.page.next_or_all", {{"token", combined.page().next_page_token()}});
      }
      std::cout << "\n";
    });
  });
}

// ---------------------------------------------------------------------------
// Audit
// ---------------------------------------------------------------------------

std::string FindingKindWords(v1::AuditChainFinding::Kind kind) {
  return kind == v1::AuditChainFinding::KIND_UNSPECIFIED ? "?" : EnumWords(kind);
}

void PrintVerification(const v1::AuditChainVerification& verification) {
  if (verification.intact()) {
    std::cout << Tr("cli.audit.intact",
                    {{"count", verification.entries_checked()}, {"hash", Hex(verification.head_hash())}})
              << "\n";
    if (verification.has_checkpoint()) {
      const v1::AuditChainCheckpoint& checkpoint = verification.checkpoint();
      std::cout << Tr("cli.audit.holds_checkpoint", {{"count", checkpoint.entry_count()}})
                << (checkpoint.has_issued_at()
                        ? Tr("cli.audit.issued_at",
                             {{"at", WardTime(checkpoint.issued_at(), WardTimePrecision::kSeconds)}})
                        : "")
                << (checkpoint.issued_by().name().empty()
                        ? ""
                        : Tr("cli.audit.issued_by", {{"by", ActorWords(checkpoint.issued_by())}}))
                << ".\n";
    }
    return;
  }
  const v1::AuditChainFinding& finding = verification.finding();
  std::cout << Tr(finding.last_sequence() != finding.sequence() ? "cli.audit.not_intact_range"
                                                                : "cli.audit.not_intact",
                  {{"kind", FindingKindWords(finding.kind())},
                   {"first", finding.sequence()},
                   {"last", finding.last_sequence()},
                   {"position", finding.position()}})
            << "\n"
            << finding.description() << "\n"
            << Tr("cli.audit.checked", {{"count", verification.entries_checked()}}) << "\n";
}

// The outcome of a tree head check, for a person; returns true when it
// found the log was not only appended to.
bool PrintHeadCheck(const HeadCheck& check, const KeptHeads& kept) {
  const std::string dir = kept.directory().string();
  switch (check.outcome) {
    case HeadCheck::Outcome::kNoHeadYet:
      std::cout << Tr("cli.audit.no_head_yet") << "\n";
      return false;
    case HeadCheck::Outcome::kNotSigning:
      std::cout << Tr("cli.audit.not_signing", {{"message", check.service_message}}) << "\n";
      return false;
    case HeadCheck::Outcome::kConsistent:
      std::cout << Tr("cli.audit.head_consistent",
                      {{"count", check.latest.tree_size()},
                       {"root", Hex(check.latest.root_hash())},
                       {"at", WardTime(check.latest.issued_at(), WardTimePrecision::kSeconds)},
                       {"kept", check.heads_checked},
                       {"dir", dir}})
                << "\n";
      if (check.pinned_now) std::cout << Tr("cli.audit.key_pinned", {{"key", Hex(check.public_key)}}) << "\n";
      return false;
    case HeadCheck::Outcome::kKeyChanged:
      std::cout << Tr("cli.audit.key_changed", {{"pinned", Hex(check.public_key)}, {"dir", dir}}) << "\n";
      return true;
    case HeadCheck::Outcome::kBadSignature:
      std::cout << Tr("cli.audit.bad_signature", {{"count", check.latest.tree_size()}}) << "\n";
      return true;
    case HeadCheck::Outcome::kLeavesMismatch:
      std::cout << Tr("cli.audit.leaves_mismatch", {{"count", check.latest.tree_size()}}) << "\n";
      return true;
    case HeadCheck::Outcome::kInconsistent:
      std::cout << Tr("cli.audit.head_inconsistent",
                      {{"count", check.broken_head->tree_size()},
                       {"at", WardTime(check.broken_head->issued_at(), WardTimePrecision::kSeconds)},
                       {"now", check.latest.tree_size()}})
                << "\n";
      if (check.first_differing && check.cut) {
        std::cout << Tr("cli.audit.first_cut",
                        {{"first", *check.first_differing}, {"last", check.broken_head->tree_size()}})
                  << "\n";
      } else if (check.first_differing) {
        std::cout << Tr("cli.audit.first_differing", {{"first", *check.first_differing}}) << "\n";
      }
      return true;
  }
  return true;
}

nlohmann::json HeadCheckJson(const HeadCheck& check) {
  static const char* const kOutcomes[] = {"consistent",    "no_head_yet",  "not_signing",    "key_changed",
                                          "bad_signature", "inconsistent", "leaves_mismatch"};
  nlohmann::json json;
  json["outcome"] = kOutcomes[static_cast<int>(check.outcome)];
  json["heads_kept"] = check.heads_checked;
  if (check.outcome != HeadCheck::Outcome::kNoHeadYet)
    json["latest"] = nlohmann::json::parse(ToJson(check.latest));
  if (check.broken_head) json["broken_head"] = nlohmann::json::parse(ToJson(*check.broken_head));
  if (check.first_differing) json["first_differing_sequence"] = *check.first_differing;
  json["cut"] = check.cut;
  return json;
}

// --public-key in hex, or nullopt (then the pinned key is used).
std::optional<std::string> PublicKeyArgument(const std::string& hex, bool& bad) {
  bad = false;
  if (hex.empty()) return std::nullopt;
  std::optional<std::string> key = FromHex(hex);
  if (!key || key->size() != 32) {
    bad = true;
    return std::nullopt;
  }
  return key;
}

struct HeadsArgs {
  std::string dir;
  std::string public_key;
};

void AddHeadsOptions(CLI::App* command, HeadsArgs& args) {
  command->add_option("--heads-dir", args.dir, Tr("help.audit.heads_dir"))->envname("ANSINH_AUDIT_HEADS_DIR");
  command->add_option("--public-key", args.public_key, Tr("help.audit.public_key"));
}

// Runs the head check for a command; returns the exit code: 0 consistent or
// no head yet, 1 failed call or bad argument (reported on stderr), 2 the log
// was not only appended to. The caller prints the outcome.
int RunHeadCheck(const ClientOptions& options, const HeadsArgs& args, bool issue, HeadCheck& check,
                 KeptHeads& kept) {
  bool bad_key = false;
  const std::optional<std::string> key = PublicKeyArgument(args.public_key, bad_key);
  if (bad_key) {
    std::cerr << Tr("cli.audit.public_key_not_hex") << "\n";
    return 1;
  }
  try {
    const grpc::Status status = CheckTreeHeads(*MonitoringStub(options), options, kept, issue, key, check);
    if (!status.ok()) return ReportError(status, Tr("doing.check_tree_heads"));
  } catch (const std::exception& error) {
    std::cerr << Tr("cli.error.plain", {{"message", error.what()}}) << "\n";
    return 1;
  }
  const bool broken = check.outcome != HeadCheck::Outcome::kConsistent &&
                      check.outcome != HeadCheck::Outcome::kNoHeadYet &&
                      check.outcome != HeadCheck::Outcome::kNotSigning;
  return broken ? 2 : 0;
}

void AddAudit(CLI::App& app, const ClientOptions& options, int& exit_code) {
  auto* audit = app.add_subcommand("audit", Tr("help.audit"));
  audit->require_subcommand(1);

  struct VerifyArgs {
    bool latest = false;
    uint64_t count = 0;
    std::string hash;
    HeadsArgs heads;
  };
  auto verify_args = std::make_shared<VerifyArgs>();
  auto* verify = audit->add_subcommand("verify", Tr("help.audit.verify"));
  verify->add_flag("--latest", verify_args->latest, Tr("help.audit.verify.latest"));
  auto* count = verify->add_option("--checkpoint-count", verify_args->count, Tr("help.audit.verify.count"));
  auto* hash = verify->add_option("--checkpoint-hash", verify_args->hash, Tr("help.audit.verify.hash"));
  AddHeadsOptions(verify, verify_args->heads);
  count->needs(hash);
  hash->needs(count);
  verify->callback([&options, &exit_code, verify_args, hash] {
    v1::VerifyAuditRequest request;
    if (hash->count() > 0) {
      const std::optional<std::string> bytes = FromHex(verify_args->hash);
      if (!bytes) {
        std::cerr << Tr("cli.audit.hash_not_hex") << "\n";
        exit_code = 1;
        return;
      }
      request.mutable_checkpoint()->set_entry_count(verify_args->count);
      request.mutable_checkpoint()->set_head_hash(*bytes);
    }
    request.set_use_latest_checkpoint(verify_args->latest);
    v1::VerifyAuditResponse response;
    const grpc::Status status =
        MonitoringStub(options)->VerifyAudit(options.Context().get(), request, &response);
    if (!status.ok()) {
      exit_code = ReportError(status, Tr("doing.verify_audit"));
      return;
    }
    // Then the signed tree heads against the ones this auditor kept: what
    // catches a log rewritten or cut together with everything stored beside it.
    KeptHeads kept(verify_args->heads.dir.empty() ? KeptHeads::DefaultDirectory()
                                                  : std::filesystem::path(verify_args->heads.dir));
    HeadCheck check;
    const int head_code = RunHeadCheck(options, verify_args->heads, false, check, kept);
    if (options.json) {
      nlohmann::json json = nlohmann::json::parse(ToJson(response));
      if (head_code != 1) json["tree_head_check"] = HeadCheckJson(check);
      std::cout << json.dump(2) << "\n";
    } else {
      PrintVerification(response.verification());
      if (head_code != 1) PrintHeadCheck(check, kept);
    }
    // A log that does not verify exits 2 whatever the head check could do.
    exit_code = !response.verification().intact() ? 2 : head_code;
  });

  struct HeadArgs {
    bool issue = false;
    bool publish = false;
    HeadsArgs heads;
  };
  auto head_args = std::make_shared<HeadArgs>();
  auto* head = audit->add_subcommand("head", Tr("help.audit.head"));
  head->add_flag("--issue", head_args->issue, Tr("help.audit.head.issue"));
  head->add_flag("--publish", head_args->publish, Tr("help.audit.head.publish"));
  AddHeadsOptions(head, head_args->heads);
  head->callback([&options, &exit_code, head_args] {
    KeptHeads kept(head_args->heads.dir.empty() ? KeptHeads::DefaultDirectory()
                                                : std::filesystem::path(head_args->heads.dir));
    HeadCheck check;
    exit_code = RunHeadCheck(options, head_args->heads, head_args->issue, check, kept);
    if (exit_code == 1) return;
    if (options.json) {
      std::cout << HeadCheckJson(check).dump(2) << "\n";
      return;
    }
    const bool broken = PrintHeadCheck(check, kept);
    if (broken || check.outcome == HeadCheck::Outcome::kNoHeadYet ||
        check.outcome == HeadCheck::Outcome::kNotSigning || !head_args->publish) {
      return;
    }
    const v1::SignedTreeHead& signed_head = check.latest;
    std::cout << "\n"
              << Tr("cli.audit.publish_title") << "\n"
              << Tr("cli.audit.publish_entries", {{"count", signed_head.tree_size()}}) << "\n"
              << Tr("cli.audit.publish_root", {{"root", Hex(signed_head.root_hash())}}) << "\n"
              << Tr("cli.audit.publish_signed_at",
                    {{"at", WardTime(signed_head.issued_at(), WardTimePrecision::kSeconds)},
                     {"seconds", std::to_string(signed_head.issued_at().seconds())},
                     {"nanos", std::to_string(signed_head.issued_at().nanos())}})
              << "\n"
              << Tr("cli.audit.publish_signature", {{"signature", Hex(signed_head.signature())}}) << "\n"
              << Tr("cli.audit.publish_key", {{"key", Hex(check.public_key)}}) << "\n";
  });

  auto* public_key = audit->add_subcommand("public-key", Tr("help.audit.public_key_command"));
  public_key->callback([&options, &exit_code] {
    v1::GetTreeHeadRequest request;
    v1::GetTreeHeadResponse response;
    grpc::Status status = MonitoringStub(options)->GetTreeHead(options.Context().get(), request, &response);
    if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
      request.set_issue(true);
      status = MonitoringStub(options)->GetTreeHead(options.Context().get(), request, &response);
    }
    exit_code = Finish(options, status, Tr("doing.check_tree_heads"), response,
                       [&] { std::cout << Hex(response.public_key()) << "\n"; });
  });

  auto* checkpoint = audit->add_subcommand("checkpoint", Tr("help.audit.checkpoint"));
  checkpoint->callback([&options, &exit_code] {
    v1::IssueCheckpointResponse response;
    const grpc::Status status = MonitoringStub(options)->IssueCheckpoint(
        options.Context().get(), v1::IssueCheckpointRequest{}, &response);
    exit_code = Finish(options, status, Tr("doing.issue_checkpoint"), response, [&] {
      const v1::AuditChainCheckpoint& issued = response.checkpoint();
      std::cout << Tr("cli.audit.checkpoint_issued",
                      {{"at", WardTime(issued.issued_at(), WardTimePrecision::kSeconds)},
                       {"by", ActorWords(issued.issued_by())}})
                << "\n"
                << Tr("cli.audit.checkpoint_entries", {{"count", issued.entry_count()}}) << "\n"
                << Tr("cli.audit.checkpoint_hash", {{"hash", Hex(issued.head_hash())}}) << "\n"
                << Tr("cli.audit.keep_a_copy") << "\n"
                << "  ansinh audit verify --checkpoint-count " << issued.entry_count()
                << " --checkpoint-hash " << Hex(issued.head_hash()) << "\n";
    });
  });

  struct ListArgs {
    int page_size = 0;
    std::string page_token;
  };
  auto list_args = std::make_shared<ListArgs>();
  auto* checkpoints = audit->add_subcommand("checkpoints", Tr("help.audit.checkpoints"));
  checkpoints->add_option("--page-size", list_args->page_size, Tr("help.audit.checkpoints.page_size"));
  checkpoints->add_option("--page-token", list_args->page_token, Tr("help.arg.page_token_printed"));
  checkpoints->callback([&options, &exit_code, list_args] {
    v1::ListCheckpointsRequest request;
    request.mutable_page()->set_page_size(list_args->page_size);
    request.mutable_page()->set_page_token(list_args->page_token);
    v1::ListCheckpointsResponse response;
    const grpc::Status status =
        MonitoringStub(options)->ListCheckpoints(options.Context().get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.list_checkpoints"), response, [&] {
      Table table(Headings({"heading.issued_utc7", "heading.by", "heading.entries", "heading.head_hash"}));
      for (const v1::AuditChainCheckpoint& issued : response.checkpoints()) {
        table.AddRow({WardTime(issued.issued_at(), WardTimePrecision::kSeconds),
                      ActorWords(issued.issued_by()), Number(static_cast<int64_t>(issued.entry_count())),
                      Hex(issued.head_hash())});
      }
      table.Print(std::cout);
      std::cout << Tr("cli.audit.checkpoints_shown", {{"shown", Number(response.checkpoints_size())},
                                                      {"total", Number(response.page().total_size())}});
      if (!response.page().next_page_token().empty()) {
        std::cout << Tr("cli.page.next", {{"token", response.page().next_page_token()}});
      }
      std::cout << "\n";
    });
  });

  struct ExportArgs {
    std::string format = "csv", output;
    uint64_t from = 0, to = 0;
  };
  auto export_args = std::make_shared<ExportArgs>();
  auto* exporting = audit->add_subcommand("export", Tr("help.audit.export"));
  exporting->add_option("--format", export_args->format, Tr("help.audit.export.format"))
      ->check(CLI::IsMember({"csv", "json"}))
      ->capture_default_str();
  exporting->add_option("--from", export_args->from, Tr("help.audit.export.from"));
  exporting->add_option("--to", export_args->to, Tr("help.audit.export.to"));
  exporting->add_option("--output", export_args->output, Tr("help.audit.export.output"));
  exporting->callback([&options, &exit_code, export_args] {
    v1::ExportAuditRequest request;
    request.set_format(FormatOf(export_args->format));
    request.set_from_sequence(export_args->from);
    request.set_to_sequence(export_args->to);
    // The export arrives in parts, a page of entries each; they are written
    // as they come, so the CLI never holds the whole log either.
    std::unique_ptr<grpc::ClientContext> context = options.Context();
    context->set_deadline(std::chrono::system_clock::time_point::max());
    auto reader = MonitoringStub(options)->StreamAuditExport(context.get(), request);
    // A file gets the parts as they come, readable by its owner only (an
    // export holds personal data); stdout otherwise.
    int fd = -1;
    if (!export_args->output.empty() && !options.json) {
      fd = ::open(export_args->output.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
      if (fd < 0 || ::fchmod(fd, 0600) != 0) {
        if (fd >= 0) ::close(fd);
        std::cerr << Tr("cli.error.cannot_write", {{"file", export_args->output}}) << "\n";
        exit_code = 1;
        return;
      }
    }
    bool written = true;
    const auto emit = [&](const std::string& text) {
      if (fd < 0) {
        std::cout << text;
        return;
      }
      for (size_t done = 0; written && done < text.size();) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        written = n > 0;
        if (written) done += static_cast<size_t>(n);
      }
    };
    v1::ExportAuditResponse part;
    v1::ExportedDocument opening;
    std::size_t bytes = 0;
    std::string json_content;
    bool first = true;
    while (reader->Read(&part)) {
      if (first) opening = part.document();
      first = false;
      bytes += part.document().content().size();
      if (options.json) {
        json_content += part.document().content();
      } else {
        emit(part.document().content());
      }
    }
    const grpc::Status status = reader->Finish();
    if (fd >= 0 && ::close(fd) != 0) written = false;
    if (!status.ok()) {
      exit_code = ReportError(status, Tr("doing.export_audit"));
      return;
    }
    if (options.json) {
      opening.set_content(json_content);
      std::cout << ToJson(opening) << "\n";
    } else if (!export_args->output.empty()) {
      if (!written) {
        std::cerr << Tr("cli.error.cannot_write", {{"file", export_args->output}}) << "\n";
        exit_code = 1;
        return;
      }
      std::cerr << Tr("cli.document.written", {{"file", export_args->output},
                                               {"media_type", opening.media_type()},
                                               {"bytes", bytes},
                                               {"name", opening.file_name()}})
                << "\n";
    }
    exit_code = 0;
  });
}

// ---------------------------------------------------------------------------
// Alerts
// ---------------------------------------------------------------------------

std::string AlertKindWords(v1::WardAlert::Kind kind) {
  return kind == v1::WardAlert::KIND_UNSPECIFIED ? "?" : EnumWords(kind);
}

void AddAlerts(CLI::App& app, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string organization, as_of;
  };
  auto args = std::make_shared<Args>();
  auto* command = app.add_subcommand("alerts", Tr("help.alerts"));
  command->add_option("--organization", args->organization, Tr("help.alerts.organization"));
  command->add_option("--as-of", args->as_of, Tr("help.alerts.as_of"));
  command->callback([&options, &exit_code, args] {
    v1::ListAlertsRequest request;
    request.set_organization_id(args->organization);
    request.set_as_of(args->as_of);
    v1::ListAlertsResponse response;
    const grpc::Status status =
        MonitoringStub(options)->ListAlerts(options.Context().get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.list_alerts"), response, [&] {
      Table table(Headings({"heading.organization", "heading.alert", "heading.household", "heading.since",
                            "heading.age_days", "heading.details"}));
      int total = 0;
      for (const v1::OrganizationAlerts& group : response.organizations()) {
        for (const v1::WardAlert& alert : group.alerts()) {
          table.AddRow(
              {group.organization_id().empty() ? Tr("cli.alerts.ward_officers") : group.organization_id(),
               AlertKindWords(alert.kind()), alert.household_id(), Date(alert.since()),
               Number(alert.age_days()), Tr(alert.text(), alert.message())});
          ++total;
        }
      }
      if (total == 0) {
        std::cout << Tr("cli.alerts.none") << "\n";
        return;
      }
      table.Print(std::cout);
      std::cout << Tr("cli.alerts.count", {{"count", total}}) << "\n";
    });
  });
}

}  // namespace

void AddMonitoringCommands(CLI::App& app, const ClientOptions& options, int& exit_code) {
  AddDashboard(app, options, exit_code);
  AddScorecard(app, options, exit_code);
  AddHistory(app, options, exit_code);
  AddAudit(app, options, exit_code);
  AddAlerts(app, options, exit_code);
}

}  // namespace ansinh::cli
