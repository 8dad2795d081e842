#!/usr/bin/env bash
# Runs a built bundle as a user would, in a throw-away home, to prove the spec: the command
# line, the demo shop (migrations, dataset), an Excel export (openpyxl), and the window
# (Qt plugins, translations, Qt Charts: it opens on the Reports page) for a few seconds.
#     bash installer/smoke.sh dist/ShopDesk/ShopDesk
set -euo pipefail
APP=$1
HOME_DIR=$(mktemp -d /tmp/shopdesk-smoke.XXXXXX)
trap 'rm -rf "$HOME_DIR"' EXIT
export SHOPDESK_HOME=$HOME_DIR QT_QPA_PLATFORM=offscreen
DB="$HOME_DIR/shop.sqlite"

"$APP" --version
"$APP" demo --db "$DB" >/dev/null
"$APP" db current --db "$DB" | grep -q "up to date"
"$APP" export complaints --from 2026-01-01 --to 2026-12-31 --db "$DB" -o "$HOME_DIR/c.xlsx" \
    >/dev/null
test -s "$HOME_DIR/c.xlsx"

printf '[window]\npage=4\n' > "$HOME_DIR/settings.ini"  # Reports: Qt Charts at start
status=0
timeout 15 "$APP" --db "$DB" --agent owner --lang zh_CN >"$HOME_DIR/out.txt" 2>&1 || status=$?
LOG="$HOME_DIR/logs/shopdesk.log"
if [ "$status" -ne 124 ] || ! grep -q "started on" "$LOG" \
        || grep -qE "ERROR|Traceback" "$LOG" "$HOME_DIR/out.txt"; then
    echo "the bundle's window did not keep running (status $status):"
    cat "$HOME_DIR/out.txt" "$LOG"
    exit 1
fi
if [ -d "$HOME_DIR/cache/translations" ]; then  # the bundle's own .qm must have been used
    echo "the bundle compiled its translations at run time: the spec did not ship the .qm"
    exit 1
fi
echo "bundle smoke test passed: $APP"
