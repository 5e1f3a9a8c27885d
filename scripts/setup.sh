#!/usr/bin/env bash
# Sets up a fresh checkout: the npm dependencies (better-sqlite3 compiled for this machine's Node)
# and, on Debian and Ubuntu, the packages the tests use: Chromium for the end-to-end tests,
# poppler-utils and qpdf for the PDF checks, a font for screenshots and reports, strace for the
# test that traces a disposal's system calls.
# On macOS and Windows (Git Bash) it installs the npm dependencies and says what the tests need;
# the app itself (npm start) needs nothing more. Written for bash 3.2 too (macOS's own bash).
set -euo pipefail
cd "$(dirname "$0")/.."

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
node_minor=$(node -p 'process.versions.node.split(".")[1]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ] || { [ "$node_major" -eq 20 ] && [ "$node_minor" -lt 19 ]; }; then
  echo "setup: Node 20.19 or later is needed (found: $(node --version 2>/dev/null || echo none))." >&2
  exit 1
fi

if command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1; then
  packages="chromium poppler-utils qpdf fonts-dejavu-core strace"
  missing=""
  for package in $packages; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
  done
  if [ -n "$missing" ]; then
    echo "setup: installing$missing"
    as_root=""
    if [ "$(id -u)" -ne 0 ]; then as_root="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $as_root apt-get update -qq || echo "setup: apt-get update failed; trying the install with the current package lists" >&2
    # shellcheck disable=SC2086 # one word per package
    $as_root apt-get install -y -qq --no-install-recommends $missing
  fi
else
  system=$(uname -s 2>/dev/null || echo unknown)
  echo "setup: no apt-get here ($system), so no system packages are installed. The app (npm start) needs none."
  echo "setup: the tests also need Chromium (or CHROMIUM_PATH set to a Chrome or Chromium), poppler's pdfinfo, pdffonts, pdftotext and pdftoppm, and qpdf:"
  case "$system" in
    Darwin) echo "setup:   brew install poppler qpdf; brew install --cask chromium (then CHROMIUM_PATH=\"/Applications/Chromium.app/Contents/MacOS/Chromium\")" ;;
    MINGW* | MSYS* | CYGWIN*) echo "setup:   for example with winget or Chocolatey: poppler and qpdf, and CHROMIUM_PATH set to chrome.exe" ;;
    *) echo "setup:   install them with this system's package manager" ;;
  esac
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] \
  || [ ! -f node_modules/better-sqlite3/build/Release/better_sqlite3.node ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
fi
echo "setup: ready"
