#!/usr/bin/env bash
# Sets up a fresh checkout: the Debian packages the tests use (Chromium for the end-to-end tests,
# poppler-utils and qpdf for PDF checks, a font for screenshots) and the npm dependencies, with
# better-sqlite3 compiled for this machine's Node.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(chromium poppler-utils qpdf fonts-dejavu-core)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq || echo "setup: apt-get update failed; trying the install with the current package lists" >&2
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] \
  || [ ! -f node_modules/better-sqlite3/build/Release/better_sqlite3.node ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
fi
echo "setup: ready"
