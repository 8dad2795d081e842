#!/usr/bin/env bash
# Builds the one-folder bundle with PyInstaller in a throw-away virtual environment (a
# normal install: PyInstaller reads site-packages), runs it (smoke.sh), and checks that the
# NSIS script compiles. On Windows, the same spec gives the Windows folder, and
#     makensis -DVERSION=… -DBUNDLE=dist\ShopDesk installer\shopdesk.nsi
# the setup.exe.
#     bash installer/build.sh [OUT]        (default build/installer)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-build/installer}
rm -rf "$OUT"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)  # makensis reads relative paths from the script's folder
python3 -m venv "$OUT/venv"
"$OUT/venv/bin/pip" install -q --disable-pip-version-check ".[build]"
"$OUT/venv/bin/pyinstaller" installer/shopdesk.spec --noconfirm --log-level ERROR \
    --distpath "$OUT/dist" --workpath "$OUT/work"
bash installer/smoke.sh "$OUT/dist/ShopDesk/ShopDesk"

if command -v makensis >/dev/null; then
    # The Linux folder is no Windows program: a stand-in folder proves the script compiles.
    mkdir -p "$OUT/nsis-check/_internal"
    touch "$OUT/nsis-check/ShopDesk.exe" "$OUT/nsis-check/_internal/placeholder"
    version=$("$OUT/venv/bin/python" -c "import shopdesk; print(shopdesk.__version__)")
    makensis -V2 -DVERSION="$version" -DBUNDLE="$OUT/nsis-check" \
        -DOUTFILE="$OUT/ShopDesk-$version-setup-check.exe" installer/shopdesk.nsi
    echo "installer/shopdesk.nsi compiles"
fi
