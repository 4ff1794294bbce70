// `ansinh events subscribe`: an outside consumer's events (docs/events.md,
// "Outside consumers") through the registry's ansinh.v1.Events, with the
// consumer's own token. One line per event, for a person, or as JSON or
// tab-separated fields for a program; a shell loop reads them without a
// process per event. The CLI acknowledges what it printed, or, with
// --ack-stdin, only the positions the program writes back once it has
// handled them.
#include "commands/subscribe_command.h"

#include <google/protobuf/util/json_util.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <iostream>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>

#include "ansinh/v1/consumers.grpc.pb.h"
#include "output.h"

namespace ansinh::cli {
namespace {

struct SubscribeArgs {
  bool no_follow = false;
  bool ack_stdin = false;
  std::string fields;
};

// Positions to acknowledge, sent in batches by a thread of their own: every
// 100 ms, or at once when a batch is full, and what is left when closed.
class Acknowledger {
 public:
  static constexpr size_t kBatch = 1000;

  explicit Acknowledger(const ClientOptions& options)
      : options_(options), stub_(v1::Events::NewStub(options.Channel(options.registry))) {
    thread_ = std::thread([this] { Run(); });
  }
  ~Acknowledger() { Close(); }

  void Add(std::string position) {
    std::lock_guard lock(mutex_);
    waiting_.push_back(std::move(position));
    if (waiting_.size() >= kBatch) wake_.notify_one();
  }

  // Sends what waits and stops; the status of the first refused batch.
  grpc::Status Close() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
    return failure_;
  }

 private:
  void Run() {
    std::unique_lock lock(mutex_);
    while (true) {
      wake_.wait_for(lock, std::chrono::milliseconds(100),
                     [this] { return closed_ || waiting_.size() >= kBatch; });
      const bool last = closed_;
      while (!waiting_.empty()) {
        v1::AcknowledgeRequest request;
        while (!waiting_.empty() && static_cast<size_t>(request.positions_size()) < kBatch) {
          request.add_positions(std::move(waiting_.front()));
          waiting_.pop_front();
        }
        lock.unlock();
        v1::AcknowledgeResponse response;
        const grpc::Status status = stub_->Acknowledge(options_.Context().get(), request, &response);
        lock.lock();
        if (!status.ok() && failure_.ok()) failure_ = status;
      }
      if (last) return;
    }
  }

  const ClientOptions& options_;
  std::unique_ptr<v1::Events::Stub> stub_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::string> waiting_;
  bool closed_ = false;
  grpc::Status failure_;
  std::thread thread_;
};

// The delivered event as one JSON object: position, envelope (payload
// decoded, every field printed) and household details.
nlohmann::json EventJson(const v1::DeliveredEvent& event) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(event, &json, options).ok()) {
    return {{"position", event.position()}, {"error", "the payload cannot be decoded by this ansinh"}};
  }
  return nlohmann::json::parse(json);
}

// The value at a dotted path ("envelope.payload.category"), as text; ""
// when absent. Tabs and line breaks become spaces: one event, one line.
std::string FieldText(const nlohmann::json& event, const std::string& path) {
  const nlohmann::json* at = &event;
  std::istringstream parts(path);
  for (std::string part; std::getline(parts, part, '.');) {
    if (!at->is_object() || !at->contains(part)) return "";
    at = &(*at)[part];
  }
  std::string text = at->is_string() ? at->get<std::string>() : (at->is_null() ? "" : at->dump());
  for (char& c : text) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

std::vector<std::string> SplitFields(const std::string& fields) {
  std::vector<std::string> paths;
  std::istringstream parts(fields);
  for (std::string part; std::getline(parts, part, ',');) {
    if (!part.empty()) paths.push_back(part);
  }
  return paths;
}

void PrintForPerson(const v1::DeliveredEvent& event) {
  const v1::EventEnvelope& envelope = event.envelope();
  std::cout << event.position() << "  " << WardTime(envelope.occurred_at(), WardTimePrecision::kSeconds)
            << "  " << envelope.event_type() << "  " << envelope.aggregate_type() << "/"
            << envelope.aggregate_id() << " v" << envelope.aggregate_version();
  if (event.has_household()) {
    const v1::HouseholdDetails& household = event.household();
    std::cout << "  " << household.head_full_name() << (household.head_national_id().empty() ? "" : " ")
              << household.head_national_id() << (household.address().empty() ? "" : ", ")
              << household.address();
  }
  std::cout << "\n  event_id " << envelope.event_id() << "  "
            << EventJson(event)["envelope"].value("payload", nlohmann::json::object()).dump() << "\n";
}

int Subscribe(const ClientOptions& options, const SubscribeArgs& args) {
  const std::vector<std::string> paths = SplitFields(args.fields);
  auto stub = v1::Events::NewStub(options.Channel(options.registry));
  v1::SubscribeRequest request;
  request.set_follow(!args.no_follow);
  // No deadline: a subscription that follows lasts until it is stopped.
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Bearer " + options.Token());

  Acknowledger acknowledger(options);
  // With --ack-stdin the program handling the lines says which it handled.
  std::thread handled;
  if (args.ack_stdin) {
    handled = std::thread([&acknowledger] {
      for (std::string line; std::getline(std::cin, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty()) acknowledger.Add(std::move(line));
      }
    });
  }

  std::unique_ptr<grpc::ClientReader<v1::SubscribeResponse>> reader = stub->Subscribe(&context, request);
  v1::SubscribeResponse message;
  std::string out;
  while (reader->Read(&message)) {
    out.clear();
    for (const v1::DeliveredEvent& event : message.events()) {
      if (options.json) {
        out += EventJson(event).dump() + "\n";
      } else if (!paths.empty()) {
        const nlohmann::json json = EventJson(event);
        for (size_t i = 0; i < paths.size(); ++i) out += (i == 0 ? "" : "\t") + FieldText(json, paths[i]);
        out += "\n";
      } else {
        PrintForPerson(event);
      }
    }
    std::cout << out << std::flush;
    // Printed is handled, unless the program acknowledges by itself.
    if (!args.ack_stdin && std::cout) {
      for (const v1::DeliveredEvent& event : message.events()) acknowledger.Add(event.position());
    }
  }
  const grpc::Status status = reader->Finish();
  if (args.ack_stdin) {
    // The end of the output tells the program there is no more; what it
    // acknowledges until it closes our input is still sent.
    std::cout.flush();
    std::fclose(stdout);
    handled.join();
  }
  const grpc::Status acknowledged = acknowledger.Close();
  if (!status.ok()) return ReportError(status, Tr("doing.subscribe"));
  if (!acknowledged.ok()) return ReportError(acknowledged, Tr("doing.acknowledge"));
  return 0;
}

}  // namespace

void AddSubscribeCommand(CLI::App& events_command, const ClientOptions& options, int& exit_code) {
  auto args = std::make_shared<SubscribeArgs>();
  auto* command = events_command.add_subcommand("subscribe", Tr("help.events.subscribe"));
  command->add_flag("--no-follow", args->no_follow, Tr("help.events.subscribe.no_follow"));
  command->add_flag("--ack-stdin", args->ack_stdin, Tr("help.events.subscribe.ack_stdin"));
  command->add_option("--fields", args->fields, Tr("help.events.subscribe.fields"));
  command->callback([&options, &exit_code, args] {
    try {
      exit_code = Subscribe(options, *args);
    } catch (const std::exception& error) {
      std::cerr << "ansinh: " << error.what() << "\n";
      exit_code = 1;
    }
  });
}

}  // namespace ansinh::cli
