// The form an official status is stored in (docs/classification.md, "Official
// statuses"). An approved result keeps what the approval decided and the
// facts lists read, and references the survey and the standard version it was
// classified from; its explanation in words is re-derived on read by the same
// pure classifier, which gives the same result for the same survey and
// standard. A result that does not re-derive exactly at approval is kept
// whole, so a read always answers what the household had at approval.
#pragma once

#include <string>

#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/classification_storage.pb.h"
#include "ansinh/v1/household.pb.h"
#include "kernel/result.h"
#include "standards/standard_catalog.h"

namespace ansinh::classification {

inline bool IsLean(const v1::StoredApprovedResult& stored) { return !stored.has_whole_result(); }

// The lean form: the result reduced to its facts and references.
v1::StoredApprovedResult LeanFormOf(const v1::ApprovedResult& approved);
// The whole form: the result kept as it is.
v1::StoredApprovedResult WholeFormOf(const v1::ApprovedResult& approved);

// The lean form when `survey` (the survey of the result's review year the
// service keeps, null when it has none) re-derives exactly approved.result();
// the whole form otherwise (a survey replaced before the approval, a standard
// version changed since the proposal).
v1::StoredApprovedResult StoredFormOf(const v1::ApprovedResult& approved, const v1::Survey* survey,
                                      const StandardCatalog& catalog);

// A status stored before the lean form existed (a whole OfficialStatus): every
// result kept whole, as it was.
v1::StoredOfficialStatus StoredFormOfLegacy(const v1::OfficialStatus& status);

// The approved result with what it was stored with and no re-derivation: a
// whole result as kept, a lean one's result holding only its facts (category,
// labour capacity, the deprived indicators and their count, survey and
// standard). What approvals, status lists and what-if read.
v1::ApprovedResult FactsOf(const std::string& household_id, const v1::StoredApprovedResult& stored);
v1::OfficialStatus FactsOf(const v1::StoredOfficialStatus& stored);

// Re-derives a lean result from `survey`: classified under the standard
// version it references for its list year. FAILED_PRECONDITION when that
// version is not loaded, `survey` is not the one referenced, the survey no
// longer classifies, or the re-derived facts differ from the stored ones.
Result<v1::ClassificationResult> Rederive(const std::string& household_id,
                                          const v1::StoredApprovedResult& stored, const v1::Survey& survey,
                                          const StandardCatalog& catalog);

// The approved result as GetOfficialStatus answers it: whole as kept, or
// re-derived from `survey` (null when the service does not have it); when it
// cannot be, its facts with explanation_unavailable saying why.
v1::ApprovedResult ExplainApprovedResult(const std::string& household_id,
                                         const v1::StoredApprovedResult& stored, const v1::Survey* survey,
                                         const StandardCatalog& catalog);

}  // namespace ansinh::classification
