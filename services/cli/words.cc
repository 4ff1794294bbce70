#include "words.h"

#include <cstdlib>
#include <memory>
#include <optional>

#include "i18n/proto/localized_text.h"

namespace ansinh::cli {
namespace {

std::unique_ptr<i18n::Translator>& Installed() {
  static std::unique_ptr<i18n::Translator> translator;
  return translator;
}

std::optional<std::string> Environment(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

// The value of `--name value` or `--name=value` in argv, the last one given.
std::optional<std::string> FlagValue(int argc, const char* const* argv, std::string_view name) {
  std::optional<std::string> found;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") break;
    if (arg == name && i + 1 < argc) {
      found = argv[++i];
    } else if (arg.starts_with(name) && arg.size() > name.size() && arg[name.size()] == '=') {
      found = std::string(arg.substr(name.size() + 1));
    }
  }
  return found;
}

}  // namespace

LanguageChoice ChooseLanguage(int argc, const char* const* argv) {
  LanguageChoice choice;
  choice.language = i18n::LanguageOfLocale(Environment);
  if (const std::optional<std::string> variable = Environment("ANSINH_LANG")) {
    if (const std::optional<i18n::Language> language = i18n::ParseLanguage(*variable))
      choice.language = *language;
  }
  if (const std::optional<std::string> flag = FlagValue(argc, argv, "--lang")) {
    if (const std::optional<i18n::Language> language = i18n::ParseLanguage(*flag))
      choice.language = *language;
  }
  choice.locales_dir = Environment("ANSINH_LOCALES_DIR").value_or("");
  if (const std::optional<std::string> flag = FlagValue(argc, argv, "--locales-dir"))
    choice.locales_dir = *flag;
  return choice;
}

void AddLanguageOptions(CLI::App& app, LanguageChoice& choice) {
  // The values were read already (ChooseLanguage); CLI11 checks them and
  // lists them in --help.
  static std::string lang;
  app.add_option("--lang", lang, Tr("cli.option.lang"))
      ->envname("ANSINH_LANG")
      ->check(CLI::IsMember({"vi", "en"}));
  app.add_option("--locales-dir", choice.locales_dir, Tr("cli.option.locales_dir"))
      ->envname("ANSINH_LOCALES_DIR");
}

void TranslateHelp(CLI::App& app) {
  const auto formatter = app.get_formatter();
  formatter->label("Usage", Tr("cli.help.usage"));
  formatter->label("OPTIONS", Tr("cli.help.options_placeholder"));
  formatter->label("SUBCOMMAND", Tr("cli.help.subcommand_placeholder"));
  formatter->label("Positionals", Tr("cli.help.positionals"));
  formatter->label("REQUIRED", Tr("cli.help.required"));
  formatter->label("Env", Tr("cli.help.env"));
  formatter->label("Needs", Tr("cli.help.needs"));
  formatter->label("Excludes", Tr("cli.help.excludes"));
  // CLI11 names the groups of options and of subcommands in English.
  const std::string options = Tr("cli.help.options");
  const std::string subcommands = Tr("cli.help.subcommands");
  const std::function<void(CLI::App&)> translate = [&](CLI::App& command) {
    if (CLI::Option* help = command.get_help_ptr()) help->description(Tr("cli.help.help"));
    for (CLI::Option* option : command.get_options([](CLI::Option*) { return true; })) {
      if (option->get_group() == "Options") option->group(options);
    }
    for (CLI::App* subcommand : command.get_subcommands([](CLI::App*) { return true; })) {
      if (subcommand->get_group() == "Subcommands") subcommand->group(subcommands);
      translate(*subcommand);
    }
  };
  translate(app);
}

void UseTranslator(i18n::Translator translator) {
  Installed() = std::make_unique<i18n::Translator>(std::move(translator));
}

const i18n::Translator& Words() { return *Installed(); }

std::string Tr(std::string_view key, TextArgs args) {
  i18n::Message message{std::string(key), {}, {}};
  for (const auto& [name, value] : args) message.args.emplace(name, value.text);
  return Words().Text(message);
}

std::string Tr(const v1::LocalizedText& text, const std::string& english) {
  if (text.key().empty() || InEnglish() || !Words().Has(text.key())) return english;
  return Words().Text(i18n::FromProto(text));
}

bool InEnglish() { return Words().language() == i18n::Language::kEnglish; }
std::string Number(int64_t value) { return Words().Number(value); }
std::string Money(int64_t value) { return Words().Money(value); }
std::string Percent(double value) { return Words().Percent(value); }
std::string Date(std::string_view iso) { return iso.empty() ? "-" : Words().Date(iso); }

}  // namespace ansinh::cli
