#include "i18n/template_text.h"

#include <gtest/gtest.h>

namespace ansinh::i18n {
namespace {

TEST(TemplateText, SplitsTextAndPlaceholdersWithTheirSpecs) {
  const auto pieces = ParseTemplate("hộ {household} ({category:@category}) ngày {date:date}");
  ASSERT_TRUE(pieces.has_value());
  ASSERT_EQ(pieces->size(), 6u);
  EXPECT_EQ((*pieces)[0].text, "hộ ");
  EXPECT_EQ((*pieces)[1].name, "household");
  EXPECT_EQ((*pieces)[1].spec, "");
  EXPECT_EQ((*pieces)[3].name, "category");
  EXPECT_EQ((*pieces)[3].spec, "@category");
  EXPECT_EQ((*pieces)[5].name, "date");
  EXPECT_EQ((*pieces)[5].spec, "date");
}

TEST(TemplateText, DoubledBracesAreLiteral) {
  const auto pieces = ParseTemplate("ansinh:{{p0}}:events {n}");
  ASSERT_TRUE(pieces.has_value());
  ASSERT_EQ(pieces->size(), 2u);
  EXPECT_EQ((*pieces)[0].text, "ansinh:{p0}:events ");
  EXPECT_EQ((*pieces)[1].name, "n");
}

TEST(TemplateText, UnbalancedBracesAndNamelessPlaceholdersDoNotParse) {
  EXPECT_FALSE(ParseTemplate("{household").has_value());
  EXPECT_FALSE(ParseTemplate("household}").has_value());
  EXPECT_FALSE(ParseTemplate("{}").has_value());
  EXPECT_FALSE(ParseTemplate("{:date}").has_value());
  EXPECT_TRUE(ParseTemplate("").has_value());
}

TEST(TemplateText, PlaceholderNamesIgnoreTheSpecs) {
  const auto names = PlaceholderNames("{a} {b:number} {a:date} {{c}}");
  ASSERT_TRUE(names.has_value());
  EXPECT_EQ(*names, (std::set<std::string>{"a", "b"}));
}

}  // namespace
}  // namespace ansinh::i18n
