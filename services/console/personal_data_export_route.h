#pragma once

#include "console/backends.h"
#include "console/http_types.h"
#include "i18n/translator.h"

namespace ansinh::console {

// GET /api/export/personal-data?household_id=HH-000123[&member_id=M2]&format=html|json:
// the subject access export (docs/data-protection.md, "Subject access and
// correction") gathered from the four services with the user's own token, as
// the CLI's `ansinh household export-data` does (services/subject_access/),
// answered as an attachment: the Vietnamese document, or the export as JSON.
// The services decide who may (officers and auditors) and record the export
// in the audit chain before anything is read.
HttpReply ExportPersonalData(const Backends& backends, const CallIdentity& user, const ApiRequest& request,
                             const i18n::Translator& words);

}  // namespace ansinh::console
