#pragma once

// Every RPC of every ansinh.v1 service, read from the generated descriptors
// (so a new RPC shows up in the tests that walk them without anyone listing
// it), and a way to call any of them with serialized bytes (grpc::GenericStub),
// unary or streaming.

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/text_format.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ansinh/v1/accounts.grpc.pb.h"
#include "ansinh/v1/assignment.grpc.pb.h"
#include "ansinh/v1/classification.grpc.pb.h"
#include "ansinh/v1/consumers.grpc.pb.h"
#include "ansinh/v1/corrections.grpc.pb.h"
#include "ansinh/v1/monitoring.grpc.pb.h"
#include "ansinh/v1/operations.grpc.pb.h"
#include "ansinh/v1/registry.grpc.pb.h"
#if __has_include("ansinh/v1/tokens.grpc.pb.h")
#include "ansinh/v1/tokens.grpc.pb.h"
#define ANSINH_HAS_TOKEN_ADMIN 1
#endif

namespace ansinh::testkit {

// One RPC: "ansinh.v1.Registry/CreateHousehold" and its descriptor.
struct Rpc {
  std::string name;  // "<service full name>/<method>"
  const google::protobuf::MethodDescriptor* method;
};

// The files whose services make up the API. A file's descriptor is in the
// generated pool only when its generated code is linked into the binary, so
// each is reached through a symbol of its own generated code.
inline std::vector<const google::protobuf::FileDescriptor*> ApiFiles() {
  std::vector<const google::protobuf::FileDescriptor*> files = {
      v1::CreateHouseholdRequest::descriptor()->file(),          // registry.proto
      v1::OpenRoundRequest::descriptor()->file(),                // classification.proto
      v1::AssignHelperRequest::descriptor()->file(),             // assignment.proto
      v1::GetDashboardRequest::descriptor()->file(),             // monitoring.proto
      v1::GetServiceInfoRequest::descriptor()->file(),           // operations.proto
      v1::SignInRequest::descriptor()->file(),                   // accounts.proto
      v1::RecordCorrectionRequestRequest::descriptor()->file(),  // corrections.proto
      v1::SetGrantRequest::descriptor()->file(),                 // consumers.proto
  };
#ifdef ANSINH_HAS_TOKEN_ADMIN
  // Linking the generated stub links the file's messages, which registers it.
  [[maybe_unused]] volatile auto link_tokens = &v1::TokenAdmin::NewStub;
  const google::protobuf::FileDescriptor* tokens =
      google::protobuf::DescriptorPool::generated_pool()->FindFileByName("ansinh/v1/tokens.proto");
  if (tokens != nullptr) files.push_back(tokens);
#endif
  return files;
}

inline std::vector<Rpc> AllApiRpcs() {
  std::vector<Rpc> rpcs;
  for (const google::protobuf::FileDescriptor* file : ApiFiles()) {
    for (int s = 0; s < file->service_count(); ++s) {
      const google::protobuf::ServiceDescriptor* service = file->service(s);
      for (int m = 0; m < service->method_count(); ++m) {
        rpcs.push_back({service->full_name() + "/" + service->method(m)->name(), service->method(m)});
      }
    }
  }
  return rpcs;
}

// The service binaries that serve `service_full_name`: Operations is served
// by every service next to its own API; TokenAdmin, Accounts, ConsumerGrants and Events by the registry.
// Empty for a service no binary is known to serve.
inline std::vector<std::string> ServersOf(const std::string& service_full_name) {
  if (service_full_name == "ansinh.v1.Registry") return {"registry"};
  if (service_full_name == "ansinh.v1.TokenAdmin") return {"registry"};
  if (service_full_name == "ansinh.v1.Accounts") return {"registry"};
  if (service_full_name == "ansinh.v1.Corrections") return {"registry"};
  if (service_full_name == "ansinh.v1.ConsumerGrants") return {"registry"};
  if (service_full_name == "ansinh.v1.Events") return {"registry"};
  if (service_full_name == "ansinh.v1.Classification") return {"classification"};
  if (service_full_name == "ansinh.v1.Assignment") return {"assignment"};
  if (service_full_name == "ansinh.v1.Monitoring") return {"monitoring"};
  if (service_full_name == "ansinh.v1.Operations") {
    return {"registry", "classification", "assignment", "monitoring"};
  }
  return {};
}

// The request message for `method` parsed from text format; nullptr (and
// *error set) when the text does not parse.
inline std::unique_ptr<google::protobuf::Message> ParseRequest(
    const google::protobuf::MethodDescriptor& method, const std::string& text, std::string* error) {
  const google::protobuf::Message* prototype =
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(method.input_type());
  if (prototype == nullptr) {
    *error = "no generated prototype for " + method.input_type()->full_name();
    return nullptr;
  }
  std::unique_ptr<google::protobuf::Message> request(prototype->New());
  if (!google::protobuf::TextFormat::ParseFromString(text, request.get())) {
    *error = "text does not parse as " + method.input_type()->full_name() + ": " + text;
    return nullptr;
  }
  return request;
}

inline std::string BytesOf(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string bytes;
  if (!buffer.Dump(&slices).ok()) return bytes;
  for (const grpc::Slice& slice : slices)
    bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  return bytes;
}

// A context with a deadline and, unless `token` is nullopt, a bearer token.
inline std::unique_ptr<grpc::ClientContext> ContextWith(const std::optional<std::string>& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  if (token) context->AddMetadata("authorization", "Bearer " + *token);
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  return context;
}

// Calls `method` on `channel` with `request_bytes` (the serialized request;
// for a client-streaming method, one message unless `request_bytes` is
// nullopt, then none) and returns the status.
// When `response_bytes` is given, it receives the (last) response message.
inline grpc::Status CallRpc(const std::shared_ptr<grpc::Channel>& channel,
                            const google::protobuf::MethodDescriptor& method,
                            const std::optional<std::string>& request_bytes,
                            const std::optional<std::string>& token, std::string* response_bytes = nullptr) {
  const std::string path = "/" + method.service()->full_name() + "/" + method.name();
  grpc::GenericStub stub(channel);
  std::unique_ptr<grpc::ClientContext> context = ContextWith(token);
  auto to_buffer = [](const std::string& bytes) {
    grpc::Slice slice(bytes);
    return grpc::ByteBuffer(&slice, 1);
  };
  if (!method.client_streaming() && !method.server_streaming()) {
    const grpc::ByteBuffer request = to_buffer(request_bytes.value_or(""));
    grpc::ByteBuffer response;
    std::promise<grpc::Status> done;
    stub.UnaryCall(context.get(), path, grpc::StubOptions(), &request, &response,
                   [&done](grpc::Status status) { done.set_value(std::move(status)); });
    grpc::Status status = done.get_future().get();
    if (response_bytes != nullptr && status.ok()) *response_bytes = BytesOf(response);
    return status;
  }
  // Streaming: write what there is, half-close, read every answer, finish.
  grpc::CompletionQueue queue;
  void* tag = nullptr;
  bool ok = false;
  auto await = [&] { return queue.Next(&tag, &ok) && ok; };
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call = stub.PrepareCall(context.get(), path, &queue);
  call->StartCall(reinterpret_cast<void*>(1));
  if (await()) {
    bool open = true;
    if (request_bytes) {
      call->Write(to_buffer(*request_bytes), reinterpret_cast<void*>(2));
      open = await();
    }
    if (open) {
      call->WritesDone(reinterpret_cast<void*>(3));
      await();
    }
    grpc::ByteBuffer response;
    while (true) {
      call->Read(&response, reinterpret_cast<void*>(4));
      if (!await()) break;
      if (response_bytes != nullptr) *response_bytes = BytesOf(response);
    }
  }
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(5));
  await();
  queue.Shutdown();
  while (queue.Next(&tag, &ok)) {
  }
  return status;
}

}  // namespace ansinh::testkit
