#include "registry/core/household_code.h"

#include <cstdio>

namespace ansinh::registry {
namespace {

constexpr size_t kMaxGroupDigits = 6;
constexpr size_t kMaxSequenceDigits = 9;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string_view TrimAscii(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const size_t last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// Value of a run of 1..max_digits ASCII digits; nullopt otherwise.
std::optional<int64_t> DigitsValue(std::string_view digits, size_t max_digits) {
  if (digits.empty() || digits.size() > max_digits) return std::nullopt;
  int64_t value = 0;
  for (char c : digits) {
    if (!IsDigit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::string FormatCode(int64_t group, int64_t sequence) {
  // Room for "T", "-", two 20-character long longs and the NUL: the optimiser
  // cannot see the callers' range checks and warns on anything smaller.
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "T%02lld-%03lld", static_cast<long long>(group),
                static_cast<long long>(sequence));
  return buffer;
}

}  // namespace

std::optional<int> ResidentialGroupNumber(std::string_view residential_group) {
  const std::string_view name = TrimAscii(residential_group);
  size_t start = name.size();
  while (start > 0 && IsDigit(name[start - 1])) --start;
  const std::optional<int64_t> number = DigitsValue(name.substr(start), kMaxGroupDigits);
  if (!number) return std::nullopt;
  return static_cast<int>(*number);
}

std::optional<std::string> MakeHouseholdCode(std::string_view residential_group, int64_t sequence) {
  const std::optional<int> group = ResidentialGroupNumber(residential_group);
  if (!group || sequence < 1) return std::nullopt;
  return FormatCode(*group, sequence);
}

std::optional<std::string> NormalizeHouseholdCode(std::string_view typed) {
  std::string_view code = TrimAscii(typed);
  if (!code.empty() && (code.front() == 'T' || code.front() == 't')) code.remove_prefix(1);
  const size_t separator = code.find_first_of("-. ");
  if (separator == std::string_view::npos) return std::nullopt;
  const std::optional<int64_t> group = DigitsValue(code.substr(0, separator), kMaxGroupDigits);
  const std::optional<int64_t> sequence = DigitsValue(code.substr(separator + 1), kMaxSequenceDigits);
  if (!group || !sequence || *sequence < 1) return std::nullopt;
  return FormatCode(*group, *sequence);
}

}  // namespace ansinh::registry
