#include "console/static_files.h"

#include <algorithm>
#include <map>

#include "auth/sha256.h"

namespace ansinh::console {

std::optional<std::filesystem::path> ResolveStaticFile(const std::filesystem::path& root,
                                                       std::string_view relative) {
  if (relative.empty() || relative.front() == '/') return std::nullopt;
  if (relative.find('\\') != std::string_view::npos || relative.find('\0') != std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view rest = relative;
  while (!rest.empty()) {
    const size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    if (segment.empty() || segment == "." || segment == "..") return std::nullopt;
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (slash != std::string_view::npos && rest.empty()) return std::nullopt;  // trailing '/'
  }
  std::error_code error;
  const std::filesystem::path canonical_root = std::filesystem::canonical(root, error);
  if (error) return std::nullopt;
  const std::filesystem::path file = std::filesystem::canonical(canonical_root / relative, error);
  if (error || !std::filesystem::is_regular_file(file, error)) return std::nullopt;
  // Inside the root, link or not.
  const auto [root_end, file_end] =
      std::mismatch(canonical_root.begin(), canonical_root.end(), file.begin(), file.end());
  if (root_end != canonical_root.end()) return std::nullopt;
  return file;
}

std::string ContentTypeOf(const std::filesystem::path& file) {
  static const std::map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".webp", "image/webp"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".csv", "text/csv; charset=utf-8"},
  };
  const auto it = types.find(file.extension().string());
  return it == types.end() ? "application/octet-stream" : it->second;
}

std::string EntityTagOf(std::string_view content) {
  // 128 bits of the digest tell every version of a file apart.
  return "\"" + auth::Sha256Hex(content).substr(0, 32) + "\"";
}

namespace {

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string_view WithoutWeakPrefix(std::string_view tag) {
  return tag.substr(0, 2) == "W/" ? tag.substr(2) : tag;
}

}  // namespace

bool IfNoneMatchNames(std::string_view if_none_match, std::string_view entity_tag) {
  const std::string_view wanted = WithoutWeakPrefix(entity_tag);
  while (true) {
    const size_t comma = if_none_match.find(',');
    const std::string_view tag = TrimSpaces(if_none_match.substr(0, comma));
    if (tag == "*" || (!tag.empty() && WithoutWeakPrefix(tag) == wanted)) return true;
    if (comma == std::string_view::npos) return false;
    if_none_match.remove_prefix(comma + 1);
  }
}

}  // namespace ansinh::console
