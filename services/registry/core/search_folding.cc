#include "registry/core/search_folding.h"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

namespace ansinh::registry {
namespace {

constexpr char32_t kReplacementCharacter = 0xFFFD;

// Every precomposed letter that folds to a given ASCII letter: the 67
// Vietnamese letters with a diacritic, in both cases (vowels with each of the
// five tones, ă â ê ô ơ ư, đ), plus the Latin-1 letters foreign names bring.
struct FoldGroup {
  char base;
  std::string_view letters;
};
constexpr std::array kFoldGroups = {
    FoldGroup{'a', "àáảãạăằắẳẵặâầấẩẫậÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬäåÄÅ"},
    FoldGroup{'c', "çÇ"},
    FoldGroup{'d', "đĐ"},
    FoldGroup{'e', "èéẻẽẹêềếểễệÈÉẺẼẸÊỀẾỂỄỆëË"},
    FoldGroup{'i', "ìíỉĩịÌÍỈĨỊîïÎÏ"},
    FoldGroup{'n', "ñÑ"},
    FoldGroup{'o', "òóỏõọôồốổỗộơờớởỡợÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢöøÖØ"},
    FoldGroup{'u', "ùúủũụưừứửữựÙÚỦŨỤƯỪỨỬỮỰûüÛÜ"},
    FoldGroup{'y', "ỳýỷỹỵỲÝỶỸỴÿ"},
};

// Decodes one UTF-8 sequence at the start of `text`. Returns the code point
// and its length; an invalid sequence (overlong, surrogate, beyond U+10FFFF,
// truncated) yields U+FFFD with length 1, so decoding resumes at the next byte.
std::pair<char32_t, size_t> DecodeUtf8(std::string_view text) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return {lead, 1};
  size_t length;
  char32_t code_point;
  char32_t minimum;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, code_point = lead & 0x1F, minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, code_point = lead & 0x0F, minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, code_point = lead & 0x07, minimum = 0x10000;
  } else {
    return {kReplacementCharacter, 1};
  }
  if (text.size() < length) return {kReplacementCharacter, 1};
  for (size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return {kReplacementCharacter, 1};
    code_point = (code_point << 6) | (byte(i) & 0x3F);
  }
  if (code_point < minimum || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    return {kReplacementCharacter, 1};
  }
  return {code_point, length};
}

void AppendUtf8(char32_t code_point, std::string& out) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

// kFoldGroups as a sorted code point -> ASCII letter table, built once.
const std::vector<std::pair<char32_t, char>>& FoldTable() {
  static const std::vector<std::pair<char32_t, char>> table = [] {
    std::vector<std::pair<char32_t, char>> entries;
    for (const FoldGroup& group : kFoldGroups) {
      std::string_view letters = group.letters;
      while (!letters.empty()) {
        const auto [code_point, length] = DecodeUtf8(letters);
        entries.emplace_back(code_point, group.base);
        letters.remove_prefix(length);
      }
    }
    std::sort(entries.begin(), entries.end());
    return entries;
  }();
  return table;
}

// Combining marks carry no letter of their own: in NFD text they are the
// tone and vowel marks. The ranges are the combining diacritical mark blocks.
bool IsCombiningMark(char32_t c) {
  return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) ||
         (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE20 && c <= 0xFE2F);
}

// Invisible characters that copy-paste from documents brings in.
bool IsZeroWidth(char32_t c) { return (c >= 0x200B && c <= 0x200D) || c == 0xFEFF; }

bool IsSpace(char32_t c) {
  return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// Splits a folded string on single spaces.
std::vector<std::string_view> Words(std::string_view folded) {
  std::vector<std::string_view> words;
  while (!folded.empty()) {
    const size_t space = folded.find(' ');
    const std::string_view word = folded.substr(0, space);
    if (!word.empty()) words.push_back(word);
    if (space == std::string_view::npos) break;
    folded.remove_prefix(space + 1);
  }
  return words;
}

}  // namespace

std::string FoldForSearch(std::string_view utf8) {
  const auto& table = FoldTable();
  std::string out;
  out.reserve(utf8.size());
  bool pending_space = false;
  while (!utf8.empty()) {
    const auto [code_point, length] = DecodeUtf8(utf8);
    utf8.remove_prefix(length);
    if (IsCombiningMark(code_point) || IsZeroWidth(code_point)) continue;
    if (IsSpace(code_point)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out += ' ';
      pending_space = false;
    }
    if (code_point < 0x80) {
      const char c = static_cast<char>(code_point);
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      continue;
    }
    const auto it = std::lower_bound(table.begin(), table.end(), std::pair<char32_t, char>{code_point, '\0'});
    if (it != table.end() && it->first == code_point) {
      out += it->second;
    } else {
      AppendUtf8(code_point, out);
    }
  }
  return out;
}

bool NameMatches(std::string_view folded_query, std::string_view folded_name) {
  const std::vector<std::string_view> name_words = Words(folded_name);
  size_t next_name_word = 0;
  // Greedy: taking the earliest name word each query word can start leaves
  // the most words for the rest of the query, so greedy finds a match
  // whenever one exists.
  for (std::string_view query_word : Words(folded_query)) {
    while (next_name_word < name_words.size() && !name_words[next_name_word].starts_with(query_word)) {
      ++next_name_word;
    }
    if (next_name_word == name_words.size()) return false;
    ++next_name_word;
  }
  return true;
}

}  // namespace ansinh::registry
