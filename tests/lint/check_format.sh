#!/usr/bin/env bash
# Fails, naming each file, when a C++ source tracked by git differs from what
# clang-format makes of it with the repository's .clang-format (`make format`
# rewrites them). The vendored and generated protobuf code is not ours to format.
set -euo pipefail
cd "$(dirname "$0")/../.."
clang_format="${CLANG_FORMAT:-clang-format}"
mapfile -t sources < <(git ls-files -- '*.cc' '*.h' ':!:proto/**')
if report="$("$clang_format" --dry-run --Werror "${sources[@]}" 2>&1)"; then
  echo "${#sources[@]} C++ files formatted"
  exit 0
fi
echo "not formatted as .clang-format says (run make format):" >&2
grep -oE '^[^ :]+\.(cc|h):[0-9]+:[0-9]+: ' <<<"$report" | cut -d: -f1 | sort -u | sed 's/^/  /' >&2
exit 1
