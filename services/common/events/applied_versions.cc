#include "events/applied_versions.h"

#include <charconv>

namespace ansinh::events {
namespace {

bool ParseNumber(std::string_view text, uint64_t* value) {
  if (text.empty()) return false;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *value);
  return error == std::errc() && end == text.data() + text.size();
}

}  // namespace

std::optional<AppliedVersions> AppliedVersions::Parse(std::string_view text) {
  AppliedVersions versions;
  if (text.empty()) return versions;
  const size_t colon = text.find(':');
  if (!ParseNumber(text.substr(0, colon), &versions.watermark_)) return std::nullopt;
  if (colon == std::string_view::npos) return versions;
  std::string_view rest = text.substr(colon + 1);
  if (rest.empty()) return std::nullopt;
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    uint64_t version = 0;
    if (!ParseNumber(rest.substr(0, comma), &version) || version <= versions.watermark_) {
      return std::nullopt;
    }
    versions.above_.insert(version);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return versions;
}

bool AppliedVersions::Contains(uint64_t version) const {
  return version <= watermark_ || above_.contains(version);
}

void AppliedVersions::Add(uint64_t version) {
  if (Contains(version)) return;
  above_.insert(version);
  // Fold the run that now continues the watermark into it.
  while (!above_.empty() && *above_.begin() == watermark_ + 1) {
    watermark_ = *above_.begin();
    above_.erase(above_.begin());
  }
}

std::string AppliedVersions::Serialize() const {
  std::string text = std::to_string(watermark_);
  char separator = ':';
  for (uint64_t version : above_) {
    text += separator;
    text += std::to_string(version);
    separator = ',';
  }
  return text;
}

}  // namespace ansinh::events
