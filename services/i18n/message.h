#pragma once

// A message to show a person: a catalog key (locales/<language>.json) and its
// named arguments, rendered by a Translator in the person's language.
// Arguments are language-neutral: ids, numbers ("1500000"), ISO dates, enum
// value names ("POOR"); the catalog's template says how to show each one.

#include <concepts>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ansinh::i18n {

// Argument name -> value.
using Args = std::map<std::string, std::string, std::less<>>;

struct Message {
  std::string key;
  Args args = {};
  // Arguments that are messages of their own (one per member of an
  // explanation, say); the template joins a list ("a; b", or "a, b or c").
  std::map<std::string, std::vector<Message>, std::less<>> texts = {};
};

// One argument as written at a call site: text, or an integer as its digits.
struct ArgValue {
  std::string text;
  ArgValue(std::string value) : text(std::move(value)) {}  // NOLINT: implicit by design
  ArgValue(const char* value) : text(value) {}             // NOLINT
  ArgValue(std::string_view value) : text(value) {}        // NOLINT
  template <std::integral Integer>
  requires(!std::same_as<Integer, bool> && !std::same_as<Integer, char>) ArgValue(Integer value)
      : text(std::to_string(value)) {}  // NOLINT
};

// An action's English words as a message argument for {action:@action}:
// "read a household's history" -> "read_a_household_s_history", whose words
// are the catalog message "action.read_a_household_s_history".
inline std::string ActionArg(std::string_view action) {
  std::string arg;
  bool gap = false;
  for (char c : action) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum) {
      gap = true;
      continue;
    }
    if (gap && !arg.empty()) arg += '_';
    arg += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    gap = false;
  }
  return arg;
}

// {{"household", id}, {"count", 3}} as Args.
inline Args MakeArgs(std::initializer_list<std::pair<const char*, ArgValue>> args) {
  Args made;
  for (const auto& [name, value] : args) made.emplace(name, value.text);
  return made;
}

}  // namespace ansinh::i18n
