"""The check before the window opens on Linux: missing X11 libraries (what Qt's xcb plugin
cannot load) are named with their Debian packages and one apt-get line, instead of Qt's
abort; no display is said in plain words."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from shopdesk.ui import platform_check as check

# ldd of PySide6's libqxcb.so on a Debian 12 machine with libxcb-cursor0 but without
# libxcb-icccm4 and libxcb-keysyms1 (issue 14).
DEBIAN_LDD = """\
\tlinux-vdso.so.1 (0x00007ffd1a5f2000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f0d3c8b0000)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f0d3c8a1000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-util.so.1 => /lib/x86_64-linux-gnu/libxcb-util.so.1 (0x00007f0d3c899000)
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
\t/lib64/ld-linux-x86-64.so.2 (0x00007f0d3c9b5000)
"""
DISPLAY = {"DISPLAY": ":0"}


def test_missing_libraries_are_named_with_their_packages_and_one_install_line() -> None:
    missing = check.not_found(DEBIAN_LDD)
    assert missing == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    message = check.missing_message(missing)
    assert "libxcb-icccm.so.4  (package libxcb-icccm4)" in message
    assert "libxcb-keysyms.so.1  (package libxcb-keysyms1)" in message
    assert "    sudo apt-get install libxcb-icccm4 libxcb-keysyms1\n" in message
    assert check.install_line(["libxkbcommon-x11.so.0", "libxcb-render-util.so.0",
                               "libEGL.so.1"]) == (
        "sudo apt-get install libegl1 libxcb-render-util0 libxkbcommon-x11-0")


def test_the_plugin_and_its_qt_library_are_both_checked(tmp_path: Path) -> None:
    qt = tmp_path / "Qt"
    for name in check.XCB_FILES:
        (qt / name).parent.mkdir(parents=True, exist_ok=True)
        (qt / name).write_bytes(b"")
    outputs = {qt / check.XCB_FILES[0]: "\tlibxcb-cursor.so.0 => not found\n",
               qt / check.XCB_FILES[1]: "\tlibxcb-cursor.so.0 => not found\n"
                                        "\tlibxkbcommon-x11.so.0 => not found\n"}
    problem = check.window_problem(DISPLAY, "linux", qt, outputs.__getitem__)
    assert problem is not None
    assert "sudo apt-get install libxcb-cursor0 libxkbcommon-x11-0" in problem
    assert check.window_problem(DISPLAY, "linux", qt, lambda path: "\tlibc.so.6 => /lib\n") \
        is None


@pytest.mark.parametrize(("environ", "platform", "expected"), [
    ({}, "win32", None),
    ({}, "darwin", None),
    ({"QT_QPA_PLATFORM": "offscreen"}, "linux", None),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", None),
    ({}, "linux", check.NO_DISPLAY),
    ({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}, "linux", check.NO_DISPLAY),
])
def test_when_the_check_applies(tmp_path: Path, environ, platform, expected) -> None:
    def ldd(path: Path) -> str:
        raise AssertionError("ldd must not run here")
    assert check.window_problem(environ, platform, tmp_path, ldd) == expected


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("ldd") is None,
                    reason="ldd is Linux's")
def test_real_ldd_on_a_plugin_whose_libraries_are_missing(tmp_path: Path) -> None:
    """The real xcb plugin copied alone: ldd finds none of Qt's own libraries beside it."""
    qt = check.qt_folder()
    assert qt is not None and (qt / check.XCB_FILES[0]).exists()
    copy = tmp_path / "Qt" / check.XCB_FILES[0]
    copy.parent.mkdir(parents=True)
    shutil.copy(qt / check.XCB_FILES[0], copy)
    missing = check.missing_libraries(tmp_path / "Qt")
    assert "libQt6XcbQpa.so.6" in missing and "libQt6Gui.so.6" in missing
    message = check.window_problem(DISPLAY, "linux", tmp_path / "Qt")
    assert message is not None and "reinstall ShopDesk" in message


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the check is Linux's")
def test_shopdesk_without_a_display_says_so_instead_of_aborting() -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "shopdesk", "--demo"], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1
    assert "there is no display" in done.stderr and "Aborted" not in done.stderr
