#include "commands/correction_commands.h"

#include <iostream>
#include <memory>

#include "ansinh/v1/corrections.grpc.pb.h"
#include "enum_words.h"
#include "output.h"

namespace ansinh::cli {
namespace {

std::unique_ptr<v1::Corrections::Stub> CorrectionsStub(const ClientOptions& options) {
  return v1::Corrections::NewStub(options.Channel(options.registry));
}

// The field in words, of the member when there is one.
std::string FieldWords(const v1::CorrectionRequest& request) {
  const std::string field = Tr("field." + request.field());
  return request.member_id().empty() ? field : field + " (" + request.member_id() + ")";
}

void PrintRequests(const google::protobuf::RepeatedPtrField<v1::CorrectionRequest>& requests) {
  Table table(Headings({"heading.request", "heading.household", "heading.field", "heading.requested_value",
                        "heading.requested_by", "heading.received", "heading.status", "heading.handled",
                        "heading.reason"}));
  for (const v1::CorrectionRequest& request : requests) {
    const std::string why =
        request.status() == v1::CORRECTION_STATUS_REJECTED ? request.rejection_reason() : request.reason();
    table.AddRow(
        {request.request_id(), request.household_id(), FieldWords(request), request.requested_value(),
         request.requested_by(), Date(request.received_date()), EnumWords(request.status()),
         request.handled_date().empty() ? "-"
                                        : Date(request.handled_date()) + " " + request.handled_by().name(),
         why});
  }
  table.Print(std::cout);
}

void PrintOne(const ClientOptions& options, const google::protobuf::Message& response,
              const v1::CorrectionRequest& request, std::string_view sentence) {
  if (options.json) {
    std::cout << ToJson(response) << "\n";
    return;
  }
  std::cout << Tr(sentence, {{"request", request.request_id()},
                             {"household", request.household_id()},
                             {"version", request.household_version()}})
            << "\n\n";
  google::protobuf::RepeatedPtrField<v1::CorrectionRequest> one;
  *one.Add() = request;
  PrintRequests(one);
}

void AddRecord(CLI::App& correction, const ClientOptions& options, int& exit_code) {
  auto* command = correction.add_subcommand("record", Tr("help.correction.record"));
  auto request = std::make_shared<v1::RecordCorrectionRequestRequest>();
  command->add_option("household", *request->mutable_household_id(), Tr("help.arg.household_id"))->required();
  command->add_option("--member", *request->mutable_member_id(), Tr("help.correction.record.member"));
  command->add_option("--field", *request->mutable_field(), Tr("help.correction.record.field"))->required();
  command->add_option("--value", *request->mutable_requested_value(), Tr("help.correction.record.value"))
      ->required();
  command->add_option("--reason", *request->mutable_reason(), Tr("help.correction.record.reason"))
      ->required();
  command->add_option("--requested-by", *request->mutable_requested_by(), Tr("help.correction.record.by"))
      ->required();
  command->add_option("--received", *request->mutable_received_date(), Tr("help.correction.record.received"))
      ->required();
  command->callback([&options, &exit_code, request] {
    v1::RecordCorrectionRequestResponse response;
    const grpc::Status status =
        CorrectionsStub(options)->RecordCorrectionRequest(options.Context().get(), *request, &response);
    if (!status.ok()) {
      exit_code = ReportError(status, Tr("doing.correction_record"));
      return;
    }
    PrintOne(options, response, response.request(), "cli.correction.recorded");
  });
}

void AddAccept(CLI::App& correction, const ClientOptions& options, int& exit_code) {
  auto* command = correction.add_subcommand("accept", Tr("help.correction.accept"));
  auto request = std::make_shared<v1::AcceptCorrectionRequestRequest>();
  auto version = std::make_shared<uint64_t>(0);
  command->add_option("request", *request->mutable_request_id(), Tr("help.correction.request_id"))
      ->required();
  command->add_option("--version", *version, Tr("help.correction.accept.version"))->required();
  command->callback([&options, &exit_code, request, version] {
    request->set_expected_version(*version);
    v1::AcceptCorrectionRequestResponse response;
    const grpc::Status status =
        CorrectionsStub(options)->AcceptCorrectionRequest(options.Context().get(), *request, &response);
    if (!status.ok()) {
      exit_code = ReportError(status, Tr("doing.correction_accept"));
      return;
    }
    PrintOne(options, response, response.request(), "cli.correction.accepted");
  });
}

void AddReject(CLI::App& correction, const ClientOptions& options, int& exit_code) {
  auto* command = correction.add_subcommand("reject", Tr("help.correction.reject"));
  auto request = std::make_shared<v1::RejectCorrectionRequestRequest>();
  command->add_option("request", *request->mutable_request_id(), Tr("help.correction.request_id"))
      ->required();
  command->add_option("--reason", *request->mutable_reason(), Tr("help.correction.reject.reason"))
      ->required();
  command->callback([&options, &exit_code, request] {
    v1::RejectCorrectionRequestResponse response;
    const grpc::Status status =
        CorrectionsStub(options)->RejectCorrectionRequest(options.Context().get(), *request, &response);
    if (!status.ok()) {
      exit_code = ReportError(status, Tr("doing.correction_reject"));
      return;
    }
    PrintOne(options, response, response.request(), "cli.correction.rejected");
  });
}

void AddList(CLI::App& correction, const ClientOptions& options, int& exit_code) {
  auto* command = correction.add_subcommand("list", Tr("help.correction.list"));
  auto household = std::make_shared<std::string>();
  command->add_option("--household", *household, Tr("help.correction.list.household"));
  command->callback([&options, &exit_code, household] {
    v1::ListCorrectionRequestsRequest request;
    request.set_household_id(*household);
    request.mutable_page()->set_page_size(500);
    auto stub = CorrectionsStub(options);
    v1::ListCorrectionRequestsResponse all;
    while (true) {
      v1::ListCorrectionRequestsResponse response;
      const grpc::Status status = stub->ListCorrectionRequests(options.Context().get(), request, &response);
      if (!status.ok()) {
        exit_code = ReportError(status, Tr("doing.correction_list"));
        return;
      }
      for (auto& found : *response.mutable_requests()) *all.add_requests() = std::move(found);
      *all.mutable_page() = response.page();
      if (response.page().next_page_token().empty()) break;
      request.mutable_page()->set_page_token(response.page().next_page_token());
    }
    all.mutable_page()->clear_next_page_token();
    if (options.json) {
      std::cout << ToJson(all) << "\n";
      return;
    }
    if (all.requests().empty()) {
      std::cout << Tr(household->empty() ? "cli.correction.none_open" : "cli.correction.none") << "\n";
      return;
    }
    PrintRequests(all.requests());
  });
}

}  // namespace

void AddCorrectionCommands(CLI::App& household, const ClientOptions& options, int& exit_code) {
  auto* correction = household.add_subcommand("correction", Tr("help.correction"));
  correction->require_subcommand(1);
  AddRecord(*correction, options, exit_code);
  AddAccept(*correction, options, exit_code);
  AddReject(*correction, options, exit_code);
  AddList(*correction, options, exit_code);
}

}  // namespace ansinh::cli
