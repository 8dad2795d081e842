"""Compiling a Qt Linguist ``.ts`` into the ``.qm`` that ``QTranslator`` loads: by the
``lrelease`` of the PySide6 wheel, or, without one, by ``write_qm``. Imported only when a
``.qm`` must be made (a first start, an edited ``.ts``, the installer's build, the tests),
never on the way to the start frame (see shopdesk/ui/i18n.py)."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path


def ts_messages(path: Path) -> list[tuple[str, str, str, str]]:
    """(context, source, comment, translation) of every finished message of a ``.ts``."""
    found = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            if source is None or translation is None or not translation.text:
                continue
            if translation.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            found.append((name, source, message.findtext("comment") or "", translation.text))
    return found


def read_ts(path: Path) -> dict[tuple[str, str], str]:
    """(context, source) → translation for every finished message of a ``.ts`` file."""
    return {(ctx, source): text for ctx, source, _comment, text in ts_messages(path)}


def find_lrelease() -> Path | None:
    """The ``lrelease`` that the PySide6 wheel ships (or one on the PATH)."""
    import PySide6

    exe = ".exe" if sys.platform == "win32" else ""
    shipped = Path(PySide6.__file__).parent / f"lrelease{exe}"
    if shipped.is_file():
        return shipped
    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    return Path(found) if found else None


def compile_ts(ts: Path, qm: Path, lrelease: Path | None) -> None:
    """Write ``qm`` from ``ts``; by ``lrelease`` when there is one. Atomic: two windows
    starting at once never load half a file."""
    qm.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".qm", dir=qm.parent)
    os.close(fd)
    try:
        if lrelease is not None:
            flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console flash on Windows
            subprocess.run([str(lrelease), "-silent", str(ts), "-qm", tmp], check=True,
                           capture_output=True, timeout=60, creationflags=flags)
        else:
            Path(tmp).write_bytes(write_qm(ts_messages(ts)))
        os.replace(tmp, qm)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


# -- a .qm without lrelease ----------------------------------------------------------------
# The layout lrelease writes (Qt's linguist/shared/qm.cpp, read by qtranslator.cpp): magic,
# then tagged blocks; the hash block lists (elfHash(source + comment), offset) sorted by
# hash, the message block holds each message's translation (UTF-16BE) and the context,
# source and comment it must match. tests/test_translations.py checks it against lrelease.

_MAGIC = bytes([0x3C, 0xB8, 0x64, 0x18, 0xCA, 0xEF, 0x9C, 0x95,
                0xCD, 0x21, 0x1C, 0xBF, 0x60, 0xA1, 0xBD, 0xDD])
_HASHES, _MESSAGES = 0x42, 0x69
_END, _TRANSLATION, _SOURCE, _CONTEXT, _COMMENT = 1, 3, 6, 7, 8


def _elf_hash(data: bytes) -> int:
    h = 0
    for byte in data:
        h = ((h << 4) + byte) & 0xFFFFFFFF
        g = h & 0xF0000000
        if g:
            h ^= g >> 24
        h &= ~g & 0xFFFFFFFF
    return h or 1


def write_qm(messages: list[tuple[str, str, str, str]]) -> bytes:
    """The bytes of a ``.qm`` holding (context, source, comment, translation) messages."""
    def field(tag: int, data: bytes) -> bytes:  # blocks and a message's fields alike
        return struct.pack(">BI", tag, len(data)) + data

    body = bytearray()
    hashes = []
    seen = Counter((context, source) for context, source, _c, _t in messages)
    for context, source, comment, translation in messages:
        # like lrelease: a comment is kept only where it tells two messages apart, so that
        # tr("Open") also finds the only "Open" of its context that has a comment
        src, com = source.encode(), comment.encode() if seen[context, source] > 1 else b""
        hashes.append((_elf_hash(src + com), len(body)))
        body += field(_TRANSLATION, translation.encode("utf-16-be"))
        body += field(_COMMENT, com) + field(_SOURCE, src) + field(_CONTEXT, context.encode())
        body.append(_END)
    table = b"".join(struct.pack(">II", h, offset) for h, offset in sorted(hashes))
    return _MAGIC + field(_HASHES, table) + field(_MESSAGES, bytes(body))
