#include "stack_queries.h"

#include <google/protobuf/util/json_util.h>

#include <nlohmann/json.hpp>

#include "ansinh/v1/accounts.grpc.pb.h"
#include "ansinh/v1/assignment.grpc.pb.h"
#include "ansinh/v1/classification.grpc.pb.h"
#include "browser_ward.h"

namespace ansinh::browser {
namespace {

using testkit::AuthorizedContext;

nlohmann::json ToJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string text;
  if (!google::protobuf::util::MessageToJsonString(message, &text, options).ok()) {
    throw std::runtime_error("cannot print " + message.GetTypeName() + " as JSON");
  }
  return nlohmann::json::parse(text);
}

nlohmann::json AllCases(testkit::WardStack& stack) {
  auto assignment = v1::Assignment::NewStub(stack.service("assignment").channel());
  nlohmann::json cases = nlohmann::json::array();
  v1::ListCasesRequest request;
  request.mutable_page()->set_page_size(200);
  do {
    v1::ListCasesResponse page;
    ThrowUnlessOk(assignment->ListCases(AuthorizedContext(stack.tokens().officer).get(), request, &page),
                  "ListCases");
    for (const v1::Case& listed : page.cases()) {
      // The full case, history included, as GetCase gives it.
      v1::GetCaseRequest get;
      get.set_case_id(listed.case_id());
      v1::Case full;
      ThrowUnlessOk(assignment->GetCase(AuthorizedContext(stack.tokens().officer).get(), get, &full),
                    "GetCase");
      cases.push_back(ToJson(full));
    }
    request.mutable_page()->set_page_token(page.page().next_page_token());
  } while (!request.page().page_token().empty());
  return {{"cases", cases}};
}

nlohmann::json AllRounds(testkit::WardStack& stack) {
  auto classification = v1::Classification::NewStub(stack.service("classification").channel());
  v1::ListRoundsRequest request;
  v1::ListRoundsResponse response;
  ThrowUnlessOk(
      classification->ListRounds(AuthorizedContext(stack.tokens().officer).get(), request, &response),
      "ListRounds");
  return ToJson(response);
}

nlohmann::json AllAccounts(testkit::WardStack& stack) {
  auto accounts = v1::Accounts::NewStub(stack.service("registry").channel());
  v1::ListAccountsRequest request;
  v1::ListAccountsResponse response;
  ThrowUnlessOk(accounts->ListAccounts(AuthorizedContext(stack.tokens().officer).get(), request, &response),
                "ListAccounts");
  return ToJson(response);
}

}  // namespace

std::string AnswerQuery(testkit::WardStack& stack, const std::string& command) {
  try {
    if (command == "cases") return AllCases(stack).dump();
    if (command == "rounds") return AllRounds(stack).dump();
    if (command == "accounts") return AllAccounts(stack).dump();
    if (command == "streams") return nlohmann::json{{"streams", stack.StreamLengths()}}.dump();
    if (command == "changes") return nlohmann::json{{"streams", stack.ChangeCounts()}}.dump();
    return nlohmann::json{{"error", "unknown command: " + command}}.dump();
  } catch (const std::exception& failure) {
    return nlohmann::json{{"error", failure.what()}}.dump();
  }
}

}  // namespace ansinh::browser
