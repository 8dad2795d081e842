"""Before the window opens on Linux: can Qt's xcb platform plugin load?

Without some X11 libraries Qt stops with "Could not load the Qt platform plugin xcb" and an
abort, which names neither the libraries nor the packages. This module looks first, in
plain Python and without Qt (no QApplication exists yet): ``ldd`` on PySide6's xcb plugin
lists what the loader cannot find, and the message names the Debian/Ubuntu packages and the
one ``apt-get install`` line. Windows and macOS need nothing of this (Qt ships its platform
plugin there with everything it loads).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

# What libqxcb.so and libQt6XcbQpa.so.6 load, by the Debian package that ships each.
PACKAGES = {
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
}
# The files Qt loads for the xcb platform, relative to PySide6's Qt folder.
XCB_FILES = ("plugins/platforms/libqxcb.so", "lib/libQt6XcbQpa.so.6")
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)


def qt_folder() -> Path | None:
    """PySide6's Qt folder (plugins/, lib/), found from the package path without loading Qt."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        folder = Path(location) / "Qt"
        if folder.is_dir():
            return folder
    return None


def not_found(ldd_output: str) -> list[str]:
    """The libraries that ``ldd`` reports as "not found", in its order."""
    return list(dict.fromkeys(_NOT_FOUND.findall(ldd_output)))


def run_ldd(path: Path) -> str:
    import subprocess  # (not on the way to the start frame when no check is needed)

    try:
        done = subprocess.run(["ldd", str(path)], capture_output=True, text=True, timeout=20,
                              check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout


def missing_libraries(qt: Path, ldd: Callable[[Path], str] = run_ldd) -> list[str]:
    """The system libraries the xcb platform plugin needs and cannot find."""
    missing: dict[str, None] = {}
    for name in XCB_FILES:
        path = qt / name
        if path.exists():
            missing.update(dict.fromkeys(not_found(ldd(path))))
    return list(missing)


def install_line(libraries: list[str]) -> str | None:
    packages = sorted({PACKAGES[lib] for lib in libraries if lib in PACKAGES})
    return f"sudo apt-get install {' '.join(packages)}" if packages else None


def missing_message(libraries: list[str]) -> str:
    own = [lib for lib in libraries if lib.startswith("libQt6") or lib.startswith("libicu")]
    lines = ["ShopDesk cannot open its window: Qt's X11 platform plugin (xcb) needs system "
             "libraries that are not installed:", ""]
    lines += [f"    {lib}  (package {PACKAGES.get(lib, 'unknown')})" for lib in libraries
              if lib not in own]
    line = install_line(libraries)
    if line:
        lines += ["", "On Debian or Ubuntu, install them with:", "", f"    {line}"]
    if own:
        lines += ["", "Files of the Qt installation itself are missing (" + ", ".join(own)
                  + "): reinstall ShopDesk (pip install --force-reinstall PySide6-Essentials)."]
    lines += ["", "Commands without a window (shopdesk demo, load, dump, export, import) work "
              "without them."]
    return "\n".join(lines)


NO_DISPLAY = ("ShopDesk cannot open its window: there is no display (neither DISPLAY nor "
              "WAYLAND_DISPLAY is set). Start it from a desktop session, or over SSH with "
              "X forwarding (ssh -X). Commands without a window (shopdesk demo, load, dump, "
              "export, import) work without one.")


def window_problem(environ: Mapping[str, str] | None = None, platform: str | None = None,
                   qt: Path | None = None, ldd: Callable[[Path], str] = run_ldd) -> str | None:
    """Why the window cannot open here, in plain words; None when nothing is in the way (or
    when this is not Linux's X11, where Qt reports its own problems well enough)."""
    env = os.environ if environ is None else environ
    if not (platform or sys.platform).startswith("linux"):
        return None
    requested = env.get("QT_QPA_PLATFORM", "").strip()
    if requested and requested.split(";")[0].split(":")[0] != "xcb":
        return None  # offscreen, wayland, vnc…: not the xcb plugin
    if not env.get("DISPLAY"):
        if env.get("WAYLAND_DISPLAY") and not requested:
            return None  # Qt takes its Wayland plugin
        return NO_DISPLAY
    folder = qt or qt_folder()
    if folder is None or shutil.which("ldd") is None and ldd is run_ldd:
        return None
    missing = missing_libraries(folder, ldd)
    return missing_message(missing) if missing else None
