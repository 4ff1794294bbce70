#pragma once

// The names behind the ids of the assignment service's directory, for output
// that shows people names rather than ids (organizations, helpers, livelihood
// models). Best effort: a directory that cannot be read leaves the ids.

#include <map>
#include <string>

#include "ansinh/v1/monitoring.pb.h"
#include "client_options.h"

namespace ansinh::cli {

struct DirectoryNames {
  std::map<std::string, std::string> organizations;
  std::map<std::string, std::string> helpers;
  std::map<std::string, std::string> models;

  // Reads the three lists; a list the caller may not read stays empty.
  static DirectoryNames Load(const ClientOptions& options);

  // An outcome group's key in words: the support type or programme in the
  // run's language, an organization's, helper's or model's name (its id when
  // unknown), the provider or the residential group as recorded.
  std::string GroupLabel(v1::OutcomeDimension dimension, const std::string& key) const;
};

}  // namespace ansinh::cli
