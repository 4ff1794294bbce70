#include "i18n/translator.h"

#include <gtest/gtest.h>

namespace ansinh::i18n {
namespace {

Catalog English() {
  return Catalog(Language::kEnglish, {{"greeting", "hello {name}"},
                                      {"only.english", "only in English"},
                                      {"category.POOR", "poor"},
                                      {"category.NEAR_POOR", "near-poor"},
                                      {"list.or", "or"},
                                      {"list.and", "and"},
                                      {"count", "{n} {n:plural:household:households}"},
                                      {"money", "{amount:money}"},
                                      {"date", "on {day:date}"},
                                      {"nested", "findings: {findings}"},
                                      {"nested.or", "one of {items:or}"},
                                      {"nested.concat", "approved{parts:concat}"},
                                      {"part", "; {id} left out"},
                                      {"finding", "{name} ({age})"},
                                      {"categories", "{list:@category|or}"},
                                      {"category_word", "{category:@category}"}});
}

Catalog Vietnamese() {
  return Catalog(Language::kVietnamese, {{"greeting", "xin chào {name}"},
                                         {"category.POOR", "Hộ nghèo"},
                                         {"category.NEAR_POOR", "Hộ cận nghèo"},
                                         {"list.or", "hoặc"},
                                         {"list.and", "và"},
                                         {"count", "{n:number} hộ"},
                                         {"money", "{amount:money}"},
                                         {"date", "ngày {day:date}"},
                                         {"nested", "phát hiện: {findings}"},
                                         {"nested.or", "một trong {items:or}"},
                                         {"finding", "{name} ({age} tuổi)"},
                                         {"categories", "{list:@category|or}"},
                                         {"category_word", "{category:@category}"},
                                         {"percent", "{p:percent}"},
                                         {"decimal", "{d:decimal} m²"}});
}

Translator Vi() { return Translator(Vietnamese(), English()); }
Translator En() { return Translator(English(), English()); }

TEST(Translator, SubstitutesNamedArguments) {
  EXPECT_EQ(Vi().Text("greeting", {{"name", "Lan"}}), "xin chào Lan");
  EXPECT_EQ(En().Text("greeting", {{"name", "Lan"}}), "hello Lan");
}

TEST(Translator, AMissingMessageFallsBackToEnglishThenToTheKey) {
  EXPECT_EQ(Vi().Text("only.english"), "only in English");
  EXPECT_EQ(Vi().Text("no.such.key"), "no.such.key");
  EXPECT_TRUE(Vi().Has("only.english"));
  EXPECT_FALSE(Vi().Has("no.such.key"));
}

TEST(Translator, AMissingArgumentStaysVisibleInsteadOfFailing) {
  EXPECT_EQ(Vi().Text("greeting"), "xin chào {name}");
}

TEST(Translator, FormatsNumbersMoneyAndDatesInTheLanguage) {
  EXPECT_EQ(Vi().Text("count", {{"n", "1500"}}), "1.500 hộ");
  EXPECT_EQ(En().Text("count", {{"n", "1"}}), "1 household");
  EXPECT_EQ(En().Text("count", {{"n", "3"}}), "3 households");
  EXPECT_EQ(Vi().Text("money", {{"amount", "1500000"}}), "1.500.000 ₫");
  EXPECT_EQ(En().Text("money", {{"amount", "1500000"}}), "1,500,000 VND");
  EXPECT_EQ(Vi().Text("date", {{"day", "2025-12-10"}}), "ngày 10/12/2025");
  EXPECT_EQ(En().Text("date", {{"day", "2025-12-10"}}), "on 2025-12-10");
  EXPECT_EQ(Vi().Text("percent", {{"p", "4.1"}}), "4,10%");
  EXPECT_EQ(Vi().Text("decimal", {{"d", "6.5"}}), "6,5 m²");
  // A value the spec cannot read is shown as given.
  EXPECT_EQ(Vi().Text("money", {{"amount", "about a million"}}), "about a million");
  EXPECT_EQ(Vi().Text("date", {{"day", "soon"}}), "ngày soon");
}

TEST(Translator, WordsEnumValuesAndListsOfThem) {
  EXPECT_EQ(Vi().Text("category_word", {{"category", "POOR"}}), "Hộ nghèo");
  EXPECT_EQ(Vi().Text("categories", {{"list", "POOR,NEAR_POOR"}}), "Hộ nghèo hoặc Hộ cận nghèo");
  EXPECT_EQ(En().Text("categories", {{"list", "POOR,NEAR_POOR,POOR"}}), "poor, near-poor or poor");
  // A value without a message is shown as it is.
  EXPECT_EQ(Vi().Text("category_word", {{"category", "RICH"}}), "RICH");
}

TEST(Translator, RendersNestedMessagesJoined) {
  Message message{"nested", {}, {}};
  message.texts["findings"] = {Message{"finding", {{"name", "An"}, {"age", "17"}}, {}},
                               Message{"finding", {{"name", "Bình"}, {"age", "20"}}, {}}};
  EXPECT_EQ(Vi().Text(message), "phát hiện: An (17 tuổi); Bình (20 tuổi)");
  EXPECT_EQ(En().Text(message), "findings: An (17); Bình (20)");

  Message either{"nested.or", {}, {}};
  either.texts["items"] = {Message{"category.POOR", {}, {}}, Message{"category.NEAR_POOR", {}, {}}};
  EXPECT_EQ(Vi().Text(either), "một trong Hộ nghèo hoặc Hộ cận nghèo");
}

TEST(Translator, AnEmptyListIsAnOptionalPartLeftOut) {
  Message none{"nested.concat", {}, {}};
  none.texts["parts"] = {};
  EXPECT_EQ(En().Text(none), "approved");
  Message two{"nested.concat", {}, {}};
  two.texts["parts"] = {Message{"part", {{"id", "H1"}}, {}}, Message{"part", {{"id", "H2"}}, {}}};
  EXPECT_EQ(En().Text(two), "approved; H1 left out; H2 left out");
}

TEST(Translator, FormatsInTheChosenLanguage) {
  EXPECT_EQ(Vi().language(), Language::kVietnamese);
  EXPECT_EQ(Vi().Number(1000), "1.000");
  EXPECT_EQ(En().Number(1000), "1,000");
  EXPECT_EQ(Vi().Date("2026-01-02 07:05"), "02/01/2026 07:05");
}

}  // namespace
}  // namespace ansinh::i18n
