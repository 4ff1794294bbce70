#pragma once

// The names behind the ids an outcome group or a report line carries
// (organizations, helpers, livelihood models of the assignment directory),
// and a group key in words, so that people read names rather than ids.

#include <map>
#include <string>

#include "ansinh/v1/assignment.pb.h"
#include "ansinh/v1/monitoring.pb.h"
#include "i18n/translator.h"

namespace ansinh::reports {

struct ReportNames {
  std::map<std::string, std::string> organizations;
  std::map<std::string, std::string> helpers;
  std::map<std::string, std::string> models;

  // A group key of `dimension` in words: the support type or programme in
  // the translator's language, the name of an organization, helper or model
  // (its id when unknown), a provider or residential group as recorded, and
  // "(not recorded)" for an empty key.
  std::string GroupLabel(v1::OutcomeDimension dimension, const std::string& key,
                         const i18n::Translator& words) const;
};

// The names of the assignment directory's three lists (a list that could not
// be read is passed empty).
ReportNames NamesFrom(const v1::ListOrganizationsResponse& organizations,
                      const v1::ListHelpersResponse& helpers, const v1::ListLivelihoodModelsResponse& models);

// An enum value in words through the catalog's "<prefix><VALUE>" keys, as the
// CLI and the console name them (support_type.POLICY_CREDIT).
std::string SupportTypeWords(v1::SupportType type, const i18n::Translator& words);

}  // namespace ansinh::reports
