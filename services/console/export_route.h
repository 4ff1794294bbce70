#pragma once

#include "console/backends.h"
#include "console/http_types.h"
#include "i18n/translator.h"

namespace ansinh::console {

// GET /api/export/household-history?household_id=HH-000123&format=csv|json:
// Monitoring.ExportHouseholdHistory with the user's token, answered as the
// document itself, an attachment under the name the service suggests.
HttpReply ExportHouseholdHistory(const Backends& backends, const CallIdentity& user,
                                 const ApiRequest& request, const i18n::Translator& words);

}  // namespace ansinh::console
