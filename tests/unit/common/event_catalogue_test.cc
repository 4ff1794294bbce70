// The event types outside consumers may be granted (events/event_catalogue.h)
// and docs/events.md's catalogue say the same: each type has its heading with
// its payload, each heading of a domain event is in the list, and each
// payload is a message the generated pool knows.
#include "events/event_catalogue.h"

#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace ansinh::events {
namespace {

// "#### `classification.household_status_changed.v1` — `HouseholdStatusChanged`"
std::set<std::pair<std::string, std::string>> CatalogueHeadings() {
  std::ifstream in(std::string(ANSINH_SOURCE_DIR) + "/docs/events.md");
  std::stringstream text;
  text << in.rdbuf();
  std::set<std::pair<std::string, std::string>> headings;
  const std::regex heading(R"(#### `([a-z_<>]+\.[a-z_]+\.v[0-9]+)` — `([A-Za-z]+)`)");
  const std::string all = text.str();
  for (auto it = std::sregex_iterator(all.begin(), all.end(), heading); it != std::sregex_iterator(); ++it) {
    headings.emplace((*it)[1], (*it)[2]);
  }
  return headings;
}

// Audit events: what the ward's own staff did, never granted.
const std::set<std::string> kNotGrantable = {"<service>.personal_data_read.v1",
                                             "registry.admin_action_recorded.v1"};

TEST(EventCatalogueTest, TheGrantableTypesAreTheCataloguesDomainEventsWithTheirPayloads) {
  const auto headings = CatalogueHeadings();
  ASSERT_GE(headings.size(), 30u) << "docs/events.md's headings were read";
  std::set<std::string> listed;
  for (const CataloguedEvent& event : GrantableEventTypes()) {
    listed.emplace(event.type);
    const std::string payload(event.payload);
    EXPECT_TRUE(headings.contains({std::string(event.type), payload.substr(payload.rfind('.') + 1)}))
        << event.type << " with " << payload << " has no heading in docs/events.md";
    EXPECT_TRUE(std::string(event.type).starts_with(std::string(event.source) + "."));
    EXPECT_NE(google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(payload), nullptr)
        << payload;
    EXPECT_EQ(FindGrantableEventType(event.type), &event);
  }
  for (const auto& [type, payload] : headings) {
    if (kNotGrantable.contains(type)) continue;
    EXPECT_TRUE(listed.contains(type))
        << type << " is in docs/events.md but not in events/event_catalogue.cc";
  }
  EXPECT_EQ(FindGrantableEventType("registry.personal_data_read.v1"), nullptr);
  EXPECT_EQ(FindGrantableEventType("classification.household_status_changed.v2"), nullptr);
}

}  // namespace
}  // namespace ansinh::events
