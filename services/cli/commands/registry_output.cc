#include "commands/registry_output.h"

#include <google/protobuf/util/json_util.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include "output.h"
#include "registry/core/import/enum_text.h"

namespace ansinh::cli {
namespace {

std::string YesNo(bool value) { return value ? "yes" : "no"; }

std::string HeadName(const v1::Household& household) {
  for (const v1::Member& member : household.members()) {
    if (member.member_id() == household.head_member_id()) return member.full_name();
  }
  return "-";
}

std::string Vnd(int64_t amount) { return Grouped(amount) + " đ"; }

std::string Area(double square_metres) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", square_metres);
  return text;
}

}  // namespace

std::string EnumLabel(const google::protobuf::EnumDescriptor& descriptor, int number) {
  if (number == 0) return "-";
  const google::protobuf::EnumValueDescriptor* value = descriptor.FindValueByNumber(number);
  if (value == nullptr) return std::to_string(number);
  const google::protobuf::EnumValueDescriptor* zero = descriptor.FindValueByNumber(0);
  std::string prefix = zero == nullptr ? "" : zero->name();
  constexpr std::string_view kUnspecified = "UNSPECIFIED";
  if (std::string_view(prefix).ends_with(kUnspecified)) {
    prefix.resize(prefix.size() - kUnspecified.size());
  }
  std::string name = value->name();
  if (name.starts_with(prefix)) name.erase(0, prefix.size());
  for (char& c : name) {
    c = c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return name;
}

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

std::string Grouped(int64_t value) {
  const std::string digits = std::to_string(value < 0 ? -value : value);
  std::string grouped = value < 0 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  return grouped;
}

void ReadJsonFile(const std::string& path, google::protobuf::Message& message) {
  std::string text;
  if (path == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream content;
    content << in.rdbuf();
    text = content.str();
  }
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto status = google::protobuf::util::JsonStringToMessage(text, &message, options);
  if (!status.ok()) {
    throw std::runtime_error(path + " is not a " + message.GetDescriptor()->name() +
                             " in JSON: " + std::string(status.message()));
  }
}

void PrintHousehold(const v1::Household& household) {
  Table summary({"FIELD", "VALUE"});
  summary.AddRow({"household", household.household_id()});
  summary.AddRow({"code", household.code()});
  summary.AddRow({"address", household.address()});
  summary.AddRow({"residential group", household.residential_group()});
  summary.AddRow({"area", EnumLabel(*v1::AreaType_descriptor(), household.area_type())});
  summary.AddRow({"status", EnumLabel(*v1::HouseholdStatus_descriptor(), household.status())});
  summary.AddRow({"head", household.head_member_id() + " " + HeadName(household)});
  summary.AddRow({"version", std::to_string(household.version())});
  summary.Print(std::cout);
  std::cout << "\n";
  Table members({"MEMBER", "NAME", "SEX", "BORN", "RELATION", "CCCD", "INSURED", "IN SCHOOL", "EDUCATION",
                 "EMPLOYMENT", "DISABLED", "CANNOT WORK", "ALLOWANCE", "NUTRITION"});
  for (const v1::Member& member : household.members()) {
    members.AddRow(
        {member.member_id(), member.full_name(), EnumLabel(*v1::Sex_descriptor(), member.sex()),
         member.date_of_birth(), EnumLabel(*v1::RelationToHead_descriptor(), member.relation_to_head()),
         OrDash(member.national_id()), YesNo(member.has_health_insurance()),
         YesNo(member.enrolled_in_school()),
         EnumLabel(*v1::EducationLevel_descriptor(), member.education_level()),
         EnumLabel(*v1::Employment_descriptor(), member.employment()), YesNo(member.has_disability()),
         YesNo(member.lost_working_capacity()),
         member.monthly_social_allowance_vnd() > 0 ? Vnd(member.monthly_social_allowance_vnd()) : "-",
         EnumLabel(*v1::Nutrition_descriptor(), member.nutrition())});
  }
  members.Print(std::cout);
}

void PrintHouseholdList(const google::protobuf::RepeatedPtrField<v1::Household>& households) {
  Table table({"HOUSEHOLD", "CODE", "GROUP", "STATUS", "HEAD", "MEMBERS", "ADDRESS", "VERSION"});
  for (const v1::Household& household : households) {
    table.AddRow({household.household_id(), household.code(), household.residential_group(),
                  EnumLabel(*v1::HouseholdStatus_descriptor(), household.status()), HeadName(household),
                  std::to_string(household.members_size()), household.address(),
                  std::to_string(household.version())});
  }
  table.Print(std::cout);
}

void PrintSurveys(const google::protobuf::RepeatedPtrField<v1::Survey>& surveys) {
  Table table({"SURVEY", "REVIEWED", "LIST", "KIND", "DATE", "SURVEYOR", "INCOME/PERSON", "SCORE A",
               "FLOOR m²", "WATER", "LATRINE", "MEMBERS", "CORRECTS"});
  for (const v1::Survey& survey : surveys) {
    table.AddRow({survey.survey_id(), std::to_string(survey.review_year()),
                  std::to_string(SurveyListYear(survey)),
                  EnumLabel(*v1::ReviewKind_descriptor(), survey.kind()), survey.survey_date(),
                  OrDash(survey.surveyor()),
                  survey.has_income_per_capita() ? Vnd(survey.income_per_capita_vnd()) : "-",
                  survey.has_score_a() ? std::to_string(survey.score_a()) : "-", Area(survey.floor_area_m2()),
                  EnumLabel(*v1::WaterSource_descriptor(), survey.water_source()),
                  EnumLabel(*v1::LatrineType_descriptor(), survey.latrine()),
                  std::to_string(survey.members_size()), OrDash(survey.corrects_survey_id())});
  }
  table.Print(std::cout);
}

}  // namespace ansinh::cli
