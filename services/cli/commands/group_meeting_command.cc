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

std::string StateLabel(v1::HouseholdReviewState state) {
  std::string name =
      v1::HouseholdReviewState_Name(state).substr(std::string("HOUSEHOLD_REVIEW_STATE_").size());
  for (char& c : name) c = c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

void PrintMeeting(const v1::RecordGroupMeetingResponse& response) {
  Table table({"HOUSEHOLD", "AGREED", "STATE"});
  for (const v1::RoundHousehold& household : response.households()) {
    const v1::MeetingResult& meeting = household.meetings(household.meetings_size() - 1);
    table.AddRow({household.household_id(),
                  std::to_string(meeting.agreed()) + " of " + std::to_string(meeting.attendees()),
                  StateLabel(household.state())});
  }
  table.Print(std::cout);
  std::cout << "recorded the meeting about " << response.households_size() << " households\n";
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
  auto* command = review.add_subcommand(
      "group-meeting", "Record one residential-group meeting about several households (all or nothing)");
  command->add_option("round", args->round, "The round, e.g. R-2025");
  command->add_option("--date", args->date, "Day of the meeting, YYYY-MM-DD");
  command->add_option("--minutes", args->minutes, "Where the signed minutes are kept");
  auto* decision =
      command->add_option("--decision", args->decisions,
                          "A household discussed: HOUSEHOLD ATTENDEES AGREED (repeat per household)");
  auto* json = command->add_option("--json-file", args->json_file,
                                   "The whole RecordGroupMeetingRequest as JSON ('-' for standard input); "
                                   "ROUND, --date and --minutes override its fields");
  decision->excludes(json);
  command->callback([&options, &exit_code, args] {
    v1::RecordGroupMeetingRequest request;
    try {
      if (!args->json_file.empty()) ReadJsonFile(args->json_file, request);
    } catch (const std::exception& error) {
      std::cerr << "error: " << error.what() << "\n";
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
      exit_code = ReportError(status, "recording the meeting");
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
