#include "registry/core/import/csv_household_import.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <array>
#include <charconv>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "registry/core/import/csv_reader.h"
#include "registry/core/import/enum_text.h"

namespace ansinh::registry {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

constexpr std::string_view kKeyColumn = "household_key";
constexpr std::string_view kSurveyPrefix = "survey.";
constexpr char kListSeparator = ';';

constexpr std::array<std::string_view, 3> kHouseholdFields = {"address", "residential_group", "area_type"};
constexpr std::array<std::string_view, 13> kMemberFields = {
    "full_name",          "sex",
    "date_of_birth",      "relation_to_head",
    "national_id",        "has_health_insurance",
    "enrolled_in_school", "education_level",
    "employment",         "lost_working_capacity",
    "has_disability",     "monthly_social_allowance_vnd",
    "nutrition"};
constexpr std::array<std::string_view, 16> kSurveyFields = {"review_year",
                                                            "kind",
                                                            "walls",
                                                            "columns",
                                                            "roof",
                                                            "floor_area_m2",
                                                            "water_source",
                                                            "latrine",
                                                            "uses_telecom",
                                                            "information_devices",
                                                            "waste_treatment",
                                                            "income_per_capita_vnd",
                                                            "score_a",
                                                            "surveyor",
                                                            "survey_date",
                                                            "untreated_illness"};

// Survey values whose presence is recorded in a companion flag.
struct PresenceFlag {
  std::string_view value_field;
  std::string_view flag_field;
};
constexpr std::array<PresenceFlag, 2> kPresenceFlags = {
    PresenceFlag{"income_per_capita_vnd", "has_income_per_capita"}, PresenceFlag{"score_a", "has_score_a"}};

enum class Target { kKey, kHousehold, kMember, kSurvey };

struct Column {
  Target target = Target::kKey;
  const FieldDescriptor* field = nullptr;  // null for the key
  std::string name;                        // as the header spells it, lowercased
};

std::string_view Trim(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const size_t last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

std::string LowerAscii(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

template <size_t N>
bool Contains(const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::string_view candidate : names) {
    if (candidate == name) return true;
  }
  return false;
}

// The column a header cell names, or nullopt for an unknown name.
std::optional<Column> ResolveColumn(std::string_view header_cell) {
  Column column;
  column.name = LowerAscii(Trim(header_cell));
  const std::string_view name = column.name;
  if (name == kKeyColumn) return column;
  if (name.starts_with(kSurveyPrefix)) {
    const std::string_view field = name.substr(kSurveyPrefix.size());
    if (!Contains(kSurveyFields, field)) return std::nullopt;
    column.target = Target::kSurvey;
    column.field = v1::Survey::descriptor()->FindFieldByName(std::string(field));
  } else if (Contains(kHouseholdFields, name)) {
    column.target = Target::kHousehold;
    column.field = v1::Household::descriptor()->FindFieldByName(std::string(name));
  } else if (Contains(kMemberFields, name)) {
    column.target = Target::kMember;
    column.field = v1::Member::descriptor()->FindFieldByName(std::string(name));
  } else {
    return std::nullopt;
  }
  return column;
}

// Whether `text` is well-formed UTF-8 (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), as protobuf requires of a string field.
bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // the bounds of the second byte
    if (lead < 0x80) {
      ++i;
      continue;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    } else {
      return false;
    }
    if (text.size() - i < length) return false;
    for (size_t k = 1; k < length; ++k) {
      const auto byte = static_cast<unsigned char>(text[i + k]);
      if (byte < (k == 1 ? low : 0x80) || byte > (k == 1 ? high : 0xBF)) return false;
    }
    i += length;
  }
  return true;
}

template <typename Int>
std::optional<Int> ParseInteger(std::string_view text) {
  Int value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<double> ParseDouble(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string EnumError(const FieldDescriptor& field, std::string_view text) {
  const auto& values = *field.enum_type();
  std::string known;
  for (int i = 1; i < values.value_count(); ++i) {
    if (!known.empty()) known += ", ";
    known += values.value(i)->name();
  }
  return "unknown value \"" + std::string(text) + "\"; expected one of " + known;
}

// Sets `field` of `message` from a non-empty trimmed cell; the error text
// when the cell does not fit the field's type.
std::optional<std::string> SetFromText(Message& message, const FieldDescriptor& field,
                                       std::string_view text) {
  const google::protobuf::Reflection& reflection = *message.GetReflection();
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      // Protobuf refuses to parse a string field that is not UTF-8, so such a
      // cell would break the whole import stream at the registry; a
      // spreadsheet saved in a legacy code page (Windows-1258) writes them.
      if (!IsValidUtf8(text)) {
        return std::string("is not UTF-8 text: save the file as \"CSV UTF-8\"");
      }
      reflection.SetString(&message, &field, std::string(text));
      return std::nullopt;
    case FieldDescriptor::CPPTYPE_BOOL:
      if (const auto value = ParseBoolText(text)) {
        reflection.SetBool(&message, &field, *value);
        return std::nullopt;
      }
      return "expected true or false, got \"" + std::string(text) + "\"";
    case FieldDescriptor::CPPTYPE_INT32:
      if (const auto value = ParseInteger<int32_t>(text)) {
        reflection.SetInt32(&message, &field, *value);
        return std::nullopt;
      }
      return "expected a whole number, got \"" + std::string(text) + "\"";
    case FieldDescriptor::CPPTYPE_INT64:
      if (const auto value = ParseInteger<int64_t>(text)) {
        reflection.SetInt64(&message, &field, *value);
        return std::nullopt;
      }
      return "expected a whole number without separators, got \"" + std::string(text) + "\"";
    case FieldDescriptor::CPPTYPE_DOUBLE:
      if (const auto value = ParseDouble(text)) {
        reflection.SetDouble(&message, &field, *value);
        return std::nullopt;
      }
      return "expected a number such as 42.5, got \"" + std::string(text) + "\"";
    case FieldDescriptor::CPPTYPE_ENUM: {
      if (!field.is_repeated()) {
        const auto value = ParseEnumText(*field.enum_type(), text);
        if (!value) return EnumError(field, text);
        reflection.SetEnumValue(&message, &field, *value);
        return std::nullopt;
      }
      std::string_view rest = text;
      while (true) {
        const size_t separator = rest.find(kListSeparator);
        const std::string_view item = Trim(rest.substr(0, separator));
        if (!item.empty()) {
          const auto value = ParseEnumText(*field.enum_type(), item);
          if (!value) return EnumError(field, item);
          reflection.AddEnumValue(&message, &field, *value);
        }
        if (separator == std::string_view::npos) return std::nullopt;
        rest.remove_prefix(separator + 1);
      }
    }
    default:
      return "this column cannot be imported";
  }
}

void SetPresenceFlag(Message& message, const FieldDescriptor& field) {
  for (const PresenceFlag& flag : kPresenceFlags) {
    if (field.name() != flag.value_field) continue;
    const FieldDescriptor* flag_field =
        message.GetDescriptor()->FindFieldByName(std::string(flag.flag_field));
    message.GetReflection()->SetBool(&message, flag_field, true);
  }
}

// A household being assembled from its rows.
struct PendingHousehold {
  ParsedRow row;
  // Household and survey cells already applied: column index -> (value, line).
  std::map<size_t, std::pair<std::string, int64_t>> shared_values;
};

class CsvHouseholdParser {
 public:
  ParsedImport Parse(std::string_view csv_text) {
    CsvReader reader(csv_text);
    const std::optional<CsvRecord> header = reader.Next();
    if (!header) {
      result_.file_errors.push_back({1, "", "the file is empty: a header row is required"});
      return Finish();
    }
    if (!ReadHeader(*header)) return Finish();
    while (const std::optional<CsvRecord> record = reader.Next()) ReadRecord(*record);
    return Finish();
  }

 private:
  bool ReadHeader(const CsvRecord& header) {
    if (!header.error.empty()) {
      result_.file_errors.push_back({header.line, "", "header: " + header.error});
      return false;
    }
    std::map<std::string, size_t> seen;
    for (size_t i = 0; i < header.fields.size(); ++i) {
      std::optional<Column> column = ResolveColumn(header.fields[i]);
      if (!column) {
        result_.file_errors.push_back({header.line, std::string(Trim(header.fields[i])), "unknown column"});
        continue;
      }
      if (!seen.emplace(column->name, i).second) {
        result_.file_errors.push_back({header.line, column->name, "column given twice"});
        continue;
      }
      if (column->target == Target::kKey) key_index_ = i;
      columns_.push_back(std::move(*column));
    }
    if (!key_index_) {
      result_.file_errors.push_back({header.line, std::string(kKeyColumn), "required column missing"});
    }
    // With an unknown or repeated column the cells cannot be trusted to land
    // in the right fields, so no row is read; without errors columns_[i] is
    // the header's i-th column.
    return result_.file_errors.empty();
  }

  void ReadRecord(const CsvRecord& record) {
    const std::string key =
        *key_index_ < record.fields.size() ? std::string(Trim(record.fields[*key_index_])) : "";
    if (!record.error.empty() || record.fields.size() != columns_.size()) {
      const std::string problem = !record.error.empty()
                                      ? record.error
                                      : "has " + std::to_string(record.fields.size()) +
                                            " fields, the header has " + std::to_string(columns_.size());
      if (key.empty()) {
        result_.file_errors.push_back({record.line, "", problem + "; its household is unknown"});
      } else {
        HouseholdFor(key, record.line).row.errors.push_back({record.line, "", problem});
      }
      return;
    }
    if (key.empty()) {
      result_.file_errors.push_back(
          {record.line, std::string(kKeyColumn), "empty: every row needs its household's key"});
      return;
    }
    PendingHousehold& pending = HouseholdFor(key, record.line);
    v1::Member& member = *pending.row.request.mutable_household()->add_members();
    pending.row.member_lines.push_back(record.line);
    for (size_t i = 0; i < columns_.size(); ++i) {
      const Column& column = columns_[i];
      const std::string_view cell = Trim(record.fields[i]);
      if (column.target == Target::kKey || cell.empty()) continue;
      if (column.target == Target::kMember) {
        Apply(member, column, cell, record.line, pending.row);
      } else {
        ApplyShared(pending, i, cell, record.line);
      }
    }
  }

  // Household and survey cells: the first non-empty one counts; later rows
  // must agree with it.
  void ApplyShared(PendingHousehold& pending, size_t index, std::string_view cell, int64_t line) {
    const Column& column = columns_[index];
    const auto [it, first] = pending.shared_values.try_emplace(index, std::string(cell), line);
    if (!first) {
      if (it->second.first != cell) {
        // Appended piecewise: GCC 12 misreports `"..." + std::string(...)` at
        // -O2 (-Wrestrict).
        std::string description = "\"";
        description.append(cell).append("\" differs from \"").append(it->second.first);
        description.append("\" on line ").append(std::to_string(it->second.second));
        description.append(" of the same household");
        pending.row.errors.push_back({line, column.name, std::move(description)});
      }
      return;
    }
    v1::ImportHouseholdsRequest& request = pending.row.request;
    if (column.target == Target::kHousehold) {
      Apply(*request.mutable_household(), column, cell, line, pending.row);
    } else {
      Apply(*request.mutable_survey(), column, cell, line, pending.row);
    }
  }

  void Apply(Message& message, const Column& column, std::string_view cell, int64_t line, ParsedRow& row) {
    if (std::optional<std::string> error = SetFromText(message, *column.field, cell)) {
      row.errors.push_back({line, column.name, std::move(*error)});
      return;
    }
    SetPresenceFlag(message, *column.field);
  }

  PendingHousehold& HouseholdFor(const std::string& key, int64_t line) {
    const auto [it, inserted] = index_by_key_.try_emplace(key, households_.size());
    if (inserted) {
      households_.emplace_back();
      households_.back().row.request.set_row_number(line);
    }
    return households_[it->second];
  }

  ParsedImport Finish() {
    for (PendingHousehold& pending : households_) result_.rows.push_back(std::move(pending.row));
    return std::move(result_);
  }

  std::vector<Column> columns_;
  std::optional<size_t> key_index_;
  std::map<std::string, size_t> index_by_key_;
  std::vector<PendingHousehold> households_;
  ParsedImport result_;
};

}  // namespace

ParsedImport ParseCsvHouseholds(std::string_view csv_text) { return CsvHouseholdParser().Parse(csv_text); }

}  // namespace ansinh::registry
