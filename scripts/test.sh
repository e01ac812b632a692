#!/usr/bin/env bash
# Sets everything up (see setup.sh) and runs the whole test suite headless:
# the linter and formatter (ruff), the architecture contracts (lint-imports), the types (mypy), then pytest. Extra args go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
echo "== lint and format (ruff)"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== import contract (lint-imports)"
.venv/bin/lint-imports --no-cache
echo "== types of the core, the file layer, the GUI and export (mypy)"
.venv/bin/mypy
echo "== tests (pytest)"
QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest "$@"
