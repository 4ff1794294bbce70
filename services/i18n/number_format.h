#pragma once

// Numbers, money and dates as each language writes them. Vietnamese groups
// thousands with dots and writes decimals with a comma (1.500.000; 6,5;
// 4,10%), money as "1.500.000 ₫" and dates as dd/mm/yyyy. English keeps what
// the services write: 1,500,000; 6.5; 4.10%; "1,500,000 VND"; ISO dates.

#include <cstdint>
#include <string>
#include <string_view>

#include "i18n/language.h"
#include "kernel/civil_date.h"

namespace ansinh::i18n {

// 1500000 -> "1.500.000" (vi), "1,500,000" (en); -1500 -> "-1.500".
std::string FormatNumber(int64_t value, Language language);

// 1500000 -> "1.500.000 ₫" (vi), "1,500,000 VND" (en).
std::string FormatMoney(int64_t value, Language language);

// At most `max_decimals` decimals, trailing zeros dropped, the whole part
// grouped: 6.5 -> "6,5" (vi), "6.5" (en); 8.0 -> "8"; 12345.25 -> "12.345,25".
std::string FormatDecimal(double value, Language language, int max_decimals = 2);

// Two decimals and a percent sign: 4.1 -> "4,10%" (vi), "4.10%" (en).
std::string FormatPercent(double value, Language language);

// 2025-12-10 -> "10/12/2025" (vi), "2025-12-10" (en).
std::string FormatDate(CivilDate date, Language language);

// An ISO date ("2025-12-10") or a ward time as the services print it
// ("2025-12-10 14:03" or "2025-12-10 14:03:05"), date first in the
// language's form: "10/12/2025 14:03" (vi). Any other text is returned as is.
std::string FormatDateText(std::string_view text, Language language);

}  // namespace ansinh::i18n
