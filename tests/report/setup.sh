#!/usr/bin/env bash
# Install the report checks (axe-core, playwright-core, the Nu HTML Checker) into a
# folder outside the checkout:  tests/report/setup.sh <folder>
# Used by .ci/run and by the integration tests, so `cargo test --release` sets itself
# up on a fresh machine. Chromium is Debian's package, installed when missing.
set -euo pipefail
if ! command -v chromium >/dev/null; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq chromium
fi
dir="$1"
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$dir"
cp "$here/package.json" "$here/check.mjs" "$dir/"
if ! cmp -s "$here/package.json" "$dir/.installed-package.json"; then
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
  cp "$here/package.json" "$dir/.installed-package.json"
fi
