#pragma once

// Messages in one person's language: the chosen catalog first, then the
// English one, then the key itself. A missing message or argument is shown,
// never a crash: "{household}" stays in the text when the argument is absent.

#include <cstdint>
#include <string>
#include <string_view>

#include "i18n/catalog.h"
#include "i18n/message.h"
#include "i18n/number_format.h"

namespace ansinh::i18n {

class Translator {
 public:
  // `english` is the fallback; pass the English catalog twice for English.
  Translator(Catalog chosen, Catalog english);

  Language language() const { return chosen_.language(); }
  const Catalog& chosen() const { return chosen_; }
  const Catalog& english() const { return english_; }

  // Whether either catalog has a message for `key`.
  bool Has(std::string_view key) const;

  std::string Text(const Message& message) const;
  std::string Text(std::string_view key, const Args& args = {}) const;

  std::string Number(int64_t value) const { return FormatNumber(value, language()); }
  std::string Money(int64_t value) const { return FormatMoney(value, language()); }
  std::string Decimal(double value) const { return FormatDecimal(value, language()); }
  std::string Percent(double value) const { return FormatPercent(value, language()); }
  // An ISO date or a ward time ("2025-12-10 14:03"); other text as is.
  std::string Date(std::string_view text) const { return FormatDateText(text, language()); }

 private:
  // The template of `key`, or nullptr.
  const std::string* Template(std::string_view key) const;
  std::string Apply(std::string_view spec, const std::string& value) const;
  std::string Join(const std::vector<std::string>& items, std::string_view how) const;

  Catalog chosen_;
  Catalog english_;
};

}  // namespace ansinh::i18n
