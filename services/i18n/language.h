#pragma once

// The languages of the catalogs, and which one a person's environment asks
// for: Vietnamese for a vi_VN locale, English otherwise.

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace ansinh::i18n {

enum class Language { kEnglish, kVietnamese };

// "en" or "vi", the name of the catalog file (locales/<code>.json).
std::string_view LanguageCode(Language language);

// "vi", "VI", "vi_VN", "vi-VN.UTF-8" -> Vietnamese; "en", "en_US.UTF-8" ->
// English; nullopt for anything else.
std::optional<Language> ParseLanguage(std::string_view text);

// The language of the locale variables as POSIX ranks them: the first of
// LC_ALL, LC_MESSAGES and LANG that is set and not empty decides; Vietnamese
// when it starts with "vi", English otherwise (also when none is set, and for
// "C" or "POSIX"). `variable` returns a variable's value, nullopt when unset
// (std::getenv in programs; a map in tests).
Language LanguageOfLocale(const std::function<std::optional<std::string>(const char*)>& variable);

}  // namespace ansinh::i18n
