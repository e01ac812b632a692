#!/usr/bin/env bash
# Optional: installs the Mermaid CLI (mmdc, from npm) into .mermaid/ with Debian's chromium
# as its browser, so tests/export/test_mermaid.py also renders the exported flowcharts for
# real (it skips that test otherwise). Needs apt-get (as root or with sudo), node and npm.
# puppeteer's own browser download is skipped: chromium comes from the distribution.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium
fi
mkdir -p .mermaid
cd .mermaid
[ -f package.json ] || echo '{"private": true}' > package.json
PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund --silent @mermaid-js/mermaid-cli@11
# --no-sandbox: the tests may run as root, where chromium refuses its sandbox.
printf '{"executablePath": "%s", "args": ["--no-sandbox", "--disable-gpu"]}\n' "$(command -v chromium)" > puppeteer.json
./node_modules/.bin/mmdc --version
