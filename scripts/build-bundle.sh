#!/usr/bin/env bash
# Build the double-clickable bundle: dist/annodesk/annodesk (one folder), or with --onefile dist/annodesk.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/python -c "import PyInstaller" 2>/dev/null || .venv/bin/python -m pip install -q -e ".[package]"
mkdir -p build
# The .ico (Windows) and .icns (macOS) icons are produced from the rendered PNGs, not committed.
.venv/bin/python - <<'PY'
from PIL import Image
sizes = [16, 24, 32, 48, 64, 128, 256]
images = [Image.open(f"resources/icons/hicolor/{s}x{s}/apps/annodesk.png") for s in sizes]
images[-1].save("build/annodesk.ico", sizes=[(s, s) for s in sizes], append_images=images[:-1])
Image.open("resources/icons/hicolor/512x512/apps/annodesk.png").save("build/annodesk.icns")
PY
start=$(date +%s)
if [ "${1:-}" = "--onefile" ]; then
    .venv/bin/pyinstaller --noconfirm --clean --log-level WARN annodesk.spec -- --onefile
    echo "built dist/annodesk in $(( $(date +%s) - start )) s: $(du -sm dist/annodesk | cut -f1) MB"
else
    .venv/bin/pyinstaller --noconfirm --clean --log-level WARN annodesk.spec
    echo "built dist/annodesk/ in $(( $(date +%s) - start )) s: $(du -sm dist/annodesk | cut -f1) MB"
fi
