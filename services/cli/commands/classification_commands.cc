#include "commands/classification_commands.h"

#include <google/protobuf/descriptor.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "ansinh/v1/classification.grpc.pb.h"
#include "ansinh/v1/registry.grpc.pb.h"
#include "commands/group_meeting_command.h"
#include "commands/review_demo.h"
#include "commands/review_list_commands.h"
#include "enum_words.h"
#include "output.h"

namespace ansinh::cli {
namespace {

// ---------------------------------------------------------------------------
// Enumerations as typed: "near-poor" -> POVERTY_CATEGORY_NEAR_POOR. Printed
// in words by EnumWords (enum_words.h).
// ---------------------------------------------------------------------------

const std::vector<std::string> kCategoryChoices = {"poor", "near-poor", "average", "not-poor"};

v1::PovertyCategory ParseCategory(const std::string& text) {
  if (text.empty()) return v1::POVERTY_CATEGORY_UNSPECIFIED;
  std::string name = "POVERTY_CATEGORY_";
  for (char c : text) name += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  v1::PovertyCategory category = v1::POVERTY_CATEGORY_UNSPECIFIED;
  v1::PovertyCategory_Parse(name, &category);
  return category;
}

// "1 household", "3 households"; "3 hộ".
std::string Households(int count) { return Tr("cli.households", {{"count", count}}); }
std::string YesNo(bool value) { return Tr(value ? "cli.yes" : "cli.no"); }

// ---------------------------------------------------------------------------
// Calls
// ---------------------------------------------------------------------------

std::unique_ptr<v1::Classification::Stub> Stub(const ClientOptions& options) {
  return v1::Classification::NewStub(options.Channel(options.classification));
}

// ---------------------------------------------------------------------------
// Printing
// ---------------------------------------------------------------------------

void PrintRound(const v1::ReviewRound& round) {
  std::cout << Tr("cli.round.title", {{"round", round.round_id()},
                                      {"kind", EnumWords(round.kind())},
                                      {"years", ReviewYears(round.review_year(), round.list_year())}});
  if (round.kind() == v1::REVIEW_KIND_REGULAR) {
    std::cout << Tr("cli.round.for_household", {{"household", round.household_id()}});
  }
  std::cout << Tr("cli.round.standard",
                  {{"standard", round.standard_id()}, {"version", round.standard_version()}})
            << "\n"
            << Tr("cli.round.status", {{"status", EnumWords(round.status())},
                                       {"opened", round.opened_date()},
                                       {"by", round.opened_by()}})
            << "\n";
  if (!round.window_start().empty()) {
    std::cout << Tr("cli.round.window", {{"start", round.window_start()}, {"end", round.window_end()}})
              << "\n";
  }
  if (!round.outside_window_reason().empty()) {
    std::cout << Tr("cli.round.outside_window", {{"reason", round.outside_window_reason()}}) << "\n";
  }
  if (!round.deadline_date().empty()) {
    std::cout << Tr("cli.round.deadline", {{"date", round.deadline_date()}}) << "\n";
  }
  if (!round.last_posted_date().empty()) {
    std::cout << Tr("cli.round.last_posted", {{"date", round.last_posted_date()}}) << "\n";
  }
  if (!round.approved_date().empty()) {
    std::cout << Tr("cli.round.approved", {{"date", round.approved_date()}, {"by", round.approved_by()}});
    if (!round.decision_number().empty()) {
      std::cout << Tr("cli.round.decision", {{"decision", round.decision_number()}});
    }
    if (!round.approval_entered_date().empty() && round.approval_entered_date() != round.approved_date()) {
      std::cout << Tr("cli.round.entered", {{"date", round.approval_entered_date()}});
    }
    std::cout << "\n";
  }
}

void PrintRoundHousehold(const v1::RoundHousehold& household) {
  std::cout << Tr("cli.round_household.title", {{"household", household.household_id()},
                                                {"group", OrDash(household.residential_group())},
                                                {"round", household.round_id()},
                                                {"state", EnumWords(household.state())},
                                                {"reason", ListReasonLabel(household.list_reason())}})
            << "\n";
  if (household.has_proposed()) {
    std::cout << Tr("cli.round_household.proposed", {{"category", EnumWords(household.proposed().category())},
                                                     {"survey", household.proposed().survey_id()},
                                                     {"count", household.proposed().deprivation_count()}})
              << "\n";
  }
  for (const v1::MeetingResult& meeting : household.meetings()) {
    std::cout << Tr(
        meeting.passed() ? "cli.round_household.meeting_passed" : "cli.round_household.meeting_failed",
        {{"date", meeting.meeting_date()}, {"agreed", meeting.agreed()}, {"attendees", meeting.attendees()}});
    if (!meeting.minutes_reference().empty()) {
      std::cout << Tr("cli.round_household.minutes", {{"minutes", meeting.minutes_reference()}});
    }
    std::cout << "\n";
  }
  if (!household.posted_date().empty()) {
    std::cout << Tr("cli.round_household.posted",
                    {{"date", household.posted_date()}, {"closes", household.complaint_window_closes()}})
              << "\n";
  }
  for (const v1::Complaint& complaint : household.complaints()) {
    std::cout << Tr("cli.round_household.complaint", {{"date", complaint.received_date()},
                                                      {"complainant", complaint.complainant()},
                                                      {"content", complaint.content()}})
              << "\n";
  }
  if (household.state() == v1::HOUSEHOLD_REVIEW_STATE_UNCLASSIFIABLE) {
    std::cout << Tr("cli.round_household.unclassifiable", {{"survey", household.unclassifiable_survey_id()}})
              << "\n";
    for (const v1::SurveyProblem& problem : household.survey_problems()) {
      std::cout << "    " << problem.field() << ": " << Tr(problem.description_text(), problem.description())
                << "\n";
    }
  }
}

void PrintProgress(const v1::GetRoundProgressResponse& response) {
  PrintRound(response.round());
  const v1::RoundProgress& progress = response.progress();
  Table table(Headings({"heading.step", "heading.households"}));
  const auto row = [&table](std::string_view key, int count) { table.AddRow({Tr(key), Number(count)}); };
  row("cli.progress.on_list", progress.on_list());
  row("cli.progress.listed", progress.listed());
  row("cli.progress.list_decided", progress.list_decided());
  row("cli.progress.carried_over", progress.carried_over());
  row("cli.progress.surveyed", progress.surveyed());
  row("cli.progress.proposed", progress.proposed());
  row("cli.progress.unclassifiable", progress.unclassifiable());
  row("cli.progress.agreed", progress.agreed());
  row("cli.progress.sent_back", progress.sent_back());
  row("cli.progress.posted", progress.posted());
  row("cli.progress.ready_for_approval", progress.ready_for_approval());
  row("cli.progress.complained", progress.complained());
  row("cli.progress.approved", progress.approved());
  row("cli.progress.excluded", progress.excluded());
  std::cout << "\n";
  table.Print(std::cout);
  if (progress.overdue()) std::cout << "\n" << Tr("cli.progress.overdue") << "\n";
  if (progress.earlier_surveys_joining()) std::cout << "\n" << Tr("cli.progress.joining") << "\n";
  if (progress.unclassifiable_households_size() > 0) {
    std::cout << "\n" << Tr("cli.progress.to_correct") << "\n";
    Table problems(Headings({"heading.household", "heading.why"}));
    for (const v1::HouseholdError& problem : progress.unclassifiable_households()) {
      problems.AddRow({problem.household_id(), Tr(problem.text(), problem.message())});
    }
    problems.Print(std::cout);
  }
}

void PrintClassification(const v1::ClassificationResult& result) {
  std::cout << Tr("cli.classification.title",
                  {{"household", result.household_id()},
                   {"group", OrDash(result.residential_group())},
                   {"survey", result.survey_id()},
                   {"date", result.as_of_date()},
                   {"years", ReviewYears(result.review_year(), result.list_year())}})
            << "\n"
            << Tr("cli.classification.standard",
                  {{"standard", result.standard_id()}, {"version", result.standard_version()}})
            << "\n\n"
            << Tr("cli.classification.category", {{"category", EnumWords(result.category())}}) << "\n  "
            << Tr(result.category_reason_text(), result.category_reason()) << "\n"
            << Tr("cli.classification.income",
                  {{"basis", EnumWords(result.income_basis())},
                   {"reason", Tr(result.income_reason_text(), result.income_reason())}})
            << "\n"
            << Tr("cli.classification.deprived", {{"count", result.deprivation_count()},
                                                  {"indicators", result.indicators_size()},
                                                  {"poor", result.poor_deprivation_count()}})
            << "\n"
            << Tr(result.without_labour_capacity() ? "cli.classification.labour_capacity_none"
                                                   : "cli.classification.labour_capacity",
                  {{"count", result.members_with_labour_capacity()}})
            << "\n";
  // Results stored before the reason existed have none.
  if (!result.labour_capacity_reason().empty()) {
    std::cout << "  " << Tr(result.labour_capacity_reason_text(), result.labour_capacity_reason()) << "\n";
  }
  std::cout << "\n";
  Table table(Headings({"heading.indicator", "heading.dimension", "heading.deprived", "heading.why"}));
  for (const v1::IndicatorResult& indicator : result.indicators()) {
    // English shows the standard's own (official, Vietnamese) title.
    const std::string title = InEnglish() ? indicator.title() : EnumWords(indicator.kind());
    table.AddRow({title, EnumWords(indicator.dimension()), YesNo(indicator.deprived()),
                  Tr(indicator.reason_text(), indicator.reason())});
  }
  table.Print(std::cout);
}

void PrintApproved(const google::protobuf::RepeatedPtrField<v1::ApprovedResult>& approved) {
  Table table(Headings({"heading.household", "heading.group", "heading.category", "heading.previous",
                        "heading.transition", "heading.no_labour_capacity", "heading.deprived",
                        "heading.round", "heading.approved"}));
  for (const v1::ApprovedResult& result : approved) {
    table.AddRow({result.household_id(), result.residential_group(), EnumWords(result.result().category()),
                  EnumWords(result.previous_category()), EnumWords(result.transition()),
                  YesNo(result.result().without_labour_capacity()),
                  Number(result.result().deprivation_count()), result.round_id(),
                  Date(result.approved_date())});
  }
  table.Print(std::cout);
}

void PrintApprovalCounts(const v1::RoundApproved& approval) {
  Table table(Headings({"heading.of_the_approved", "heading.households"}));
  table.AddRow({Tr("cli.approval.poor"), Number(approval.poor())});
  table.AddRow(
      {Tr("cli.approval.poor_without_labour_capacity"), Number(approval.poor_without_labour_capacity())});
  table.AddRow({Tr("cli.approval.near_poor"), Number(approval.near_poor())});
  table.AddRow({Tr("cli.approval.excluded"), Number(approval.exclusions_size())});
  table.Print(std::cout);
}

void PrintWhatIf(const v1::WhatIfResponse& response) {
  const v1::WhatIfReport& report = response.report();
  if (response.has_result()) {
    PrintClassification(response.result());
    std::cout << "\n";
  }
  std::cout << Tr("cli.whatif.summary", {{"standard", report.standard_id()},
                                         {"version", report.standard_version()},
                                         {"households", Households(report.classified())},
                                         {"compared", report.compared()},
                                         {"changing", report.would_change()}})
            << "\n"
            << Tr("cli.whatif.without_labour_capacity",
                  {{"official", report.official_poor_without_labour_capacity()},
                   {"what_if", report.what_if_poor_without_labour_capacity()}})
            << "\n\n";
  Table tallies(Headings({"heading.category", "heading.official", "heading.what_if"}));
  for (const v1::CategoryTally& tally : report.tallies()) {
    tallies.AddRow({EnumWords(tally.category()), Number(tally.official()), Number(tally.what_if())});
  }
  tallies.Print(std::cout);
  if (report.changes_size() > 0) {
    std::cout << "\n";
    Table changes(Headings({"heading.household", "heading.group", "heading.official", "heading.what_if"}));
    for (const v1::CategoryChange& change : report.changes()) {
      changes.AddRow({change.household_id(), change.residential_group(), EnumWords(change.from_category()),
                      EnumWords(change.to_category())});
    }
    changes.Print(std::cout);
  }
  if (report.errors_size() > 0) {
    std::cout << "\n" << Tr("cli.whatif.not_classified") << "\n";
    Table errors(Headings({"heading.household", "heading.why"}));
    for (const v1::HouseholdError& error : report.errors()) {
      errors.AddRow({error.household_id(), Tr(error.text(), error.message())});
    }
    errors.Print(std::cout);
  }
}

// ---------------------------------------------------------------------------
// ansinh review ...
// ---------------------------------------------------------------------------

void AddReviewOpen(CLI::App& review, const ClientOptions& options, int& exit_code) {
  struct Args {
    int year = 0;
    std::string household, date, outside_window_reason;
  };
  auto args = std::make_shared<Args>();
  auto* command = review.add_subcommand("open", Tr("help.review.open"));
  command->add_option("--year", args->year, Tr("help.review.open.year"))->required();
  command->add_option("--regular", args->household, Tr("help.review.open.regular"));
  command->add_option("--date", args->date, Tr("help.review.open.date"));
  command->add_option("--outside-window-reason", args->outside_window_reason,
                      Tr("help.review.open.outside_window_reason"));
  command->callback([&options, &exit_code, args] {
    v1::OpenRoundRequest request;
    request.set_review_year(args->year);
    request.set_kind(args->household.empty() ? v1::REVIEW_KIND_PERIODIC : v1::REVIEW_KIND_REGULAR);
    request.set_household_id(args->household);
    request.set_opened_on(args->date);
    request.set_outside_window_reason(args->outside_window_reason);
    v1::OpenRoundResponse response;
    auto context = options.Context();
    const grpc::Status status = Stub(options)->OpenRound(context.get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.open_round"), response, [&] {
      PrintRound(response.round());
      if (response.round().kind() == v1::REVIEW_KIND_PERIODIC) {
        std::cout << Tr("cli.round.its_list", {{"round", response.round().round_id()}}) << "\n";
      }
    });
  });
}

void AddReviewMeeting(CLI::App& review, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string round, household, date, minutes;
    int attendees = 0;
    int agreed = 0;
  };
  auto args = std::make_shared<Args>();
  auto* command = review.add_subcommand("meeting", Tr("help.review.meeting"));
  command->add_option("round", args->round, Tr("help.arg.round_example"))->required();
  command->add_option("household", args->household, Tr("help.arg.household_example"))->required();
  command->add_option("--date", args->date, Tr("help.review.meeting.date"))->required();
  command->add_option("--attendees", args->attendees, Tr("help.review.meeting.attendees"))->required();
  command->add_option("--agreed", args->agreed, Tr("help.review.meeting.agreed"))->required();
  command->add_option("--minutes", args->minutes, Tr("help.review.meeting.minutes"));
  command->callback([&options, &exit_code, args] {
    v1::RecordMeetingRequest request;
    request.set_round_id(args->round);
    request.set_household_id(args->household);
    request.set_meeting_date(args->date);
    request.set_attendees(args->attendees);
    request.set_agreed(args->agreed);
    request.set_minutes_reference(args->minutes);
    v1::RecordMeetingResponse response;
    auto context = options.Context();
    const grpc::Status status = Stub(options)->RecordMeeting(context.get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.record_meeting"), response,
                       [&] { PrintRoundHousehold(response.household()); });
  });
}

void AddReviewPost(CLI::App& review, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string round, date;
  };
  auto args = std::make_shared<Args>();
  auto* command = review.add_subcommand("post", Tr("help.review.post"));
  command->add_option("round", args->round, Tr("help.arg.round"))->required();
  command->add_option("--date", args->date, Tr("help.review.post.date"));
  command->callback([&options, &exit_code, args] {
    v1::PostResultsRequest request;
    request.set_round_id(args->round);
    request.set_posted_on(args->date);
    v1::PostResultsResponse response;
    auto context = options.Context();
    const grpc::Status status = Stub(options)->PostResults(context.get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.post_results"), response, [&] {
      std::cout << Tr("cli.post.done", {{"round", response.round().round_id()},
                                        {"households", Households(response.posted_household_ids_size())},
                                        {"date", response.round().last_posted_date()},
                                        {"closes", response.complaint_window_closes()}})
                << "\n";
      for (const std::string& id : response.posted_household_ids()) std::cout << "  " << id << "\n";
    });
  });
}

void AddReviewComplaint(CLI::App& review, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string round, household, complainant, content, date;
  };
  auto args = std::make_shared<Args>();
  auto* command = review.add_subcommand("complaint", Tr("help.review.complaint"));
  command->add_option("round", args->round, Tr("help.arg.round"))->required();
  command->add_option("household", args->household, Tr("help.review.complaint.household"))->required();
  command->add_option("--complainant", args->complainant, Tr("help.review.complaint.complainant"))
      ->required();
  command->add_option("--content", args->content, Tr("help.review.complaint.content"))->required();
  command->add_option("--date", args->date, Tr("help.review.complaint.date"));
  command->callback([&options, &exit_code, args] {
    v1::FileComplaintRequest request;
    request.set_round_id(args->round);
    request.set_household_id(args->household);
    request.set_complainant(args->complainant);
    request.set_content(args->content);
    request.set_received_date(args->date);
    v1::FileComplaintResponse response;
    auto context = options.Context();
    const grpc::Status status = Stub(options)->FileComplaint(context.get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.record_complaint"), response,
                       [&] { PrintRoundHousehold(response.household()); });
  });
}

void AddReviewApprove(CLI::App& review, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string round, decision_number, decision_date;
    std::vector<std::string> exclusions;
    bool counts_only = false;
  };
  auto args = std::make_shared<Args>();
  auto* command = review.add_subcommand("approve", Tr("help.review.approve"));
  command->add_option("round", args->round, Tr("help.arg.round"))->required();
  command->add_option("--decision-number", args->decision_number, Tr("help.review.approve.decision_number"))
      ->required();
  command->add_option("--decision-date", args->decision_date, Tr("help.review.approve.decision_date"))
      ->required();
  command->add_option("--exclude", args->exclusions, Tr("help.review.approve.exclude"));
  command->add_flag("--counts-only", args->counts_only, Tr("help.review.approve.counts_only"));
  command->callback([&options, &exit_code, args] {
    v1::ApproveRoundRequest request;
    request.set_round_id(args->round);
    request.set_omit_results(args->counts_only);
    request.set_decision_number(args->decision_number);
    request.set_decision_date(args->decision_date);
    for (const std::string& text : args->exclusions) {
      const size_t equals = text.find('=');
      v1::Exclusion* exclusion = request.add_exclusions();
      exclusion->set_household_id(text.substr(0, equals));
      if (equals != std::string::npos) exclusion->set_reason(text.substr(equals + 1));
    }
    v1::ApproveRoundResponse response;
    auto context = options.Context();
    const grpc::Status status = Stub(options)->ApproveRound(context.get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.approve_round"), response, [&] {
      std::cout << Tr("cli.approve.done",
                      {{"round", response.round().round_id()},
                       {"decision", response.round().decision_number()},
                       {"date", response.round().decision_date()},
                       {"by", response.round().approved_by()},
                       {"households", Households(response.approval().approved_household_ids_size())}})
                << "\n\n";
      if (args->counts_only) {
        PrintApprovalCounts(response.approval());
      } else {
        PrintApproved(response.approved());
      }
    });
  });
}

void AddReviewProgress(CLI::App& review, const ClientOptions& options, int& exit_code) {
  auto round = std::make_shared<std::string>();
  auto* command = review.add_subcommand("progress", Tr("help.review.progress"));
  command->add_option("round", *round, Tr("help.arg.round"))->required();
  command->callback([&options, &exit_code, round] {
    v1::GetRoundProgressRequest request;
    request.set_round_id(*round);
    v1::GetRoundProgressResponse response;
    auto context = options.Context();
    const grpc::Status status = Stub(options)->GetRoundProgress(context.get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.read_progress"), response, [&] {
      PrintProgress(response);
      PrintListAwaiting(*Stub(options), options, *round);
    });
  });
}

void AddReviewList(CLI::App& review, const ClientOptions& options, int& exit_code) {
  struct Args {
    int year = 0;
    std::string status;
  };
  auto args = std::make_shared<Args>();
  auto* command = review.add_subcommand("list", Tr("help.review.list"));
  command->add_option("--year", args->year, Tr("help.review.list.year"));
  command->add_option("--status", args->status, Tr("help.review.list.status"))
      ->check(CLI::IsMember({"open", "approved"}));
  command->callback([&options, &exit_code, args] {
    v1::ListRoundsRequest request;
    request.set_review_year(args->year);
    if (args->status == "open") request.set_status(v1::ROUND_STATUS_OPEN);
    if (args->status == "approved") request.set_status(v1::ROUND_STATUS_APPROVED);
    request.mutable_page()->set_page_size(500);
    v1::ListRoundsResponse response;
    auto context = options.Context();
    const grpc::Status status = Stub(options)->ListRounds(context.get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.list_rounds"), response, [&] {
      Table table(Headings({"heading.round", "heading.reviewed", "heading.list", "heading.kind",
                            "heading.household", "heading.status", "heading.opened", "heading.deadline",
                            "heading.posted", "heading.approved", "heading.standard"}));
      for (const v1::ReviewRound& round : response.rounds()) {
        table.AddRow({round.round_id(), std::to_string(round.review_year()),
                      std::to_string(round.list_year()), EnumWords(round.kind()),
                      OrDash(round.household_id()), EnumWords(round.status()), Date(round.opened_date()),
                      Date(round.deadline_date()), Date(round.last_posted_date()),
                      Date(round.approved_date()), round.standard_id()});
      }
      table.Print(std::cout);
    });
  });
}

// ---------------------------------------------------------------------------
// ansinh review demo: the demo ward's periodic review from opening to approval
// ---------------------------------------------------------------------------

void AddReviewDemo(CLI::App& review, const ClientOptions& options, int& exit_code) {
  struct Args {
    int year = 2025;
    std::string decision_date;
  };
  auto args = std::make_shared<Args>();
  auto* command = review.add_subcommand("demo", Tr("help.review.demo"));
  command->add_option("--year", args->year, Tr("help.review.demo.year"))->capture_default_str();
  command->add_option("--decision-date", args->decision_date, Tr("help.review.demo.decision_date"));
  command->callback([&options, &exit_code, args] {
    exit_code = RunReviewDemo(options, args->year, args->decision_date, std::cout).exit_code;
  });
}

// ---------------------------------------------------------------------------
// ansinh classify, whatif, official, standards
// ---------------------------------------------------------------------------

void AddClassifyCommand(CLI::App& app, const ClientOptions& options, int& exit_code) {
  auto household = std::make_shared<std::string>();
  auto* command = app.add_subcommand("classify", Tr("help.classify"));
  command->add_option("household", *household, Tr("help.arg.household_example"))->required();
  command->callback([&options, &exit_code, household] {
    v1::ClassifyHouseholdRequest request;
    request.set_household_id(*household);
    v1::ClassifyHouseholdResponse response;
    auto context = options.Context();
    const grpc::Status status = Stub(options)->ClassifyHousehold(context.get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.classify", {{"household", *household}}), response,
                       [&] { PrintClassification(response.result()); });
  });
}

void AddWhatIfCommand(CLI::App& app, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string standard, household;
  };
  auto args = std::make_shared<Args>();
  auto* command = app.add_subcommand("whatif", Tr("help.whatif"));
  command->add_option("standard", args->standard, Tr("help.whatif.standard"))->required();
  command->add_option("--household", args->household, Tr("help.whatif.household"));
  command->callback([&options, &exit_code, args] {
    v1::WhatIfRequest request;
    request.set_standard_id(args->standard);
    request.set_household_id(args->household);
    v1::WhatIfResponse response;
    auto context = options.Context();
    const grpc::Status status = Stub(options)->WhatIf(context.get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.whatif"), response, [&] { PrintWhatIf(response); });
  });
}

void AddOfficialCommands(CLI::App& app, const ClientOptions& options, int& exit_code) {
  auto* official = app.add_subcommand("official", Tr("help.official"));
  official->require_subcommand(1);

  auto household = std::make_shared<std::string>();
  auto* show = official->add_subcommand("show", Tr("help.official.show"));
  show->add_option("household", *household, Tr("help.arg.household"))->required();
  show->callback([&options, &exit_code, household] {
    v1::GetOfficialStatusRequest request;
    request.set_household_id(*household);
    v1::GetOfficialStatusResponse response;
    auto context = options.Context();
    const grpc::Status status = Stub(options)->GetOfficialStatus(context.get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.read_official_status"), response, [&] {
      if (!response.has_current()) {
        std::cout << Tr("cli.official.none", {{"household", *household}}) << "\n";
        return;
      }
      google::protobuf::RepeatedPtrField<v1::ApprovedResult> all = response.history();
      *all.Add() = response.current();
      std::cout << Tr("cli.official.current",
                      {{"household", *household},
                       {"category", EnumWords(response.current().result().category())},
                       {"date", response.current().approved_date()},
                       {"round", response.current().round_id()}})
                << "\n\n";
      PrintApproved(all);
      // A result whose explanation could not be re-derived says why.
      for (const v1::ApprovedResult& approved : all) {
        if (approved.explanation_unavailable().empty()) continue;
        std::cout << "\n"
                  << Tr(approved.explanation_unavailable_text(), approved.explanation_unavailable()) << "\n";
      }
    });
  });

  struct ListArgs {
    std::string category, group, page_token;
    bool without_labour_capacity = false;
    int page_size = 0;
  };
  auto list_args = std::make_shared<ListArgs>();
  auto* list = official->add_subcommand("list", Tr("help.official.list"));
  list->add_option("--category", list_args->category, Tr("help.official.list.category"))
      ->check(CLI::IsMember(kCategoryChoices));
  list->add_flag("--without-labour-capacity", list_args->without_labour_capacity,
                 Tr("help.official.list.without_labour_capacity"));
  list->add_option("--group", list_args->group, Tr("help.arg.group_only"));
  list->add_option("--page-size", list_args->page_size, Tr("help.arg.page_size_households"));
  list->add_option("--page-token", list_args->page_token, Tr("help.arg.page_token"));
  list->callback([&options, &exit_code, list_args] {
    v1::ListHouseholdStatusesRequest request;
    request.set_category(ParseCategory(list_args->category));
    request.set_without_labour_capacity_only(list_args->without_labour_capacity);
    request.set_residential_group(list_args->group);
    request.mutable_page()->set_page_size(list_args->page_size);
    request.mutable_page()->set_page_token(list_args->page_token);
    v1::ListHouseholdStatusesResponse response;
    auto context = options.Context();
    const grpc::Status status = Stub(options)->ListHouseholdStatuses(context.get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.list_official_statuses"), response, [&] {
      Table table(
          Headings({"heading.household", "heading.group", "heading.category", "heading.no_labour_capacity",
                    "heading.deprived", "heading.transition", "heading.reviewed", "heading.list",
                    "heading.round", "heading.approved", "heading.standard"}));
      for (const v1::HouseholdStatusSummary& summary : response.households()) {
        table.AddRow({summary.household_id(), summary.residential_group(), EnumWords(summary.category()),
                      YesNo(summary.without_labour_capacity()), Number(summary.deprivation_count()),
                      EnumWords(summary.transition()), std::to_string(summary.review_year()),
                      summary.list_year() == 0 ? "-" : std::to_string(summary.list_year()),
                      summary.round_id(), Date(summary.approved_date()), summary.standard_id()});
      }
      table.Print(std::cout);
      std::cout << "\n"
                << Tr("cli.page.shown_of",
                      {{"shown", Number(response.households_size())},
                       {"total", Households(static_cast<int>(response.page().total_size()))}});
      if (!response.page().next_page_token().empty()) {
        std::cout << Tr("cli.page.next", {{"token", response.page().next_page_token()}});
      }
      std::cout << "\n";
    });
  });
}

void AddStandardsCommand(CLI::App& app, const ClientOptions& options, int& exit_code) {
  auto* command = app.add_subcommand("standards", Tr("help.standards"));
  command->callback([&options, &exit_code] {
    v1::ListStandardsResponse response;
    auto context = options.Context();
    const grpc::Status status =
        Stub(options)->ListStandards(context.get(), v1::ListStandardsRequest{}, &response);
    exit_code = Finish(options, status, Tr("doing.list_standards"), response, [&] {
      Table table(Headings({"heading.standard", "heading.version", "heading.review_years",
                            "heading.indicators", "heading.legal_reference"}));
      for (const v1::Standard& standard : response.standards()) {
        table.AddRow(
            {standard.id(), std::to_string(standard.version()),
             std::to_string(standard.first_list_year()) + "-" + std::to_string(standard.last_list_year()),
             std::to_string(standard.indicators_size()), standard.legal_reference()});
      }
      table.Print(std::cout);
    });
  });
}

}  // namespace

void AddClassificationCommands(CLI::App& app, const ClientOptions& options, int& exit_code) {
  auto* review = app.add_subcommand("review", Tr("help.review"));
  review->require_subcommand(1);
  AddReviewOpen(*review, options, exit_code);
  AddReviewListCommands(*review, options, exit_code);
  AddReviewMeeting(*review, options, exit_code);
  AddReviewGroupMeeting(*review, options, exit_code);
  AddReviewPost(*review, options, exit_code);
  AddReviewComplaint(*review, options, exit_code);
  AddReviewApprove(*review, options, exit_code);
  AddReviewProgress(*review, options, exit_code);
  AddReviewList(*review, options, exit_code);
  AddReviewDemo(*review, options, exit_code);
  AddClassifyCommand(app, options, exit_code);
  AddWhatIfCommand(app, options, exit_code);
  AddOfficialCommands(app, options, exit_code);
  AddStandardsCommand(app, options, exit_code);
}

}  // namespace ansinh::cli
