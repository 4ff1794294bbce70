// The catalogs of locales/: both languages have every message, each
// message's placeholders are the same in both, every template parses, and
// the copies built into programs are the files.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "i18n/catalog.h"
#include "i18n/embedded_catalogs.h"
#include "i18n/template_text.h"

namespace ansinh::i18n {
namespace {

const std::filesystem::path kLocales = std::filesystem::path(ANSINH_SOURCE_DIR) / "locales";

Catalog Load(Language language) {
  Result<Catalog> catalog = LoadCatalog(language, kLocales);
  if (!catalog.ok()) ADD_FAILURE() << catalog.error().message;
  return catalog.ok() ? *catalog : Catalog(language, {});
}

TEST(CatalogFiles, EveryEnglishMessageIsInVietnamese) {
  const Catalog en = Load(Language::kEnglish);
  const Catalog vi = Load(Language::kVietnamese);
  ASSERT_FALSE(en.messages().empty());
  for (const auto& [key, text] : en.messages()) {
    EXPECT_NE(vi.Find(key), nullptr) << "locales/vi.json lacks " << key << " (en: \"" << text << "\")";
  }
}

TEST(CatalogFiles, EveryVietnameseMessageIsInEnglish) {
  const Catalog en = Load(Language::kEnglish);
  const Catalog vi = Load(Language::kVietnamese);
  for (const auto& [key, text] : vi.messages()) {
    EXPECT_NE(en.Find(key), nullptr) << "locales/en.json lacks " << key << " (vi: \"" << text << "\")";
  }
}

TEST(CatalogFiles, BothLanguagesUseTheSamePlaceholders) {
  const Catalog en = Load(Language::kEnglish);
  const Catalog vi = Load(Language::kVietnamese);
  for (const auto& [key, english] : en.messages()) {
    const std::string* vietnamese = vi.Find(key);
    if (vietnamese == nullptr) continue;
    EXPECT_EQ(PlaceholderNames(english), PlaceholderNames(*vietnamese))
        << key << ": en \"" << english << "\" vi \"" << *vietnamese << "\"";
  }
}

TEST(CatalogFiles, NoMessageIsEmpty) {
  for (Language language : {Language::kEnglish, Language::kVietnamese}) {
    const Catalog catalog = Load(language);
    for (const auto& [key, text] : catalog.messages()) {
      EXPECT_FALSE(text.empty()) << LanguageCode(language) << ": " << key;
    }
  }
}

TEST(CatalogFiles, TheBuiltInCatalogsAreTheFiles) {
  for (Language language : {Language::kEnglish, Language::kVietnamese}) {
    std::ifstream in(kLocales / (std::string(LanguageCode(language)) + ".json"), std::ios::binary);
    std::ostringstream file;
    file << in.rdbuf();
    EXPECT_EQ(EmbeddedCatalogText(language), file.str()) << "rebuild after editing locales/";
  }
}

TEST(CatalogFiles, ATemplateWithAnUnbalancedBraceIsRefused) {
  const Result<Catalog> bad = ParseCatalog(Language::kVietnamese, R"({"x": "hộ {household"})", "test.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("x"), std::string::npos) << bad.error().message;
  EXPECT_FALSE(ParseCatalog(Language::kVietnamese, R"({"x": 3})", "test.json").ok());
  EXPECT_FALSE(ParseCatalog(Language::kVietnamese, "[]", "test.json").ok());
  EXPECT_FALSE(ParseCatalog(Language::kVietnamese, "{", "test.json").ok());
}

TEST(CatalogFiles, MakeTranslatorReadsADirectoryOrNamesWhatIsMissing) {
  Result<Translator> from_files = MakeTranslator(Language::kVietnamese, kLocales.string());
  ASSERT_TRUE(from_files.ok()) << from_files.error().message;
  EXPECT_EQ(from_files->Text("category.POOR"), "Hộ nghèo");
  Result<Translator> built_in = MakeTranslator(Language::kVietnamese);
  ASSERT_TRUE(built_in.ok());
  EXPECT_EQ(built_in->Text("category.POOR"), "Hộ nghèo");
  const Result<Translator> missing = MakeTranslator(Language::kVietnamese, "/nonexistent/locales");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("en.json"), std::string::npos) << missing.error().message;
}

}  // namespace
}  // namespace ansinh::i18n
