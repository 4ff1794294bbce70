#include "commands/directory_names.h"

#include "ansinh/v1/assignment.grpc.pb.h"
#include "enum_words.h"
#include "words.h"

namespace ansinh::cli {
namespace {

std::string NameOr(const std::map<std::string, std::string>& names, const std::string& id) {
  const auto found = names.find(id);
  return found == names.end() || found->second.empty() ? id : found->second;
}

template <typename Enum, typename Parse>
std::string EnumKeyWords(const std::string& key, Parse parse) {
  Enum value{};
  return parse(key, &value) ? EnumWords(value) : key;
}

}  // namespace

DirectoryNames DirectoryNames::Load(const ClientOptions& options) {
  DirectoryNames names;
  auto stub = v1::Assignment::NewStub(options.Channel(options.assignment));
  v1::ListOrganizationsRequest organizations_request;
  organizations_request.set_include_inactive(true);
  v1::ListOrganizationsResponse organizations;
  if (stub->ListOrganizations(options.Context().get(), organizations_request, &organizations).ok()) {
    for (const v1::Organization& organization : organizations.organizations()) {
      names.organizations[organization.id()] = organization.name();
    }
  }
  v1::ListHelpersRequest helpers_request;
  helpers_request.set_include_inactive(true);
  v1::ListHelpersResponse helpers;
  if (stub->ListHelpers(options.Context().get(), helpers_request, &helpers).ok()) {
    for (const v1::Helper& helper : helpers.helpers()) names.helpers[helper.id()] = helper.full_name();
  }
  v1::ListLivelihoodModelsRequest models_request;
  models_request.set_include_ended(true);
  v1::ListLivelihoodModelsResponse models;
  if (stub->ListLivelihoodModels(options.Context().get(), models_request, &models).ok()) {
    for (const v1::LivelihoodModelSummary& summary : models.models()) {
      names.models[summary.model().model_id()] = summary.model().name();
    }
  }
  return names;
}

std::string DirectoryNames::GroupLabel(v1::OutcomeDimension dimension, const std::string& key) const {
  switch (dimension) {
    case v1::OUTCOME_DIMENSION_SUPPORT_TYPE:
      return EnumKeyWords<v1::SupportType>(key, v1::SupportType_Parse);
    case v1::OUTCOME_DIMENSION_CREDIT_PROGRAMME:
      return EnumKeyWords<v1::CreditProgramme>(key, v1::CreditProgramme_Parse);
    case v1::OUTCOME_DIMENSION_LIVELIHOOD_MODEL:
      return NameOr(models, key);
    case v1::OUTCOME_DIMENSION_ORGANIZATION:
      return NameOr(organizations, key);
    case v1::OUTCOME_DIMENSION_HELPER:
      return NameOr(helpers, key);
    default:
      return key.empty() ? Tr("cli.outcomes.not_recorded") : key;
  }
}

}  // namespace ansinh::cli
