#!/usr/bin/env bash
# Prints, one per line, the Debian packages that provide the shared libraries
# the given programs load. The image's build stage runs it on the freshly
# built binaries, so the runtime stage installs exactly what they link
# against and nothing else, even after a dependency is added to the build.
# Fails when a library belongs to no package: the runtime stage could not
# provide it.
set -euo pipefail
if [ $# -eq 0 ]; then
  echo "usage: runtime-packages.sh PROGRAM..." >&2
  exit 64
fi

# dpkg records a library under the path its package ships it at, which on a
# merged-/usr system may be /lib/... or /usr/lib/... whatever ldd prints.
owner_of() {
  local path="$1" candidate resolved
  resolved="$(readlink -f "$path")"
  for candidate in "$path" "$resolved" "/usr$path" "/usr$resolved" "${path#/usr}" "${resolved#/usr}"; do
    if dpkg-query --search "$candidate" >/dev/null 2>&1; then
      dpkg-query --search "$candidate" | head -n 1 | cut -d: -f1
      return 0
    fi
  done
  echo "runtime-packages.sh: no Debian package provides $path" >&2
  return 1
}

linkage="$(ldd "$@")"
if grep -q "not found" <<<"$linkage"; then
  echo "runtime-packages.sh: unresolved libraries:" >&2
  grep "not found" <<<"$linkage" >&2
  exit 1
fi
mapfile -t libraries < <(awk '$2 == "=>" && $3 ~ /^\// { print $3 }' <<<"$linkage" | sort -u)
for library in "${libraries[@]}"; do
  owner_of "$library"
done | sort -u
