#pragma once

#include "console/backends.h"
#include "console/http_types.h"
#include "i18n/translator.h"

namespace ansinh::console {

// GET
// /api/report?kind=final|yearly&year=2025&first_year=2021&last_year=2025&as_of=&format=pdf|csv|tables&table=N:
// the resolution's report (docs/reports.md) made with the user's token
// (Monitoring.GetResolutionReport, the assignment directory's names), in the
// page's language: the PDF, one table as CSV, or the list of its tables as
// JSON [{"number", "title", "file"}] for the page to offer.
HttpReply ResolutionReportRoute(const Backends& backends, const CallIdentity& user, const ApiRequest& request,
                                const i18n::Translator& words);

}  // namespace ansinh::console
