#include "monitoring/core/audit_entry_encoding.h"

#include <cstdint>
#include <string_view>

#include "monitoring/core/digest.h"

namespace ansinh::monitoring {
namespace {

class CanonicalWriter {
 public:
  void Tag(std::string_view tag) { bytes_.append(tag); }

  void U64(std::uint64_t value) { BigEndian(value, 8); }
  void U32(std::uint32_t value) { BigEndian(value, 4); }
  void I64(std::int64_t value) { BigEndian(static_cast<std::uint64_t>(value), 8); }
  void I32(std::int32_t value) { BigEndian(static_cast<std::uint32_t>(value), 4); }

  void Str(std::string_view value) {
    U64(value.size());
    bytes_.append(value);
  }

  std::string Take() && { return std::move(bytes_); }

 private:
  void BigEndian(std::uint64_t value, int width) {
    for (int shift = (width - 1) * 8; shift >= 0; shift -= 8) {
      bytes_.push_back(static_cast<char>((value >> shift) & 0xff));
    }
  }

  std::string bytes_;
};

}  // namespace

std::string CanonicalEntryBytes(const v1::AuditChainEntry& entry) {
  CanonicalWriter writer;
  writer.Tag(kAuditEntryTag);
  writer.U64(entry.sequence());
  writer.U32(static_cast<std::uint32_t>(entry.kind()));
  writer.Str(entry.event_id());
  writer.Str(entry.event_type());
  writer.Str(entry.household_id());
  writer.U32(static_cast<std::uint32_t>(entry.actor().role()));
  writer.Str(entry.actor().name());
  writer.Str(entry.actor().organization_id());
  writer.I64(entry.occurred_at().seconds());
  writer.I32(entry.occurred_at().nanos());
  writer.Str(entry.detail());
  writer.Str(entry.canonical_event());
  return std::move(writer).Take();
}

std::string ComputeEntryHash(const v1::AuditChainEntry& entry) {
  return Sha256({entry.previous_hash(), CanonicalEntryBytes(entry)});
}

}  // namespace ansinh::monitoring
