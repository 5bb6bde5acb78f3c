#!/usr/bin/env bash
# Refreshes translations/*.ts from the sources (app, core, vm, proxy): new strings come in unfinished, strings
# no longer used go. Then translate the unfinished ones (Qt Linguist, or an editor) and run the translations
# test (tests/app/tst_translations.cpp), which fails while any German string is missing.
#   paddock_de.ts  every string;
#   paddock_en.ts  only the strings with a plural (tr("%n sandbox(es)", nullptr, n)), so English reads well.
# lupdate needs the include paths to name each string's context as Qt does at run time; a warning that a
# class "lacks Q_OBJECT" or is an "unknown namespace/class" means it would not, so this script fails on one.
# PADDOCK_TS_DIR names another folder of .ts files to refresh (tests/app/tst_translations.cpp checks a copy).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
QT_BIN=${QT_BIN:-$(qtpaths6 --query QT_HOST_BINS 2>/dev/null || echo /usr/lib/qt6/bin)}
QT_HEADERS=$(qtpaths6 --query QT_INSTALL_HEADERS 2>/dev/null || echo /usr/include/x86_64-linux-gnu/qt6)
LUPDATE=$QT_BIN/lupdate
cd "$ROOT"
TS_DIR=${PADDOCK_TS_DIR:-translations}

SOURCES=(app core vm proxy)
OPTIONS=(-no-obsolete -locations none -no-ui-lines -extensions cpp,h -source-language en
         -I "$ROOT" -I "$QT_HEADERS" -I "$QT_HEADERS/QtCore")

log=$(mktemp)
trap 'rm -f "$log"' EXIT
"$LUPDATE" "${OPTIONS[@]}" -target-language de "${SOURCES[@]}" -ts "$TS_DIR/paddock_de.ts" 2>&1 | tee "$log"
"$LUPDATE" "${OPTIONS[@]}" -target-language en -pluralonly "${SOURCES[@]}" -ts "$TS_DIR/paddock_en.ts" \
  2>&1 | tee -a "$log"

if grep -E "lacks Q_OBJECT|unknown namespace/class|Cannot invoke tr\(\)|Discarding unconsumed" "$log" >&2; then
  echo "update-translations: lupdate cannot tell the context of the strings above (see the comment at the top)" >&2
  exit 1
fi
unfinished=$(grep -c 'type="unfinished"' "$TS_DIR/paddock_de.ts" || true)
echo "update-translations: $unfinished German string(s) to translate in $TS_DIR/paddock_de.ts"
