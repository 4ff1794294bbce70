#pragma once

#include <cstdint>
#include <string_view>

namespace ansinh::redis {

// Redis Cluster divides the key space into 16384 hash slots; a key's slot is
// CRC16(key or its hash tag) mod 16384 (docs/operations.md, "Redis Cluster").
inline constexpr int kClusterSlotCount = 16384;

// CRC16-CCITT (XMODEM: polynomial 0x1021, initial value 0), the variant the
// Redis Cluster specification uses; CRC16("123456789") == 0x31C3.
uint16_t Crc16(std::string_view data);

// The part of `key` that is hashed: the text between the first '{' and the
// first '}' after it, when that text is not empty; otherwise the whole key.
// Keys sharing a tag ("{p3}") share a slot, so one MULTI can cover them.
std::string_view HashTagOf(std::string_view key);

// The hash slot of `key`, as CLUSTER KEYSLOT computes it.
int KeySlot(std::string_view key);

}  // namespace ansinh::redis
