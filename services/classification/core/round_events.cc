#include "classification/core/round_events.h"

namespace ansinh::classification {

const google::protobuf::Message& RoundEvent::message() const {
  return std::visit([](const auto& held) -> const google::protobuf::Message& { return held; }, payload);
}

}  // namespace ansinh::classification
