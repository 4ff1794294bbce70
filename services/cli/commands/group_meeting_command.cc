#include "commands/group_meeting_command.h"

#include <google/rpc/error_details.pb.h>
#include <google/rpc/status.pb.h>
#include <grpcpp/support/error_details.h>

#include <iostream>
#include <memory>
#include <set>
#include <tuple>
#include <vector>

#include "commands/registry_output.h"
#include "enum_words.h"
#include "output.h"

namespace ansinh::cli {
namespace {

constexpr std::string_view kDecisionPrefix = "decisions[";
constexpr std::string_view kHouseholdSuffix = "].household_id";

// The indexes of decisions[i].household_id a FAILED_PRECONDITION names.
std::set<int> RefusedDecisions(const grpc::Status& status) {
  std::set<int> refused;
  google::rpc::Status rich;
  if (!grpc::ExtractErrorDetails(status, &rich).ok()) return refused;
  for (const auto& detail : rich.details()) {
    google::rpc::BadRequest bad_request;
    if (!detail.UnpackTo(&bad_request)) continue;
    for (const auto& violation : bad_request.field_violations()) {
      const std::string& field = violation.field();
      if (!field.starts_with(kDecisionPrefix) || !field.ends_with(kHouseholdSuffix)) continue;
      const std::string index = field.substr(kDecisionPrefix.size(),
                                             field.size() - kDecisionPrefix.size() - kHouseholdSuffix.size());
      try {
        refused.insert(std::stoi(index));
      } catch (const std::exception&) {
        // Not an index: not one of ours.
      }
    }
  }
  return refused;
}

void PrintMeeting(const v1::RecordGroupMeetingResponse& response) {
  Table table(Headings({"heading.household", "heading.agreed", "heading.state"}));
  for (const v1::RoundHousehold& household : response.households()) {
    const v1::MeetingResult& meeting = household.meetings(household.meetings_size() - 1);
    table.AddRow(
        {household.household_id(),
         Tr("cli.meeting.agreed_of", {{"agreed", meeting.agreed()}, {"attendees", meeting.attendees()}}),
         EnumWords(household.state())});
  }
  table.Print(std::cout);
  std::cout << Tr("cli.meeting.recorded", {{"households", response.households_size()}}) << "\n";
}

}  // namespace

GroupMeetingOutcome RecordGroupMeetingSkippingRefused(v1::Classification::Stub& stub,
                                                      const ClientOptions& options,
                                                      v1::RecordGroupMeetingRequest request) {
  GroupMeetingOutcome outcome;
  for (int attempt = 0; attempt < 2; ++attempt) {
    v1::RecordGroupMeetingResponse response;
    auto context = options.Context();
    outcome.status = stub.RecordGroupMeeting(context.get(), request, &response);
    if (outcome.status.ok()) {
      outcome.recorded = response.households_size();
      return outcome;
    }
    const std::set<int> refused = RefusedDecisions(outcome.status);
    if (outcome.status.error_code() != grpc::StatusCode::FAILED_PRECONDITION || refused.empty() ||
        attempt > 0) {
      return outcome;
    }
    v1::RecordGroupMeetingRequest rest = request;
    rest.clear_decisions();
    for (int i = 0; i < request.decisions_size(); ++i) {
      if (!refused.contains(i)) *rest.add_decisions() = request.decisions(i);
    }
    outcome.skipped = request.decisions_size() - rest.decisions_size();
    if (rest.decisions().empty()) {
      outcome.status = grpc::Status::OK;
      return outcome;
    }
    request = std::move(rest);
  }
  return outcome;
}

void AddReviewGroupMeeting(CLI::App& review, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string round, date, minutes, json_file;
    std::vector<std::tuple<std::string, int, int>> decisions;
  };
  auto args = std::make_shared<Args>();
  auto* command = review.add_subcommand("group-meeting", Tr("help.review.group_meeting"));
  command->add_option("round", args->round, Tr("help.arg.round_example"));
  command->add_option("--date", args->date, Tr("help.review.meeting.date"));
  command->add_option("--minutes", args->minutes, Tr("help.review.meeting.minutes"));
  auto* decision =
      command->add_option("--decision", args->decisions, Tr("help.review.group_meeting.decision"));
  auto* json = command->add_option("--json-file", args->json_file, Tr("help.review.group_meeting.json_file"));
  decision->excludes(json);
  command->callback([&options, &exit_code, args] {
    v1::RecordGroupMeetingRequest request;
    try {
      if (!args->json_file.empty()) ReadJsonFile(args->json_file, request);
    } catch (const std::exception& error) {
      std::cerr << Tr("cli.error.plain", {{"message", error.what()}}) << "\n";
      exit_code = 2;
      return;
    }
    if (!args->round.empty()) request.set_round_id(args->round);
    if (!args->date.empty()) request.set_meeting_date(args->date);
    if (!args->minutes.empty()) request.set_minutes_reference(args->minutes);
    for (const auto& [household, attendees, agreed] : args->decisions) {
      v1::GroupMeetingDecision* item = request.add_decisions();
      item->set_household_id(household);
      item->set_attendees(attendees);
      item->set_agreed(agreed);
    }
    auto stub = v1::Classification::NewStub(options.Channel(options.classification));
    v1::RecordGroupMeetingResponse response;
    auto context = options.Context();
    const grpc::Status status = stub->RecordGroupMeeting(context.get(), request, &response);
    if (!status.ok()) {
      exit_code = ReportError(status, Tr("doing.record_meeting"));
      return;
    }
    if (options.json) {
      std::cout << ToJson(response) << "\n";
    } else {
      PrintMeeting(response);
    }
    exit_code = 0;
  });
}

}  // namespace ansinh::cli
