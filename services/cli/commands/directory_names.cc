#include "commands/directory_names.h"

#include "ansinh/v1/assignment.grpc.pb.h"
#include "words.h"

namespace ansinh::cli {

reports::ReportNames LoadDirectoryNames(const ClientOptions& options) {
  auto stub = v1::Assignment::NewStub(options.Channel(options.assignment));
  v1::ListOrganizationsRequest organizations_request;
  organizations_request.set_include_inactive(true);
  v1::ListOrganizationsResponse organizations;
  if (!stub->ListOrganizations(options.Context().get(), organizations_request, &organizations).ok()) {
    organizations.Clear();
  }
  v1::ListHelpersRequest helpers_request;
  helpers_request.set_include_inactive(true);
  v1::ListHelpersResponse helpers;
  if (!stub->ListHelpers(options.Context().get(), helpers_request, &helpers).ok()) helpers.Clear();
  v1::ListLivelihoodModelsRequest models_request;
  models_request.set_include_ended(true);
  v1::ListLivelihoodModelsResponse models;
  if (!stub->ListLivelihoodModels(options.Context().get(), models_request, &models).ok()) models.Clear();
  return reports::NamesFrom(organizations, helpers, models);
}

std::string GroupLabel(const reports::ReportNames& names, v1::OutcomeDimension dimension,
                       const std::string& key) {
  return names.GroupLabel(dimension, key, Words());
}

}  // namespace ansinh::cli
