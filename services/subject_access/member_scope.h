#pragma once

// One member's subject access export from the household's: every field held
// about that member, and nothing about anyone else (docs/data-protection.md,
// "Subject access and correction"). Pure: it prunes what was gathered.

#include <string>

#include "ansinh/v1/subject_access.pb.h"

namespace ansinh::subject_access {

// `household_export` (gathered for the whole household, its history already
// the member's own: Monitoring.RecordSubjectAccessExport with the member)
// reduced to member `member_id`:
// - the record and every survey's snapshot keep that member's entry only; the
//   head's id is kept only when it is theirs;
// - correction requests: theirs only, without who asked or the reasons in
//   words (a parent asks for a child; words may name others);
// - classification verdicts keep their facts, the member ids they rest on
//   reduced to theirs, and an explanation only when it rests on them alone
//   (or on dwelling facts); the labour-capacity explanation (it names every
//   member) only when they are the household's only member;
// - the cases keep their structured facts (organization, helper, state,
//   dates, each need's type and status, each support's type, amount,
//   provider and date, each visit's date, helper and observed change)
//   without the free text that may name others (descriptions, visit notes,
//   reasons, the case history);
// - `withheld` says what was left out.
// The household-level facts (address, group, categories, support to the
// household) stay: they are the member's too.
v1::SubjectAccessExport ForMember(const v1::SubjectAccessExport& household_export,
                                  const std::string& member_id);

}  // namespace ansinh::subject_access
