#pragma once

// The template language of the catalogs. A template is text with named
// placeholders in braces; "{{" and "}}" stand for literal braces.
//
//   {name}              the argument as given
//   {name:number}       an integer or decimal, thousands grouped (1.500.000)
//   {name:money}        đồng: "1.500.000 ₫" (vi), "1,500,000 VND" (en)
//   {name:decimal}      at most two decimals, no trailing zeros (6,5)
//   {name:percent}      two decimals and "%" (4,10%)
//   {name:date}         an ISO date, or a ward time "YYYY-MM-DD HH:MM", in the
//                       language's form (10/12/2025)
//   {name:plural:a:b}   `a` when the argument is 1, `b` otherwise (English
//                       needs it; Vietnamese nouns do not change)
//   {name:@ns}          the catalog's message "ns.<argument>" (an enum value:
//                       {category:@category} -> "category.POOR" -> "Hộ nghèo");
//                       the argument as is when there is no such message
//   {name:@ns|or}       a comma-separated list of such values, joined as
//                       "a, b or c" (|and: "a, b and c"; |list: "a, b, c")
//   {name} of texts     the nested messages, joined with "; "; {name:or},
//                       {name:and} and {name:list} join as above, and
//                       {name:concat} with nothing between them. An empty
//                       list shows as nothing: optional parts are lists of
//                       at most one message.
//
// Every language's template of a key uses the same placeholder names (the
// catalog parity test checks it); the specs may differ.

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace ansinh::i18n {

struct TemplatePiece {
  // Literal text, when `name` is empty.
  std::string text;
  // A placeholder's name and its spec (after the first ':'; may be empty).
  std::string name;
  std::string spec;
};

// The template in pieces; nullopt when a brace is not closed or a
// placeholder has no name.
std::optional<std::vector<TemplatePiece>> ParseTemplate(std::string_view text);

// The names of a template's placeholders; nullopt when it does not parse.
std::optional<std::set<std::string>> PlaceholderNames(std::string_view text);

}  // namespace ansinh::i18n
