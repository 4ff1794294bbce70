#include "reports/report_names.h"

#include "i18n/proto/localized_text.h"

namespace ansinh::reports {
namespace {

std::string NameOr(const std::map<std::string, std::string>& names, const std::string& id) {
  const auto found = names.find(id);
  return found == names.end() || found->second.empty() ? id : found->second;
}

// The catalog's words for an enum value named in full ("SUPPORT_TYPE_HOUSING").
template <typename Enum, typename Parse>
std::string EnumNameWords(const std::string& full_name, Parse parse, const std::string& prefix,
                          const i18n::Translator& words) {
  Enum value{};
  if (!parse(full_name, &value)) return full_name;
  const std::string key = prefix + i18n::EnumArg(value);
  return words.Has(key) ? words.Text(key) : full_name;
}

}  // namespace

ReportNames NamesFrom(const v1::ListOrganizationsResponse& organizations,
                      const v1::ListHelpersResponse& helpers,
                      const v1::ListLivelihoodModelsResponse& models) {
  ReportNames names;
  for (const v1::Organization& organization : organizations.organizations()) {
    names.organizations[organization.id()] = organization.name();
  }
  for (const v1::Helper& helper : helpers.helpers()) names.helpers[helper.id()] = helper.full_name();
  for (const v1::LivelihoodModelSummary& summary : models.models()) {
    names.models[summary.model().model_id()] = summary.model().name();
  }
  return names;
}

std::string SupportTypeWords(v1::SupportType type, const i18n::Translator& words) {
  const std::string key = "support_type." + i18n::EnumArg(type);
  return words.Has(key) ? words.Text(key) : i18n::EnumArg(type);
}

std::string ReportNames::GroupLabel(v1::OutcomeDimension dimension, const std::string& key,
                                    const i18n::Translator& words) const {
  if (key.empty()) return words.Text("report.not_recorded");
  switch (dimension) {
    case v1::OUTCOME_DIMENSION_SUPPORT_TYPE:
      return EnumNameWords<v1::SupportType>(key, v1::SupportType_Parse, "support_type.", words);
    case v1::OUTCOME_DIMENSION_CREDIT_PROGRAMME:
      return EnumNameWords<v1::CreditProgramme>(key, v1::CreditProgramme_Parse, "credit_programme.", words);
    case v1::OUTCOME_DIMENSION_LIVELIHOOD_MODEL:
      return NameOr(models, key);
    case v1::OUTCOME_DIMENSION_ORGANIZATION:
      return NameOr(organizations, key);
    case v1::OUTCOME_DIMENSION_HELPER:
      return NameOr(helpers, key);
    default:
      return key;
  }
}

}  // namespace ansinh::reports
