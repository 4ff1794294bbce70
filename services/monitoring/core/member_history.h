#pragma once

// A subject access export (docs/data-protection.md, "Subject access and
// correction") of one member gives that member's own history, and nothing
// about anyone else: which lines of the household's history that is, judged
// from the audit entry each line is rendered from.

#include <string>
#include <string_view>

#include "ansinh/v1/monitoring.pb.h"

namespace ansinh::monitoring {

// The detail of the audit entry that records a subject access export (a
// KIND_PERSONAL_DATA_READ entry): "Monitoring.RecordSubjectAccessExport:
// household, export <id>" or "...: member M2, export <id>".
std::string SubjectAccessExportDetail(const std::string& member_id, const std::string& export_id);

// Whether the line of `entry` belongs in the history of member `member_id`:
// - the events about that member alone: added, updated (a correction of
//   theirs accepted included), removed; the household's registration when
//   they are its head (the line names the head);
// - every read of the household's personal data and every subject access
//   export of it, by whom and through what (they name readers and fields,
//   not people), except another member's export (it names that member);
// and nothing else: the household's other events name other members or
// carry free text that may (reasons, notes, complaints, who asked for a
// correction), and are in the household's export.
bool InMemberHistory(const v1::AuditChainEntry& entry, std::string_view member_id);

}  // namespace ansinh::monitoring
