#!/usr/bin/env bash
# Refresh the translation catalogues after changing any user-visible string (see docs/i18n.md):
#   1. pyside6-lupdate extracts every self.tr / QCoreApplication.translate / QT_TRANSLATE_NOOP string of
#      annodesk/ into resources/translations/annodesk_zh_CN.ts (all strings) and annodesk_en.ts (plural
#      forms only: English needs "1 task" / "2 tasks"), dropping strings the code no longer has;
#   2. you translate what is new (Qt Linguist: .venv/bin/pyside6-linguist, or edit the XML);
#   3. pyside6-lrelease compiles the .qm files the app loads (committed: tests prove them fresh).
# Usage: scripts/update-translations.sh          (extract, then compile)
#        scripts/update-translations.sh --release (compile only, after translating)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${PYSIDE6_BIN:-.venv/bin}
DIR=resources/translations
# -extensions must come before the folder. No line numbers (-locations none) and sorted messages: the .ts changes only when strings change, so
# parallel branches that move code around do not conflict in it.
LUPDATE_OPTIONS=(-extensions py -locations none -sort-messages -no-obsolete -silent)

if [ "${1:-}" != "--release" ]; then
    "$BIN/pyside6-lupdate" "${LUPDATE_OPTIONS[@]}" annodesk -target-language zh_CN -ts "$DIR/annodesk_zh_CN.ts"
    "$BIN/pyside6-lupdate" "${LUPDATE_OPTIONS[@]}" annodesk -target-language en -pluralonly -ts "$DIR/annodesk_en.ts"
fi
for ts in "$DIR"/annodesk_*.ts; do
    "$BIN/pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
done
# What is left to translate (lrelease compiles unfinished messages as untranslated).
.venv/bin/python - "$DIR" <<'PY'
import sys
from pathlib import Path
from xml.etree import ElementTree

for ts in sorted(Path(sys.argv[1]).glob("annodesk_*.ts")):
    messages = ElementTree.parse(ts).getroot().iter("message")
    todo = [m.findtext("source") for m in messages if m.find("translation").get("type") == "unfinished"]
    print(f"{ts}: {len(todo)} to translate" + "".join(f"\n    {text}" for text in todo))
PY
