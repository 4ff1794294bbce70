// Directory::Partial: what a case operation reads of the directory, and how
// it tells the adapter what else the core asked for.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "assignment/core/directory.h"
#include "test_world.h"

namespace ansinh::assignment {
namespace {

using ::testing::ElementsAre;
using testkit::MakeHelper;
using testkit::MakeOrganization;

TEST(PartialDirectoryTest, AnswersForWhatWasReadAndNotesTheRest) {
  // "ghost-01" was read and is not in the ward: a plain miss, nothing noted.
  const Directory partial = Directory::Partial({MakeOrganization("womens-union", {"TDP-01"}, 10)},
                                               {MakeHelper("women-01", "womens-union")}, {"womens-union"},
                                               {"women-01", "ghost-01"});
  ASSERT_NE(partial.FindOrganization("womens-union"), nullptr);
  ASSERT_NE(partial.FindHelper("women-01"), nullptr);
  EXPECT_EQ(partial.FindHelper("ghost-01"), nullptr);
  EXPECT_TRUE(partial.complete());

  EXPECT_EQ(partial.FindHelper("women-02"), nullptr);
  EXPECT_EQ(partial.FindOrganization("farmers-union"), nullptr);
  EXPECT_FALSE(partial.complete());
  EXPECT_THAT(partial.missed_helpers(), ElementsAre("women-02"));
  EXPECT_THAT(partial.missed_organizations(), ElementsAre("farmers-union"));
  EXPECT_FALSE(partial.walked());
  partial.organizations();
  EXPECT_TRUE(partial.walked());
}

TEST(PartialDirectoryTest, AWholeDirectoryNotesNothing) {
  const Directory whole({MakeOrganization("womens-union", {"TDP-01"}, 10)}, {});
  EXPECT_EQ(whole.FindHelper("women-02"), nullptr);
  whole.helpers();
  EXPECT_TRUE(whole.complete());
}

}  // namespace
}  // namespace ansinh::assignment
