#include "events/written_keys.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace ansinh::events {
namespace {

std::string Upper(const std::string& text) {
  std::string upper = text;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return upper;
}

}  // namespace

std::vector<std::string> WrittenKeys(const redis::Args& command) {
  if (command.size() < 2) return {};
  const std::string name = Upper(command[0]);
  if (name == "DEL" || name == "UNLINK" || name == "TOUCH") {
    return {command.begin() + 1, command.end()};
  }
  if (name == "MSET" || name == "MSETNX") {
    std::vector<std::string> keys;
    for (size_t i = 1; i < command.size(); i += 2) keys.push_back(command[i]);
    return keys;
  }
  if (name == "RENAME" || name == "RENAMENX" || name == "SMOVE" || name == "LMOVE" || name == "RPOPLPUSH" ||
      name == "COPY") {
    if (command.size() < 3) return {command[1]};
    return {command[1], command[2]};
  }
  if (name == "EVAL" || name == "EVALSHA") {
    // EVAL script numkeys key... arg...: a script may write any of its keys.
    if (command.size() < 3) return {};
    const size_t count = static_cast<size_t>(std::max(0, std::atoi(command[2].c_str())));
    const size_t end = std::min(command.size(), 3 + count);
    return {command.begin() + 3, command.begin() + static_cast<std::ptrdiff_t>(end)};
  }
  return {command[1]};
}

}  // namespace ansinh::events
