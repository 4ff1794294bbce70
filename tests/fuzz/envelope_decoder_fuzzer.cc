// Fuzzes the decoding of event stream entries (services/common/events/
// envelope_codec.h). Every consumer decodes whatever bytes sit in a stream
// entry's "envelope" field before anything else, so a malformed entry must
// come back as an error and never crash or mislead the consumer.
//
// The input is used twice:
//  - as the bytes of the "envelope" field of a well-shaped XREADGROUP entry
//    (the seeds are serialized real envelopes). An entry that decodes must
//    carry the fields DecodeEntry promises, and re-publishing it with
//    XAddCommand must decode to the same envelope;
//  - as a description of an arbitrary reply tree (arrays, strings, nils,
//    integers nested a few levels), for ParseEntryReply's handling of shapes
//    Redis is not expected to send.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "events/envelope_codec.h"
#include "fuzz_check.h"
#include "redis/redis_reply.h"

namespace {

using ansinh::events::DecodeEntry;
using ansinh::events::EventContext;
using ansinh::events::ParseEntryReply;
using ansinh::events::StreamEntry;
using ansinh::events::XAddCommand;
using ansinh::redis::Reply;
namespace v1 = ansinh::v1;

constexpr int kMaxReplyDepth = 4;
constexpr size_t kMaxArrayElements = 8;

Reply Text(std::string text) {
  Reply reply;
  reply.type = Reply::Type::kString;
  reply.str = std::move(text);
  return reply;
}

Reply Array(std::vector<Reply> elements) {
  Reply reply;
  reply.type = Reply::Type::kArray;
  reply.elements = std::move(elements);
  return reply;
}

// Reads a reply tree from `input`: one byte picks the kind (and, for arrays,
// the element count; for strings, the length), the bytes after it the content.
class ReplyReader {
 public:
  explicit ReplyReader(std::string_view input) : input_(input) {}

  Reply Read(int depth) {
    Reply reply;
    if (input_.empty()) return reply;
    const auto tag = static_cast<uint8_t>(input_.front());
    input_.remove_prefix(1);
    switch (tag % 5) {
      case 0:
        return reply;  // nil
      case 1:
        reply.type = Reply::Type::kInteger;
        reply.integer = tag;
        return reply;
      case 2: {
        const size_t length = std::min<size_t>(tag / 5, input_.size());
        reply = Text(std::string(input_.substr(0, length)));
        input_.remove_prefix(length);
        return reply;
      }
      case 3:
        reply.type = Reply::Type::kError;
        reply.str = "ERR fuzz";
        return reply;
      default: {
        reply.type = Reply::Type::kArray;
        if (depth >= kMaxReplyDepth) return reply;
        const size_t count = (tag / 5) % (kMaxArrayElements + 1);
        for (size_t i = 0; i < count && !input_.empty(); ++i) {
          reply.elements.push_back(Read(depth + 1));
        }
        return reply;
      }
    }
  }

 private:
  std::string_view input_;
};

void CheckDecoded(const StreamEntry& entry) {
  std::string error;
  const std::optional<v1::EventEnvelope> envelope = DecodeEntry(entry, &error);
  if (!envelope) {
    ANSINH_FUZZ_CHECK(!error.empty(), "a refused entry must say why");
    return;
  }
  ANSINH_FUZZ_CHECK(!envelope->event_id().empty() && !envelope->event_type().empty() &&
                        !envelope->aggregate_id().empty() && envelope->aggregate_version() != 0,
                    "a decoded envelope carries its identity");

  // A consumer re-publishes what it decoded (dead letters, CLI replays): the
  // stream entry it writes must decode to the same envelope.
  const ansinh::redis::Args command = XAddCommand("ansinh:fuzz", *envelope);
  ANSINH_FUZZ_CHECK(command.size() == 9, "XADD stream * type t aggregate a envelope e");
  StreamEntry republished;
  republished.id = "1-0";
  for (size_t i = 3; i + 1 < command.size(); i += 2) {
    republished.fields.emplace_back(command[i], command[i + 1]);
  }
  std::string again_error;
  const std::optional<v1::EventEnvelope> again = DecodeEntry(republished, &again_error);
  ANSINH_FUZZ_CHECK(again.has_value(), again_error.c_str());
  // Byte equality: the envelope has no map fields, so its serialization is
  // canonical, and unknown fields (a newer publisher's) must survive too.
  ANSINH_FUZZ_CHECK(envelope->SerializeAsString() == again->SerializeAsString(),
                    "a re-published envelope decodes unchanged");

  v1::Actor service;
  service.set_role(v1::ROLE_SERVICE);
  service.set_name("fuzz");
  const EventContext caused = EventContext::CausedBy(*envelope, service);
  ANSINH_FUZZ_CHECK(caused.causation_id == envelope->event_id(), "the cause is the event");
  ANSINH_FUZZ_CHECK(!caused.correlation_id.empty(), "a caused event keeps a correlation id");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  const Reply entry_reply =
      Array({Text("1732600000000-0"),
             Array({Text("type"), Text("registry.household_registered.v1"), Text("aggregate"),
                    Text("household/HH-000001"), Text("envelope"), Text(std::string(input))})});
  const StreamEntry entry = ParseEntryReply(entry_reply);
  ANSINH_FUZZ_CHECK(entry.fields.size() == 3, "a well-shaped entry keeps its three fields");
  CheckDecoded(entry);

  const Reply odd_reply = ReplyReader(input).Read(0);
  CheckDecoded(ParseEntryReply(odd_reply));
  return 0;
}
