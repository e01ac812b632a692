#!/usr/bin/env bash
# Sets everything up (see setup.sh) and starts the editor on the Figure 1-1 reference design.
# Pass a design file to open it instead: ./scripts/run.sh my-design.json
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
if [ $# -gt 0 ]; then
  exec .venv/bin/ml-canvas "$@"
fi
exec .venv/bin/ml-canvas --template figure-1-1
