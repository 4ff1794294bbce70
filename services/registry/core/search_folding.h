#pragma once

#include <string>
#include <string_view>

namespace ansinh::registry {

// Staff type names without diacritics ("nguyen thi huong") and the registry
// stores them with ("Nguyễn Thị Hương"); both sides are folded to the same
// search key before comparing.

// The search key of UTF-8 text: lowercase ASCII, Vietnamese diacritics
// removed ("ễ" -> "e", "Đ"/"đ" -> "d"), whitespace runs collapsed to one
// space, no leading or trailing space: "  Nguyễn  THỊ Hương " ->
// "nguyen thi huong". Handles precomposed letters (NFC) and letters followed
// by combining marks (NFD) alike. Characters outside the table (Vietnamese
// letters, a few Latin-1 ones, ASCII) are kept as they are; invalid UTF-8
// bytes become U+FFFD, so they never match a typed letter.
std::string FoldForSearch(std::string_view utf8);

// Whether a folded query finds a folded name: every query word is the start
// of a word of the name, and the query words match name words in the same
// order, each a different word. Names are written and spoken in a fixed order
// (family, middle, given), so "nguyen huong" and "huong" find
// "nguyen thi huong" but "huong nguyen" does not, which keeps results short
// in a ward full of Nguyễns. An empty query finds every name.
bool NameMatches(std::string_view folded_query, std::string_view folded_name);

}  // namespace ansinh::registry
