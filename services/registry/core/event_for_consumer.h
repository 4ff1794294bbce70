// An event as an outside consumer receives it (docs/events.md, "Outside
// consumers"): only a granted type, the envelope's fields copied one by one
// (a field the envelope gains later, such as a part sealed with a household's
// data key, reaches a consumer only once it is added here on purpose), and
// the payload without the marked fields the grant does not name. Pure.
#pragma once

#include <google/protobuf/message.h>

#include <memory>
#include <optional>
#include <string>

#include "ansinh/v1/consumers.pb.h"
#include "ansinh/v1/envelope.pb.h"
#include "ansinh/v1/household.pb.h"

namespace ansinh::registry {

// Why an event is not delivered.
enum class Withheld {
  kNotGranted,         // its type is not in the grant: acknowledged unseen
  kUnreadablePayload,  // the payload is not its type's message, or does not parse
};

struct ConsumerEvent {
  std::optional<v1::EventEnvelope> envelope;  // set when delivered
  // The payload as delivered, unpacked (set with `envelope`): what the
  // consumer's read of sensitive fields is recorded from.
  std::shared_ptr<const google::protobuf::Message> payload;
  Withheld withheld = Withheld::kNotGranted;
};

ConsumerEvent EventForConsumer(const v1::EventEnvelope& event, const v1::ConsumerGrant& grant);

// What the grant's household details take from `household` as the registry
// holds it (its head found by head_member_id); nullopt when the grant asks
// for none.
std::optional<v1::HouseholdDetails> HouseholdDetailsFor(const v1::Household& household,
                                                        const v1::ConsumerGrant& grant);

}  // namespace ansinh::registry
