#pragma once

// The names behind the ids of the assignment service's directory, for output
// that shows people names rather than ids (organizations, helpers, livelihood
// models). Best effort: a list that cannot be read leaves the ids.

#include <string>

#include "ansinh/v1/monitoring.pb.h"
#include "client_options.h"
#include "reports/report_names.h"

namespace ansinh::cli {

// Reads the three lists of the assignment directory.
reports::ReportNames LoadDirectoryNames(const ClientOptions& options);

// An outcome group's key in words, in the run's language.
std::string GroupLabel(const reports::ReportNames& names, v1::OutcomeDimension dimension,
                       const std::string& key);

}  // namespace ansinh::cli
