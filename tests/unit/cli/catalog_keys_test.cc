// Every message the code names is in both catalogs (locales/en.json and
// locales/vi.json), so a key that is misspelt, or added in code without its
// words, fails here rather than showing a raw key to a ward officer:
//   - the keys written in the sources as string literals ("error.round.not_found");
//   - the words of every value of every enum the CLI shows (category.POOR, ...);
//   - every value a template looks up by namespace ({category:@event_category}),
//     for the enums those namespaces word;
//   - the action of every RequireRole call and of the assignment refusals.
#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "ansinh/v1/assignment.pb.h"
#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/household.pb.h"
#include "ansinh/v1/monitoring.pb.h"
#include "enum_words.h"
#include "i18n/catalog.h"
#include "i18n/message.h"
#include "i18n/proto/localized_text.h"
#include "i18n/template_text.h"

namespace ansinh::cli {
namespace {

const std::filesystem::path kRoot = ANSINH_SOURCE_DIR;

i18n::Catalog Load(i18n::Language language) {
  Result<i18n::Catalog> catalog = i18n::LoadCatalog(language, kRoot / "locales");
  if (!catalog.ok()) ADD_FAILURE() << catalog.error().message;
  return catalog.ok() ? *catalog : i18n::Catalog(language, {});
}

class CatalogKeys : public ::testing::Test {
 protected:
  // Fails the test for a key either catalog lacks; `why` says where it comes from.
  void ExpectKey(const std::string& key, const std::string& why) {
    EXPECT_NE(en_.Find(key), nullptr) << "locales/en.json lacks " << key << " (" << why << ")";
    EXPECT_NE(vi_.Find(key), nullptr) << "locales/vi.json lacks " << key << " (" << why << ")";
  }

  i18n::Catalog en_ = Load(i18n::Language::kEnglish);
  i18n::Catalog vi_ = Load(i18n::Language::kVietnamese);
};

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every C++ source of services/, with its path relative to the root.
std::vector<std::pair<std::string, std::string>> Sources() {
  std::vector<std::pair<std::string, std::string>> sources;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(kRoot / "services")) {
    const std::string extension = entry.path().extension().string();
    if (extension != ".cc" && extension != ".h") continue;
    sources.emplace_back(std::filesystem::relative(entry.path(), kRoot).string(), ReadFile(entry.path()));
  }
  return sources;
}

TEST_F(CatalogKeys, EveryValueOfEveryEnumTheCliShowsIsWorded) {
  int checked = 0;
  for (const EnumNamespace& known : DisplayedEnums()) {
    for (int i = 0; i < known.descriptor->value_count(); ++i) {
      const int number = known.descriptor->value(i)->number();
      if (number == 0) continue;
      ExpectKey(EnumKey(*known.descriptor, number), known.descriptor->value(i)->full_name());
      ++checked;
    }
  }
  EXPECT_GT(checked, 150);
}

TEST_F(CatalogKeys, EveryKeyWrittenInTheSourcesExists) {
  // A literal is a key when its first segment is a namespace of the
  // catalogs ("error", "cli", "indicator", ...); one ending in '.' is a
  // prefix to which code appends an enum value (checked below).
  std::set<std::string> namespaces;
  for (const auto& [key, text] : en_.messages()) namespaces.insert(key.substr(0, key.find('.')));
  const std::regex literal(R"re("([a-z_]+)\.([A-Za-z0-9_.]+)")re");
  int checked = 0;
  for (const auto& [path, text] : Sources()) {
    for (std::sregex_iterator it(text.begin(), text.end(), literal), end; it != end; ++it) {
      if (!namespaces.contains((*it)[1].str())) continue;
      const std::string key = (*it)[1].str() + "." + (*it)[2].str();
      if (key.back() == '.') continue;
      ExpectKey(key, path);
      ++checked;
    }
  }
  // The CLI alone names several hundred.
  EXPECT_GT(checked, 500);
}

TEST_F(CatalogKeys, EveryActionARefusalNamesIsWorded) {
  // RequireRole(actor, roles, "read households"), the assignment core's
  // operations and closed-case refusals: their words are action.<ActionArg>.
  const std::regex require_role(R"re(RequireRole\(([^;]*?)\)\s*;)re");
  const std::regex action_constant(R"re(k\w*Action\s*=\s*"([^"]+)")re");
  const std::regex refusal(R"re((?:RefuseIfClosed|CheckAnswer)\([^;]*?"([^"]+)"\))re");
  const std::regex operation_name(R"re(case CaseOperation::\w+:\s*return "([^"]+)";)re");
  const std::regex quoted(R"re("([^"]*)")re");
  std::set<std::string> actions;
  for (const auto& [path, text] : Sources()) {
    for (std::sregex_iterator it(text.begin(), text.end(), require_role), end; it != end; ++it) {
      const std::string arguments = (*it)[1].str();
      for (std::sregex_iterator q(arguments.begin(), arguments.end(), quoted); q != end; ++q) {
        actions.insert((*q)[1].str());
      }
    }
    for (const std::regex* pattern : {&action_constant, &refusal, &operation_name}) {
      for (std::sregex_iterator it(text.begin(), text.end(), *pattern), end; it != end; ++it) {
        actions.insert((*it)[1].str());
      }
    }
  }
  EXPECT_GT(actions.size(), 40u);
  for (const std::string& action : actions) ExpectKey("action." + i18n::ActionArg(action), action);
}

// The enums whose values the services pass as arguments that templates look
// up by namespace; a value added to one of them (a new transition, say)
// fails here until both catalogs word it.
TEST_F(CatalogKeys, EveryValueATemplateLooksUpByNamespaceIsWorded) {
  const std::vector<std::pair<std::string, const google::protobuf::EnumDescriptor*>> namespaces = {
      {"employment_phrase", v1::Employment_descriptor()},
      {"sex_plural", v1::Sex_descriptor()},
      {"nutrition_phrase", v1::Nutrition_descriptor()},
      {"water_phrase", v1::WaterSource_descriptor()},
      {"latrine_phrase", v1::LatrineType_descriptor()},
      {"device_phrase", v1::InformationDevice_descriptor()},
      {"waste_phrase", v1::WasteTreatment_descriptor()},
      {"event_category", v1::PovertyCategory_descriptor()},
      {"transition_words", v1::Transition_descriptor()},
      {"review_kind_title", v1::ReviewKind_descriptor()},
      {"review_state_words", v1::HouseholdReviewState_descriptor()},
      {"refusal_state", v1::HouseholdReviewState_descriptor()},
      {"need_type_words", v1::NeedType_descriptor()},
      {"need_status_words", v1::NeedStatus_descriptor()},
      {"support_type_words", v1::SupportType_descriptor()},
      {"credit_programme_words", v1::CreditProgramme_descriptor()},
      {"credit_programme_title", v1::CreditProgramme_descriptor()},
      {"list_reason_words", v1::ListReason_descriptor()},
      {"list_decision_words", v1::ListDecisionKind_descriptor()},
      {"observed_change_words", v1::ObservedChange_descriptor()},
      {"case_state_words", v1::CaseState_descriptor()},
      {"comparison", v1::TargetDefinition::Comparison_descriptor()},
      {"scorecard_total", v1::TargetDefinition::Measure_descriptor()},
  };
  for (const auto& [ns, descriptor] : namespaces) {
    for (int i = 0; i < descriptor->value_count(); ++i) {
      if (descriptor->value(i)->number() == 0) continue;
      ExpectKey(ns + "." + i18n::EnumValueName(*descriptor, descriptor->value(i)->number()),
                descriptor->value(i)->full_name());
    }
  }
}

TEST_F(CatalogKeys, EveryNamespaceATemplateNamesHasMessages) {
  std::set<std::string> prefixes;
  for (const auto& [key, text] : en_.messages()) {
    for (size_t dot = key.find('.'); dot != std::string::npos; dot = key.find('.', dot + 1)) {
      prefixes.insert(key.substr(0, dot));
    }
  }
  for (const i18n::Catalog* catalog : {&en_, &vi_}) {
    for (const auto& [key, text] : catalog->messages()) {
      const auto pieces = i18n::ParseTemplate(text);
      ASSERT_TRUE(pieces.has_value()) << key;
      for (const i18n::TemplatePiece& piece : *pieces) {
        if (!piece.spec.starts_with("@")) continue;
        const std::string ns = piece.spec.substr(1, piece.spec.find('|') - 1);
        EXPECT_TRUE(prefixes.contains(ns)) << key << " looks up {" << piece.name << ":" << piece.spec
                                           << "} but no message starts with " << ns << ".";
      }
    }
  }
}

}  // namespace
}  // namespace ansinh::cli
