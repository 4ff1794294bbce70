#!/usr/bin/env bash
# Installs axe-core, pinned by tests/browser/package-lock.json, into DEST
# (npm ci --prefix DEST) for the browser tests' accessibility checks. Node and
# npm come from Debian, installed only when npm is missing (a fresh Debian 12).
# Does nothing when DEST already holds the locked version.
#   install_axe.sh DEST
set -euo pipefail
dest=${1:?usage: install_axe.sh DEST}
here=$(cd "$(dirname "$0")" && pwd)
# Debian's python3 when there (a version manager's shim starts slowly).
python=python3
[ -x /usr/bin/python3 ] && python=/usr/bin/python3

locked=$("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["packages"]["node_modules/axe-core"]["version"])' \
  "$here/package-lock.json")
installed_manifest="$dest/node_modules/axe-core/package.json"
if [ -f "$installed_manifest" ] && [ -f "$dest/node_modules/axe-core/axe.min.js" ] &&
  [ "$("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' "$installed_manifest")" = "$locked" ]; then
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "install_axe.sh: npm not found; installing Debian's nodejs and npm" >&2
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  fi
fi

mkdir -p "$dest"
cp "$here/package.json" "$here/package-lock.json" "$dest/"
npm ci --prefix "$dest" --no-audit --no-fund --ignore-scripts --loglevel=error
test -f "$dest/node_modules/axe-core/axe.min.js"
