#include "subject_access/export_document.h"

#include <google/protobuf/descriptor.h>

#include <chrono>
#include <string_view>
#include <utility>
#include <vector>

#include "i18n/proto/localized_text.h"
#include "kernel/ward_clock.h"

namespace ansinh::subject_access {
namespace {

using Row = std::pair<std::string, std::string>;

// Builds the page; every piece of data goes through EscapeHtml.
class Page {
 public:
  explicit Page(const i18n::Translator& words) : words_(words) {}

  std::string Tr(std::string_view key, const i18n::Args& args = {}) const { return words_.Text(key, args); }

  // An enum value in words from its catalog namespace ("sex.FEMALE"), or its
  // name when the catalog has none; "-" for UNSPECIFIED.
  template <typename Enum>
  std::string Words(std::string_view prefix, Enum value, std::string_view suffix = "") const {
    if (static_cast<int>(value) == 0) return "-";
    const std::string name = i18n::EnumArg(value);
    const std::string key = std::string(prefix) + name + std::string(suffix);
    return words_.Has(key) ? words_.Text(key) : name;
  }
  std::string YesNo(bool value) const { return Tr(value ? "cli.yes" : "cli.no"); }
  std::string Date(const std::string& iso) const { return iso.empty() ? "-" : words_.Date(iso); }
  std::string Money(int64_t amount) const { return words_.Money(amount); }
  std::string Number(int64_t value) const { return words_.Number(value); }
  std::string Decimal(double value) const { return words_.Decimal(value); }
  std::string Time(const google::protobuf::Timestamp& at) const {
    if (at.seconds() == 0 && at.nanos() == 0) return "-";
    return words_.Date(FormatWardTime(std::chrono::sys_seconds(std::chrono::seconds(at.seconds()))));
  }
  // A catalog message the services sent, else its English beside it.
  std::string Localized(const v1::LocalizedText& text, const std::string& english) const {
    if (text.key().empty() || !words_.Has(text.key())) return english;
    return words_.Text(i18n::FromProto(text));
  }
  static std::string OrDash(const std::string& text) { return text.empty() ? "-" : text; }

  void Heading(int level, const std::string& text) {
    html_ += "<h" + std::to_string(level) + ">" + EscapeHtml(text) + "</h" + std::to_string(level) + ">\n";
  }
  void Paragraph(const std::string& text) { html_ += "<p>" + EscapeHtml(text) + "</p>\n"; }
  // A two-column table of labels and values.
  void Fields(const std::vector<Row>& rows) {
    html_ += "<table class=\"fields\">\n";
    for (const auto& [label, value] : rows) {
      html_ +=
          "<tr><th scope=\"row\">" + EscapeHtml(label) + "</th><td>" + EscapeHtml(value) + "</td></tr>\n";
    }
    html_ += "</table>\n";
  }
  // A table with a heading row (catalog keys) and one row per item.
  void Table(const std::vector<std::string>& heading_keys,
             const std::vector<std::vector<std::string>>& rows) {
    if (rows.empty()) {
      Paragraph(Tr("export.none"));
      return;
    }
    html_ += "<table>\n<thead><tr>";
    for (const std::string& key : heading_keys) html_ += "<th scope=\"col\">" + EscapeHtml(Tr(key)) + "</th>";
    html_ += "</tr></thead>\n<tbody>\n";
    for (const std::vector<std::string>& row : rows) {
      html_ += "<tr>";
      for (const std::string& cell : row) html_ += "<td>" + EscapeHtml(cell) + "</td>";
      html_ += "</tr>\n";
    }
    html_ += "</tbody></table>\n";
  }
  std::string& html() { return html_; }

 private:
  const i18n::Translator& words_;
  std::string html_;
};

std::vector<Row> MemberFields(const Page& page, const v1::Member& member) {
  return {
      {page.Tr("export.member.id"), member.member_id()},
      {page.Tr("field.full_name"), page.OrDash(member.full_name())},
      {page.Tr("field.sex"), page.Words("sex.", member.sex())},
      {page.Tr("field.date_of_birth"), page.Date(member.date_of_birth())},
      {page.Tr("export.member.relation"), page.Words("relation.", member.relation_to_head())},
      {page.Tr("field.national_id"), page.OrDash(member.national_id())},
      {page.Tr("field.has_health_insurance"), page.YesNo(member.has_health_insurance())},
      {page.Tr("field.enrolled_in_school"), page.YesNo(member.enrolled_in_school())},
      {page.Tr("field.education_level"), page.Words("education.", member.education_level())},
      {page.Tr("field.employment"), page.Words("employment.", member.employment())},
      {page.Tr("field.lost_working_capacity"), page.YesNo(member.lost_working_capacity())},
      {page.Tr("field.has_disability"), page.YesNo(member.has_disability())},
      {page.Tr("field.monthly_social_allowance_vnd"), page.Money(member.monthly_social_allowance_vnd())},
      {page.Tr("field.nutrition"), page.Words("nutrition.", member.nutrition())},
  };
}

void Household(Page& page, const v1::Household& household) {
  page.Heading(2, page.Tr("export.section.household"));
  page.Fields({{page.Tr("export.household.id"), household.household_id()},
               {page.Tr("export.household.code"), household.code()},
               {page.Tr("field.address"), page.OrDash(household.address())},
               {page.Tr("field.residential_group"), household.residential_group()},
               {page.Tr("export.household.area"), page.Words("area.", household.area_type())},
               {page.Tr("export.household.head"), page.OrDash(household.head_member_id())},
               {page.Tr("export.household.status"), page.Words("household_status.", household.status())},
               {page.Tr("export.household.version"), std::to_string(household.version())}});
  page.Heading(2, page.Tr("export.section.members"));
  for (const v1::Member& member : household.members()) {
    page.Heading(3, member.member_id() + " " + member.full_name());
    page.Fields(MemberFields(page, member));
  }
}

void Surveys(Page& page, const v1::SubjectAccessExport& exported) {
  page.Heading(2, page.Tr("export.section.surveys"));
  if (exported.surveys().empty()) page.Paragraph(page.Tr("export.none"));
  for (const v1::Survey& survey : exported.surveys()) {
    page.Heading(3, page.Tr("export.survey.title", {{"survey", survey.survey_id()},
                                                    {"date", survey.survey_date()},
                                                    {"year", std::to_string(survey.review_year())}}));
    std::string devices;
    for (int device : survey.information_devices()) {
      if (!devices.empty()) devices += ", ";
      devices += page.Words("information_device.", static_cast<v1::InformationDevice>(device));
    }
    page.Fields({
        {page.Tr("export.survey.kind"), page.Words("review_kind.", survey.kind())},
        {page.Tr("export.survey.surveyor"), page.OrDash(survey.surveyor())},
        {page.Tr("export.survey.corrects"), page.OrDash(survey.corrects_survey_id())},
        {page.Tr("export.survey.walls"), page.Words("material.", survey.walls())},
        {page.Tr("export.survey.columns"), page.Words("material.", survey.columns())},
        {page.Tr("export.survey.roof"), page.Words("material.", survey.roof())},
        {page.Tr("export.survey.floor_area"), page.Decimal(survey.floor_area_m2())},
        {page.Tr("export.survey.water"), page.Words("water_source.", survey.water_source())},
        {page.Tr("export.survey.latrine"), page.Words("latrine.", survey.latrine())},
        {page.Tr("export.survey.telecom"), page.YesNo(survey.uses_telecom())},
        {page.Tr("export.survey.devices"), page.OrDash(devices)},
        {page.Tr("export.survey.waste"), page.Words("waste_treatment.", survey.waste_treatment())},
        {page.Tr("export.survey.income"),
         survey.has_income_per_capita() ? page.Money(survey.income_per_capita_vnd()) : "-"},
        {page.Tr("export.survey.score_a"), survey.has_score_a() ? page.Number(survey.score_a()) : "-"},
        {page.Tr("export.survey.untreated_illness"),
         page.Words("untreated_illness.", survey.untreated_illness())},
        {page.Tr("field.residential_group"), survey.residential_group()},
    });
    for (const v1::Member& member : survey.members()) {
      page.Heading(
          4, page.Tr("export.survey.member", {{"member", member.member_id()}}) + " " + member.full_name());
      page.Fields(MemberFields(page, member));
    }
  }
}

void Corrections(Page& page, const v1::SubjectAccessExport& exported) {
  page.Heading(2, page.Tr("export.section.corrections"));
  std::vector<std::vector<std::string>> rows;
  for (const v1::CorrectionRequest& request : exported.correction_requests()) {
    const std::string field = page.Tr("field." + request.field()) +
                              (request.member_id().empty() ? "" : " (" + request.member_id() + ")");
    rows.push_back({request.request_id(), field, request.requested_value(), request.reason(),
                    request.requested_by(), page.Date(request.received_date()),
                    page.Words("correction_status.", request.status()), page.Date(request.handled_date()),
                    page.OrDash(request.rejection_reason())});
  }
  page.Table({"heading.request", "heading.field", "heading.requested_value", "heading.reason",
              "heading.requested_by", "heading.received", "heading.status", "heading.handled",
              "export.correction.rejection"},
             rows);
}

void Result(Page& page, const v1::ClassificationResult& result) {
  page.Fields(
      {{page.Tr("export.result.category"), page.Words("category.", result.category())},
       {page.Tr("export.result.survey"), result.survey_id()},
       {page.Tr("export.result.standard"), result.standard_id()},
       {page.Tr("export.result.deprivations"), std::to_string(result.deprivation_count())},
       {page.Tr("export.result.income"),
        page.Localized(result.income_reason_text(), result.income_reason()) +
            (result.income_value() != 0 && result.income_basis() == v1::INCOME_BASIS_MEASURED_INCOME
                 ? " (" + page.Money(result.income_value()) + ")"
                 : "")},
       {page.Tr("export.result.category_reason"),
        page.Localized(result.category_reason_text(), result.category_reason())},
       {page.Tr("export.result.labour_capacity"),
        page.OrDash(page.Localized(result.labour_capacity_reason_text(), result.labour_capacity_reason()))}});
  std::vector<std::vector<std::string>> rows;
  for (const v1::IndicatorResult& indicator : result.indicators()) {
    std::string members;
    for (const std::string& id : indicator.member_ids()) members += (members.empty() ? "" : ", ") + id;
    rows.push_back({page.Words("indicator.", indicator.kind(), ".title"), page.YesNo(indicator.deprived()),
                    page.OrDash(members),
                    page.OrDash(page.Localized(indicator.reason_text(), indicator.reason()))});
  }
  page.Table({"heading.indicator", "heading.deprived", "heading.member", "heading.why"}, rows);
}

void Statuses(Page& page, const v1::SubjectAccessExport& exported) {
  page.Heading(2, page.Tr("export.section.status"));
  if (!exported.has_official_status()) page.Paragraph(page.Tr("export.none"));
  std::vector<const v1::ApprovedResult*> approved;
  if (exported.has_official_status()) approved.push_back(&exported.official_status());
  for (const v1::ApprovedResult& earlier : exported.status_history()) approved.push_back(&earlier);
  for (const v1::ApprovedResult* one : approved) {
    page.Heading(3, page.Tr("export.status.title", {{"round", one->round_id()},
                                                    {"date", one->approved_date()},
                                                    {"decision", page.OrDash(one->decision_number())}}));
    page.Fields({{page.Tr("export.status.transition"), page.Words("transition.", one->transition())},
                 {page.Tr("export.status.approved_by"), page.OrDash(one->approved_by())}});
    Result(page, one->result());
  }
  page.Heading(2, page.Tr("export.section.latest_classification"));
  if (exported.has_latest_classification()) {
    Result(page, exported.latest_classification());
  } else {
    page.Paragraph(page.Tr("export.none"));
  }
}

void Cases(Page& page, const v1::SubjectAccessExport& exported) {
  page.Heading(2, page.Tr("export.section.cases"));
  if (exported.cases().empty()) page.Paragraph(page.Tr("export.none"));
  for (const v1::Case& one : exported.cases()) {
    page.Heading(3, page.Tr("export.case.title", {{"case", one.case_id()}}));
    page.Fields({{page.Tr("export.case.state"), page.Words("case_state.", one.state())},
                 {page.Tr("export.case.category"), page.Words("category.", one.category())},
                 {page.Tr("export.case.organization"), page.OrDash(one.organization_id())},
                 {page.Tr("export.case.helper"), page.OrDash(one.helper_id())},
                 {page.Tr("export.case.opened"), page.Date(one.opened_on())},
                 {page.Tr("export.case.closed"), page.Date(one.closed_on())}});
    std::vector<std::vector<std::string>> needs;
    for (const v1::Need& need : one.needs()) {
      needs.push_back({need.need_id(), page.Words("need_type.", need.type()), page.OrDash(need.description()),
                       page.Words("need_status.", need.status()), page.Date(need.recorded_on())});
    }
    page.Heading(4, page.Tr("export.case.needs"));
    page.Table({"heading.need", "heading.type", "heading.description", "heading.status", "heading.recorded"},
               needs);
    std::vector<std::vector<std::string>> supports;
    for (const v1::SupportRecord& support : one.support_records()) {
      supports.push_back({support.support_id(), page.Words("support_type.", support.type()),
                          page.Money(support.amount_vnd()), support.provider(),
                          page.Date(support.delivered_on()), page.OrDash(support.description())});
    }
    page.Heading(4, page.Tr("export.case.support"));
    page.Table({"heading.support", "heading.type", "heading.amount", "heading.provider", "heading.delivered",
                "heading.description"},
               supports);
    std::vector<std::vector<std::string>> visits;
    for (const v1::Visit& visit : one.visits()) {
      visits.push_back({visit.visit_id(), page.Date(visit.visited_on()), page.OrDash(visit.helper_id()),
                        page.Words("observed_change.", visit.observed_change()), page.OrDash(visit.notes())});
    }
    page.Heading(4, page.Tr("export.case.visits"));
    page.Table({"heading.visit", "heading.date", "heading.helper", "heading.change", "heading.notes"},
               visits);
    std::vector<std::vector<std::string>> participations;
    for (const v1::ModelParticipation& participation : one.participations()) {
      participations.push_back({participation.model_id(), page.Date(participation.joined_on()),
                                page.Date(participation.left_on()), page.OrDash(participation.note())});
    }
    page.Heading(4, page.Tr("export.case.participations"));
    page.Table({"heading.model", "heading.joined", "heading.left", "heading.note"}, participations);
    std::vector<std::vector<std::string>> marks;
    for (const v1::EmergencyMark& mark : one.emergency_marks()) {
      marks.push_back({mark.emergency_id(), page.Date(mark.affected_on()), page.OrDash(mark.note())});
    }
    page.Heading(4, page.Tr("export.case.emergency_marks"));
    page.Table({"heading.emergency", "heading.affected_on", "heading.note"}, marks);
  }
}

void History(Page& page, const v1::SubjectAccessExport& exported) {
  page.Heading(2, page.Tr("export.section.history"));
  std::vector<std::vector<std::string>> rows;
  for (const v1::HouseholdTimelineEntry& line : exported.history()) {
    rows.push_back({page.Time(line.occurred_at()),
                    line.actor().name() + " (" + page.Words("role.", line.actor().role()) + ")",
                    page.Localized(line.description_text(), line.description())});
  }
  page.Table({"heading.at_utc7", "heading.actor", "heading.what"}, rows);
}

}  // namespace

std::string EscapeHtml(const std::string& text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        escaped += "&amp;";
        break;
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '"':
        escaped += "&quot;";
        break;
      case '\'':
        escaped += "&#39;";
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

std::string RenderExportDocument(const v1::SubjectAccessExport& exported, const i18n::Translator& words) {
  Page page(words);
  const bool member = !exported.member_id().empty();
  const std::string title =
      member ? page.Tr("export.title.member",
                       {{"member", exported.member_id()}, {"household", exported.household_id()}})
             : page.Tr("export.title.household", {{"household", exported.household_id()}});
  page.html() +=
      "<!DOCTYPE html>\n<html lang=\"" +
      std::string(words.language() == i18n::Language::kEnglish ? "en" : "vi") +
      "\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + EscapeHtml(title) +
      "</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}"
      "table{border-collapse:collapse;margin:.5em 0 1em}th,td{border:1px solid #999;padding:.2em .5em;"
      "text-align:left;vertical-align:top}th[scope=row]{width:16em}</style>\n</head>\n<body>\n";
  page.Heading(1, title);
  page.Paragraph(page.Tr("export.intro"));
  page.Fields({{page.Tr("export.meta.id"), exported.export_id()},
               {page.Tr("export.meta.at"), page.Time(exported.exported_at())},
               {page.Tr("export.meta.by"), exported.exported_by().name() + " (" +
                                               page.Words("role.", exported.exported_by().role()) + ")"}});
  Household(page, exported.household());
  Surveys(page, exported);
  Corrections(page, exported);
  Statuses(page, exported);
  Cases(page, exported);
  History(page, exported);
  if (!exported.withheld().empty()) {
    page.Heading(2, page.Tr("export.section.withheld"));
    page.html() += "<ul>\n";
    for (const std::string& key : exported.withheld())
      page.html() += "<li>" + EscapeHtml(page.Tr(key)) + "</li>\n";
    page.html() += "</ul>\n";
  }
  page.html() += "</body>\n</html>\n";
  return std::move(page.html());
}

}  // namespace ansinh::subject_access
