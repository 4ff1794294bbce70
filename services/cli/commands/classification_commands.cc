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
#include "commands/review_list_commands.h"
#include "output.h"

namespace ansinh::cli {
namespace {

// ---------------------------------------------------------------------------
// Enumerations as typed and printed: POVERTY_CATEGORY_NEAR_POOR <-> "near-poor".
// ---------------------------------------------------------------------------

std::string Label(const google::protobuf::EnumDescriptor* descriptor, std::string_view prefix, int number) {
  const google::protobuf::EnumValueDescriptor* value = descriptor->FindValueByNumber(number);
  if (value == nullptr) return std::to_string(number);
  if (number == 0) return "-";
  std::string name = value->name().substr(prefix.size());
  for (char& c : name) c = c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

std::string CategoryLabel(v1::PovertyCategory category) {
  return Label(v1::PovertyCategory_descriptor(), "POVERTY_CATEGORY_", category);
}
std::string TransitionLabel(v1::Transition transition) {
  return Label(v1::Transition_descriptor(), "TRANSITION_", transition);
}
std::string StateLabel(v1::HouseholdReviewState state) {
  return Label(v1::HouseholdReviewState_descriptor(), "HOUSEHOLD_REVIEW_STATE_", state);
}
std::string KindLabel(v1::ReviewKind kind) {
  return Label(v1::ReviewKind_descriptor(), "REVIEW_KIND_", kind);
}
std::string RoundStatusLabel(v1::RoundStatus status) {
  return Label(v1::RoundStatus_descriptor(), "ROUND_STATUS_", status);
}
std::string DimensionLabel(v1::Dimension dimension) {
  return Label(v1::Dimension_descriptor(), "DIMENSION_", dimension);
}

const std::vector<std::string> kCategoryChoices = {"poor", "near-poor", "average", "not-poor"};

v1::PovertyCategory ParseCategory(const std::string& text) {
  if (text.empty()) return v1::POVERTY_CATEGORY_UNSPECIFIED;
  std::string name = "POVERTY_CATEGORY_";
  for (char c : text) name += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  v1::PovertyCategory category = v1::POVERTY_CATEGORY_UNSPECIFIED;
  v1::PovertyCategory_Parse(name, &category);
  return category;
}

// "1 household", "3 households".
std::string Households(int count) {
  return std::to_string(count) + (count == 1 ? " household" : " households");
}
std::string YesNo(bool value) { return value ? "yes" : "no"; }

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
  std::cout << "round " << round.round_id() << ": " << KindLabel(round.kind()) << " review, "
            << ReviewYears(round.review_year(), round.list_year());
  if (round.kind() == v1::REVIEW_KIND_REGULAR) std::cout << " for household " << round.household_id();
  std::cout << ", standard " << round.standard_id() << " v" << round.standard_version() << "\n"
            << "  status: " << RoundStatusLabel(round.status()) << "; opened " << round.opened_date()
            << " by " << round.opened_by() << "\n";
  if (!round.window_start().empty()) {
    std::cout << "  review window " << round.window_start() << " to " << round.window_end() << "\n";
  }
  if (!round.outside_window_reason().empty()) {
    std::cout << "  opened outside its window: " << round.outside_window_reason() << "\n";
  }
  if (!round.deadline_date().empty()) std::cout << "  decision due by " << round.deadline_date() << "\n";
  if (!round.last_posted_date().empty()) std::cout << "  last posted " << round.last_posted_date() << "\n";
  if (!round.approved_date().empty()) {
    std::cout << "  approved " << round.approved_date() << " by " << round.approved_by();
    if (!round.decision_number().empty()) std::cout << ", decision " << round.decision_number();
    if (!round.approval_entered_date().empty() && round.approval_entered_date() != round.approved_date()) {
      std::cout << " (entered " << round.approval_entered_date() << ")";
    }
    std::cout << "\n";
  }
}

void PrintRoundHousehold(const v1::RoundHousehold& household) {
  std::cout << "household " << household.household_id() << " (" << OrDash(household.residential_group())
            << ") in round " << household.round_id() << ": " << StateLabel(household.state())
            << "; listed as " << ListReasonLabel(household.list_reason()) << "\n";
  if (household.has_proposed()) {
    std::cout << "  proposed: " << CategoryLabel(household.proposed().category()) << " (survey "
              << household.proposed().survey_id() << ", " << household.proposed().deprivation_count()
              << " deprivations)\n";
  }
  for (const v1::MeetingResult& meeting : household.meetings()) {
    std::cout << "  meeting " << meeting.meeting_date() << ": " << meeting.agreed() << " of "
              << meeting.attendees() << " agreed ("
              << (meeting.passed() ? "passed" : "not passed: a new survey is needed") << ")";
    if (!meeting.minutes_reference().empty()) std::cout << ", minutes " << meeting.minutes_reference();
    std::cout << "\n";
  }
  if (!household.posted_date().empty()) {
    std::cout << "  posted " << household.posted_date() << "; complaints until "
              << household.complaint_window_closes() << "\n";
  }
  for (const v1::Complaint& complaint : household.complaints()) {
    std::cout << "  complaint " << complaint.received_date() << " from " << complaint.complainant() << ": "
              << complaint.content() << "\n";
  }
  if (household.state() == v1::HOUSEHOLD_REVIEW_STATE_UNCLASSIFIABLE) {
    std::cout << "  survey " << household.unclassifiable_survey_id() << " cannot be classified; correct:\n";
    for (const v1::SurveyProblem& problem : household.survey_problems()) {
      std::cout << "    " << problem.field() << ": " << problem.description() << "\n";
    }
  }
}

void PrintProgress(const v1::GetRoundProgressResponse& response) {
  PrintRound(response.round());
  const v1::RoundProgress& progress = response.progress();
  Table table({"STEP", "HOUSEHOLDS"});
  table.AddRow({"on the list", std::to_string(progress.on_list())});
  table.AddRow({"  awaiting a survey or a decision", std::to_string(progress.listed())});
  table.AddRow({"  decided without a survey", std::to_string(progress.list_decided())});
  table.AddRow({"    of which carried over", std::to_string(progress.carried_over())});
  table.AddRow({"surveyed", std::to_string(progress.surveyed())});
  table.AddRow({"proposed (awaiting meeting)", std::to_string(progress.proposed())});
  table.AddRow({"unclassifiable", std::to_string(progress.unclassifiable())});
  table.AddRow({"agreed at meeting", std::to_string(progress.agreed())});
  table.AddRow({"sent back (new survey)", std::to_string(progress.sent_back())});
  table.AddRow({"posted", std::to_string(progress.posted())});
  table.AddRow({"  of which ready for approval", std::to_string(progress.ready_for_approval())});
  table.AddRow({"complained (re-check)", std::to_string(progress.complained())});
  table.AddRow({"approved", std::to_string(progress.approved())});
  table.AddRow({"excluded", std::to_string(progress.excluded())});
  std::cout << "\n";
  table.Print(std::cout);
  if (progress.overdue()) std::cout << "\nOVERDUE: the regular review is past its deadline\n";
  if (progress.earlier_surveys_joining()) {
    std::cout
        << "\nSurveys recorded before the round opened are still joining it: the counts can still grow\n";
  }
  if (progress.unclassifiable_households_size() > 0) {
    std::cout << "\nSurveys to correct:\n";
    Table problems({"HOUSEHOLD", "WHY"});
    for (const v1::HouseholdError& problem : progress.unclassifiable_households()) {
      problems.AddRow({problem.household_id(), problem.message()});
    }
    problems.Print(std::cout);
  }
}

void PrintClassification(const v1::ClassificationResult& result) {
  std::cout << "household " << result.household_id() << " (" << OrDash(result.residential_group())
            << "), survey " << result.survey_id() << " of " << result.as_of_date() << ", "
            << ReviewYears(result.review_year(), result.list_year()) << "\n"
            << "standard " << result.standard_id() << " v" << result.standard_version() << "\n\n"
            << "category: " << CategoryLabel(result.category()) << "\n  " << result.category_reason() << "\n"
            << "income ("
            << (result.income_basis() == v1::INCOME_BASIS_SCORE_A ? "score A" : "measured income")
            << "): " << result.income_reason() << "\n"
            << "deprived indicators: " << result.deprivation_count() << " of " << result.indicators_size()
            << " (" << result.poor_deprivation_count() << " make a household poor)\n"
            << "members with labour capacity: " << result.members_with_labour_capacity()
            << (result.without_labour_capacity() ? " (poor without labour capacity)" : "") << "\n";
  // Results stored before the reason existed have none.
  if (!result.labour_capacity_reason().empty()) std::cout << "  " << result.labour_capacity_reason() << "\n";
  std::cout << "\n";
  Table table({"INDICATOR", "DIMENSION", "DEPRIVED", "WHY"});
  for (const v1::IndicatorResult& indicator : result.indicators()) {
    table.AddRow({indicator.title(), DimensionLabel(indicator.dimension()), YesNo(indicator.deprived()),
                  indicator.reason()});
  }
  table.Print(std::cout);
}

void PrintApproved(const google::protobuf::RepeatedPtrField<v1::ApprovedResult>& approved) {
  Table table({"HOUSEHOLD", "GROUP", "CATEGORY", "PREVIOUS", "TRANSITION", "NO LABOUR CAPACITY", "DEPRIVED",
               "ROUND", "APPROVED"});
  for (const v1::ApprovedResult& result : approved) {
    table.AddRow({result.household_id(), result.residential_group(),
                  CategoryLabel(result.result().category()), CategoryLabel(result.previous_category()),
                  TransitionLabel(result.transition()), YesNo(result.result().without_labour_capacity()),
                  std::to_string(result.result().deprivation_count()), result.round_id(),
                  result.approved_date()});
  }
  table.Print(std::cout);
}

void PrintApprovalCounts(const v1::RoundApproved& approval) {
  Table table({"OF THE APPROVED", "HOUSEHOLDS"});
  table.AddRow({"poor", std::to_string(approval.poor())});
  table.AddRow(
      {"  of which without labour capacity", std::to_string(approval.poor_without_labour_capacity())});
  table.AddRow({"near-poor", std::to_string(approval.near_poor())});
  table.AddRow({"excluded from the approval", std::to_string(approval.exclusions_size())});
  table.Print(std::cout);
}

void PrintWhatIf(const v1::WhatIfResponse& response) {
  const v1::WhatIfReport& report = response.report();
  if (response.has_result()) {
    PrintClassification(response.result());
    std::cout << "\n";
  }
  std::cout << "under " << report.standard_id() << " v" << report.standard_version() << ": "
            << Households(report.classified()) << " classified, " << report.compared()
            << " with an official category, " << report.would_change() << " would change category\n"
            << "poor without labour capacity: " << report.official_poor_without_labour_capacity()
            << " officially, " << report.what_if_poor_without_labour_capacity() << " under the what-if\n\n";
  Table tallies({"CATEGORY", "OFFICIAL", "WHAT-IF"});
  for (const v1::CategoryTally& tally : report.tallies()) {
    tallies.AddRow(
        {CategoryLabel(tally.category()), std::to_string(tally.official()), std::to_string(tally.what_if())});
  }
  tallies.Print(std::cout);
  if (report.changes_size() > 0) {
    std::cout << "\n";
    Table changes({"HOUSEHOLD", "GROUP", "OFFICIAL", "WHAT-IF"});
    for (const v1::CategoryChange& change : report.changes()) {
      changes.AddRow({change.household_id(), change.residential_group(),
                      CategoryLabel(change.from_category()), CategoryLabel(change.to_category())});
    }
    changes.Print(std::cout);
  }
  if (report.errors_size() > 0) {
    std::cout << "\nNot classified:\n";
    Table errors({"HOUSEHOLD", "WHY"});
    for (const v1::HouseholdError& error : report.errors())
      errors.AddRow({error.household_id(), error.message()});
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
  auto* command =
      review.add_subcommand("open", "Open a review round (periodic, or --regular for one household)");
  command->add_option("--year", args->year, "The review period (year), e.g. 2025")->required();
  command->add_option(
      "--regular", args->household,
      "Open a regular review (15-day deadline) for this household instead of the periodic one");
  command->add_option("--date", args->date, "Day the round was opened, YYYY-MM-DD (default: today)");
  command->add_option("--outside-window-reason", args->outside_window_reason,
                      "Why a periodic round opens outside its window (1 September - 14 December)");
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
    exit_code = Finish(options, status, "opening the round", response, [&] {
      PrintRound(response.round());
      if (response.round().kind() == v1::REVIEW_KIND_PERIODIC) {
        std::cout << "  its list: every household officially poor or near-poor (`ansinh review households "
                  << response.round().round_id() << " --list-only`)\n";
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
  auto* command = review.add_subcommand("meeting", "Record the residential-group meeting about a household");
  command->add_option("round", args->round, "The round, e.g. R-2025")->required();
  command->add_option("household", args->household, "The household, e.g. HH-000123")->required();
  command->add_option("--date", args->date, "Day of the meeting, YYYY-MM-DD")->required();
  command->add_option("--attendees", args->attendees, "People present")->required();
  command->add_option("--agreed", args->agreed, "How many agreed with the proposed result")->required();
  command->add_option("--minutes", args->minutes, "Where the signed minutes are kept");
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
    exit_code = Finish(options, status, "recording the meeting", response,
                       [&] { PrintRoundHousehold(response.household()); });
  });
}

void AddReviewPost(CLI::App& review, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string round, date;
  };
  auto args = std::make_shared<Args>();
  auto* command =
      review.add_subcommand("post", "Post every household agreed at its meeting; opens the complaint window");
  command->add_option("round", args->round, "The round")->required();
  command->add_option(
      "--date", args->date,
      "Day the results were posted, YYYY-MM-DD (default: today); the complaint window counts from it");
  command->callback([&options, &exit_code, args] {
    v1::PostResultsRequest request;
    request.set_round_id(args->round);
    request.set_posted_on(args->date);
    v1::PostResultsResponse response;
    auto context = options.Context();
    const grpc::Status status = Stub(options)->PostResults(context.get(), request, &response);
    exit_code = Finish(options, status, "posting the results", response, [&] {
      std::cout << "round " << response.round().round_id() << ": "
                << Households(response.posted_household_ids_size()) << " posted on "
                << response.round().last_posted_date() << "; complaints accepted until "
                << response.complaint_window_closes() << "\n";
      for (const std::string& id : response.posted_household_ids()) std::cout << "  " << id << "\n";
    });
  });
}

void AddReviewComplaint(CLI::App& review, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string round, household, complainant, content, date;
  };
  auto args = std::make_shared<Args>();
  auto* command =
      review.add_subcommand("complaint", "Record a complaint about a posted household (forces a re-check)");
  command->add_option("round", args->round, "The round")->required();
  command->add_option("household", args->household, "The posted household")->required();
  command->add_option("--complainant", args->complainant, "Who complains")->required();
  command->add_option("--content", args->content, "What the complaint says")->required();
  command->add_option("--date", args->date, "Day received, YYYY-MM-DD (default: today)");
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
    exit_code = Finish(options, status, "recording the complaint", response,
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
  auto* command = review.add_subcommand(
      "approve", "The chairman's approval: makes the round's results official and publishes the statuses");
  command->add_option("round", args->round, "The round")->required();
  command
      ->add_option("--decision-number", args->decision_number,
                   "The number of the chairman's decision, e.g. 125/QĐ-UBND")
      ->required();
  command
      ->add_option("--decision-date", args->decision_date,
                   "The decision's date, YYYY-MM-DD: the results are official from it")
      ->required();
  command->add_option("--exclude", args->exclusions,
                      "HOUSEHOLD=REASON: leave a household out of the approval, with why (repeatable)");
  command->add_flag("--counts-only", args->counts_only,
                    "Print the counts, not every household's result (a province's round; list them with "
                    "`ansinh official list`)");
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
    exit_code = Finish(options, status, "approving the round", response, [&] {
      std::cout << "round " << response.round().round_id() << " approved by decision "
                << response.round().decision_number() << " of " << response.round().decision_date() << " ("
                << response.round().approved_by()
                << "): " << Households(response.approval().approved_household_ids_size()) << " official from "
                << response.round().decision_date() << "\n\n";
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
  auto* command =
      review.add_subcommand("progress", "How far a round has come, and which surveys need correcting");
  command->add_option("round", *round, "The round")->required();
  command->callback([&options, &exit_code, round] {
    v1::GetRoundProgressRequest request;
    request.set_round_id(*round);
    v1::GetRoundProgressResponse response;
    auto context = options.Context();
    const grpc::Status status = Stub(options)->GetRoundProgress(context.get(), request, &response);
    exit_code = Finish(options, status, "reading the round's progress", response, [&] {
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
  auto* command = review.add_subcommand("list", "The review rounds, newest first");
  command->add_option("--year", args->year, "Only this review year");
  command->add_option("--status", args->status, "Only open or approved rounds")
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
    exit_code = Finish(options, status, "listing the rounds", response, [&] {
      Table table({"ROUND", "REVIEWED", "LIST", "KIND", "HOUSEHOLD", "STATUS", "OPENED", "DEADLINE", "POSTED",
                   "APPROVED", "STANDARD"});
      for (const v1::ReviewRound& round : response.rounds()) {
        table.AddRow({round.round_id(), std::to_string(round.review_year()),
                      std::to_string(round.list_year()), KindLabel(round.kind()),
                      OrDash(round.household_id()), RoundStatusLabel(round.status()), round.opened_date(),
                      OrDash(round.deadline_date()), OrDash(round.last_posted_date()),
                      OrDash(round.approved_date()), round.standard_id()});
      }
      table.Print(std::cout);
    });
  });
}

// ---------------------------------------------------------------------------
// ansinh review demo: the demo ward's periodic review from opening to approval
// ---------------------------------------------------------------------------

// The demo's paper trail: the days the steps happened in the ward, and the
// meeting every household gets (17 of 20 agree, well above the 50% needed).
constexpr std::string_view kDemoOpenedDay = "-11-03";
constexpr std::string_view kDemoMeetingDay = "-11-10";
constexpr std::string_view kDemoPostedDay = "-11-17";
constexpr int kDemoAttendees = 20;
constexpr int kDemoAgreed = 17;
constexpr std::string_view kDemoExclusionReason = "survey to be corrected";
// The demo chairman's decision, numbered per year: "01/QĐ-UBND-DEMO-2025".
constexpr std::string_view kDemoDecisionNumber = "01/QĐ-UBND-DEMO";
// A residential group's households fit one meeting's minutes.
constexpr size_t kDemoHouseholdsPerMeeting = 500;
// Surveys recorded before the opening join the round while it opens, the
// rest as the service consumes the registry's events: a bounded wait.
constexpr auto kDemoJoinWait = std::chrono::seconds(120);
// Households without a survey of the year never join: once the count has
// stopped growing for this long, every survey the registry holds is in.
constexpr auto kDemoJoinSettled = std::chrono::seconds(10);
constexpr auto kDemoPollInterval = std::chrono::milliseconds(500);
// Approval writes every household's official status: more than a usual call.
constexpr auto kDemoApprovalDeadline = std::chrono::seconds(120);

struct WardHousehold {
  std::string id;
  std::string group;
};

class ReviewDemo {
 public:
  // The chairman's decision approving the demo's round is dated
  // `decision_date`: today by the ward's calendar unless given.
  ReviewDemo(const ClientOptions& options, int year, std::string decision_date)
      : options_(options), year_(year), decision_date_(std::move(decision_date)), stub_(Stub(options)) {}

  // The exit code: 0 when the round is approved (now or before).
  int Run() {
    std::optional<v1::ReviewRound> round;
    if (int code = FindRound(round); code != 0) return code;
    if (round && round->status() == v1::ROUND_STATUS_APPROVED) {
      std::cout << "round " << round->round_id() << " was approved on " << round->approved_date() << " by "
                << round->approved_by() << "; the " << year_ << " review is done\n";
      return 0;
    }
    if (round) {
      std::cout << "continuing round " << round->round_id() << ", opened " << round->opened_date() << "\n";
    } else {
      round.emplace();
      if (int code = OpenRound(*round); code != 0) return code;
      std::cout << "opened round " << round->round_id() << " dated " << round->opened_date() << "\n";
    }
    // A round continued from an earlier opening may postdate the demo's days.
    const std::string meeting_date = std::max(Day(kDemoMeetingDay), round->opened_date());
    const std::string posted_date = std::max(Day(kDemoPostedDay), meeting_date);

    std::vector<WardHousehold> ward;
    if (int code = ListWard(ward); code != 0) return code;
    if (ward.empty()) {
      std::cerr << "the registry has no active household: load the demo ward first with `ansinh demo load`\n";
      return 1;
    }
    v1::RoundProgress progress;
    if (int code = WaitForSurveys(round->round_id(), static_cast<int>(ward.size()), progress); code != 0) {
      return code;
    }
    if (progress.proposed() > 0) {
      if (int code = RecordMeetings(round->round_id(), ward, meeting_date); code != 0) return code;
      if (int code = Progress(round->round_id(), progress); code != 0) return code;
    }
    if (progress.agreed() > 0) {
      if (int code = Post(round->round_id(), posted_date); code != 0) return code;
    }
    if (int code = Progress(round->round_id(), progress); code != 0) return code;
    return Approve(round->round_id(), progress);
  }

 private:
  std::string Day(std::string_view month_day) const { return std::to_string(year_) + std::string(month_day); }

  int FindRound(std::optional<v1::ReviewRound>& found) {
    v1::ListRoundsRequest request;
    request.set_review_year(year_);
    request.mutable_page()->set_page_size(500);
    v1::ListRoundsResponse response;
    auto context = options_.Context();
    const grpc::Status status = stub_->ListRounds(context.get(), request, &response);
    if (!status.ok()) return ReportError(status, "listing the rounds of " + std::to_string(year_));
    for (const v1::ReviewRound& round : response.rounds()) {
      if (round.kind() == v1::REVIEW_KIND_PERIODIC) found = round;
    }
    return 0;
  }

  int OpenRound(v1::ReviewRound& opened) {
    v1::OpenRoundRequest request;
    request.set_review_year(year_);
    request.set_kind(v1::REVIEW_KIND_PERIODIC);
    request.set_opened_on(Day(kDemoOpenedDay));
    v1::OpenRoundResponse response;
    auto context = options_.Context();
    const grpc::Status status = stub_->OpenRound(context.get(), request, &response);
    if (!status.ok()) return ReportError(status, "opening the " + std::to_string(year_) + " round");
    opened = response.round();
    return 0;
  }

  int ListWard(std::vector<WardHousehold>& ward) {
    auto registry = v1::Registry::NewStub(options_.Channel(options_.registry));
    v1::ListHouseholdsRequest request;
    request.set_status(v1::HOUSEHOLD_STATUS_ACTIVE);
    request.mutable_page()->set_page_size(500);
    do {
      v1::ListHouseholdsResponse response;
      auto context = options_.Context();
      const grpc::Status status = registry->ListHouseholds(context.get(), request, &response);
      if (!status.ok()) return ReportError(status, "listing the ward's households");
      for (const v1::Household& household : response.households()) {
        ward.push_back({household.household_id(), household.residential_group()});
      }
      request.mutable_page()->set_page_token(response.page().next_page_token());
    } while (!request.page().page_token().empty());
    return 0;
  }

  int Progress(const std::string& round_id, v1::RoundProgress& progress) {
    v1::GetRoundProgressRequest request;
    request.set_round_id(round_id);
    v1::GetRoundProgressResponse response;
    auto context = options_.Context();
    const grpc::Status status = stub_->GetRoundProgress(context.get(), request, &response);
    if (!status.ok()) return ReportError(status, "reading the round's progress");
    progress = response.progress();
    return 0;
  }

  int WaitForSurveys(const std::string& round_id, int households, v1::RoundProgress& progress) {
    const auto start = std::chrono::steady_clock::now();
    auto last_growth = start;
    int last_surveyed = -1;
    while (true) {
      if (int code = Progress(round_id, progress); code != 0) return code;
      const auto now = std::chrono::steady_clock::now();
      if (progress.surveyed() != last_surveyed) {
        last_surveyed = progress.surveyed();
        last_growth = now;
        std::cerr << "households in round " << round_id << ": " << last_surveyed << " of " << households
                  << " in the registry\n";
      }
      // Surveys recorded before the opening may still be joining (a large
      // import being consumed): until they are in, the count can still grow.
      const bool joining = progress.earlier_surveys_joining();
      if (progress.surveyed() >= households && !joining) return 0;
      if (progress.surveyed() > 0 && !joining && now - last_growth >= kDemoJoinSettled) {
        std::cerr << Households(households - progress.surveyed()) << " without a " << year_
                  << " survey stay out of the round\n";
        return 0;
      }
      if (now - start >= kDemoJoinWait) {
        std::cerr << "no survey of " << year_ << " joined round " << round_id << " within "
                  << kDemoJoinWait.count() << " s: are the registry and the classification service running, "
                  << "and was the demo ward loaded (`ansinh demo load`)?\n";
        return 1;
      }
      std::this_thread::sleep_for(kDemoPollInterval);
    }
  }

  // One meeting per residential group about every household of the group,
  // as wards hold them. The round cannot list its households, so each group
  // lists all of its households: those the round refuses (not in it, or no
  // longer PROPOSED: met already, unclassifiable) are left out of the
  // minutes, which also makes a second run harmless.
  int RecordMeetings(const std::string& round_id, const std::vector<WardHousehold>& ward,
                     const std::string& meeting_date) {
    std::map<std::string, std::vector<std::string>> groups;
    for (const WardHousehold& household : ward) groups[household.group].push_back(household.id);
    int recorded = 0;
    int meetings = 0;
    for (const auto& [group, households] : groups) {
      for (size_t start = 0; start < households.size(); start += kDemoHouseholdsPerMeeting) {
        v1::RecordGroupMeetingRequest request;
        request.set_round_id(round_id);
        request.set_meeting_date(meeting_date);
        request.set_minutes_reference("BB-" + group + "-" + std::to_string(year_));
        for (size_t i = start; i < households.size() && i < start + kDemoHouseholdsPerMeeting; ++i) {
          v1::GroupMeetingDecision* decision = request.add_decisions();
          decision->set_household_id(households[i]);
          decision->set_attendees(kDemoAttendees);
          decision->set_agreed(kDemoAgreed);
        }
        const GroupMeetingOutcome outcome =
            RecordGroupMeetingSkippingRefused(*stub_, options_, std::move(request));
        if (!outcome.status.ok())
          return ReportError(outcome.status, "recording the meeting of group " + group);
        recorded += outcome.recorded;
        if (outcome.recorded > 0) ++meetings;
      }
    }
    std::cout << "recorded " << meetings << " group meetings about " << recorded << " households, dated "
              << meeting_date << " (" << kDemoAgreed << " of " << kDemoAttendees << " agreed)\n";
    return 0;
  }

  int Post(const std::string& round_id, const std::string& posted_date) {
    v1::PostResultsRequest request;
    request.set_round_id(round_id);
    request.set_posted_on(posted_date);
    v1::PostResultsResponse response;
    auto context = options_.Context();
    const grpc::Status status = stub_->PostResults(context.get(), request, &response);
    if (!status.ok()) return ReportError(status, "posting the results");
    std::cout << "posted " << Households(response.posted_household_ids_size()) << " on " << posted_date
              << "; complaints accepted until " << response.complaint_window_closes() << "\n";
    return 0;
  }

  int Approve(const std::string& round_id, const v1::RoundProgress& progress) {
    v1::ApproveRoundRequest request;
    request.set_round_id(round_id);
    request.set_decision_number(std::string(kDemoDecisionNumber) + "-" + std::to_string(year_));
    request.set_decision_date(decision_date_.empty() ? FormatIsoDate(WardClock().Today()) : decision_date_);
    if (progress.unclassifiable_households_size() > 0) {
      std::cout << "left out of the approval (" << kDemoExclusionReason << "):\n";
      for (const v1::HouseholdError& problem : progress.unclassifiable_households()) {
        std::cout << "  " << problem.household_id() << ": " << problem.message() << "\n";
        v1::Exclusion* exclusion = request.add_exclusions();
        exclusion->set_household_id(problem.household_id());
        exclusion->set_reason(std::string(kDemoExclusionReason));
      }
    }
    v1::ApproveRoundResponse response;
    auto context = options_.Context();
    context->set_deadline(std::chrono::system_clock::now() + kDemoApprovalDeadline);
    const grpc::Status status = stub_->ApproveRound(context.get(), request, &response);
    return Finish(options_, status, "approving the round", response, [&] {
      std::map<v1::PovertyCategory, int> by_category;
      for (const v1::ApprovedResult& result : response.approved()) ++by_category[result.result().category()];
      std::cout << "round " << round_id << " approved by decision " << response.round().decision_number()
                << " of " << response.round().approved_date() << ": " << Households(response.approved_size())
                << " now official\n\n";
      Table table({"CATEGORY", "HOUSEHOLDS"});
      for (const auto& [category, count] : by_category)
        table.AddRow({CategoryLabel(category), std::to_string(count)});
      table.Print(std::cout);
    });
  }

  const ClientOptions& options_;
  int year_;
  std::string decision_date_;
  std::unique_ptr<v1::Classification::Stub> stub_;
};

void AddReviewDemo(CLI::App& review, const ClientOptions& options, int& exit_code) {
  struct Args {
    int year = 2025;
    std::string decision_date;
  };
  auto args = std::make_shared<Args>();
  auto* command = review.add_subcommand(
      "demo",
      "Run the demo ward's periodic review end to end (open, meetings, posting, approval); idempotent");
  command->add_option("--year", args->year, "The review year of the surveys in the registry")
      ->capture_default_str();
  command->add_option("--decision-date", args->decision_date,
                      "Date of the chairman's decision approving the round, YYYY-MM-DD (default: today)");
  command->callback([&options, &exit_code, args] {
    exit_code = ReviewDemo(options, args->year, args->decision_date).Run();
  });
}

// ---------------------------------------------------------------------------
// ansinh classify, whatif, official, standards
// ---------------------------------------------------------------------------

void AddClassifyCommand(CLI::App& app, const ClientOptions& options, int& exit_code) {
  auto household = std::make_shared<std::string>();
  auto* command = app.add_subcommand(
      "classify", "The explained classification of a household's latest survey (changes nothing)");
  command->add_option("household", *household, "The household, e.g. HH-000123")->required();
  command->callback([&options, &exit_code, household] {
    v1::ClassifyHouseholdRequest request;
    request.set_household_id(*household);
    v1::ClassifyHouseholdResponse response;
    auto context = options.Context();
    const grpc::Status status = Stub(options)->ClassifyHousehold(context.get(), request, &response);
    exit_code = Finish(options, status, "classifying " + *household, response,
                       [&] { PrintClassification(response.result()); });
  });
}

void AddWhatIfCommand(CLI::App& app, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string standard, household;
  };
  auto args = std::make_shared<Args>();
  auto* command = app.add_subcommand(
      "whatif", "Classify the ward (or one household) under another standard and compare; changes nothing");
  command->add_option("standard", args->standard, "A loaded standard, e.g. decree-351-2025")->required();
  command->add_option("--household", args->household, "Only this household, with its explained result");
  command->callback([&options, &exit_code, args] {
    v1::WhatIfRequest request;
    request.set_standard_id(args->standard);
    request.set_household_id(args->household);
    v1::WhatIfResponse response;
    auto context = options.Context();
    const grpc::Status status = Stub(options)->WhatIf(context.get(), request, &response);
    exit_code = Finish(options, status, "the what-if", response, [&] { PrintWhatIf(response); });
  });
}

void AddOfficialCommands(CLI::App& app, const ClientOptions& options, int& exit_code) {
  auto* official =
      app.add_subcommand("official", "Official statuses: a household's history, lists by status");
  official->require_subcommand(1);

  auto household = std::make_shared<std::string>();
  auto* show = official->add_subcommand("show", "A household's current official status and its history");
  show->add_option("household", *household, "The household")->required();
  show->callback([&options, &exit_code, household] {
    v1::GetOfficialStatusRequest request;
    request.set_household_id(*household);
    v1::GetOfficialStatusResponse response;
    auto context = options.Context();
    const grpc::Status status = Stub(options)->GetOfficialStatus(context.get(), request, &response);
    exit_code = Finish(options, status, "reading the official status", response, [&] {
      if (!response.has_current()) {
        std::cout << "household " << *household << " has no approved result yet\n";
        return;
      }
      google::protobuf::RepeatedPtrField<v1::ApprovedResult> all = response.history();
      *all.Add() = response.current();
      std::cout << "household " << *household << ": " << CategoryLabel(response.current().result().category())
                << " since " << response.current().approved_date() << " (round "
                << response.current().round_id() << ")\n\n";
      PrintApproved(all);
    });
  });

  struct ListArgs {
    std::string category, group, page_token;
    bool without_labour_capacity = false;
    int page_size = 0;
  };
  auto list_args = std::make_shared<ListArgs>();
  auto* list = official->add_subcommand("list", "Households by current official status, ordered by id");
  list->add_option("--category", list_args->category, "Only this category")
      ->check(CLI::IsMember(kCategoryChoices));
  list->add_flag("--without-labour-capacity", list_args->without_labour_capacity,
                 "Only poor households in which no member can work");
  list->add_option("--group", list_args->group, "Only this residential group, e.g. TDP-05");
  list->add_option("--page-size", list_args->page_size, "Households per page (default 50, at most 500)");
  list->add_option("--page-token", list_args->page_token, "Continue after a previous page");
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
    exit_code = Finish(options, status, "listing official statuses", response, [&] {
      Table table({"HOUSEHOLD", "GROUP", "CATEGORY", "NO LABOUR CAPACITY", "DEPRIVED", "TRANSITION",
                   "REVIEWED", "LIST", "ROUND", "APPROVED", "STANDARD"});
      for (const v1::HouseholdStatusSummary& summary : response.households()) {
        table.AddRow({summary.household_id(), summary.residential_group(), CategoryLabel(summary.category()),
                      YesNo(summary.without_labour_capacity()), std::to_string(summary.deprivation_count()),
                      TransitionLabel(summary.transition()), std::to_string(summary.review_year()),
                      summary.list_year() == 0 ? "-" : std::to_string(summary.list_year()),
                      summary.round_id(), summary.approved_date(), summary.standard_id()});
      }
      table.Print(std::cout);
      std::cout << "\n"
                << response.households_size() << " of "
                << Households(static_cast<int>(response.page().total_size()));
      if (!response.page().next_page_token().empty()) {
        std::cout << "; next page: --page-token " << response.page().next_page_token();
      }
      std::cout << "\n";
    });
  });
}

void AddStandardsCommand(CLI::App& app, const ClientOptions& options, int& exit_code) {
  auto* command = app.add_subcommand("standards", "The poverty standards the classification service loaded");
  command->callback([&options, &exit_code] {
    v1::ListStandardsResponse response;
    auto context = options.Context();
    const grpc::Status status =
        Stub(options)->ListStandards(context.get(), v1::ListStandardsRequest{}, &response);
    exit_code = Finish(options, status, "listing the standards", response, [&] {
      Table table({"STANDARD", "VERSION", "REVIEW YEARS", "INDICATORS", "LEGAL REFERENCE"});
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
  auto* review = app.add_subcommand("review",
                                    "The review procedure: open, add, decide, households, meeting, "
                                    "group-meeting, post, complaint, approve, "
                                    "progress, list, demo");
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
