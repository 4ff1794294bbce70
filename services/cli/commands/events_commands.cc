#include "commands/events_commands.h"

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>

#include "ansinh/v1/assignment.pb.h"
#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/corrections.pb.h"
#include "ansinh/v1/field_options.pb.h"
#include "ansinh/v1/monitoring.grpc.pb.h"
#include "ansinh/v1/registry.pb.h"
#include "commands/subscribe_command.h"
#include "events/envelope_codec.h"
#include "events/stream_names.h"
#include "output.h"
#include "redis/redis_connection.h"
#include "redis_args.h"

namespace ansinh::cli {
namespace {

// Every event payload message of the three publishing services (the last,
// <service>.personal_data_read.v1, is published by all three). Naming them
// links their descriptors into this binary, so the JSON printer can resolve
// the type URL of any payload it meets (a message never referenced would be
// dropped by the linker, and its events would print undecoded).
const google::protobuf::Message* const kPayloadTypes[] = {
    &v1::HouseholdRegistered::default_instance(),
    &v1::HouseholdUpdated::default_instance(),
    &v1::MemberAdded::default_instance(),
    &v1::MemberUpdated::default_instance(),
    &v1::MemberRemoved::default_instance(),
    &v1::SurveyRecorded::default_instance(),
    &v1::HouseholdMovedOut::default_instance(),
    &v1::HouseholdDissolved::default_instance(),
    &v1::ReviewRoundOpened::default_instance(),
    &v1::SurveyClassified::default_instance(),
    &v1::SurveyUnclassifiable::default_instance(),
    &v1::MeetingRecorded::default_instance(),
    &v1::ResultsPosted::default_instance(),
    &v1::ComplaintFiled::default_instance(),
    &v1::RoundApproved::default_instance(),
    &v1::HouseholdStatusChanged::default_instance(),
    &v1::HouseholdListed::default_instance(),
    &v1::ListDecisionRecorded::default_instance(),
    &v1::CaseOpened::default_instance(),
    &v1::OrganizationAssigned::default_instance(),
    &v1::HelperAssigned::default_instance(),
    &v1::CaseTransferRequested::default_instance(),
    &v1::CaseTransferred::default_instance(),
    &v1::CaseTransferDeclined::default_instance(),
    &v1::NeedRecorded::default_instance(),
    &v1::NeedStatusChanged::default_instance(),
    &v1::SupportRecorded::default_instance(),
    &v1::VisitRecorded::default_instance(),
    &v1::FollowUpStarted::default_instance(),
    &v1::CaseReopened::default_instance(),
    &v1::CaseClosed::default_instance(),
    &v1::CaseCategoryChanged::default_instance(),
    &v1::OrganizationUpserted::default_instance(),
    &v1::HelperUpserted::default_instance(),
    &v1::PersonalDataRead::default_instance(),
    &v1::CorrectionRequested::default_instance(),
    &v1::CorrectionAccepted::default_instance(),
    &v1::CorrectionRejected::default_instance(),
    // Livelihood models and emergencies (livelihood.proto).
    &v1::LivelihoodModelUpserted::default_instance(),
    &v1::ModelParticipationChanged::default_instance(),
    &v1::EmergencyChanged::default_instance(),
    &v1::HouseholdAffected::default_instance(),
};

// One line of JSON; for programs every field is printed (defaults too), for
// people only the fields that are set.
std::string CompactJson(const google::protobuf::Message& message, bool with_defaults) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = with_defaults;
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(message, &json, options).ok()) return "";
  return json;
}

// The envelope as JSON with its payload decoded; a payload of a type this
// build does not know is shown by its type URL and size.
nlohmann::json EnvelopeJson(const v1::EventEnvelope& envelope, bool with_defaults) {
  const std::string decoded = CompactJson(envelope, with_defaults);
  if (!decoded.empty()) return nlohmann::json::parse(decoded);
  v1::EventEnvelope without_payload = envelope;
  without_payload.clear_payload();
  nlohmann::json json = nlohmann::json::parse(CompactJson(without_payload, with_defaults));
  json["payload"] = {{"@type", envelope.payload().type_url()},
                     {"undecoded_bytes", envelope.payload().value().size()}};
  return json;
}

struct StreamEvent {
  std::string stream;
  events::StreamEntry entry;
};

// One event for a person (two lines: what and who, then the payload) or,
// with --json, one JSON object per line for a program.
void PrintEvent(const ClientOptions& options, const StreamEvent& event) {
  std::string error;
  const std::optional<v1::EventEnvelope> envelope = events::DecodeEntry(event.entry, &error);
  if (options.json) {
    nlohmann::json line{{"stream", event.stream}, {"entry_id", event.entry.id}};
    if (envelope) {
      line["envelope"] = EnvelopeJson(*envelope, true);
    } else {
      line["error"] = error;
    }
    std::cout << line.dump() << "\n" << std::flush;
    return;
  }
  if (!envelope) {
    std::cout << event.entry.id << "  " << event.stream << "  "
              << Tr("cli.events.undecodable", {{"error", error}}) << "\n"
              << std::flush;
    return;
  }
  const v1::Actor& actor = envelope->actor();
  std::cout << event.entry.id << "  " << WardTime(envelope->occurred_at(), WardTimePrecision::kSeconds)
            << "  " << envelope->event_type() << "  " << envelope->aggregate_type() << "/"
            << envelope->aggregate_id() << " v" << envelope->aggregate_version() << "  "
            << Tr("cli.events.by", {{"name", actor.name()}}) << " (" << v1::Role_Name(actor.role())
            << (actor.organization_id().empty() ? "" : ", " + actor.organization_id()) << ")  "
            << event.stream << "\n  event_id " << envelope->event_id() << "  correlation "
            << envelope->correlation_id() << "\n  "
            << EnvelopeJson(*envelope, false).value("payload", nlohmann::json::object()).dump() << "\n"
            << std::flush;
}

// --type filters: an exact event type, or a prefix ending in '*'.
bool TypeWanted(const std::vector<std::string>& filters, const events::StreamEntry& entry) {
  if (filters.empty()) return true;
  const std::string* type = entry.Field("type");
  if (type == nullptr) return false;
  return std::any_of(filters.begin(), filters.end(), [type](const std::string& filter) {
    if (!filter.empty() && filter.back() == '*') {
      return type->starts_with(std::string_view(filter).substr(0, filter.size() - 1));
    }
    return *type == filter;
  });
}

// "1718000000000-3" -> (1718000000000, 3), for ordering entries across streams.
std::pair<unsigned long long, unsigned long long> EntryOrder(const std::string& id) {
  const size_t dash = id.find('-');
  try {
    return {std::stoull(id.substr(0, dash)),
            dash == std::string::npos ? 0 : std::stoull(id.substr(dash + 1))};
  } catch (const std::exception&) {
    return {0, 0};
  }
}

struct TailArgs {
  RedisArgs redis;
  bool from_start = false;
  bool no_follow = false;
  std::vector<std::string> types;
  int limit = 0;
  int partitions = 1;
};

int Tail(const ClientOptions& options, const TailArgs& args) {
  redis::Connection connection(args.redis.Options("ansinh-cli-events"));
  std::vector<std::string> streams;
  for (std::string_view source :
       {events::kRegistrySource, events::kClassificationSource, events::kAssignmentSource}) {
    for (int partition = 0; partition < args.partitions; ++partition) {
      streams.push_back(events::EventStream(source, partition));
    }
  }
  // Live: start after each stream's newest entry now ("$" would move on every read).
  std::vector<std::string> after(streams.size(), "0-0");
  if (!args.from_start) {
    for (size_t i = 0; i < streams.size(); ++i) {
      redis::Reply newest = connection.Command({"XREVRANGE", streams[i], "+", "-", "COUNT", "1"});
      if (!newest.elements.empty()) after[i] = events::ParseEntryReply(newest.elements[0]).id;
    }
  }
  constexpr std::chrono::milliseconds kBlock{2000};
  int printed = 0;
  while (true) {
    redis::Args read{"XREAD", "COUNT", "200"};
    if (!args.no_follow) {
      read.push_back("BLOCK");
      read.push_back(std::to_string(kBlock.count()));
    }
    read.push_back("STREAMS");
    read.insert(read.end(), streams.begin(), streams.end());
    read.insert(read.end(), after.begin(), after.end());
    redis::Reply reply = args.no_follow ? connection.Command(read) : connection.BlockingCommand(read, kBlock);
    std::vector<StreamEvent> batch;
    for (const redis::Reply& per_stream : reply.elements) {
      if (per_stream.elements.size() < 2) continue;
      const std::string& stream = per_stream.elements[0].str;
      const size_t index = std::find(streams.begin(), streams.end(), stream) - streams.begin();
      for (const redis::Reply& item : per_stream.elements[1].elements) {
        StreamEvent event{stream, events::ParseEntryReply(item)};
        if (index < after.size()) after[index] = event.entry.id;
        batch.push_back(std::move(event));
      }
    }
    if (batch.empty()) {
      if (args.no_follow) return 0;
      continue;
    }
    std::stable_sort(batch.begin(), batch.end(), [](const StreamEvent& a, const StreamEvent& b) {
      return EntryOrder(a.entry.id) < EntryOrder(b.entry.id);
    });
    for (const StreamEvent& event : batch) {
      if (!TypeWanted(args.types, event.entry)) continue;
      PrintEvent(options, event);
      if (args.limit > 0 && ++printed >= args.limit) return 0;
    }
  }
}

void AddTail(CLI::App& events_command, const ClientOptions& options, int& exit_code) {
  auto args = std::make_shared<TailArgs>();
  auto* tail = events_command.add_subcommand("tail", Tr("help.events.tail"));
  tail->add_flag("--from-start", args->from_start, Tr("help.events.tail.from_start"));
  tail->add_option("--type", args->types, Tr("help.events.tail.type"));
  tail->add_flag("--no-follow", args->no_follow, Tr("help.events.tail.no_follow"));
  tail->add_option("--limit", args->limit, Tr("help.events.tail.limit"));
  tail->add_option("--partitions", args->partitions, Tr("help.events.tail.partitions"))
      ->envname("ANSINH_PARTITIONS")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  AddRedisOptions(*tail, args->redis);
  tail->callback([&options, &exit_code, args] {
    try {
      exit_code = Tail(options, *args);
    } catch (const std::exception& error) {
      std::cerr << Tr("cli.events.tail_failed", {{"error", error.what()}}) << "\n";
      exit_code = 1;
    }
  });
}

void AddShow(CLI::App& events_command, const ClientOptions& options, int& exit_code) {
  struct Args {
    RedisArgs redis;
    std::string stream, id;
  };
  auto args = std::make_shared<Args>();
  auto* show = events_command.add_subcommand("show", Tr("help.events.show"));
  show->add_option("stream", args->stream, Tr("help.events.show.stream"))->required();
  show->add_option("entry_id", args->id, Tr("help.events.show.entry_id"))->required();
  AddRedisOptions(*show, args->redis);
  show->callback([&options, &exit_code, args] {
    try {
      redis::Connection connection(args->redis.Options("ansinh-cli-events"));
      redis::Reply reply = connection.Command({"XRANGE", args->stream, args->id, args->id});
      if (reply.elements.empty()) {
        std::cerr << Tr("cli.events.no_entry", {{"id", args->id}, {"stream", args->stream}}) << "\n";
        exit_code = 1;
        return;
      }
      PrintEvent(options, StreamEvent{args->stream, events::ParseEntryReply(reply.elements[0])});
      exit_code = 0;
    } catch (const std::exception& error) {
      std::cerr << Tr("cli.events.show_failed", {{"error", error.what()}}) << "\n";
      exit_code = 1;
    }
  });
}

void AddSeen(CLI::App& events_command, const ClientOptions& options, int& exit_code) {
  auto last = std::make_shared<int>(5);
  auto* seen = events_command.add_subcommand("seen", Tr("help.events.seen"));
  seen->add_option("--last", *last, Tr("help.events.seen.last"))->capture_default_str();
  seen->callback([&options, &exit_code, last] {
    v1::GetSeenRequest request;
    request.set_last_events(*last);
    v1::GetSeenResponse response;
    auto stub = v1::Monitoring::NewStub(options.Channel(options.monitoring));
    const grpc::Status status = stub->GetSeen(options.Context().get(), request, &response);
    if (!status.ok()) {
      exit_code = ReportError(status, Tr("doing.read_seen"));
      return;
    }
    exit_code = 0;
    if (options.json) {
      std::cout << ToJson(response) << "\n";
      return;
    }
    Table streams(Headings({"heading.stream", "heading.events_consumed"}));
    Table last_events(Headings({"heading.stream", "heading.entry", "heading.when_utc7", "heading.type",
                                "heading.household", "heading.event_id"}));
    for (const v1::SeenStream& stream : response.streams()) {
      streams.AddRow({stream.stream(), Number(stream.events_consumed())});
      for (const v1::SeenEvent& event : stream.last_events()) {
        last_events.AddRow({stream.stream(), event.stream_entry_id(),
                            WardTime(event.occurred_at(), WardTimePrecision::kSeconds), event.event_type(),
                            event.household_id(), event.event_id()});
      }
    }
    streams.Print(std::cout);
    std::cout << "\n"
              << Tr("cli.events.seen_summary", {{"audit_entries", response.audit_entries()},
                                                {"dead_lettered", response.dead_lettered()}})
              << "\n";
    if (last_events.size() > 0) {
      std::cout << "\n" << Tr("cli.events.last_events") << "\n\n";
      last_events.Print(std::cout);
    }
  });
}

}  // namespace

void AddEventsCommands(CLI::App& app, const ClientOptions& options, int& exit_code) {
  (void)kPayloadTypes;
  auto* events_command = app.add_subcommand("events", Tr("help.events"));
  events_command->require_subcommand(1);
  AddTail(*events_command, options, exit_code);
  AddShow(*events_command, options, exit_code);
  AddSeen(*events_command, options, exit_code);
  AddSubscribeCommand(*events_command, options, exit_code);
}

}  // namespace ansinh::cli
