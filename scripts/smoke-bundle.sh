#!/usr/bin/env bash
# Smoke-test the one-folder bundle: --version and --self-test, headless.
set -euo pipefail
cd "$(dirname "$0")/.."
exe=dist/annodesk/annodesk
"$exe" --version
QT_QPA_PLATFORM=offscreen "$exe" --self-test
