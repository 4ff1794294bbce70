#include "commands/registry_output.h"

#include <google/protobuf/util/json_util.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include "enum_words.h"
#include "output.h"
#include "registry/core/import/enum_text.h"

namespace ansinh::cli {
namespace {

std::string YesNo(bool value) { return Tr(value ? "cli.yes" : "cli.no"); }

std::string HeadName(const v1::Household& household) {
  for (const v1::Member& member : household.members()) {
    if (member.member_id() == household.head_member_id()) return member.full_name();
  }
  return "-";
}

// One decimal, with the language's decimal separator.
std::string Area(double square_metres) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", square_metres);
  std::string area = text;
  if (!InEnglish()) {
    for (char& c : area) c = c == '.' ? ',' : c;
  }
  return area;
}

}  // namespace

std::optional<int> ParseEnumLabel(const google::protobuf::EnumDescriptor& descriptor,
                                  const std::string& text) {
  std::string name = text;
  for (char& c : name) {
    if (c == '-') c = '_';
  }
  std::optional<int> number = registry::ParseEnumText(descriptor, name);
  if (number && *number == 0) return std::nullopt;
  return number;
}

std::string Grouped(int64_t value) { return Number(value); }

std::string ImportRate(double seconds, double households_per_second) {
  char duration[32];
  std::snprintf(duration, sizeof duration, "%.2f", seconds);
  std::string text = duration;
  if (!InEnglish()) {
    for (char& c : text) c = c == '.' ? ',' : c;
  }
  char pace[32];
  std::snprintf(pace, sizeof pace, "%.0f", households_per_second);
  return Tr("cli.import.rate", {{"seconds", text}, {"pace", pace}});
}

void ReadJsonFile(const std::string& path, google::protobuf::Message& message) {
  std::string text;
  if (path == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(Tr("cli.error.cannot_read", {{"file", path}}));
    std::ostringstream content;
    content << in.rdbuf();
    text = content.str();
  }
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto status = google::protobuf::util::JsonStringToMessage(text, &message, options);
  if (!status.ok()) {
    throw std::runtime_error(Tr("cli.error.not_json_of", {{"file", path},
                                                          {"message", message.GetDescriptor()->name()},
                                                          {"problem", std::string(status.message())}}));
  }
}

void PrintHousehold(const v1::Household& household) {
  Table summary(Headings({"heading.field", "heading.value"}));
  summary.AddRow({Tr("cli.household.household"), household.household_id()});
  summary.AddRow({Tr("cli.household.code"), household.code()});
  summary.AddRow({Tr("cli.household.address"), household.address()});
  summary.AddRow({Tr("cli.household.residential_group"), household.residential_group()});
  summary.AddRow({Tr("cli.household.area"), EnumWords(household.area_type())});
  summary.AddRow({Tr("cli.household.status"), EnumWords(household.status())});
  if (!household.departed_on().empty()) {
    summary.AddRow({Tr("cli.household.departed_on"), Date(household.departed_on())});
  }
  if (household.has_erasure()) {
    // What the record shows in place of the erased names and numbers.
    summary.AddRow(
        {Tr("cli.household.erasure"), Tr(household.erasure().reason() == v1::ERASURE_REASON_RETENTION_ENDED
                                             ? "cli.household.erased_retention"
                                             : "cli.household.erased_request",
                                         {{"date", Date(household.erasure().erased_on())},
                                          {"reference", household.erasure().reference()},
                                          {"by", household.erasure().erased_by()}})});
  }
  summary.AddRow({Tr("cli.household.head"), household.head_member_id() + " " + HeadName(household)});
  summary.AddRow({Tr("cli.household.version"), std::to_string(household.version())});
  summary.Print(std::cout);
  std::cout << "\n";
  Table members(Headings({"heading.member", "heading.name", "heading.sex", "heading.born", "heading.relation",
                          "heading.cccd", "heading.insured", "heading.in_school", "heading.education",
                          "heading.employment", "heading.disabled", "heading.cannot_work",
                          "heading.allowance", "heading.nutrition"}));
  for (const v1::Member& member : household.members()) {
    members.AddRow(
        {member.member_id(), member.full_name(), EnumWords(member.sex()), Date(member.date_of_birth()),
         EnumWords(member.relation_to_head()), OrDash(member.national_id()),
         YesNo(member.has_health_insurance()), YesNo(member.enrolled_in_school()),
         EnumWords(member.education_level()), EnumWords(member.employment()), YesNo(member.has_disability()),
         YesNo(member.lost_working_capacity()),
         member.monthly_social_allowance_vnd() > 0 ? Money(member.monthly_social_allowance_vnd()) : "-",
         EnumWords(member.nutrition())});
  }
  members.Print(std::cout);
}

void PrintHouseholdList(const google::protobuf::RepeatedPtrField<v1::Household>& households) {
  Table table(Headings({"heading.household", "heading.code", "heading.group", "heading.status",
                        "heading.head", "heading.members", "heading.address", "heading.version"}));
  for (const v1::Household& household : households) {
    table.AddRow({household.household_id(), household.code(), household.residential_group(),
                  EnumWords(household.status()), HeadName(household), Number(household.members_size()),
                  household.address(), std::to_string(household.version())});
  }
  table.Print(std::cout);
}

void PrintSurveys(const google::protobuf::RepeatedPtrField<v1::Survey>& surveys) {
  Table table(
      Headings({"heading.survey", "heading.reviewed", "heading.list", "heading.kind", "heading.date",
                "heading.surveyor", "heading.income_per_person", "heading.score_a", "heading.floor_m2",
                "heading.water", "heading.latrine", "heading.members", "heading.corrects"}));
  for (const v1::Survey& survey : surveys) {
    table.AddRow({survey.survey_id(), std::to_string(survey.review_year()),
                  std::to_string(SurveyListYear(survey)), EnumWords(survey.kind()),
                  Date(survey.survey_date()), OrDash(survey.surveyor()),
                  survey.has_income_per_capita() ? Money(survey.income_per_capita_vnd()) : "-",
                  survey.has_score_a() ? std::to_string(survey.score_a()) : "-", Area(survey.floor_area_m2()),
                  EnumWords(survey.water_source()), EnumWords(survey.latrine()),
                  Number(survey.members_size()), OrDash(survey.corrects_survey_id())});
  }
  table.Print(std::cout);
}

}  // namespace ansinh::cli
