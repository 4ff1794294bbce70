#include "registry/core/search_folding.h"

#include <gtest/gtest.h>

#include <string>

namespace ansinh::registry {
namespace {

struct FoldCase {
  std::string input;
  std::string folded;
};

TEST(FoldForSearchTest, FoldsNamesAsStaffTypeThem) {
  const FoldCase cases[] = {
      {"Nguyễn Thị Hương", "nguyen thi huong"},
      {"NGUYỄN thị HƯƠNG", "nguyen thi huong"},
      {"Đặng Đức Đạt", "dang duc dat"},
      {"ĐỖ ĐÌNH ĐỨC", "do dinh duc"},
      {"Huỳnh Ngọc Ánh", "huynh ngoc anh"},
      {"Võ Thị Thủy Tiên", "vo thi thuy tien"},
      {"Trương Mỹ Kỳ", "truong my ky"},
      {"  Nguyễn \t Thị\n\nHương  ", "nguyen thi huong"},
      {"Lê\u00A0Lợi", "le loi"},   // no-break space
      {"Lê\u3000Lợi", "le loi"},   // ideographic space
      {"Ng\u200Buyễn", "nguyen"},  // zero-width space
      {"\uFEFFPhạm", "pham"},      // byte order mark
      {"nguyen thi huong", "nguyen thi huong"},
      {"Müller Çelik", "muller celik"},
      {"T05-017", "t05-017"},
      {"Ωmega", "\u03A9mega"},  // outside the table: kept
      {"", ""},
      {" \t\n ", ""},
  };
  for (const FoldCase& c : cases) EXPECT_EQ(FoldForSearch(c.input), c.folded) << c.input;
}

TEST(FoldForSearchTest, FoldsDecomposedText) {
  const FoldCase cases[] = {
      // "Nguyễn Thị Hương" in NFD: e + circumflex + tilde, i + dot below,
      // u + horn, o + horn.
      {"Nguye\u0302\u0303n Thi\u0323 Hu\u031Bo\u031Bng", "nguyen thi huong"},
      {"A\u0306\u0301n", "an"},  // Ắ: breve + acute
      {"e\u0323\u0302", "e"},    // ệ in canonical order: dot below first
      {"U\u031B\u0300", "u"},    // Ừ
      {"y\u0309", "y"},          // ỷ
      {"a\u0303o", "ao"},        // ão
      {"Ð", "\u00D0"},           // Icelandic eth is not Đ: kept
      {"\u0110a\u0300", "da"},   // Đ has no decomposition: from the table
  };
  for (const FoldCase& c : cases) EXPECT_EQ(FoldForSearch(c.input), c.folded) << c.input;
}

TEST(FoldForSearchTest, FoldsEveryVietnameseLetter) {
  const FoldCase alphabet[] = {
      {"aàáảãạăằắẳẵặâầấẩẫậ", "aaaaaaaaaaaaaaaaaa"},
      {"AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", "aaaaaaaaaaaaaaaaaa"},
      {"eèéẻẽẹêềếểễệ", "eeeeeeeeeeee"},
      {"EÈÉẺẼẸÊỀẾỂỄỆ", "eeeeeeeeeeee"},
      {"iìíỉĩị", "iiiiii"},
      {"IÌÍỈĨỊ", "iiiiii"},
      {"oòóỏõọôồốổỗộơờớởỡợ", "oooooooooooooooooo"},
      {"OÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", "oooooooooooooooooo"},
      {"uùúủũụưừứửữự", "uuuuuuuuuuuu"},
      {"UÙÚỦŨỤƯỪỨỬỮỰ", "uuuuuuuuuuuu"},
      {"yỳýỷỹỵ", "yyyyyy"},
      {"YỲÝỶỸỴ", "yyyyyy"},
      {"dđDĐ", "dddd"},
  };
  for (const FoldCase& c : alphabet) EXPECT_EQ(FoldForSearch(c.input), c.folded) << c.input;
}

TEST(FoldForSearchTest, ReplacesInvalidUtf8) {
  const std::string replacement = "\uFFFD";
  EXPECT_EQ(FoldForSearch("ab\xFF"
                          "cd"),
            "ab" + replacement + "cd");
  EXPECT_EQ(FoldForSearch("\xC3"), replacement);                    // truncated sequence
  EXPECT_EQ(FoldForSearch("\xC0\xAF"), replacement + replacement);  // overlong "/"
  EXPECT_EQ(FoldForSearch("\xED\xA0\x80"),                          // a surrogate
            replacement + replacement + replacement);
}

struct MatchCase {
  std::string query;
  std::string name;
  bool matches;
};

TEST(NameMatchesTest, EveryQueryWordStartsANameWordInOrder) {
  const MatchCase cases[] = {
      {"nguyen huong", "nguyen thi huong", true},
      {"huong", "nguyen thi huong", true},
      {"nguyen thi huong", "nguyen thi huong", true},
      {"ng th hu", "nguyen thi huong", true},
      {"thi ng", "nguyen thi ngoc", true},
      {"", "nguyen thi huong", true},
      {"huong nguyen", "nguyen thi huong", false},   // order matters
      {"nguyen nguyen", "nguyen thi huong", false},  // one name word per query word
      {"nguyen nguyen", "nguyen nguyen an", true},
      {"uyen", "nguyen thi huong", false},  // a word's start, not its middle
      {"huongg", "nguyen thi huong", false},
      {"ng nguyen", "nguyen ngoc", false},
      {"an", "", false},
  };
  for (const MatchCase& c : cases) {
    EXPECT_EQ(NameMatches(c.query, c.name), c.matches) << c.query << " / " << c.name;
  }
}

TEST(NameMatchesTest, FindsDiacriticNamesFromPlainTyping) {
  EXPECT_TRUE(NameMatches(FoldForSearch("nguyen huong"), FoldForSearch("Nguyễn Thị Hương")));
  EXPECT_TRUE(NameMatches(FoldForSearch("DANG duc"), FoldForSearch("Đặng Đức Đạt")));
  EXPECT_TRUE(
      NameMatches(FoldForSearch("Hương"), FoldForSearch("Nguye\u0302\u0303n Thi\u0323 Hu\u031Bo\u031Bng")));
  EXPECT_FALSE(NameMatches(FoldForSearch("tran"), FoldForSearch("Nguyễn Thị Hương")));
}

}  // namespace
}  // namespace ansinh::registry
