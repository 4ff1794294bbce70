#include "monitoring/core/scorecard.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>

#include "i18n/proto/localized_text.h"
#include "monitoring/core/household_updates.h"

namespace ansinh::monitoring {
namespace {

using Line = v1::ScorecardLine;
using Target = v1::TargetDefinition;

// The figure a target is measured on, and what its total counts, in words.
struct MeasuredFigure {
  v1::FigureShare share;
  const char* total_noun;
};

MeasuredFigure FigureOf(Target::Measure measure, const v1::WardFigures& figures) {
  switch (measure) {
    case Target::MEASURE_POOR_WITHOUT_LABOUR_CAPACITY_RATE:
      return {figures.poor_without_labour_capacity(), "households"};
    case Target::MEASURE_NEAR_POOR_RATE:
      return {figures.near_poor(), "households"};
    case Target::MEASURE_LOAN_COVERAGE:
      return {figures.loans_for_loan_needs(), "eligible households with a loan need"};
    case Target::MEASURE_TRAINING_COVERAGE:
      return {figures.training_for_training_needs(), "poor households with a training need"};
    case Target::MEASURE_FOLLOWED_AND_HELPED:
      return {figures.with_helper(), "poor and near-poor households"};
    default:
      return {v1::FigureShare{}, "households"};
  }
}

const char* ComparisonWords(Target::Comparison comparison) {
  switch (comparison) {
    case Target::COMPARISON_AT_MOST:
      return "at most";
    case Target::COMPARISON_BELOW:
      return "below";
    case Target::COMPARISON_AT_LEAST:
      return "at least";
    default:
      return "compared with";
  }
}

bool Satisfies(double actual, Target::Comparison comparison, double threshold) {
  switch (comparison) {
    case Target::COMPARISON_AT_MOST:
      return actual <= threshold + kPercentTolerance;
    case Target::COMPARISON_BELOW:
      return actual < threshold - kPercentTolerance;
    case Target::COMPARISON_AT_LEAST:
      return actual >= threshold - kPercentTolerance;
    default:
      return false;
  }
}

std::string FormatFigure(double percent) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f%%", percent);
  return text;
}

std::string FormatThreshold(double percent) {
  char text[32];
  std::snprintf(text, sizeof text, "%g%%", percent);
  return text;
}

// A percentage as a message argument: digits with a '.', as the catalogs read them.
std::string FormatThresholdArg(double percent) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", percent);
  return text;
}

// The external figure for `key` and `year`; the latest entered wins.
const v1::ExternalFigure* FindExternalFigure(std::span<const v1::ExternalFigure> figures,
                                             const std::string& key, int year) {
  const v1::ExternalFigure* found = nullptr;
  for (const v1::ExternalFigure& figure : figures) {
    if (figure.key() != key || figure.review_year() != year) continue;
    if (found == nullptr || found->entered_at() < figure.entered_at()) found = &figure;
  }
  return found;
}

Line ScoreTarget(const Target& target, const v1::WardFigures& figures,
                 std::span<const v1::ExternalFigure> external_figures) {
  Line line;
  *line.mutable_target() = target;
  const MeasuredFigure measured = FigureOf(target.measure(), figures);
  *line.mutable_figure() = measured.share;

  std::optional<double> threshold;
  if (target.has_threshold_percent()) {
    threshold = target.threshold_percent();
  } else if (const v1::ExternalFigure* external =
                 FindExternalFigure(external_figures, target.external_figure_key(), figures.review_year())) {
    threshold = external->value_percent();
  }
  if (threshold) line.set_threshold_percent(*threshold);

  if (!threshold) {
    line.set_status(Line::STATUS_UNKNOWN);
    line.set_explanation("unknown: the figure \"" + target.external_figure_key() + "\" for " +
                         std::to_string(figures.review_year()) + " has not been entered");
    *line.mutable_explanation_text() =
        i18n::Localized("scorecard.figure_not_entered",
                        {{"key", target.external_figure_key()}, {"year", figures.review_year()}});
    return line;
  }
  const std::string wanted =
      std::string(ComparisonWords(target.comparison())) + " " + FormatThreshold(*threshold);
  if (!measured.share.has_percent()) {
    line.set_status(Line::STATUS_UNKNOWN);
    line.set_explanation(std::string("unknown: there are no ") + measured.total_noun +
                         " to measure yet (target: " + wanted + ")");
    *line.mutable_explanation_text() =
        i18n::Localized("scorecard.nothing_to_measure", {{"measure", i18n::EnumArg(target.measure())},
                                                         {"comparison", i18n::EnumArg(target.comparison())},
                                                         {"threshold", FormatThresholdArg(*threshold)}});
    return line;
  }
  const bool met = Satisfies(measured.share.percent(), target.comparison(), *threshold);
  line.set_status(met ? Line::STATUS_MET : Line::STATUS_NOT_MET);
  line.set_explanation(FormatFigure(measured.share.percent()) + " (" +
                       std::to_string(measured.share.count()) + " of " +
                       std::to_string(measured.share.total()) + " " + measured.total_noun +
                       ") against a target of " + wanted + ": " + (met ? "met" : "not met"));
  *line.mutable_explanation_text() = i18n::Localized(
      met ? "scorecard.met" : "scorecard.not_met", {{"figure", FormatThresholdArg(measured.share.percent())},
                                                    {"count", measured.share.count()},
                                                    {"total", measured.share.total()},
                                                    {"measure", i18n::EnumArg(target.measure())},
                                                    {"comparison", i18n::EnumArg(target.comparison())},
                                                    {"threshold", FormatThresholdArg(*threshold)}});
  return line;
}

}  // namespace

v1::Scorecard ComputeScorecard(const v1::MonitoringConfig& config, const v1::WardFigures& ward_figures,
                               std::span<const v1::ExternalFigure> external_figures) {
  v1::Scorecard scorecard;
  scorecard.set_review_year(ward_figures.review_year());
  scorecard.set_list_year(ward_figures.list_year());
  scorecard.set_as_of(ward_figures.as_of());
  for (const Target& target : config.targets()) {
    *scorecard.add_lines() = ScoreTarget(target, ward_figures, external_figures);
  }
  return scorecard;
}

FieldViolations ValidateExternalFigure(const v1::MonitoringConfig& config, const v1::ExternalFigure& figure) {
  FieldViolations violations;
  const bool known_key =
      !figure.key().empty() &&
      std::any_of(config.targets().begin(), config.targets().end(),
                  [&](const Target& target) { return target.external_figure_key() == figure.key(); });
  if (!known_key) {
    std::string keys;
    for (const Target& target : config.targets()) {
      if (target.external_figure_key().empty()) continue;
      keys += (keys.empty() ? "" : ", ") + target.external_figure_key();
    }
    violations.push_back({"key", "must be a figure some target uses (" + keys + ")"});
  }
  if (figure.review_year() < kEarliestReviewYear || figure.review_year() > kLatestReviewYear) {
    violations.push_back({"review_year", "must be between " + std::to_string(kEarliestReviewYear) + " and " +
                                             std::to_string(kLatestReviewYear)});
  }
  if (!(figure.value_percent() >= 0.0 && figure.value_percent() <= 100.0)) {
    violations.push_back({"value_percent", "must be between 0 and 100"});
  }
  if (figure.source().empty()) {
    violations.push_back({"source", "is required: say where the figure comes from"});
  }
  return violations;
}

}  // namespace ansinh::monitoring
