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

}  // namespace ansinh::console
