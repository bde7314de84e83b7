#!/usr/bin/env bash
# Smoke-test the one-folder bundle, headless: --version, --self-test and --install-desktop-entry.
set -euo pipefail
cd "$(dirname "$0")/.."
exe="$PWD/dist/annodesk/annodesk"
expected="annodesk $(.venv/bin/python -c 'import annodesk; print(annodesk.__version__)')"
version=$("$exe" --version)
[ "$version" = "$expected" ] || { echo "bundle --version says '$version', expected '$expected'" >&2; exit 1; }
echo "$version"
QT_QPA_PLATFORM=offscreen "$exe" --self-test
xdg=$(mktemp -d)
trap 'rm -rf "$xdg"' EXIT
XDG_DATA_HOME="$xdg" "$exe" --install-desktop-entry >/dev/null
grep -qx "Exec=$exe" "$xdg/applications/annodesk.desktop" || { echo "desktop entry does not start the bundle" >&2; exit 1; }
[ -f "$xdg/icons/hicolor/256x256/apps/annodesk.png" ] || { echo "desktop icon missing" >&2; exit 1; }
echo "desktop entry: Exec=$exe"
echo "bundle size: $(du -sm dist/annodesk | cut -f1) MiB ($(du -sb dist/annodesk | awk '{printf "%.1f", $1/1e6}') MB)"
