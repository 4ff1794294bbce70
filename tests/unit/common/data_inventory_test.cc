// docs/data-protection.md's data inventory lists every personal or sensitive
// field the .proto files mark: a field marked without its row fails here.
#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "ansinh/v1/accounts.pb.h"
#include "ansinh/v1/assignment.pb.h"
#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/classification_storage.pb.h"
#include "ansinh/v1/common.pb.h"
#include "ansinh/v1/consumers.pb.h"
#include "ansinh/v1/corrections.pb.h"
#include "ansinh/v1/envelope.pb.h"
#include "ansinh/v1/household.pb.h"
#include "ansinh/v1/livelihood.pb.h"
#include "ansinh/v1/monitoring.pb.h"
#include "ansinh/v1/operations.pb.h"
#include "ansinh/v1/personal_data.pb.h"
#include "ansinh/v1/registry.pb.h"
#include "ansinh/v1/standard.pb.h"
#include "ansinh/v1/tokens.pb.h"
#include "personal_data/field_marks.h"

namespace ansinh {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FileDescriptor;

// One message of each file of proto/ansinh/v1, so that every file is linked
// in and its descriptors are known.
std::vector<const FileDescriptor*> AnsinhProtoFiles() {
  return {v1::Account::descriptor()->file(),
          v1::CorrectionRequest::descriptor()->file(),
          v1::Organization::descriptor()->file(),
          v1::IndicatorResult::descriptor()->file(),
          v1::StoredApprovedResult::descriptor()->file(),
          v1::Actor::descriptor()->file(),
          v1::EventEnvelope::descriptor()->file(),
          v1::Member::descriptor()->file(),
          v1::HouseholdFigureRecord::descriptor()->file(),
          v1::PingRequest::descriptor()->file(),
          v1::WrappedDataKey::descriptor()->file(),
          v1::CreateHouseholdRequest::descriptor()->file(),
          v1::ScoreAEquivalence::descriptor()->file(),
          v1::IssueTokenRequest::descriptor()->file(),
          v1::ConsumerGrant::descriptor()->file(),
          v1::LivelihoodModel::descriptor()->file()};
}

void CollectMarked(const Descriptor& message, std::set<std::string>& marked) {
  for (int i = 0; i < message.field_count(); ++i) {
    if (personal_data::IsMarked(*message.field(i)))
      marked.insert(message.name() + "." + message.field(i)->name());
  }
  for (int i = 0; i < message.nested_type_count(); ++i) CollectMarked(*message.nested_type(i), marked);
}

TEST(DataInventoryTest, EveryMarkedFieldHasItsRowInTheInventory) {
  std::set<std::string> marked;
  for (const FileDescriptor* file : AnsinhProtoFiles()) {
    for (int i = 0; i < file->message_type_count(); ++i) CollectMarked(*file->message_type(i), marked);
  }
  ASSERT_GE(marked.size(), 29u) << "the marks were read";
  EXPECT_TRUE(marked.count("Member.national_id"));

  std::ifstream in(std::string(ANSINH_SOURCE_DIR) + "/docs/data-protection.md");
  ASSERT_TRUE(in) << "docs/data-protection.md is missing";
  std::stringstream text;
  text << in.rdbuf();
  for (const std::string& field : marked) {
    EXPECT_NE(text.str().find("| `" + field + "` |"), std::string::npos)
        << field << " is marked personal or sensitive but has no row in docs/data-protection.md's inventory";
  }
}

}  // namespace
}  // namespace ansinh
