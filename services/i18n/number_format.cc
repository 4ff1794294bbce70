#include "i18n/number_format.h"

#include <cmath>
#include <cstdio>

namespace ansinh::i18n {
namespace {

char ThousandsSeparator(Language language) { return language == Language::kVietnamese ? '.' : ','; }
char DecimalSeparator(Language language) { return language == Language::kVietnamese ? ',' : '.'; }

// The digits of a magnitude, grouped in threes.
std::string GroupedDigits(uint64_t magnitude, Language language) {
  const std::string digits = std::to_string(magnitude);
  std::string grouped;
  grouped.reserve(digits.size() + digits.size() / 3);
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped.push_back(ThousandsSeparator(language));
    grouped.push_back(digits[i]);
  }
  return grouped;
}

}  // namespace

std::string FormatNumber(int64_t value, Language language) {
  // Unsigned, so that the most negative value does not overflow on negation.
  const uint64_t magnitude = value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  return (value < 0 ? "-" : "") + GroupedDigits(magnitude, language);
}

std::string FormatMoney(int64_t value, Language language) {
  return FormatNumber(value, language) + (language == Language::kVietnamese ? " ₫" : " VND");
}

std::string FormatDecimal(double value, Language language, int max_decimals) {
  if (!std::isfinite(value)) return std::to_string(value);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", max_decimals, std::fabs(value));
  std::string text = buffer;
  std::string fraction;
  if (const size_t point = text.find('.'); point != std::string::npos) {
    fraction = text.substr(point + 1);
    text.resize(point);
  }
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  const bool negative = value < 0 && (text != "0" || !fraction.empty());
  std::string out = (negative ? "-" : "") + GroupedDigits(std::stoull(text), language);
  if (!fraction.empty()) out += DecimalSeparator(language) + fraction;
  return out;
}

std::string FormatPercent(double value, Language language) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  std::string text = buffer;
  if (language == Language::kVietnamese) {
    for (char& c : text) {
      if (c == '.') c = ',';
    }
  }
  return text + "%";
}

std::string FormatDate(CivilDate date, Language language) {
  if (language == Language::kEnglish) return FormatIsoDate(date);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%02u/%02u/%04d", static_cast<unsigned>(date.day()),
                static_cast<unsigned>(date.month()), static_cast<int>(date.year()));
  return buffer;
}

std::string FormatDateText(std::string_view text, Language language) {
  if (text.size() < 10) return std::string(text);
  const std::optional<CivilDate> date = ParseIsoDate(text.substr(0, 10));
  if (!date) return std::string(text);
  const std::string_view rest = text.substr(10);
  // Only a time may follow: " HH:MM" or " HH:MM:SS".
  if (!rest.empty() && !(rest.size() >= 6 && rest[0] == ' ' && rest[3] == ':')) return std::string(text);
  return FormatDate(*date, language) + std::string(rest);
}

}  // namespace ansinh::i18n
