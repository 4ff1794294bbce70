// Every explanation of a classification travels twice: as the English text
// API clients read (reason, income_reason, category_reason,
// labour_capacity_reason) and as a catalog message (the *_text fields,
// docs/i18n.md). The English catalog must say what the English text says,
// word for word, so that the two never drift apart; the Vietnamese one must
// word every message the results name.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "classification/core/classifier.h"
#include "i18n/embedded_catalogs.h"
#include "i18n/proto/localized_text.h"
#include "survey_builder.h"

namespace ansinh::classification {
namespace {

using testkit::Adult;
using testkit::BornYearsBefore;
using testkit::Child;
using testkit::DepriveDwelling;
using testkit::NonDeprivedSurvey;

i18n::Translator TranslatorFor(i18n::Language language) {
  Result<i18n::Translator> translator = i18n::MakeTranslator(language);
  if (!translator.ok()) ADD_FAILURE() << translator.error().message;
  return std::move(translator).value();
}

// The keys of `text` and of every text nested in it.
void CollectKeys(const v1::LocalizedText& text, std::vector<std::string>& keys) {
  keys.push_back(text.key());
  for (const v1::LocalizedText::TextList& list : text.texts()) {
    for (const v1::LocalizedText& item : list.items()) CollectKeys(item, keys);
  }
}

// The households of the checks: every branch of the labour-capacity and
// employment wording (past retirement age, of working age, under 15, lost
// capacity), dependants, an untreated illness, score A and measured income.
std::vector<v1::Survey> LocalizedReasonSurveys() {
  std::vector<v1::Survey> surveys;

  v1::Survey retired = NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 1500000);
  retired.set_review_year(2026);
  retired.set_kind(v1::REVIEW_KIND_REGULAR);
  retired.set_survey_date("2026-10-01");
  retired.clear_members();
  v1::Member woman = Adult("M1", "Trần Thị Hoa", v1::SEX_FEMALE, "1968-03-15");
  woman.set_employment(v1::EMPLOYMENT_UNEMPLOYED);
  *retired.add_members() = woman;
  DepriveDwelling(retired, 2);
  surveys.push_back(retired);

  v1::Survey family = NonDeprivedSurvey(v1::AREA_TYPE_URBAN, 2000000);
  v1::Member unemployed = Adult("M3", "Lê Văn Nam", v1::SEX_MALE, BornYearsBefore(40));
  unemployed.set_employment(v1::EMPLOYMENT_UNEMPLOYED);
  *family.add_members() = unemployed;
  v1::Member disabled = Adult("M4", "Lê Thị Mai", v1::SEX_FEMALE, BornYearsBefore(35));
  disabled.set_lost_working_capacity(true);
  disabled.set_employment(v1::EMPLOYMENT_NOT_IN_LABOUR_FORCE);
  *family.add_members() = disabled;
  v1::Member grandfather = Adult("M5", "Lê Văn Cả", v1::SEX_MALE, BornYearsBefore(75));
  grandfather.set_employment(v1::EMPLOYMENT_NOT_IN_LABOUR_FORCE);
  grandfather.set_monthly_social_allowance_vnd(500000);
  *family.add_members() = grandfather;
  *family.add_members() = Child("M6", "Bé Na", BornYearsBefore(10));
  *family.add_members() = Child("M7", "Bé Bi", BornYearsBefore(4));
  DepriveDwelling(family, 3);
  surveys.push_back(family);

  v1::Survey ill = NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 1000000);
  ill.set_review_year(2020);
  ill.set_untreated_illness(v1::UNTREATED_ILLNESS_SOME_MEMBER);
  surveys.push_back(ill);
  ill.set_untreated_illness(v1::UNTREATED_ILLNESS_NONE);
  surveys.push_back(ill);

  for (const int score : {120, 150, 200}) {
    v1::Survey scored = NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 1000000);
    scored.set_has_income_per_capita(false);
    scored.set_has_score_a(true);
    scored.set_score_a(score);
    DepriveDwelling(scored, 1);
    surveys.push_back(scored);
  }
  return surveys;
}

TEST(LocalizedReasonsTest, TheEnglishCatalogSaysWhatTheEnglishReasonsSay) {
  const i18n::Translator english = TranslatorFor(i18n::Language::kEnglish);
  const i18n::Translator vietnamese = TranslatorFor(i18n::Language::kVietnamese);
  int checked = 0;
  for (const v1::Survey& survey : LocalizedReasonSurveys()) {
    Result<v1::ClassificationResult> result = ClassifySurvey(survey, testkit::RealCatalog());
    ASSERT_TRUE(result.ok()) << result.error().message;
    std::vector<std::pair<std::string, const v1::LocalizedText*>> reasons = {
        {result->income_reason(), &result->income_reason_text()},
        {result->category_reason(), &result->category_reason_text()},
        {result->labour_capacity_reason(), &result->labour_capacity_reason_text()},
    };
    for (const v1::IndicatorResult& indicator : result->indicators()) {
      reasons.emplace_back(indicator.reason(), &indicator.reason_text());
    }
    for (const auto& [reason, text] : reasons) {
      ASSERT_FALSE(text->key().empty()) << reason;
      EXPECT_EQ(english.Text(i18n::FromProto(*text)), reason) << text->key();
      std::vector<std::string> keys;
      CollectKeys(*text, keys);
      for (const std::string& key : keys) {
        EXPECT_NE(vietnamese.chosen().Find(key), nullptr) << "locales/vi.json lacks " << key;
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 40);
}

}  // namespace
}  // namespace ansinh::classification
