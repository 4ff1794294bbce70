#include "monitoring/core/member_history.h"

#include "ansinh/v1/envelope.pb.h"
#include "ansinh/v1/field_options.pb.h"
#include "ansinh/v1/registry.pb.h"

namespace ansinh::monitoring {
namespace {

constexpr std::string_view kExportDetail = "Monitoring.RecordSubjectAccessExport: ";
constexpr std::string_view kMemberExport = "member ";

bool NamesOnly(const v1::EventEnvelope& event, std::string_view member_id) {
  const google::protobuf::Any& payload = event.payload();
  if (payload.Is<v1::PersonalDataRead>()) return true;
  v1::MemberAdded added;
  if (payload.Is<v1::MemberAdded>() && payload.UnpackTo(&added))
    return added.member().member_id() == member_id;
  v1::MemberUpdated updated;
  if (payload.Is<v1::MemberUpdated>() && payload.UnpackTo(&updated)) {
    return updated.member().member_id() == member_id;
  }
  v1::MemberRemoved removed;
  if (payload.Is<v1::MemberRemoved>() && payload.UnpackTo(&removed)) {
    return removed.member().member_id() == member_id;
  }
  v1::HouseholdRegistered registered;
  if (payload.Is<v1::HouseholdRegistered>() && payload.UnpackTo(&registered)) {
    return registered.household().head_member_id() == member_id;
  }
  // Correction requests name who asked (a parent for a child) and carry
  // the subject's reason in words: the export's own list of requests gives
  // the member's, their change is the member's MemberUpdated line.
  return false;
}

}  // namespace

std::string SubjectAccessExportDetail(const std::string& member_id, const std::string& export_id) {
  return std::string(kExportDetail) +
         (member_id.empty() ? std::string("household") : std::string(kMemberExport) + member_id) +
         ", export " + export_id;
}

bool InMemberHistory(const v1::AuditChainEntry& entry, std::string_view member_id) {
  switch (entry.kind()) {
    case v1::AuditChainEntry::KIND_PERSONAL_DATA_READ: {
      const std::string& detail = entry.detail();
      if (!detail.starts_with(kExportDetail)) return true;
      const std::string_view whose = std::string_view(detail).substr(kExportDetail.size());
      if (!whose.starts_with(kMemberExport)) return true;
      const std::string_view exported =
          whose.substr(kMemberExport.size(), whose.find(',') - kMemberExport.size());
      return exported == member_id;
    }
    case v1::AuditChainEntry::KIND_EVENT: {
      v1::EventEnvelope event;
      return event.ParseFromString(entry.canonical_event()) && NamesOnly(event, member_id);
    }
    default:
      return false;
  }
}

}  // namespace ansinh::monitoring
