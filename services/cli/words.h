#pragma once

// The words the CLI prints, in the language of the run (--lang, else
// ANSINH_LANG, else vi when LC_ALL / LC_MESSAGES / LANG start with "vi"):
// every text comes from locales/<language>.json (docs/i18n.md), numbers,
// money and dates in the language's formats.

#include <CLI/CLI.hpp>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "ansinh/v1/common.pb.h"
#include "i18n/message.h"
#include "i18n/translator.h"

namespace ansinh::cli {

// Where the words come from, chosen before the commands are built.
struct LanguageChoice {
  i18n::Language language = i18n::Language::kEnglish;
  // Empty: the catalogs built into the program.
  std::string locales_dir;
};

// --lang and --locales-dir (with ANSINH_LANG, ANSINH_LOCALES_DIR), read from
// the command line before CLI11 parses it so that every message, help
// included, is in the chosen language; else the locale's language.
LanguageChoice ChooseLanguage(int argc, const char* const* argv);

// Adds --lang and --locales-dir to the app, so CLI11 accepts and checks them.
void AddLanguageOptions(CLI::App& app, LanguageChoice& choice);

// CLI11's own words in the run's language: the help flag, the headings and
// labels of --help, across the whole command tree. Call once the commands
// are added.
void TranslateHelp(CLI::App& app);

// Installs the translator every function below uses.
void UseTranslator(i18n::Translator translator);
const i18n::Translator& Words();

using TextArgs = std::initializer_list<std::pair<const char*, i18n::ArgValue>>;

// The message `key` with its arguments, in the run's language.
std::string Tr(std::string_view key, TextArgs args = {});
// A LocalizedText of a service, or `english` when it carries no key (results
// stored before the service sent keys) or the run is in English, which shows
// the service's own words as they come.
std::string Tr(const v1::LocalizedText& text, const std::string& english);

bool InEnglish();
std::string Number(int64_t value);
std::string Money(int64_t value);
std::string Percent(double value);
// An ISO date or a ward time; "-" for an empty one.
std::string Date(std::string_view iso);

}  // namespace ansinh::cli
