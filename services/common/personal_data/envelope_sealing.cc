#include "personal_data/envelope_sealing.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <memory>
#include <optional>

#include "personal_data/personal_fields.h"

namespace ansinh::personal_data {
namespace {

// An empty message of the payload's type, or null when this program does not
// know the type (a newer publisher's event).
std::unique_ptr<google::protobuf::Message> UnpackPayload(const google::protobuf::Any& payload) {
  std::string type_name;
  if (!google::protobuf::Any::ParseAnyTypeUrl(payload.type_url(), &type_name)) return nullptr;
  const google::protobuf::Descriptor* descriptor =
      google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(type_name);
  if (descriptor == nullptr) return nullptr;
  const google::protobuf::Message* prototype =
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(descriptor);
  if (prototype == nullptr) return nullptr;
  std::unique_ptr<google::protobuf::Message> message(prototype->New());
  if (!payload.UnpackTo(message.get())) return nullptr;
  return message;
}

}  // namespace

bool SealEnvelope(v1::EventEnvelope& envelope, const AesKey& data_key) {
  if (envelope.household_id().empty() || envelope.has_personal()) return false;
  std::unique_ptr<google::protobuf::Message> payload = UnpackPayload(envelope.payload());
  if (!payload) return false;
  std::optional<v1::SealedPersonalFields> sealed =
      SealPersonalFields(*payload, envelope.household_id(), data_key);
  if (!sealed) return false;
  envelope.mutable_payload()->PackFrom(*payload);
  *envelope.mutable_personal() = std::move(*sealed);
  return true;
}

EnvelopeOpening OpenEnvelope(v1::EventEnvelope& envelope, const AesKey* data_key) {
  if (!envelope.has_personal()) return EnvelopeOpening::kNothingSealed;
  if (data_key == nullptr) return EnvelopeOpening::kStaysSealed;
  std::unique_ptr<google::protobuf::Message> payload = UnpackPayload(envelope.payload());
  // The fields are bound to the household the envelope names: sealed parts
  // moved to another household's event do not open.
  if (!payload || envelope.personal().key_owner() != envelope.household_id() ||
      !OpenPersonalFields(*payload, envelope.personal(), *data_key)) {
    return EnvelopeOpening::kStaysSealed;
  }
  envelope.mutable_payload()->PackFrom(*payload);
  envelope.clear_personal();
  return EnvelopeOpening::kOpened;
}

}  // namespace ansinh::personal_data
