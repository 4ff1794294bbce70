#include "reports/resolution_report_document.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <utility>

#include "i18n/proto/localized_text.h"
#include "kernel/civil_date.h"
#include "report_document/nice_ticks.h"

namespace ansinh::reports {
namespace {

namespace doc = report_document;
using Alignment = doc::Alignment;

// How many groups the tables of models, organizations and helpers show, and
// how many models get a curve in the chart (more would not be readable).
constexpr int kTopGroups = 10;
constexpr int kCurvesShown = 4;
// The Kaplan–Meier chart's horizon, months.
constexpr double kCurveMonths = 48;

class Builder {
 public:
  Builder(const v1::GetResolutionReportResponse& facts, ReportKind kind, const ReportNames& names,
          const i18n::Translator& words)
      : facts_(facts), kind_(kind), names_(names), words_(words) {}

  ResolutionReport Build() {
    TitleBlock();
    Targets();
    Movements();
    Support();
    Emergencies();
    Models();
    Commendation();
    Method();
    return std::move(report_);
  }

 private:
  std::string T(std::string_view key, const i18n::Args& args = {}) const { return words_.Text(key, args); }
  std::string Num(std::int64_t value) const { return words_.Number(value); }
  std::string Pct(double value) const { return words_.Percent(value); }
  // A no-break space before the currency sign: in a narrow column the sign
  // must not wrap onto a line of its own.
  std::string Money(std::int64_t value) const {
    std::string text = words_.Money(value);
    if (const size_t space = text.rfind(' '); space != std::string::npos) text.replace(space, 1, "\u00a0");
    return text;
  }
  std::string ShareText(const v1::FigureShare& share) const {
    return share.has_percent() ? Pct(share.percent()) : "-";
  }
  std::string YearCell(const v1::ReportYear& year) const {
    return T("report.year_cell", {{"review", std::to_string(year.review_year())},
                                  {"list", std::to_string(year.figures().list_year())}});
  }
  std::string Proportion(const v1::OutcomeProportion& proportion) const {
    if (proportion.suppressed()) return T("report.suppressed");
    if (proportion.denominator() == 0) return "-";
    return T("report.share_interval", {{"percent", Pct(proportion.percent())},
                                       {"lower", Pct(proportion.lower_percent())},
                                       {"upper", Pct(proportion.upper_percent())},
                                       {"of", Num(proportion.denominator())}});
  }
  std::string Count(const v1::OutcomeProportion& proportion) const {
    return proportion.suppressed() ? T("report.suppressed") : Num(proportion.count());
  }

  void Add(doc::Block block) { report_.document.blocks.push_back(std::move(block)); }
  void Heading(int level, std::string text) { Add(doc::Heading{level, std::move(text)}); }
  void Paragraph(std::string text) { Add(doc::Paragraph{std::move(text)}); }
  void Note(std::string text) { Add(doc::Note{std::move(text)}); }
  // Adds the table to the document and to the CSV files.
  void AddTable(std::string file_stem, doc::Table table) {
    table.caption = T("report.table_caption",
                      {{"number", std::to_string(report_.tables.size() + 1)}, {"title", table.caption}});
    report_.tables.push_back({std::to_string(report_.tables.size() + 1) + "-" + std::move(file_stem), table});
    Add(std::move(table));
  }

  // --- Title ---------------------------------------------------------------

  void TitleBlock() {
    doc::Document& document = report_.document;
    const std::string first = std::to_string(facts_.first_year());
    const std::string last = std::to_string(facts_.last_year());
    document.title = kind_ == ReportKind::kFinal ? T("report.title.final", {{"first", first}, {"last", last}})
                                                 : T("report.title.yearly", {{"year", last}});
    document.subtitle = facts_.source_document();
    const std::optional<CivilDate> as_of = ParseIsoDate(facts_.as_of());
    document.place_and_date =
        as_of ? T("report.place_and_date", {{"ward", facts_.ward_name()},
                                            {"day", std::to_string(static_cast<unsigned>(as_of->day()))},
                                            {"month", std::to_string(static_cast<unsigned>(as_of->month()))},
                                            {"year", std::to_string(static_cast<int>(as_of->year()))}})
              : facts_.ward_name();
    document.author = T("report.author", {{"ward", facts_.ward_name()}});
    Paragraph(kind_ == ReportKind::kFinal
                  ? T("report.intro.final",
                      {{"first", first}, {"last", last}, {"as_of", words_.Date(facts_.as_of())}})
                  : T("report.intro.yearly", {{"year", last}, {"as_of", words_.Date(facts_.as_of())}}));
  }

  // --- I. Targets ------------------------------------------------------------

  void Targets() {
    Heading(1, T("report.section.targets"));
    doc::Table table;
    table.caption = T("report.targets.caption");
    table.columns = {
        T("report.col.year"),           T("report.col.households"),       T("report.col.poor"),
        T("report.col.poor_rate"),      T("report.col.poor_rate_change"), T("report.col.poor_without_labour"),
        T("report.col.near_poor_rate"), T("report.col.followed"),         T("report.col.loans"),
        T("report.col.training")};
    table.alignments = {Alignment::kLeft};
    table.alignments.resize(table.columns.size(), Alignment::kRight);
    table.alignments[0] = Alignment::kLeft;
    for (const v1::ReportYear& year : facts_.years()) {
      const v1::WardFigures& figures = year.figures();
      table.rows.push_back(
          {YearCell(year), Num(figures.households()), Num(figures.poor().count()), ShareText(figures.poor()),
           year.has_poor_rate_change_points()
               ? T("report.points", {{"points", SignedDecimal(year.poor_rate_change_points())}})
               : "-",
           ShareText(figures.poor_without_labour_capacity()), ShareText(figures.near_poor()),
           ShareText(figures.with_helper()), ShareText(figures.loans_for_loan_needs()),
           ShareText(figures.training_for_training_needs())});
    }
    table.source_note = T("report.targets.source");
    AddTable(T("report.file.targets"), std::move(table));
    TrendChart();
    if (!facts_.years().empty()) LastScorecard(facts_.years(facts_.years_size() - 1));
  }

  std::string SignedDecimal(double value) const {
    const double rounded = std::round(value * 100) / 100;
    return (rounded > 0 ? "+" : "") + words_.Decimal(rounded);
  }

  void TrendChart() {
    doc::LineChart chart;
    chart.title = T("report.chart.trend");
    chart.category_title = T("report.chart.review_year");
    doc::LineSeries poor{T("report.series.poor_rate"), {}, {}};
    doc::LineSeries near_poor{T("report.series.near_poor_rate"), {}, {}};
    doc::LineSeries without_labour{T("report.series.poor_without_labour"), {}, {}};
    doc::LineSeries target{T("report.series.target_without_labour"), {}, {}};
    std::optional<double> target_value;
    for (const v1::TargetDefinition& definition : facts_.targets()) {
      if (definition.measure() == v1::TargetDefinition::MEASURE_POOR_WITHOUT_LABOUR_CAPACITY_RATE &&
          definition.has_threshold_percent()) {
        target_value = definition.threshold_percent();
      }
    }
    std::map<int, const v1::ReportYear*> by_year;
    for (const v1::ReportYear& year : facts_.years()) by_year[year.review_year()] = &year;
    double highest = 1;
    for (const v1::TrendPoint& point : facts_.trend()) {
      if (point.review_year() < facts_.first_year() - 5) continue;
      chart.categories.push_back(std::to_string(point.review_year()));
      poor.values.push_back(point.poor_rate_percent());
      poor.point_labels.push_back(words_.Decimal(std::round(point.poor_rate_percent() * 10) / 10));
      near_poor.values.push_back(point.has_near_poor_rate_percent()
                                     ? std::optional<double>(point.near_poor_rate_percent())
                                     : std::nullopt);
      near_poor.point_labels.emplace_back();
      const auto year = by_year.find(point.review_year());
      const bool measured =
          year != by_year.end() && year->second->figures().poor_without_labour_capacity().has_percent();
      without_labour.values.push_back(
          measured ? std::optional<double>(year->second->figures().poor_without_labour_capacity().percent())
                   : std::nullopt);
      without_labour.point_labels.emplace_back();
      target.values.push_back(target_value);
      target.point_labels.emplace_back();
      highest = std::max({highest, point.poor_rate_percent(), point.near_poor_rate_percent()});
    }
    if (chart.categories.empty()) return;
    chart.value_axis = PercentAxis(T("report.chart.share_of_households"), highest);
    chart.series = {poor, near_poor, without_labour};
    if (target_value) chart.target = target;
    Add(std::move(chart));
  }

  doc::NumericAxis PercentAxis(std::string title, double highest) const {
    doc::NumericAxis axis;
    axis.title = std::move(title);
    const Result<doc::TickScale> ticks = doc::NiceTicks(0, highest, 5);
    axis.minimum = 0;
    axis.maximum = ticks.ok() ? ticks.value().maximum : highest;
    if (ticks.ok()) {
      for (double value : ticks.value().values) axis.ticks.push_back({value, words_.Decimal(value) + "%"});
    }
    return axis;
  }

  void LastScorecard(const v1::ReportYear& year) {
    Heading(2, T("report.scorecard.heading", {{"year", std::to_string(year.review_year())}}));
    doc::Table table;
    table.caption = T("report.scorecard.caption", {{"year", std::to_string(year.review_year())}});
    table.columns = {T("report.col.clause"), T("report.col.target"), T("report.col.achieved"),
                     T("report.col.threshold"), T("report.col.verdict")};
    table.alignments = {Alignment::kLeft, Alignment::kLeft, Alignment::kRight, Alignment::kRight,
                        Alignment::kLeft};
    for (const v1::ScorecardLine& line : year.scorecard().lines()) {
      const std::string measure_key = "target." + i18n::EnumArg(line.target().measure());
      table.rows.push_back(
          {line.target().clause(), words_.Has(measure_key) ? T(measure_key) : line.target().title(),
           ShareText(line.figure()), line.has_threshold_percent() ? Pct(line.threshold_percent()) : "-",
           T("scorecard_status." + i18n::EnumArg(line.status()))});
    }
    AddTable(T("report.file.scorecard"), std::move(table));
    for (const v1::ScorecardLine& line : year.scorecard().lines()) {
      if (!line.explanation_text().key().empty()) Note(words_.Text(i18n::FromProto(line.explanation_text())));
    }
  }

  // --- II. Movements of the lists -----------------------------------------------

  void Movements() {
    Heading(1, T("report.section.movements"));
    for (const bool poor_list : {true, false}) {
      doc::Table table;
      table.caption = T(poor_list ? "report.movements.poor" : "report.movements.near_poor");
      table.columns = {T("report.col.year"),     T("report.col.previous"), T("report.col.newly"),
                       T("report.col.relapsed"), T("report.col.escaped"),  T("report.col.left_ward"),
                       T("report.col.this_year")};
      table.alignments.assign(table.columns.size(), Alignment::kRight);
      table.alignments[0] = Alignment::kLeft;
      for (const v1::ReportYear& year : facts_.years()) {
        const v1::CategoryFlows& flows =
            poor_list ? year.figures().poor_flows() : year.figures().near_poor_flows();
        table.rows.push_back({YearCell(year), Num(flows.previous_year_count()), Num(flows.newly()),
                              Num(flows.relapsed()), Num(flows.escaped()), Num(flows.left_ward()),
                              Num(flows.this_year_count())});
      }
      table.source_note = T("report.movements.source");
      AddTable(T(poor_list ? "report.file.poor_movements" : "report.file.near_poor_movements"),
               std::move(table));
    }
  }

  // --- III. Support ------------------------------------------------------------

  void Support() {
    Heading(1, T("report.section.support"));
    struct Totals {
      int deliveries = 0;
      std::int64_t amount = 0;
      std::map<int, int> households_by_year;
      bool suppressed = false;
    };
    std::map<std::pair<int, std::string>, Totals> totals;
    std::int64_t all_amount = 0;
    int all_deliveries = 0;
    for (const v1::ReportYear& year : facts_.years()) {
      for (const v1::SupportTotal& total : year.supports()) {
        Totals& kept = totals[{total.type(), total.provider()}];
        kept.deliveries += total.deliveries();
        kept.amount += total.amount_vnd();
        kept.suppressed = kept.suppressed || total.households_suppressed();
        kept.households_by_year[year.review_year()] = total.households();
        all_amount += total.amount_vnd();
        all_deliveries += total.deliveries();
      }
    }
    Paragraph(
        T("report.support.summary", {{"deliveries", Num(all_deliveries)}, {"amount", Money(all_amount)}}));
    doc::Table table;
    table.caption = T("report.support.caption");
    table.columns = {T("report.col.support_type"), T("report.col.source")};
    for (const v1::ReportYear& year : facts_.years()) {
      table.columns.push_back(T("report.col.households_in", {{"year", std::to_string(year.review_year())}}));
    }
    table.columns.push_back(T("report.col.deliveries"));
    table.columns.push_back(T("report.col.value"));
    table.alignments.assign(table.columns.size(), Alignment::kRight);
    table.alignments[0] = table.alignments[1] = Alignment::kLeft;
    for (const auto& [key, kept] : totals) {
      std::vector<std::string> row{SupportTypeWords(static_cast<v1::SupportType>(key.first), words_),
                                   key.second.empty() ? T("report.not_recorded") : key.second};
      for (const v1::ReportYear& year : facts_.years()) {
        const auto found = kept.households_by_year.find(year.review_year());
        row.push_back(found == kept.households_by_year.end() ? "0"
                      : found->second == 0                   ? T("report.suppressed")
                                                             : Num(found->second));
      }
      row.push_back(Num(kept.deliveries));
      row.push_back(kept.suppressed ? T("report.suppressed") : Money(kept.amount));
      table.rows.push_back(std::move(row));
    }
    table.source_note = T("report.support.source");
    AddTable(T("report.file.support"), std::move(table));
  }

  // --- IV. Emergencies ---------------------------------------------------------

  void Emergencies() {
    Heading(1, T("report.section.emergencies"));
    doc::Table table;
    table.caption = T("report.emergencies.caption");
    table.columns = {T("report.col.emergency"),        T("report.col.began"),
                     T("report.col.groups"),           T("report.col.affected"),
                     T("report.col.affected_on_list"), T("report.col.contacted"),
                     T("report.col.relieved"),         T("report.col.relief_value")};
    table.alignments.assign(table.columns.size(), Alignment::kRight);
    table.alignments[0] = table.alignments[1] = table.alignments[2] = Alignment::kLeft;
    for (const v1::ReportYear& year : facts_.years()) {
      for (const v1::EmergencyOutcome& outcome : year.emergencies()) {
        std::string groups;
        for (const std::string& group : outcome.emergency().residential_groups()) {
          groups += (groups.empty() ? "" : ", ") + group;
        }
        table.rows.push_back({outcome.emergency().name(), words_.Date(outcome.emergency().began_on()), groups,
                              Num(outcome.affected()), Num(outcome.affected_on_list()),
                              Num(outcome.contacted()), Num(outcome.relieved()),
                              Money(outcome.relief_vnd())});
      }
    }
    if (table.rows.empty()) {
      Paragraph(T("report.emergencies.none"));
      return;
    }
    AddTable(T("report.file.emergencies"), std::move(table));
  }

  // --- V. Livelihood models ----------------------------------------------------

  void Models() {
    Heading(1, T("report.section.models"));
    const v1::GetOutcomesResponse& by_model = facts_.by_model();
    if (by_model.groups().empty()) {
      Paragraph(T("report.models.none"));
      return;
    }
    Paragraph(T("report.models.intro"));
    AddTable(T("report.file.models"), OutcomeTable(by_model, v1::OUTCOME_DIMENSION_LIVELIHOOD_MODEL,
                                                   T("report.models.caption"), true));
    EscapeCurves(by_model);
    IncomeBoxes(by_model);
    AddTable(T("report.file.support_types"),
             OutcomeTable(facts_.by_support_type(), v1::OUTCOME_DIMENSION_SUPPORT_TYPE,
                          T("report.support_types.caption"), true));
  }

  doc::Table OutcomeTable(const v1::GetOutcomesResponse& outcomes, v1::OutcomeDimension dimension,
                          std::string caption, bool with_income) const {
    doc::Table table;
    table.caption = std::move(caption);
    table.columns = {T("report.col.group"),          T("report.col.supported"),
                     T("report.col.escaped_24"),     T("report.col.escaped_36"),
                     T("report.col.relapsed_share"), T("report.col.median_months")};
    if (with_income) table.columns.push_back(T("report.col.income"));
    table.alignments.assign(table.columns.size(), Alignment::kRight);
    table.alignments[0] = Alignment::kLeft;
    int shown = 0;
    for (const v1::OutcomeGroup& group : outcomes.groups()) {
      if (++shown > kTopGroups) break;
      std::vector<std::string> row{
          names_.GroupLabel(dimension, group.key(), words_),
          Count(group.supported()),
          Proportion(group.escaped_24_months()),
          Proportion(group.escaped_36_months()),
          Proportion(group.relapsed()),
          group.has_median_months_to_escape()
              ? T("report.months",
                  {{"months", words_.Decimal(std::round(group.median_months_to_escape() * 10) / 10)}})
              : "-"};
      if (with_income) {
        row.push_back(group.income().suppressed() || group.income().households() == 0
                          ? T("report.suppressed")
                          : Money(group.income().before().median_vnd()) + " → " +
                                Money(group.income().after().median_vnd()));
      }
      table.rows.push_back(std::move(row));
    }
    table.source_note = T("report.outcomes.source", {{"as_of", words_.Date(outcomes.as_of())}});
    return table;
  }

  void EscapeCurves(const v1::GetOutcomesResponse& by_model) {
    doc::StepChart chart;
    chart.title = T("report.chart.escape_curves");
    chart.x_axis.title = T("report.chart.months_since_support");
    chart.x_axis.minimum = 0;
    chart.x_axis.maximum = kCurveMonths;
    for (double month = 0; month <= kCurveMonths; month += 12) {
      chart.x_axis.ticks.push_back({month, words_.Decimal(month)});
    }
    chart.y_axis = PercentAxis(T("report.chart.share_escaped"), 100);
    int shown = 0;
    for (const v1::OutcomeGroup& group : by_model.groups()) {
      if (group.escape_curve().empty() || shown >= kCurvesShown) continue;
      ++shown;
      doc::StepCurve curve;
      curve.name = names_.GroupLabel(v1::OUTCOME_DIMENSION_LIVELIHOOD_MODEL, group.key(), words_);
      curve.points.push_back({0, 0, std::nullopt, std::nullopt});
      for (const v1::EscapeCurveStep& step : group.escape_curve()) {
        if (step.months() > kCurveMonths) break;
        curve.points.push_back(
            {step.months(), step.escaped_percent(), step.lower_percent(), step.upper_percent()});
      }
      curve.show_band = shown <= 2;
      chart.curves.push_back(std::move(curve));
    }
    if (chart.curves.empty()) return;
    Add(std::move(chart));
    Note(T("report.chart.escape_curves_note"));
  }

  void IncomeBoxes(const v1::GetOutcomesResponse& by_model) {
    doc::BoxPlotChart chart;
    chart.title = T("report.chart.income");
    chart.series = {T("report.series.before"), T("report.series.after")};
    chart.group_title = T("report.chart.model");
    std::int64_t highest = 0;
    for (const v1::OutcomeGroup& group : by_model.groups()) {
      if (group.income().suppressed() || group.income().households() == 0) continue;
      // Quartiles only: a minimum or maximum is one household's own income.
      const auto box = [](const v1::IncomeQuartiles& quartiles) {
        return doc::BoxStatistics{
            static_cast<double>(quartiles.q1_vnd()), static_cast<double>(quartiles.q1_vnd()),
            static_cast<double>(quartiles.median_vnd()), static_cast<double>(quartiles.q3_vnd()),
            static_cast<double>(quartiles.q3_vnd())};
      };
      chart.groups.push_back({names_.GroupLabel(v1::OUTCOME_DIMENSION_LIVELIHOOD_MODEL, group.key(), words_),
                              {box(group.income().before()), box(group.income().after())}});
      highest = std::max({highest, group.income().before().q3_vnd(), group.income().after().q3_vnd()});
      if (static_cast<int>(chart.groups.size()) >= kCurvesShown + 2) break;
    }
    if (chart.groups.empty()) return;
    chart.value_axis.title = T("report.chart.income_axis");
    const Result<doc::TickScale> ticks = doc::NiceTicks(0, static_cast<double>(highest), 5);
    chart.value_axis.minimum = 0;
    chart.value_axis.maximum = ticks.ok() ? ticks.value().maximum : static_cast<double>(highest) + 1;
    if (ticks.ok()) {
      for (double value : ticks.value().values) {
        chart.value_axis.ticks.push_back({value, words_.Number(std::llround(value))});
      }
    }
    Add(std::move(chart));
    Note(T("report.chart.income_note"));
  }

  // --- VI. Commendation --------------------------------------------------------

  void Commendation() {
    Heading(1, T("report.section.commendation"));
    Paragraph(T("report.commendation.intro"));
    AddTable(T("report.file.organizations"),
             OutcomeTable(facts_.by_organization(), v1::OUTCOME_DIMENSION_ORGANIZATION,
                          T("report.commendation.organizations"), false));
    AddTable(T("report.file.helpers"), OutcomeTable(facts_.by_helper(), v1::OUTCOME_DIMENSION_HELPER,
                                                    T("report.commendation.helpers"), false));
  }

  // --- Method ------------------------------------------------------------------

  void Method() {
    Heading(1, T("report.section.method"));
    for (const char* key : {"report.method.figures", "report.method.outcomes", "report.method.suppression",
                            "report.method.source"}) {
      Note(T(key));
    }
  }

  const v1::GetResolutionReportResponse& facts_;
  ReportKind kind_;
  const ReportNames& names_;
  const i18n::Translator& words_;
  ResolutionReport report_;
};

}  // namespace

ResolutionReport BuildResolutionReport(const v1::GetResolutionReportResponse& facts, ReportKind kind,
                                       const ReportNames& names, const i18n::Translator& words) {
  return Builder(facts, kind, names, words).Build();
}

std::string DefaultReportDate(int last_year, CivilDate today) {
  return FormatIsoDate(std::min(LastDayOfYear(last_year), today));
}

std::string PageFooter(const i18n::Translator& words) { return words.Text("report.footer"); }

}  // namespace ansinh::reports
