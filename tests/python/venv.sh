#!/usr/bin/env bash
# Make (or refresh) the Python virtual environment of the test suite:
#   tests/python/venv.sh <folder>
# Used by .ci/run and, when the environment is missing, by the integration tests.
set -euo pipefail
venv="$1"
here="$(cd "$(dirname "$0")" && pwd)"
if ! "$venv/bin/python" -c "import duckdb, pyarrow, polars, frictionless, pytest, openpyxl" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
fi
