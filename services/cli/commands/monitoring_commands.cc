#include "commands/monitoring_commands.h"

#include <google/protobuf/util/time_util.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include "ansinh/v1/monitoring.grpc.pb.h"
#include "commands/list_flows_output.h"
#include "output.h"

namespace ansinh::cli {
namespace {

using Format = v1::ExportedDocument::Format;

// ---------------------------------------------------------------------------
// Calls
// ---------------------------------------------------------------------------

// Exports of a whole audit chain run to tens of megabytes, above gRPC's
// default 4 MB receive limit, so the monitoring channel lifts it.
std::unique_ptr<v1::Monitoring::Stub> Stub(const ClientOptions& options) {
  grpc::ChannelArguments arguments;
  arguments.SetMaxReceiveMessageSize(-1);
  return v1::Monitoring::NewStub(
      grpc::CreateCustomChannel(options.monitoring, options.ChannelCredentials(), arguments));
}

// ---------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------

std::string Percent(double value) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.2f%%", value);
  return text;
}

std::string ShareCount(const v1::FigureShare& share) { return std::to_string(share.count()); }

std::string SharePercent(const v1::FigureShare& share) {
  return share.has_percent() ? Percent(share.percent()) : "-";
}

// "12 (4.10%)", or "12 (-)" when nothing could be measured.
std::string ShareWords(const v1::FigureShare& share) {
  return ShareCount(share) + " (" + SharePercent(share) + ")";
}

std::string RoleWords(v1::Role role) {
  switch (role) {
    case v1::ROLE_WARD_OFFICER:
      return "ward officer";
    case v1::ROLE_ORGANIZATION_STAFF:
      return "organization staff";
    case v1::ROLE_AUDITOR:
      return "auditor";
    case v1::ROLE_SERVICE:
      return "service";
    default:
      return "?";
  }
}

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
  std::ofstream out(output, std::ios::binary | std::ios::trunc);
  out << document.content();
  if (!out) {
    std::cerr << "cannot write " << output << "\n";
    return 1;
  }
  std::cerr << "wrote " << output << " (" << document.media_type() << ", " << document.content().size()
            << " bytes; suggested name " << document.file_name() << ")\n";
  return 0;
}

// ---------------------------------------------------------------------------
// Dashboard and scorecard
// ---------------------------------------------------------------------------

// The VBSP programme in words for the dashboard.
std::string ProgrammeWords(v1::CreditProgramme programme) {
  switch (programme) {
    case v1::CREDIT_PROGRAMME_POOR_HOUSEHOLDS:
      return "Poor households";
    case v1::CREDIT_PROGRAMME_NEAR_POOR_HOUSEHOLDS:
      return "Near-poor households";
    case v1::CREDIT_PROGRAMME_NEWLY_ESCAPED_HOUSEHOLDS:
      return "Newly escaped households";
    case v1::CREDIT_PROGRAMME_JOB_CREATION:
      return "Job creation";
    case v1::CREDIT_PROGRAMME_LABOUR_EXPORT:
      return "Work abroad";
    case v1::CREDIT_PROGRAMME_CLEAN_WATER_SANITATION:
      return "Clean water and sanitation";
    case v1::CREDIT_PROGRAMME_HOUSING:
      return "Housing";
    case v1::CREDIT_PROGRAMME_STUDENTS:
      return "Students";
    case v1::CREDIT_PROGRAMME_UNSPECIFIED:
      return "Programme not recorded";
    default:
      return "Programme " + std::to_string(programme);
  }
}

void PrintPolicyCredit(const v1::WardFigures& figures) {
  if (figures.policy_credit_by_programme().empty()) return;
  Table table({"PROGRAMME", "LOANS", "HOUSEHOLDS", "AMOUNT"});
  for (const v1::ProgrammeCredit& line : figures.policy_credit_by_programme()) {
    table.AddRow({ProgrammeWords(line.programme()), std::to_string(line.loans()),
                  std::to_string(line.households()), FormatVnd(line.amount_vnd())});
  }
  std::cout << "\nPolicy credit by programme, delivered up to " << figures.as_of() << "\n\n";
  table.Print(std::cout);
}

void PrintFigures(const v1::WardFigures& figures) {
  std::cout << "Lists of " << figures.list_year() << " (" << ReviewYears(figures.review_year(), 0) << "), "
            << (figures.residential_group().empty() ? "whole ward"
                                                    : "residential group " + figures.residential_group())
            << "; coverage, needs and visits as of " << figures.as_of() << "\n\n";
  Table table({"FIGURE", "COUNT", "OUT OF", "PERCENT"});
  const auto share = [&table](const std::string& name, const v1::FigureShare& value) {
    table.AddRow({name, ShareCount(value), std::to_string(value.total()), SharePercent(value)});
  };
  const auto count = [&table](const std::string& name, int value) {
    table.AddRow({name, std::to_string(value), "", ""});
  };
  count("Households", figures.households());
  share("Poor", figures.poor());
  share("Near-poor", figures.near_poor());
  share("Poor without labour capacity", figures.poor_without_labour_capacity());
  count("Escaped poverty", figures.escaped_poverty());
  count("Escaped near-poverty", figures.escaped_near_poverty());
  count("Newly poor", figures.newly_poor());
  count("Relapsed (tái nghèo)", figures.relapsed());
  count("Newly near-poor", figures.newly_near_poor());
  share("With a responsible organization", figures.with_responsible_organization());
  share("With a helper", figures.with_helper());
  share("Loans for loan needs", figures.loans_for_loan_needs());
  share("Training for training needs", figures.training_for_training_needs());
  share("Visited in the last 90 days", figures.visited_last_90_days());
  table.Print(std::cout);
  PrintPolicyCredit(figures);
}

void PrintGroups(const google::protobuf::RepeatedPtrField<v1::WardFigures>& groups) {
  if (groups.empty()) return;
  Table table({"GROUP", "HOUSEHOLDS", "POOR", "NEAR-POOR", "POOR W/O LABOUR", "ESCAPED", "NEWLY POOR",
               "RELAPSED", "WITH ORGANIZATION", "WITH HELPER", "LOANS", "TRAINING", "VISITED 90 DAYS"});
  for (const v1::WardFigures& group : groups) {
    table.AddRow({group.residential_group(), std::to_string(group.households()), ShareWords(group.poor()),
                  ShareWords(group.near_poor()), ShareWords(group.poor_without_labour_capacity()),
                  std::to_string(group.escaped_poverty()), std::to_string(group.newly_poor()),
                  std::to_string(group.relapsed()), ShareWords(group.with_responsible_organization()),
                  ShareWords(group.with_helper()), ShareWords(group.loans_for_loan_needs()),
                  ShareWords(group.training_for_training_needs()), ShareWords(group.visited_last_90_days())});
  }
  std::cout << "\nPer residential group\n\n";
  table.Print(std::cout);
}

void PrintTrend(const google::protobuf::RepeatedPtrField<v1::TrendPoint>& trend) {
  if (trend.empty()) return;
  Table table({"REVIEWED", "LIST", "SOURCE", "HOUSEHOLDS", "POOR", "POOR RATE", "NEAR-POOR", "NEAR-POOR RATE",
               "NOTE"});
  for (const v1::TrendPoint& point : trend) {
    const bool official = point.source() == v1::TrendPoint::SOURCE_OFFICIAL_HISTORY;
    table.AddRow({std::to_string(point.review_year()), std::to_string(point.list_year()),
                  official ? "official count" : "ansinh",
                  point.has_households() ? std::to_string(point.households()) : "-",
                  std::to_string(point.poor_households()), Percent(point.poor_rate_percent()),
                  point.has_near_poor_households() ? std::to_string(point.near_poor_households()) : "-",
                  point.has_near_poor_rate_percent() ? Percent(point.near_poor_rate_percent()) : "-",
                  point.note()});
  }
  std::cout << "\nPoor households by year\n\n";
  table.Print(std::cout);
}

std::string StatusWords(v1::ScorecardLine::Status status) {
  switch (status) {
    case v1::ScorecardLine::STATUS_MET:
      return "MET";
    case v1::ScorecardLine::STATUS_NOT_MET:
      return "NOT MET";
    case v1::ScorecardLine::STATUS_UNKNOWN:
      return "UNKNOWN";
    default:
      return "?";
  }
}

void PrintScorecard(const v1::Scorecard& scorecard) {
  std::cout << "Targets of the resolution, lists of " << scorecard.list_year() << " ("
            << ReviewYears(scorecard.review_year(), 0) << ", as of " << scorecard.as_of() << ")\n\n";
  Table table({"CLAUSE", "TARGET", "FIGURE", "THRESHOLD", "STATUS", "WHY"});
  for (const v1::ScorecardLine& line : scorecard.lines()) {
    table.AddRow({line.target().clause(), line.target().title(),
                  line.figure().has_percent() ? Percent(line.figure().percent()) : "-",
                  line.has_threshold_percent() ? Percent(line.threshold_percent()) : "-",
                  StatusWords(line.status()), line.explanation()});
  }
  table.Print(std::cout);
}

void AddDashboard(CLI::App& app, const ClientOptions& options, int& exit_code) {
  struct Args {
    int year = 0;
    std::string group, as_of;
  };
  auto args = std::make_shared<Args>();
  auto* command = app.add_subcommand("dashboard", "The ward's figures, groups, trend and scorecard");
  command->add_option("--year", args->year, "Review year (default: the latest reviewed)");
  command->add_option("--group", args->group, "Only this residential group, e.g. TDP-05");
  command->add_option("--as-of", args->as_of, "Measure coverage, needs and visits on this date (YYYY-MM-DD)");
  command->callback([&options, &exit_code, args] {
    auto stub = Stub(options);
    v1::GetDashboardRequest request;
    request.set_review_year(args->year);
    request.set_residential_group(args->group);
    request.set_as_of(args->as_of);
    v1::GetDashboardResponse dashboard;
    grpc::Status status = stub->GetDashboard(options.Context().get(), request, &dashboard);
    if (!status.ok()) {
      exit_code = ReportError(status, "reading the dashboard");
      return;
    }
    v1::GetScorecardRequest scorecard_request;
    scorecard_request.set_review_year(dashboard.figures().review_year());
    scorecard_request.set_as_of(dashboard.figures().as_of());
    v1::GetScorecardResponse scorecard;
    status = stub->GetScorecard(options.Context().get(), scorecard_request, &scorecard);
    if (!status.ok()) {
      exit_code = ReportError(status, "reading the scorecard");
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
  auto* command =
      app.add_subcommand("scorecard", "Each target of the resolution: figure, threshold, met or not");
  command->add_option("--year", args->year, "Review year (default: the latest reviewed)");
  command->add_option("--as-of", args->as_of, "Measure coverage and needs on this date (YYYY-MM-DD)");
  command->add_option("--export", args->export_format, "Print the scorecard as a csv or json document")
      ->check(CLI::IsMember({"csv", "json"}));
  command->add_option("--output", args->output, "With --export: write the document to this file");

  auto* set = command->add_subcommand("set-figure",
                                      "Enter a figure only an officer knows, e.g. the town's near-poor rate");
  set->add_option("--key", args->key, "Which figure, e.g. town_near_poor_rate")->required();
  set->add_option("--year", args->figure_year, "The review year it belongs to")->required();
  set->add_option("--value", args->value, "Its value in percent, e.g. 3.2")->required();
  set->add_option("--source", args->source, "Where it comes from, e.g. \"Báo cáo thị xã số 12/BC-UBND\"")
      ->required();
  set->callback([&options, &exit_code, args] {
    v1::SetExternalFigureRequest request;
    request.set_key(args->key);
    request.set_review_year(args->figure_year);
    request.set_value_percent(args->value);
    request.set_source(args->source);
    v1::SetExternalFigureResponse response;
    const grpc::Status status = Stub(options)->SetExternalFigure(options.Context().get(), request, &response);
    exit_code = Finish(options, status, "entering the figure", response, [&] {
      const v1::ExternalFigure& figure = response.figure();
      std::cout << "Stored " << figure.key() << " for " << figure.review_year() << ": "
                << Percent(figure.value_percent()) << " (source: " << figure.source() << "), entered by "
                << ActorWords(figure.entered_by()) << "\n";
    });
  });

  command->callback([&options, &exit_code, args, command, set] {
    if (command->got_subcommand(set)) return;
    auto stub = Stub(options);
    if (!args->export_format.empty()) {
      v1::ExportScorecardRequest request;
      request.set_format(FormatOf(args->export_format));
      request.set_review_year(args->year);
      request.set_as_of(args->as_of);
      v1::ExportScorecardResponse response;
      const grpc::Status status = stub->ExportScorecard(options.Context().get(), request, &response);
      exit_code = status.ok() ? WriteDocument(options, response.document(), args->output)
                              : ReportError(status, "exporting the scorecard");
      return;
    }
    v1::GetScorecardRequest request;
    request.set_review_year(args->year);
    request.set_as_of(args->as_of);
    v1::GetScorecardResponse response;
    const grpc::Status status = stub->GetScorecard(options.Context().get(), request, &response);
    exit_code = Finish(options, status, "reading the scorecard", response,
                       [&] { PrintScorecard(response.scorecard()); });
  });
}

// ---------------------------------------------------------------------------
// History
// ---------------------------------------------------------------------------

void PrintTimeline(const std::vector<v1::HouseholdTimelineEntry>& entries) {
  Table table({"WHEN (UTC+7)", "SERVICE", "BY", "WHAT", "AUDIT #"});
  for (const v1::HouseholdTimelineEntry& entry : entries) {
    table.AddRow({WardTime(entry.occurred_at(), WardTimePrecision::kSeconds), entry.service(),
                  ActorWords(entry.actor()), entry.description(), std::to_string(entry.audit_sequence())});
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
  auto* command = app.add_subcommand(
      "history", "Everything that happened to a household, oldest first (the read is audited)");
  command->add_option("household", args->household, "The household, e.g. HH-000123")->required();
  command->add_flag("--all", args->all, "Every page, not just the first");
  command->add_option("--page-size", args->page_size, "Lines per page (default 50, at most 500)");
  command->add_option("--page-token", args->page_token, "The token printed after the previous page");
  command->add_option("--export", args->export_format, "The whole history as a csv or json document")
      ->check(CLI::IsMember({"csv", "json"}));
  command->add_option("--output", args->output, "With --export: write the document to this file");
  command->callback([&options, &exit_code, args] {
    auto stub = Stub(options);
    if (!args->export_format.empty()) {
      v1::ExportHouseholdHistoryRequest request;
      request.set_household_id(args->household);
      request.set_format(FormatOf(args->export_format));
      v1::ExportHouseholdHistoryResponse response;
      const grpc::Status status = stub->ExportHouseholdHistory(options.Context().get(), request, &response);
      exit_code = status.ok() ? WriteDocument(options, response.document(), args->output)
                              : ReportError(status, "exporting the household's history");
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
        exit_code = ReportError(status, "reading the household's history");
        return;
      }
      for (auto& entry : *page.mutable_entries()) *combined.add_entries() = std::move(entry);
      *combined.mutable_page() = page.page();
      if (!args->all || page.page().next_page_token().empty()) break;
      request.mutable_page()->set_page_token(page.page().next_page_token());
    }
    exit_code = Finish(options, grpc::Status::OK, "reading the household's history", combined, [&] {
      std::cout << "History of " << args->household << "\n\n";
      PrintTimeline({combined.entries().begin(), combined.entries().end()});
      std::cout << combined.entries_size() << " of " << combined.page().total_size() << " lines";
      if (!combined.page().next_page_token().empty()) {
        std::cout << "; next page: --page-token " << combined.page().next_page_token() << " (or --all)";
      }
      std::cout << "\n";
    });
  });
}

// ---------------------------------------------------------------------------
// Audit
// ---------------------------------------------------------------------------

std::string FindingKindWords(v1::AuditChainFinding::Kind kind) {
  switch (kind) {
    case v1::AuditChainFinding::KIND_CHANGED:
      return "CHANGED";
    case v1::AuditChainFinding::KIND_REMOVED:
      return "REMOVED";
    case v1::AuditChainFinding::KIND_INSERTED:
      return "INSERTED";
    case v1::AuditChainFinding::KIND_REORDERED:
      return "REORDERED";
    case v1::AuditChainFinding::KIND_TRUNCATED:
      return "TRUNCATED";
    case v1::AuditChainFinding::KIND_REWRITTEN:
      return "REWRITTEN";
    default:
      return "?";
  }
}

void PrintVerification(const v1::AuditChainVerification& verification) {
  if (verification.intact()) {
    std::cout << "INTACT: " << verification.entries_checked() << " entries checked, head hash "
              << Hex(verification.head_hash()) << "\n";
    if (verification.has_checkpoint()) {
      const v1::AuditChainCheckpoint& checkpoint = verification.checkpoint();
      std::cout << "The log still holds the checkpoint of " << checkpoint.entry_count() << " entries"
                << (checkpoint.has_issued_at()
                        ? " issued " + WardTime(checkpoint.issued_at(), WardTimePrecision::kSeconds)
                        : "")
                << (checkpoint.issued_by().name().empty() ? "" : " by " + ActorWords(checkpoint.issued_by()))
                << ".\n";
    }
    return;
  }
  const v1::AuditChainFinding& finding = verification.finding();
  std::cout << "NOT INTACT: " << FindingKindWords(finding.kind()) << " at entry " << finding.sequence();
  if (finding.last_sequence() != finding.sequence()) std::cout << " to " << finding.last_sequence();
  std::cout << " (position " << finding.position() << ")\n"
            << finding.description() << "\n"
            << verification.entries_checked() << " entries checked.\n";
}

void AddAudit(CLI::App& app, const ClientOptions& options, int& exit_code) {
  auto* audit = app.add_subcommand("audit", "The tamper-evident audit log (auditors and ward officers)");
  audit->require_subcommand(1);

  struct VerifyArgs {
    bool latest = false;
    uint64_t count = 0;
    std::string hash;
  };
  auto verify_args = std::make_shared<VerifyArgs>();
  auto* verify = audit->add_subcommand(
      "verify", "Walk the hash chain and name the first bad entry; exit 2 when it is not intact");
  verify->add_flag("--latest", verify_args->latest, "Also check against the latest stored checkpoint");
  auto* count = verify->add_option("--checkpoint-count", verify_args->count,
                                   "Check against a checkpoint you wrote down: its entry count");
  auto* hash = verify->add_option("--checkpoint-hash", verify_args->hash, "... and its head hash (hex)");
  count->needs(hash);
  hash->needs(count);
  verify->callback([&options, &exit_code, verify_args, hash] {
    v1::VerifyAuditRequest request;
    if (hash->count() > 0) {
      const std::optional<std::string> bytes = FromHex(verify_args->hash);
      if (!bytes) {
        std::cerr << "--checkpoint-hash must be hexadecimal, as `ansinh audit checkpoint` prints it\n";
        exit_code = 1;
        return;
      }
      request.mutable_checkpoint()->set_entry_count(verify_args->count);
      request.mutable_checkpoint()->set_head_hash(*bytes);
    }
    request.set_use_latest_checkpoint(verify_args->latest);
    v1::VerifyAuditResponse response;
    const grpc::Status status = Stub(options)->VerifyAudit(options.Context().get(), request, &response);
    exit_code = Finish(options, status, "verifying the audit log", response,
                       [&] { PrintVerification(response.verification()); });
    if (exit_code == 0 && !response.verification().intact()) exit_code = 2;
  });

  auto* checkpoint =
      audit->add_subcommand("checkpoint", "Issue a checkpoint (entry count and head hash) to write down");
  checkpoint->callback([&options, &exit_code] {
    v1::IssueCheckpointResponse response;
    const grpc::Status status =
        Stub(options)->IssueCheckpoint(options.Context().get(), v1::IssueCheckpointRequest{}, &response);
    exit_code = Finish(options, status, "issuing a checkpoint", response, [&] {
      const v1::AuditChainCheckpoint& issued = response.checkpoint();
      std::cout << "Checkpoint issued " << WardTime(issued.issued_at(), WardTimePrecision::kSeconds) << " by "
                << ActorWords(issued.issued_by()) << "\n"
                << "  entries:   " << issued.entry_count() << "\n"
                << "  head hash: " << Hex(issued.head_hash()) << "\n"
                << "Keep a copy. To check the log against it later:\n"
                << "  ansinh audit verify --checkpoint-count " << issued.entry_count()
                << " --checkpoint-hash " << Hex(issued.head_hash()) << "\n";
    });
  });

  struct ListArgs {
    int page_size = 0;
    std::string page_token;
  };
  auto list_args = std::make_shared<ListArgs>();
  auto* checkpoints = audit->add_subcommand("checkpoints", "The checkpoints issued so far, newest first");
  checkpoints->add_option("--page-size", list_args->page_size, "Checkpoints per page (default 50)");
  checkpoints->add_option("--page-token", list_args->page_token, "The token printed after the previous page");
  checkpoints->callback([&options, &exit_code, list_args] {
    v1::ListCheckpointsRequest request;
    request.mutable_page()->set_page_size(list_args->page_size);
    request.mutable_page()->set_page_token(list_args->page_token);
    v1::ListCheckpointsResponse response;
    const grpc::Status status = Stub(options)->ListCheckpoints(options.Context().get(), request, &response);
    exit_code = Finish(options, status, "listing checkpoints", response, [&] {
      Table table({"ISSUED (UTC+7)", "BY", "ENTRIES", "HEAD HASH"});
      for (const v1::AuditChainCheckpoint& issued : response.checkpoints()) {
        table.AddRow({WardTime(issued.issued_at(), WardTimePrecision::kSeconds),
                      ActorWords(issued.issued_by()), std::to_string(issued.entry_count()),
                      Hex(issued.head_hash())});
      }
      table.Print(std::cout);
      std::cout << response.checkpoints_size() << " of " << response.page().total_size() << " checkpoints";
      if (!response.page().next_page_token().empty()) {
        std::cout << "; next page: --page-token " << response.page().next_page_token();
      }
      std::cout << "\n";
    });
  });

  struct ExportArgs {
    std::string format = "csv", output;
    uint64_t from = 0, to = 0;
  };
  auto export_args = std::make_shared<ExportArgs>();
  auto* exporting = audit->add_subcommand(
      "export", "The log as CSV or JSON, with every hashed field, to re-verify offline");
  exporting->add_option("--format", export_args->format, "csv or json")
      ->check(CLI::IsMember({"csv", "json"}))
      ->capture_default_str();
  exporting->add_option("--from", export_args->from, "First sequence (default: the first entry)");
  exporting->add_option("--to", export_args->to, "Last sequence (default: the head)");
  exporting->add_option("--output", export_args->output, "Write the document to this file");
  exporting->callback([&options, &exit_code, export_args] {
    v1::ExportAuditRequest request;
    request.set_format(FormatOf(export_args->format));
    request.set_from_sequence(export_args->from);
    request.set_to_sequence(export_args->to);
    v1::ExportAuditResponse response;
    const grpc::Status status = Stub(options)->ExportAudit(options.Context().get(), request, &response);
    exit_code = status.ok() ? WriteDocument(options, response.document(), export_args->output)
                            : ReportError(status, "exporting the audit log");
  });
}

// ---------------------------------------------------------------------------
// Alerts
// ---------------------------------------------------------------------------

std::string AlertKindWords(v1::WardAlert::Kind kind) {
  switch (kind) {
    case v1::WardAlert::KIND_NO_ORGANIZATION:
      return "no organization";
    case v1::WardAlert::KIND_NO_HELPER:
      return "no helper";
    case v1::WardAlert::KIND_NO_RECENT_VISIT:
      return "no recent visit";
    case v1::WardAlert::KIND_REVIEW_DEADLINE_NEAR:
      return "review deadline near";
    case v1::WardAlert::KIND_REVIEW_DEADLINE_PASSED:
      return "review deadline passed";
    case v1::WardAlert::KIND_DEAD_LETTERED_EVENT:
      return "dead-lettered event";
    default:
      return "?";
  }
}

void AddAlerts(CLI::App& app, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string organization, as_of;
  };
  auto args = std::make_shared<Args>();
  auto* command = app.add_subcommand("alerts", "What needs attention now, per organization, oldest first");
  command->add_option("--organization", args->organization, "Only this organization's alerts");
  command->add_option("--as-of", args->as_of, "Compute the alerts on this date (YYYY-MM-DD)");
  command->callback([&options, &exit_code, args] {
    v1::ListAlertsRequest request;
    request.set_organization_id(args->organization);
    request.set_as_of(args->as_of);
    v1::ListAlertsResponse response;
    const grpc::Status status = Stub(options)->ListAlerts(options.Context().get(), request, &response);
    exit_code = Finish(options, status, "listing alerts", response, [&] {
      Table table({"ORGANIZATION", "ALERT", "HOUSEHOLD", "SINCE", "AGE (DAYS)", "DETAILS"});
      int total = 0;
      for (const v1::OrganizationAlerts& group : response.organizations()) {
        for (const v1::WardAlert& alert : group.alerts()) {
          table.AddRow({group.organization_id().empty() ? "(ward officers)" : group.organization_id(),
                        AlertKindWords(alert.kind()), alert.household_id(), alert.since(),
                        std::to_string(alert.age_days()), alert.message()});
          ++total;
        }
      }
      if (total == 0) {
        std::cout << "No alerts.\n";
        return;
      }
      table.Print(std::cout);
      std::cout << total << (total == 1 ? " alert" : " alerts") << "\n";
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
