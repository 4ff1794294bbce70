// The CLI in Vietnamese against the whole ward (docs/i18n.md): with --lang vi,
// or with LANG=vi_VN.UTF-8 and no --lang, categories, transitions, indicator
// explanations, event descriptions, dates (dd/mm/yyyy), money (1.500.000 ₫)
// and the services' refusals are shown in Vietnamese; with --lang en, in
// English as before.
#include <gmock/gmock.h>

#include <cstdlib>
#include <regex>

#include "fault_fixture.h"

namespace ansinh {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testkit::CliRun;
using testkit::Eventually;
using testkit::WardStack;

constexpr int kLanguageHouseholds = 40;

// The first household id ("HH-000123") in `text`, or "".
std::string FirstHousehold(const std::string& text) {
  std::smatch match;
  return std::regex_search(text, match, std::regex("HH-[0-9]{6}")) ? match.str() : "";
}

bool HasVietnameseDate(const std::string& text) {
  return std::regex_search(text, std::regex(R"([0-3][0-9]/[01][0-9]/20[0-9]{2})"));
}

bool HasIsoDate(const std::string& text) {
  return std::regex_search(text, std::regex(R"(20[0-9]{2}-[01][0-9]-[0-3][0-9])"));
}

// "1.500.000 ₫": thousands grouped with dots, then the đồng sign.
bool HasVietnameseMoney(const std::string& text) {
  return std::regex_search(text, std::regex(R"([0-9]{1,3}(\.[0-9]{3})+ ₫)"));
}

class CliLanguageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(testkit::AnsinhCli())) GTEST_SKIP() << "the ansinh CLI is not built";
    stack_.Start();
  }

  CliRun Cli(const std::vector<std::string>& args, const std::string& token = "") {
    return testkit::RunCli(stack_, token.empty() ? stack_.tokens().officer : token, args,
                           std::chrono::seconds(120));
  }

  WardStack stack_;
};

TEST_F(CliLanguageTest, AReviewedWardReadsInVietnameseAndInEnglish) {
  const CliRun load = Cli({"demo", "load", "--households", std::to_string(kLanguageHouseholds)});
  ASSERT_EQ(load.exit_code, 0) << load.output;
  const CliRun review = Cli({"--lang", "vi", "review", "demo", "--year", "2025"});
  ASSERT_EQ(review.exit_code, 0) << review.output;
  // The demo's own lines, in Vietnamese: the round approved, on a dd/mm/yyyy day.
  EXPECT_THAT(review.output, HasSubstr("được phê duyệt ngày")) << review.output;
  EXPECT_TRUE(HasVietnameseDate(review.output)) << review.output;

  // The official list: categories, transitions and yes/no in Vietnamese,
  // dates dd/mm/yyyy, the headings too.
  const CliRun poor = Cli({"--lang", "vi", "official", "list", "--category", "poor"});
  ASSERT_EQ(poor.exit_code, 0) << poor.output;
  EXPECT_THAT(poor.output, HasSubstr("Hộ nghèo")) << poor.output;
  EXPECT_THAT(poor.output, HasSubstr("PHÂN LOẠI")) << poor.output;
  EXPECT_THAT(poor.output, HasSubstr("Nghèo phát sinh")) << poor.output;
  EXPECT_TRUE(HasVietnameseDate(poor.output)) << poor.output;
  EXPECT_FALSE(HasIsoDate(poor.output)) << poor.output;
  const std::string household = FirstHousehold(poor.output);
  ASSERT_FALSE(household.empty()) << poor.output;

  // The explained classification: the category, the income test with its
  // amounts in đồng, and the indicators' titles and explanations.
  const CliRun classify = Cli({"--lang", "vi", "classify", household});
  ASSERT_EQ(classify.exit_code, 0) << classify.output;
  EXPECT_THAT(classify.output, HasSubstr("phân loại: Hộ nghèo")) << classify.output;
  EXPECT_THAT(classify.output, HasSubstr("chuẩn nghèo khu vực")) << classify.output;
  EXPECT_TRUE(HasVietnameseMoney(classify.output)) << classify.output;
  EXPECT_THAT(classify.output, HasSubstr("Bảo hiểm y tế")) << classify.output;
  EXPECT_THAT(classify.output, HasSubstr("THIẾU HỤT")) << classify.output;
  EXPECT_THAT(classify.output, Not(HasSubstr("deprived"))) << classify.output;
  EXPECT_THAT(classify.output, Not(HasSubstr(" VND"))) << classify.output;

  // The household's history: what happened, described in Vietnamese, once
  // monitoring has seen the case the approval opened.
  CliRun history;
  EXPECT_TRUE(Eventually(
      [&] {
        history = Cli({"--lang", "vi", "history", household}, stack_.tokens().auditor);
        return history.output.find("Mở hồ sơ") != std::string::npos;
      },
      std::chrono::seconds(60)))
      << history.output;
  EXPECT_THAT(history.output, HasSubstr("Đăng ký hộ")) << history.output;
  EXPECT_THAT(history.output, HasSubstr("Kết quả chính thức: Hộ nghèo")) << history.output;
  EXPECT_THAT(history.output, Not(HasSubstr("Household registered"))) << history.output;

  // The locale alone chooses Vietnamese.
  unsetenv("ANSINH_LANG");
  setenv("LANG", "vi_VN.UTF-8", 1);
  unsetenv("LC_ALL");
  unsetenv("LC_MESSAGES");
  const CliRun by_locale = Cli({"official", "list", "--category", "poor"});
  ASSERT_EQ(by_locale.exit_code, 0) << by_locale.output;
  EXPECT_THAT(by_locale.output, HasSubstr("Hộ nghèo")) << by_locale.output;

  // --lang en wins over the locale: English labels, ISO dates, VND.
  const CliRun english = Cli({"--lang", "en", "official", "list", "--category", "poor"});
  ASSERT_EQ(english.exit_code, 0) << english.output;
  EXPECT_THAT(english.output, HasSubstr("CATEGORY")) << english.output;
  EXPECT_THAT(english.output, HasSubstr("newly-poor")) << english.output;
  EXPECT_THAT(english.output, Not(HasSubstr("Hộ nghèo"))) << english.output;
  EXPECT_TRUE(HasIsoDate(english.output)) << english.output;
  const CliRun english_classify = Cli({"--lang", "en", "classify", household});
  ASSERT_EQ(english_classify.exit_code, 0) << english_classify.output;
  EXPECT_THAT(english_classify.output, HasSubstr("category: poor")) << english_classify.output;
  EXPECT_THAT(english_classify.output, HasSubstr(" VND")) << english_classify.output;
  EXPECT_THAT(english_classify.output, Not(HasSubstr("₫"))) << english_classify.output;
}

TEST_F(CliLanguageTest, RefusalsOfTheServicesReadInVietnamese) {
  // Not found: the registry's refusal, worded from its catalog key.
  const CliRun missing = Cli({"--lang", "vi", "household", "get", "HH-999999"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.output, HasSubstr("Lỗi khi xem hộ (không tìm thấy): không có hộ HH-999999"))
      << missing.output;
  EXPECT_THAT(missing.output, Not(HasSubstr("does not exist"))) << missing.output;

  // Permission: organization staff may not run the review procedure.
  const CliRun staff =
      Cli({"--lang", "vi", "review", "open", "--year", "2025"}, stack_.tokens().womens_union_staff);
  EXPECT_EQ(staff.exit_code, 1);
  EXPECT_THAT(staff.output, HasSubstr("chỉ cán bộ phường mới được thực hiện quy trình rà soát"))
      << staff.output;
  EXPECT_THAT(staff.output, HasSubstr("không có quyền")) << staff.output;

  // The same refusal in English keeps the service's own words.
  const CliRun english =
      Cli({"--lang", "en", "review", "open", "--year", "2025"}, stack_.tokens().womens_union_staff);
  EXPECT_EQ(english.exit_code, 1);
  EXPECT_THAT(english.output,
              HasSubstr("opening the round failed: PERMISSION_DENIED: only ward_officer may run "
                        "the review procedure"))
      << english.output;

  // A refusal of the review procedure: no round to post.
  const CliRun post = Cli({"--lang", "vi", "review", "post", "R-2099"});
  EXPECT_EQ(post.exit_code, 1);
  EXPECT_THAT(post.output, HasSubstr("không có đợt rà soát R-2099")) << post.output;

  // The CLI's own help, and its words for a field violation.
  const CliRun help = Cli({"--lang", "vi", "review", "--help"});
  EXPECT_THAT(help.output, HasSubstr("Quy trình rà soát")) << help.output;
}

}  // namespace
}  // namespace ansinh
