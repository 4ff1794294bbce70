#include "registry/core/event_for_consumer.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <memory>
#include <set>

#include "events/event_catalogue.h"
#include "personal_data/granted_fields.h"
#include "registry/core/consumer_grant_rules.h"

namespace ansinh::registry {
namespace {

constexpr std::string_view kTypeUrlPrefix = "type.googleapis.com/";

// The payload unpacked as its type's message (from the generated pool, which
// holds every payload of the catalogue), or nullptr.
std::unique_ptr<google::protobuf::Message> Unpacked(const google::protobuf::Any& payload,
                                                    std::string_view expected_type) {
  if (payload.type_url() != std::string(kTypeUrlPrefix) + std::string(expected_type)) return nullptr;
  const google::protobuf::Descriptor* type =
      google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(std::string(expected_type));
  if (type == nullptr) return nullptr;
  const google::protobuf::Message* prototype =
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(type);
  if (prototype == nullptr) return nullptr;
  std::unique_ptr<google::protobuf::Message> message(prototype->New());
  if (!payload.UnpackTo(message.get())) return nullptr;
  return message;
}

}  // namespace

ConsumerEvent EventForConsumer(const v1::EventEnvelope& event, const v1::ConsumerGrant& grant) {
  ConsumerEvent result;
  const events::CataloguedEvent* known = events::FindGrantableEventType(event.event_type());
  if (known == nullptr || !GrantsType(grant, event.event_type())) {
    result.withheld = Withheld::kNotGranted;
    return result;
  }
  std::unique_ptr<google::protobuf::Message> payload = Unpacked(event.payload(), known->payload);
  if (payload == nullptr) {
    result.withheld = Withheld::kUnreadablePayload;
    return result;
  }
  const std::set<std::string> granted(grant.fields().begin(), grant.fields().end());
  personal_data::ClearMarkedFieldsExcept(*payload, granted);

  v1::EventEnvelope& out = result.envelope.emplace();
  out.set_event_id(event.event_id());
  out.set_event_type(event.event_type());
  out.set_aggregate_type(event.aggregate_type());
  out.set_aggregate_id(event.aggregate_id());
  out.set_aggregate_version(event.aggregate_version());
  *out.mutable_occurred_at() = event.occurred_at();
  *out.mutable_actor() = event.actor();
  out.set_correlation_id(event.correlation_id());
  out.set_causation_id(event.causation_id());
  out.mutable_payload()->PackFrom(*payload);
  out.set_household_id(event.household_id());
  result.payload = std::move(payload);
  return result;
}

std::optional<v1::HouseholdDetails> HouseholdDetailsFor(const v1::Household& household,
                                                        const v1::ConsumerGrant& grant) {
  if (grant.household_details().empty()) return std::nullopt;
  v1::HouseholdDetails details;
  details.set_household_id(household.household_id());
  const v1::Member* head = nullptr;
  for (const v1::Member& member : household.members()) {
    if (member.member_id() == household.head_member_id()) head = &member;
  }
  for (const int detail : grant.household_details()) {
    switch (detail) {
      case v1::HOUSEHOLD_DETAIL_HEAD_NAME:
        if (head != nullptr) details.set_head_full_name(head->full_name());
        break;
      case v1::HOUSEHOLD_DETAIL_HEAD_NATIONAL_ID:
        if (head != nullptr) details.set_head_national_id(head->national_id());
        break;
      case v1::HOUSEHOLD_DETAIL_ADDRESS:
        details.set_address(household.address());
        break;
      default:
        break;
    }
  }
  return details;
}

}  // namespace ansinh::registry
