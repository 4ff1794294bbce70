#include "redis/cluster_slot.h"

namespace ansinh::redis {

uint16_t Crc16(std::string_view data) {
  // Bitwise rather than table-driven: keys are short, and eight shifts per
  // byte are easy to check against the specification.
  uint16_t crc = 0;
  for (const char byte : data) {
    crc ^= static_cast<uint16_t>(static_cast<unsigned char>(byte) << 8);
    for (int bit = 0; bit < 8; ++bit) {
      crc =
          (crc & 0x8000) != 0 ? static_cast<uint16_t>((crc << 1) ^ 0x1021) : static_cast<uint16_t>(crc << 1);
    }
  }
  return crc;
}

std::string_view HashTagOf(std::string_view key) {
  const size_t open = key.find('{');
  if (open == std::string_view::npos) return key;
  const size_t close = key.find('}', open + 1);
  // No closing brace, or "{}": the whole key is hashed.
  if (close == std::string_view::npos || close == open + 1) return key;
  return key.substr(open + 1, close - open - 1);
}

int KeySlot(std::string_view key) { return Crc16(HashTagOf(key)) % kClusterSlotCount; }

}  // namespace ansinh::redis
