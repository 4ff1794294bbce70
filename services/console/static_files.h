#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace ansinh::console {

// The file under `root` that the URL path `relative` ("js/api.js") names,
// or nullopt when it names nothing servable: "..", absolute paths, empty
// segments, backslashes and NUL bytes are refused before the file system is
// asked, and a path that (through a link) leaves `root` is refused after.
std::optional<std::filesystem::path> ResolveStaticFile(const std::filesystem::path& root,
                                                       std::string_view relative);

// The Content-Type of a file by its extension ("text/javascript; charset=utf-8"
// for .js, which browsers require of ES modules); application/octet-stream
// for one not known.
std::string ContentTypeOf(const std::filesystem::path& file);

// A strong entity tag for a file's bytes (quoted, from their SHA-256): the
// same bytes always get the same tag, so a browser that revalidates a file it
// already holds gets a 304 and no body (the console's files are sent with
// "no-cache": always revalidated, so a new version is picked up at once).
std::string EntityTagOf(std::string_view content);

// Whether an If-None-Match header value (a comma-separated list of tags,
// weak W/ or strong, or "*") names `entity_tag`. Compared weakly, as RFC 9110
// requires for If-None-Match: W/"x" matches "x".
bool IfNoneMatchNames(std::string_view if_none_match, std::string_view entity_tag);

}  // namespace ansinh::console
