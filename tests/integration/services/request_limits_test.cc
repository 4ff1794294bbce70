// Limits and honest errors on every RPC of every service, through the request
// guard of the shared server layer (services/common/server/request_guard.h):
// - a string field past its limit (a 1 MiB name, a 4 MB address) is refused
//   with INVALID_ARGUMENT naming the field, never echoing the value, and
//   changes nothing;
// - bytes that do not parse as the request get INVALID_ARGUMENT with a
//   message (gRPC alone answers UNIMPLEMENTED with none).
// The RPCs are read from the generated descriptors, so a new RPC is covered
// without a row here.
#include <gtest/gtest.h>

#include <map>

#include "bad_request.h"
#include "rpc_catalog.h"
#include "ward_stack.h"

namespace ansinh {
namespace {

using google::protobuf::FieldDescriptor;
using testkit::AllApiRpcs;
using testkit::CallRpc;
using testkit::Rpc;
using testkit::ServersOf;
using testkit::ViolatedFields;
using testkit::WardStack;

// Sets the first string field met depth-first in `message` (a repeated one
// or one inside a repeated message gets one element) to `value`; returns its
// path as google.rpc.BadRequest names it, or "" when there is none.
std::string SetFirstStringField(google::protobuf::Message& message, const std::string& value, int depth = 0) {
  if (depth > 6) return "";
  const google::protobuf::Descriptor& type = *message.GetDescriptor();
  const google::protobuf::Reflection& reflection = *message.GetReflection();
  for (int i = 0; i < type.field_count(); ++i) {
    const FieldDescriptor& field = *type.field(i);
    if (field.is_map()) continue;
    const std::string index = field.is_repeated() ? "[0]" : "";
    if (field.cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
      if (field.is_repeated()) {
        reflection.AddString(&message, &field, value);
      } else {
        reflection.SetString(&message, &field, value);
      }
      return field.name() + index;
    }
    if (field.cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
    google::protobuf::Message* nested = field.is_repeated() ? reflection.AddMessage(&message, &field)
                                                            : reflection.MutableMessage(&message, &field);
    const std::string inner = SetFirstStringField(*nested, value, depth + 1);
    if (!inner.empty()) return field.name() + index + "." + inner;
    if (field.is_repeated()) {
      reflection.RemoveLast(&message, &field);
    } else {
      reflection.ClearField(&message, &field);
    }
  }
  return "";
}

class RequestLimitsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    stack_ = new WardStack();
    stack_->Start();
  }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
  }

  static std::map<std::string, long long> StreamLengths() { return stack_->StreamLengths(); }

  static WardStack* stack_;
};

WardStack* RequestLimitsTest::stack_ = nullptr;

// The cases of the adversarial review, on one RPC of each service: a 1 MiB
// name and a 4 MB address (each in its own request: together they pass the
// 4 MiB request bound, which answers RESOURCE_EXHAUSTED first).
TEST_F(RequestLimitsTest, AOneMebibyteNameAndAFourMegabyteAddressAreRefusedNamingTheField) {
  struct Case {
    const char* server;
    const char* rpc;
    const char* text;   // the rest of the request, text format
    const char* field;  // set to the oversized value
  };
  const std::string name(1 << 20, 'N');
  const std::string address(4'000'000, 'A');
  const std::vector<Case> cases = {
      {"registry", "ansinh.v1.Registry/CreateHousehold", "household { members { } }",
       "household.members[0].full_name"},
      {"registry", "ansinh.v1.Registry/CreateHousehold", "household { }", "household.address"},
      {"classification", "ansinh.v1.Classification/FileComplaint", "round_id: 'R-2025'", "complainant"},
      {"classification", "ansinh.v1.Classification/FileComplaint", "round_id: 'R-2025'", "content"},
      {"assignment", "ansinh.v1.Assignment/UpsertOrganization", "organization { id: 'womens-union' }",
       "organization.name"},
      {"assignment", "ansinh.v1.Assignment/UpsertOrganization", "organization { id: 'womens-union' }",
       "reason"},
      {"monitoring", "ansinh.v1.Monitoring/SetExternalFigure", "", "key"},
      {"monitoring", "ansinh.v1.Monitoring/GetHouseholdTimeline", "", "household_id"},
  };
  const std::map<std::string, long long> before = StreamLengths();
  for (const Case& test : cases) {
    const Rpc* rpc = nullptr;
    static const std::vector<Rpc> all = AllApiRpcs();
    for (const Rpc& candidate : all) {
      if (candidate.name == test.rpc) rpc = &candidate;
    }
    ASSERT_NE(rpc, nullptr) << test.rpc;
    for (const std::string* value : {&name, &address}) {
      std::string error;
      std::unique_ptr<google::protobuf::Message> request =
          testkit::ParseRequest(*rpc->method, test.text, &error);
      ASSERT_NE(request, nullptr) << error;
      // Set the field by its path: walk the text-format message to it.
      google::protobuf::Message* target = request.get();
      std::string path = test.field;
      while (path.find('.') != std::string::npos) {
        std::string step = path.substr(0, path.find('.'));
        path = path.substr(path.find('.') + 1);
        const bool indexed = step.ends_with("[0]");
        if (indexed) step.resize(step.size() - 3);
        const FieldDescriptor* field = target->GetDescriptor()->FindFieldByName(step);
        ASSERT_NE(field, nullptr) << step;
        target = indexed ? target->GetReflection()->MutableRepeatedMessage(target, field, 0)
                         : target->GetReflection()->MutableMessage(target, field);
      }
      const FieldDescriptor* field = target->GetDescriptor()->FindFieldByName(path);
      ASSERT_NE(field, nullptr) << path;
      target->GetReflection()->SetString(target, field, *value);
      const grpc::Status status = CallRpc(stack_->service(test.server).channel(), *rpc->method,
                                          request->SerializeAsString(), stack_->tokens().officer);
      const std::string where =
          std::string(test.rpc) + " with " + std::to_string(value->size()) + " bytes in " + test.field;
      EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
          << where << ": " << status.error_message();
      EXPECT_EQ(ViolatedFields(status), std::vector<std::string>{test.field}) << where;
      EXPECT_EQ(status.error_message().find(value->substr(0, 64)), std::string::npos)
          << where << " echoes it";
      EXPECT_LT(status.error_message().size() + status.error_details().size(), 8192u) << where;
    }
  }
  EXPECT_EQ(StreamLengths(), before) << "a refused request published or dead-lettered an event";
}

// Every RPC that takes one request message: its first string field (found by
// reflection) set to 1 MiB is refused naming that field, on every service
// that serves it.
TEST_F(RequestLimitsTest, EveryRpcRefusesAnOverlongFieldNamingIt) {
  const std::map<std::string, long long> before = StreamLengths();
  const std::string value(1 << 20, 'x');
  int calls = 0;
  for (const Rpc& rpc : AllApiRpcs()) {
    if (rpc.method->client_streaming()) continue;  // ImportHouseholds: a row is rejected in the response
    std::string error;
    std::unique_ptr<google::protobuf::Message> request = testkit::ParseRequest(*rpc.method, "", &error);
    ASSERT_NE(request, nullptr) << error;
    const std::string path = SetFirstStringField(*request, value);
    if (path.empty()) continue;  // nothing to make too long (ListStandards, Ping, ...)
    for (const std::string& server : ServersOf(rpc.method->service()->full_name())) {
      const grpc::Status status = CallRpc(stack_->service(server).channel(), *rpc.method,
                                          request->SerializeAsString(), stack_->tokens().officer);
      ++calls;
      const std::string where = rpc.name + " on " + server + " with 1 MiB in " + path;
      EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
          << where << ": " << status.error_message();
      const std::vector<std::string> named = ViolatedFields(status);
      EXPECT_NE(std::find(named.begin(), named.end(), path), named.end()) << where;
    }
  }
  EXPECT_GT(calls, 50);
  EXPECT_EQ(StreamLengths(), before) << "a refused request published or dead-lettered an event";
}

// Bytes that are no protobuf message (a length-delimited field 1 claiming 16
// bytes and carrying 3) get INVALID_ARGUMENT naming the expected message
// type, from every RPC of every service; with or without a token, because
// gRPC parses before any handler runs.
TEST_F(RequestLimitsTest, UnparseableRequestsGetInvalidArgumentWithAMessage) {
  const std::string garbage(
      "\x0a\x10"
      "abc",
      5);
  int calls = 0;
  for (const Rpc& rpc : AllApiRpcs()) {
    if (rpc.method->client_streaming()) continue;
    for (const std::string& server : ServersOf(rpc.method->service()->full_name())) {
      for (const std::optional<std::string>& token :
           {std::optional<std::string>(stack_->tokens().officer), std::optional<std::string>()}) {
        const grpc::Status status = CallRpc(stack_->service(server).channel(), *rpc.method, garbage, token);
        ++calls;
        const std::string where = rpc.name + " on " + server + (token ? "" : " without a token");
        EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
            << where << ": " << status.error_code();
        EXPECT_NE(status.error_message().find("cannot be parsed as " + rpc.method->input_type()->full_name()),
                  std::string::npos)
            << where << ": " << status.error_message();
      }
    }
  }
  EXPECT_GT(calls, 100);
}

}  // namespace
}  // namespace ansinh
