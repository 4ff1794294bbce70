#include "i18n/language.h"

#include <gtest/gtest.h>

#include <map>

namespace ansinh::i18n {
namespace {

// The locale variables of a test: unset unless listed.
Language LanguageOf(const std::map<std::string, std::string>& variables) {
  return LanguageOfLocale([&](const char* name) -> std::optional<std::string> {
    const auto found = variables.find(name);
    if (found == variables.end()) return std::nullopt;
    return found->second;
  });
}

TEST(Language, AVietnameseLocaleMeansVietnamese) {
  EXPECT_EQ(LanguageOf({{"LANG", "vi_VN.UTF-8"}}), Language::kVietnamese);
  EXPECT_EQ(LanguageOf({{"LANG", "vi"}}), Language::kVietnamese);
  EXPECT_EQ(LanguageOf({{"LC_MESSAGES", "vi_VN"}}), Language::kVietnamese);
  EXPECT_EQ(LanguageOf({{"LC_ALL", "vi_VN.UTF-8"}, {"LANG", "en_US.UTF-8"}}), Language::kVietnamese);
}

TEST(Language, EverythingElseIsEnglish) {
  EXPECT_EQ(LanguageOf({}), Language::kEnglish);
  EXPECT_EQ(LanguageOf({{"LANG", "C.UTF-8"}}), Language::kEnglish);
  EXPECT_EQ(LanguageOf({{"LANG", "POSIX"}}), Language::kEnglish);
  EXPECT_EQ(LanguageOf({{"LANG", "fr_FR.UTF-8"}}), Language::kEnglish);
  // "vietnamese" is not a locale name; "vi" must stand alone or before _, -, . or @.
  EXPECT_EQ(LanguageOf({{"LANG", "video"}}), Language::kEnglish);
}

TEST(Language, TheFirstSetVariableDecidesAsPosixRanksThem) {
  // LC_ALL before LC_MESSAGES before LANG; an empty one does not count.
  EXPECT_EQ(LanguageOf({{"LC_ALL", "C"}, {"LANG", "vi_VN.UTF-8"}}), Language::kEnglish);
  EXPECT_EQ(LanguageOf({{"LC_ALL", ""}, {"LC_MESSAGES", "vi_VN.UTF-8"}, {"LANG", "C"}}),
            Language::kVietnamese);
  EXPECT_EQ(LanguageOf({{"LC_MESSAGES", "en_GB"}, {"LANG", "vi_VN.UTF-8"}}), Language::kEnglish);
}

TEST(Language, ParsesTheCodesOfTheLangFlag) {
  EXPECT_EQ(ParseLanguage("vi"), Language::kVietnamese);
  EXPECT_EQ(ParseLanguage("VI"), Language::kVietnamese);
  EXPECT_EQ(ParseLanguage("en"), Language::kEnglish);
  EXPECT_EQ(ParseLanguage("en_US.UTF-8"), Language::kEnglish);
  EXPECT_EQ(ParseLanguage("fr"), std::nullopt);
  EXPECT_EQ(ParseLanguage(""), std::nullopt);
  EXPECT_EQ(LanguageCode(Language::kVietnamese), "vi");
  EXPECT_EQ(LanguageCode(Language::kEnglish), "en");
}

}  // namespace
}  // namespace ansinh::i18n
