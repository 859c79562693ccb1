#!/usr/bin/env bash
# Make (or refresh) a Python virtual environment of the test suite:
#   tests/python/venv.sh <folder> [requirements file]
# Default: tests/python/requirements.txt (the researcher's current tools). Used by
# .ci/run and, when the environment is missing or its requirements changed, by the
# integration tests; a lock keeps parallel tests from building it twice.
set -euo pipefail
venv="$1"
here="$(cd "$(dirname "$0")" && pwd)"
req="${2:-$here/requirements.txt}"
mkdir -p "$(dirname "$venv")"
exec 9>"$venv.lock"
flock 9
if ! cmp -s "$req" "$venv/.requirements.txt" || ! "$venv/bin/python" -c "" 2>/dev/null; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req"
  cp "$req" "$venv/.requirements.txt"
fi
