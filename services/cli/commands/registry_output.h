#pragma once

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <optional>
#include <string>

#include "ansinh/v1/registry.pb.h"
#include "kernel/civil_date.h"

namespace ansinh::cli {

// Shared by the registry's commands (household, import, demo).

// The enum value named by `text` in any of the forms ParseEnumText reads,
// '-' standing for '_' ("moved-out", "MOVED_OUT", "HOUSEHOLD_STATUS_MOVED_OUT");
// nullopt when none has that name.
std::optional<int> ParseEnumLabel(const google::protobuf::EnumDescriptor& descriptor,
                                  const std::string& text);

// 1234567 -> "1,234,567" ("1.234.567" in Vietnamese): for reading, not for parsing.
std::string Grouped(int64_t value);

// How long an import took and its pace: "1.25 s (1600 households/s)".
std::string ImportRate(double seconds, double households_per_second);

// Reads a JSON file ("-" for stdin) into `message` (protobuf JSON mapping,
// proto or lowerCamelCase field names, unknown fields refused). Throws
// std::runtime_error naming the file and the problem.
void ReadJsonFile(const std::string& path, google::protobuf::Message& message);

// A household as tables: its fields, then one row per member.
void PrintHousehold(const v1::Household& household);

// One line per household: id, code, group, status, head, members, address.
void PrintHouseholdList(const google::protobuf::RepeatedPtrField<v1::Household>& households);

// One line per survey, oldest first.
void PrintSurveys(const google::protobuf::RepeatedPtrField<v1::Survey>& surveys);

}  // namespace ansinh::cli
