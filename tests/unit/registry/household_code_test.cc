#include "registry/core/household_code.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace ansinh::registry {
namespace {

TEST(ResidentialGroupNumberTest, ReadsTheTrailingNumber) {
  EXPECT_EQ(ResidentialGroupNumber("TDP-05"), 5);
  EXPECT_EQ(ResidentialGroupNumber("Tổ 12"), 12);
  EXPECT_EQ(ResidentialGroupNumber("TDP-123 "), 123);
  EXPECT_EQ(ResidentialGroupNumber("TDP"), std::nullopt);
  EXPECT_EQ(ResidentialGroupNumber(""), std::nullopt);
  EXPECT_EQ(ResidentialGroupNumber("TDP-1234567"), std::nullopt);  // more than 6 digits
}

TEST(MakeHouseholdCodeTest, PadsGroupAndSequence) {
  struct Case {
    std::string group;
    int64_t sequence;
    std::optional<std::string> code;
  };
  const Case cases[] = {
      {"TDP-05", 17, "T05-017"},    {"TDP-5", 1, "T05-001"},        {"TDP-18", 999, "T18-999"},
      {"TDP-18", 1000, "T18-1000"}, {"TDP-123", 1042, "T123-1042"}, {"TDP-0007", 3, "T07-003"},
      {"TDP-05", 0, std::nullopt},  {"TDP-05", -4, std::nullopt},   {"Tổ A", 1, std::nullopt},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(MakeHouseholdCode(c.group, c.sequence), c.code) << c.group << " " << c.sequence;
  }
}

TEST(NormalizeHouseholdCodeTest, AcceptsCodesAsStaffTypeThem) {
  struct Case {
    std::string typed;
    std::optional<std::string> code;
  };
  const Case cases[] = {
      {"T05-017", "T05-017"},     {"t5-17", "T05-017"},      {" T05-017 ", "T05-017"},
      {"5-17", "T05-017"},        {"T05.017", "T05-017"},    {"t05 017", "T05-017"},
      {"T123-1042", "T123-1042"}, {"T05017", std::nullopt},  {"T05-", std::nullopt},
      {"-017", std::nullopt},     {"X05-017", std::nullopt}, {"T05-000", std::nullopt},
      {"T05-01a", std::nullopt},  {"", std::nullopt},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(NormalizeHouseholdCode(c.typed), c.code) << "\"" << c.typed << "\"";
  }
}

TEST(NormalizeHouseholdCodeTest, IsTheIdentityOnGeneratedCodes) {
  for (int64_t sequence : {1, 17, 999, 1000, 123456}) {
    const std::optional<std::string> code = MakeHouseholdCode("TDP-09", sequence);
    ASSERT_TRUE(code.has_value());
    EXPECT_EQ(NormalizeHouseholdCode(*code), code);
  }
}

}  // namespace
}  // namespace ansinh::registry
