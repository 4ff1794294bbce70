#pragma once

// The documents of the Export* RPCs, as CSV or JSON text. The audit export
// carries everything needed to re-verify the chain offline: every hashed
// field, the hashes in hex and the canonical event bytes in base64.

#include <span>
#include <string_view>

#include "ansinh/v1/monitoring.pb.h"
#include "kernel/result.h"

namespace ansinh::monitoring {

using ExportFormat = v1::ExportedDocument::Format;

// One row per entry, in the order given.
Result<v1::ExportedDocument> ExportAuditEntries(std::span<const v1::AuditChainEntry> entries,
                                                ExportFormat format);

// The audit export written a page at a time (StreamAuditExport), so that
// no more than one page of entries is ever held: Opening(), then Page() for
// each page of entries in storage order, then Closing(). Concatenated, the
// parts are exactly ExportAuditEntries over all the entries.
class AuditExportWriter {
 public:
  // INVALID_ARGUMENT (field "format") for anything but CSV or JSON.
  static Result<AuditExportWriter> Start(ExportFormat format);

  // Format, media type and file name, and the document's opening as content.
  v1::ExportedDocument Opening() const;
  std::string Page(std::span<const v1::AuditChainEntry> entries);
  std::string Closing() const;

 private:
  explicit AuditExportWriter(ExportFormat format) : format_(format) {}
  ExportFormat format_;
  bool any_rows_ = false;
};

// One row per target.
Result<v1::ExportedDocument> ExportScorecard(const v1::Scorecard& scorecard, ExportFormat format);

// One row per timeline entry.
Result<v1::ExportedDocument> ExportHouseholdHistory(std::string_view household_id,
                                                    std::span<const v1::HouseholdTimelineEntry> timeline,
                                                    ExportFormat format);

// "event" or "personal_data_read".
std::string_view AuditEntryKindName(v1::AuditChainEntry::Kind kind);

}  // namespace ansinh::monitoring
