#include "monitoring/core/exports.h"

#include <google/protobuf/util/time_util.h>

#include <cstdint>
#include <string>
#include <vector>

#include "monitoring/core/digest.h"
#include "monitoring/core/tabular_document.h"

namespace ansinh::monitoring {
namespace {

using google::protobuf::util::TimeUtil;

Result<v1::ExportedDocument> Render(const Table& table, ExportFormat format, const std::string& base_name) {
  v1::ExportedDocument document;
  document.set_format(format);
  switch (format) {
    case v1::ExportedDocument::FORMAT_CSV:
      document.set_media_type("text/csv");
      document.set_file_name(base_name + ".csv");
      document.set_content(table.ToCsv());
      return document;
    case v1::ExportedDocument::FORMAT_JSON:
      document.set_media_type("application/json");
      document.set_file_name(base_name + ".json");
      document.set_content(table.ToJson());
      return document;
    default:
      return Error::InvalidArgument({{"format", "must be FORMAT_CSV or FORMAT_JSON"}});
  }
}

std::string StatusName(v1::ScorecardLine::Status status) {
  switch (status) {
    case v1::ScorecardLine::STATUS_MET:
      return "met";
    case v1::ScorecardLine::STATUS_NOT_MET:
      return "not met";
    case v1::ScorecardLine::STATUS_UNKNOWN:
      return "unknown";
    default:
      return "";
  }
}

std::string ComparisonName(v1::TargetDefinition::Comparison comparison) {
  switch (comparison) {
    case v1::TargetDefinition::COMPARISON_AT_MOST:
      return "at most";
    case v1::TargetDefinition::COMPARISON_BELOW:
      return "below";
    case v1::TargetDefinition::COMPARISON_AT_LEAST:
      return "at least";
    default:
      return "";
  }
}

// A household id as part of a file name: anything but letters, digits, '-'
// and '_' becomes '_', so the name is safe in a path or a header.
std::string FileNamePart(std::string_view text) {
  std::string part(text);
  for (char& c : part) {
    const bool safe =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!safe) c = '_';
  }
  return part;
}

Cell OptionalDecimal(bool present, double value) { return present ? Cell::Decimal(value) : Cell::Null(); }

}  // namespace

std::string_view AuditEntryKindName(v1::AuditChainEntry::Kind kind) {
  switch (kind) {
    case v1::AuditChainEntry::KIND_EVENT:
      return "event";
    case v1::AuditChainEntry::KIND_PERSONAL_DATA_READ:
      return "personal_data_read";
    case v1::AuditChainEntry::KIND_TREE_HEAD:
      return "tree_head";
    default:
      return "unspecified";
  }
}

namespace {

Table AuditTable(std::span<const v1::AuditChainEntry> entries) {
  Table table({"sequence", "kind", "event_id", "event_type", "household_id", "actor_role", "actor_name",
               "actor_organization_id", "occurred_at", "occurred_at_seconds", "occurred_at_nanos", "detail",
               "canonical_event_base64", "previous_hash", "entry_hash"});
  for (const v1::AuditChainEntry& entry : entries) {
    table.AddRow({Cell::Integer(static_cast<std::int64_t>(entry.sequence())),
                  Cell::Text(std::string(AuditEntryKindName(entry.kind()))), Cell::Text(entry.event_id()),
                  Cell::Text(entry.event_type()), Cell::Text(entry.household_id()),
                  Cell::Text(v1::Role_Name(entry.actor().role())), Cell::Text(entry.actor().name()),
                  Cell::Text(entry.actor().organization_id()),
                  Cell::Text(TimeUtil::ToString(entry.occurred_at())),
                  Cell::Integer(entry.occurred_at().seconds()), Cell::Integer(entry.occurred_at().nanos()),
                  Cell::Text(entry.detail()), Cell::Text(Base64Encode(entry.canonical_event())),
                  Cell::Text(HexEncode(entry.previous_hash())), Cell::Text(HexEncode(entry.entry_hash()))});
  }
  return table;
}

}  // namespace

Result<v1::ExportedDocument> ExportAuditEntries(std::span<const v1::AuditChainEntry> entries,
                                                ExportFormat format) {
  return Render(AuditTable(entries), format, "audit");
}

Result<AuditExportWriter> AuditExportWriter::Start(ExportFormat format) {
  if (format != v1::ExportedDocument::FORMAT_CSV && format != v1::ExportedDocument::FORMAT_JSON) {
    return Error::InvalidArgument({{"format", "must be FORMAT_CSV or FORMAT_JSON"}});
  }
  return AuditExportWriter(format);
}

v1::ExportedDocument AuditExportWriter::Opening() const {
  Result<v1::ExportedDocument> empty = Render(AuditTable({}), format_, "audit");
  v1::ExportedDocument document = std::move(empty).value();
  document.set_content(format_ == v1::ExportedDocument::FORMAT_CSV ? AuditTable({}).CsvHeader() : "[");
  return document;
}

std::string AuditExportWriter::Page(std::span<const v1::AuditChainEntry> entries) {
  const Table table = AuditTable(entries);
  if (format_ == v1::ExportedDocument::FORMAT_CSV) return table.CsvRows();
  std::string rows = table.JsonRows(!any_rows_);
  any_rows_ = any_rows_ || !entries.empty();
  return rows;
}

std::string AuditExportWriter::Closing() const {
  return format_ == v1::ExportedDocument::FORMAT_CSV ? "" : Table::JsonEnd(any_rows_);
}

Result<v1::ExportedDocument> ExportScorecard(const v1::Scorecard& scorecard, ExportFormat format) {
  Table table({"review_year", "as_of", "target_id", "clause", "title", "count", "total", "figure_percent",
               "comparison", "threshold_percent", "status", "explanation"});
  for (const v1::ScorecardLine& line : scorecard.lines()) {
    table.AddRow({Cell::Integer(scorecard.review_year()), Cell::Text(scorecard.as_of()),
                  Cell::Text(line.target().target_id()), Cell::Text(line.target().clause()),
                  Cell::Text(line.target().title()), Cell::Integer(line.figure().count()),
                  Cell::Integer(line.figure().total()),
                  OptionalDecimal(line.figure().has_percent(), line.figure().percent()),
                  Cell::Text(ComparisonName(line.target().comparison())),
                  OptionalDecimal(line.has_threshold_percent(), line.threshold_percent()),
                  Cell::Text(StatusName(line.status())), Cell::Text(line.explanation())});
  }
  return Render(table, format, "scorecard-" + std::to_string(scorecard.review_year()));
}

Result<v1::ExportedDocument> ExportHouseholdHistory(std::string_view household_id,
                                                    std::span<const v1::HouseholdTimelineEntry> timeline,
                                                    ExportFormat format) {
  Table table({"occurred_at", "service", "event_type", "actor_role", "actor_name", "actor_organization_id",
               "description", "event_id", "audit_sequence"});
  for (const v1::HouseholdTimelineEntry& entry : timeline) {
    table.AddRow({Cell::Text(TimeUtil::ToString(entry.occurred_at())), Cell::Text(entry.service()),
                  Cell::Text(entry.event_type()), Cell::Text(v1::Role_Name(entry.actor().role())),
                  Cell::Text(entry.actor().name()), Cell::Text(entry.actor().organization_id()),
                  Cell::Text(entry.description()), Cell::Text(entry.event_id()),
                  Cell::Integer(static_cast<std::int64_t>(entry.audit_sequence()))});
  }
  return Render(table, format, "household-" + FileNamePart(household_id) + "-history");
}

}  // namespace ansinh::monitoring
