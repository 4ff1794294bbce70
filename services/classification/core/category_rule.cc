#include "classification/core/category_rule.h"

#include "classification/core/wording.h"
#include "i18n/proto/localized_text.h"

namespace ansinh::classification {
namespace {

using i18n::EnumArg;
using i18n::Localized;

bool IsOrShape(const v1::Standard& standard) {
  return standard.rule_shape() == v1::RULE_SHAPE_INCOME_OR_DEPRIVATION;
}

std::string Deprivations(int count) {
  return std::to_string(count) + (count == 1 ? " indicator deprived" : " indicators deprived");
}

// The reason's message with the optional average-band sentence as the list
// argument "band" (empty when the standard has no band).
v1::LocalizedText IncomeText(std::string key, const v1::AreaLines& lines, int64_t income) {
  v1::LocalizedText text = Localized(std::move(key), {{"income", income},
                                                      {"area", EnumArg(lines.area_type())},
                                                      {"poverty_line", lines.poverty_line_vnd()},
                                                      {"near_poverty_line", lines.near_poverty_line_vnd()}});
  i18n::TextListOf(text, "band");
  return text;
}

IncomeVerdict TestMeasuredIncome(const v1::Standard& standard, const v1::AreaLines& lines, int64_t income) {
  IncomeVerdict verdict;
  verdict.basis = v1::INCOME_BASIS_MEASURED_INCOME;
  verdict.value = income;
  const std::string area(AreaWords(lines.area_type()));
  verdict.at_or_below_poverty_line = income <= lines.poverty_line_vnd();
  verdict.reason = "measured income " + FormatVnd(income) + " is ";
  const std::string poverty_line = "the " + area + " poverty line " + FormatVnd(lines.poverty_line_vnd());
  if (verdict.at_or_below_poverty_line) {
    verdict.at_or_below_near_poverty_line = true;
    verdict.reason += "at or below " + poverty_line;
    verdict.reason_text = IncomeText("income.measured.at_or_below", lines, income);
    return verdict;
  }
  int64_t top_line = lines.poverty_line_vnd();
  if (IsOrShape(standard)) {
    top_line = lines.near_poverty_line_vnd();
    verdict.at_or_below_near_poverty_line = income <= top_line;
    const std::string near_line = "near-poverty line " + FormatVnd(lines.near_poverty_line_vnd());
    if (verdict.at_or_below_near_poverty_line) {
      verdict.reason += "above " + poverty_line + " and at or below the " + near_line;
      verdict.reason_text = IncomeText("income.measured.between", lines, income);
      return verdict;
    }
    verdict.reason += "above the " + area + " " + near_line;
    verdict.reason_text = IncomeText("income.measured.above_near", lines, income);
  } else {
    verdict.reason += "above " + poverty_line;
    verdict.reason_text = IncomeText("income.measured.above", lines, income);
  }
  if (lines.has_average_band_upper_vnd()) {
    verdict.within_average_band = income <= lines.average_band_upper_vnd();
    verdict.reason += verdict.within_average_band ? " and within the average band up to "
                                                  : " and above the average band's upper bound ";
    verdict.reason += FormatVnd(lines.average_band_upper_vnd());
    i18n::AddText(
        verdict.reason_text, "band",
        Localized(verdict.within_average_band ? "income.average_band.within" : "income.average_band.above",
                  {{"upper", lines.average_band_upper_vnd()}}));
  }
  return verdict;
}

IncomeVerdict TestScoreA(const v1::Standard& standard, const v1::AreaLines& lines, int score) {
  IncomeVerdict verdict;
  verdict.basis = v1::INCOME_BASIS_SCORE_A;
  verdict.value = score;
  const std::string area(AreaWords(lines.area_type()));
  const v1::ScoreAEquivalence& equivalence = lines.score_a();
  const auto compare = [&](int bound, std::string_view line_name, int64_t line_vnd) {
    return (score <= bound ? "at or below " : "above ") + std::to_string(bound) + ", the " + area +
           " equivalent of the " + std::string(line_name) + " " + FormatVnd(line_vnd);
  };
  // The comparison as a message: `at_or_below` or `above` the bound.
  const auto compare_text = [&](int bound, std::string at_or_below, std::string above, int64_t line_vnd) {
    return Localized(score <= bound ? std::move(at_or_below) : std::move(above),
                     {{"bound", bound}, {"area", EnumArg(lines.area_type())}, {"line", line_vnd}});
  };
  verdict.at_or_below_poverty_line = score <= equivalence.at_most_for_poverty_line();
  verdict.reason = "score A " + std::to_string(score) + " (no measured income) is " +
                   compare(equivalence.at_most_for_poverty_line(), "poverty line", lines.poverty_line_vnd());
  verdict.reason_text = Localized("income.score_a", {{"score", score}});
  i18n::AddText(
      verdict.reason_text, "comparisons",
      compare_text(equivalence.at_most_for_poverty_line(), "income.score_a.poverty_line.at_or_below",
                   "income.score_a.poverty_line.above", lines.poverty_line_vnd()));
  if (IsOrShape(standard)) {
    verdict.at_or_below_near_poverty_line = score <= equivalence.at_most_for_near_poverty_line();
    if (!verdict.at_or_below_poverty_line) {
      verdict.reason += "; " + compare(equivalence.at_most_for_near_poverty_line(), "near-poverty line",
                                       lines.near_poverty_line_vnd());
      i18n::AddText(verdict.reason_text, "comparisons",
                    compare_text(equivalence.at_most_for_near_poverty_line(),
                                 "income.score_a.near_poverty_line.at_or_below",
                                 "income.score_a.near_poverty_line.above", lines.near_poverty_line_vnd()));
    }
  } else {
    verdict.at_or_below_near_poverty_line = verdict.at_or_below_poverty_line;
  }
  if (!verdict.at_or_below_near_poverty_line && lines.has_average_band_upper_vnd()) {
    verdict.reason +=
        "; score A cannot place a household in the average band, which needs "
        "measured income";
    i18n::AddText(verdict.reason_text, "comparisons", Localized("income.score_a.no_average_band"));
  }
  return verdict;
}

}  // namespace

const v1::AreaLines* FindLines(const v1::Standard& standard, v1::AreaType area_type) {
  for (const v1::AreaLines& lines : standard.lines()) {
    if (lines.area_type() == area_type) return &lines;
  }
  return nullptr;
}

Result<IncomeVerdict> TestIncome(const v1::Standard& standard, const v1::AreaLines& lines,
                                 const v1::Survey& survey) {
  if (survey.has_income_per_capita()) {
    return TestMeasuredIncome(standard, lines, survey.income_per_capita_vnd());
  }
  if (!lines.has_score_a()) {
    // A missing fact like any other: the violation lets the review round
    // record the household as unclassifiable until income is measured.
    return Error::FailedPrecondition(
               "survey " + survey.survey_id() + " has only a score A, and standard " + standard.id() +
                   " has no score-A equivalence for " + std::string(AreaWords(lines.area_type())) +
                   " areas: measured income per capita is needed to classify it",
               {{"income_per_capita_vnd",
                 "is needed: standard " + standard.id() + " has no score-A equivalence for " +
                     std::string(AreaWords(lines.area_type())) + " areas",
                 "violation.survey.income_needed_for_standard",
                 {{"standard", standard.id()}, {"area", EnumArg(lines.area_type())}}}})
        .WithKey("error.survey.score_a_only", {{"survey", survey.survey_id()},
                                               {"standard", standard.id()},
                                               {"area", EnumArg(lines.area_type())}});
  }
  return TestScoreA(standard, lines, survey.score_a());
}

CategoryVerdict DecideCategory(const v1::Standard& standard, const IncomeVerdict& income,
                               int deprivation_count) {
  const int needed = standard.poor_deprivation_count();
  const std::string poor_rule = " (" + std::to_string(needed) + " or more make a household poor)";
  const std::string near_rule = " (fewer than " + std::to_string(needed) + ")";
  const bool enough = deprivation_count >= needed;
  // The deprivation count and the count that makes a household poor as arguments.
  const auto text = [&](std::string key) {
    return Localized(std::move(key), {{"count", deprivation_count}, {"needed", needed}});
  };
  const auto above_lines = [&](std::string_view line, std::string key, std::string key_within_band) {
    CategoryVerdict verdict;
    verdict.category =
        income.within_average_band ? v1::POVERTY_CATEGORY_AVERAGE : v1::POVERTY_CATEGORY_NOT_POOR;
    verdict.reason =
        "income above the " + std::string(line) + ": neither poor nor near-poor, whatever the deprivations";
    if (income.within_average_band) verdict.reason += "; within the average band";
    verdict.reason_text = text(income.within_average_band ? key_within_band : key);
    return verdict;
  };

  if (IsOrShape(standard)) {
    if (income.at_or_below_poverty_line) {
      return {v1::POVERTY_CATEGORY_POOR,
              "income at or below the poverty line: poor whatever the "
              "deprivations",
              text("category_reason.or_income_poor")};
    }
    if (income.at_or_below_near_poverty_line) {
      const std::string between =
          "income between the poverty and near-poverty lines and " + Deprivations(deprivation_count);
      return enough ? CategoryVerdict{v1::POVERTY_CATEGORY_POOR, between + poor_rule,
                                      text("category_reason.or_between_poor")}
                    : CategoryVerdict{v1::POVERTY_CATEGORY_NEAR_POOR, between + near_rule,
                                      text("category_reason.or_between_near_poor")};
    }
    return above_lines("near-poverty line", "category_reason.above_near_poverty_line",
                       "category_reason.above_near_poverty_line_average");
  }
  if (income.at_or_below_poverty_line) {
    const std::string below = "income at or below the poverty line and " + Deprivations(deprivation_count);
    return enough ? CategoryVerdict{v1::POVERTY_CATEGORY_POOR, below + poor_rule,
                                    text("category_reason.and_below_poor")}
                  : CategoryVerdict{v1::POVERTY_CATEGORY_NEAR_POOR, below + near_rule,
                                    text("category_reason.and_below_near_poor")};
  }
  return above_lines("poverty line", "category_reason.above_poverty_line",
                     "category_reason.above_poverty_line_average");
}

}  // namespace ansinh::classification
