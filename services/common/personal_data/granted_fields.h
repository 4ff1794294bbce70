// The marked fields a consumer's grant names (docs/events.md, "Outside
// consumers"): a field is named "<Message>.<field>" after the message that
// declares it in package ansinh.v1 ("Member.full_name", "Household.address";
// a nested message as "Outer.Inner.field"), which is how the data inventory
// of docs/data-protection.md lists them. Whatever a grant does not name is
// cleared from what the consumer receives, at any depth.
#pragma once

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <set>
#include <string>
#include <string_view>

namespace ansinh::personal_data {

// "Member.full_name" for Member's field full_name.
std::string MarkedFieldName(const google::protobuf::FieldDescriptor& field);

// The field `name` names, when it exists in a message of the generated pool
// and is marked personal or sensitive; nullptr otherwise (no such message or
// field, or an unmarked one, which needs no grant).
const google::protobuf::FieldDescriptor* MarkedFieldNamed(std::string_view name);

// Clears, in place and at every depth, each marked field whose name is not
// in `granted`. Returns how many fields it cleared.
int ClearMarkedFieldsExcept(google::protobuf::Message& message, const std::set<std::string>& granted);

}  // namespace ansinh::personal_data
