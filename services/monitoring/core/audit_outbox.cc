#include "monitoring/core/audit_outbox.h"

#include <charconv>

namespace ansinh::monitoring {
namespace {

std::optional<std::uint64_t> ParseDecimal(std::string_view text) {
  std::uint64_t value = 0;
  if (text.empty() || (text.size() > 1 && text.front() == '0')) return std::nullopt;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::string OutboxEntryId(std::uint64_t ordinal) { return "0-" + std::to_string(ordinal); }

std::optional<std::uint64_t> OutboxOrdinalOf(std::string_view entry_id) {
  if (!entry_id.starts_with("0-")) return std::nullopt;
  std::optional<std::uint64_t> ordinal = ParseDecimal(entry_id.substr(2));
  if (!ordinal || *ordinal == 0) return std::nullopt;
  return ordinal;
}

std::string EncodeOutboxRun(const OutboxRun& run) {
  return std::to_string(run.first_ordinal) + ":" + std::to_string(run.first_sequence);
}

std::optional<OutboxRun> ParseOutboxRun(std::string_view member) {
  const std::size_t colon = member.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const std::optional<std::uint64_t> ordinal = ParseDecimal(member.substr(0, colon));
  const std::optional<std::uint64_t> sequence = ParseDecimal(member.substr(colon + 1));
  if (!ordinal || !sequence || *ordinal == 0 || *sequence == 0) return std::nullopt;
  return OutboxRun{*ordinal, *sequence};
}

std::uint64_t SequenceInRun(const OutboxRun& run, std::uint64_t ordinal) {
  return run.first_sequence + (ordinal - run.first_ordinal);
}

Result<OutboxAppend> SealOutboxItems(const std::vector<OutboxItem>& items, std::uint64_t taken,
                                     const AuditHead& head) {
  OutboxAppend result;
  result.last_ordinal = taken;
  AuditHead current = head;
  for (const OutboxItem& item : items) {
    if (item.ordinal != result.last_ordinal + 1) {
      return Error::FailedPrecondition("the audit outbox holds ordinal " + std::to_string(item.ordinal) +
                                       " where " + std::to_string(result.last_ordinal + 1) +
                                       " was expected: an entry is missing, nothing is sealed");
    }
    AuditAppend append = AppendToHead(item.draft, current);
    current = append.next;
    result.appends.push_back(std::move(append));
    result.last_ordinal = item.ordinal;
  }
  if (!result.appends.empty()) {
    result.run = OutboxRun{taken + 1, result.appends.front().sealed.sequence()};
  }
  return result;
}

}  // namespace ansinh::monitoring
