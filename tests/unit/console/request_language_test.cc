#include "console/request_language.h"

#include <gtest/gtest.h>

namespace ansinh::console {
namespace {

using i18n::Language;

TEST(RequestLanguage, TheWebAppsHeaderWins) {
  EXPECT_EQ(RequestLanguage("en", "vi-VN,vi;q=0.9"), Language::kEnglish);
  EXPECT_EQ(RequestLanguage("vi", "en-US"), Language::kVietnamese);
}

TEST(RequestLanguage, ElseAcceptLanguageByWeight) {
  EXPECT_EQ(RequestLanguage("", "en-US,en;q=0.9,vi;q=0.8"), Language::kEnglish);
  EXPECT_EQ(RequestLanguage("", "fr-FR, vi;q=0.9, en;q=0.5"), Language::kVietnamese);
  EXPECT_EQ(RequestLanguage("", "en;q=0.2, vi-VN;q=0.7"), Language::kVietnamese);
  EXPECT_EQ(RequestLanguage("", "en_GB"), Language::kEnglish);
}

TEST(RequestLanguage, ElseVietnamese) {
  EXPECT_EQ(RequestLanguage("", ""), Language::kVietnamese);
  EXPECT_EQ(RequestLanguage("fr", "de-DE,*;q=0.5"), Language::kVietnamese);
  EXPECT_EQ(RequestLanguage("english", "env"), Language::kVietnamese);
}

}  // namespace
}  // namespace ansinh::console
