"""Interface language: English source strings, translations from resources/translations/.

Translations are edited as Qt Linguist ``.ts`` files (XML) and looked up by a plain
``QTranslator`` from the compiled ``.qm``: no Python runs per string. (A Python override of
``QTranslator.translate`` cannot be made safe: PySide6 drops a reference to ``None`` at
every call whose disambiguation is null, and the process aborts with ``none_dealloc``
after enough lookups; tests/test_refcounts.py measures it.)

The ``.qm`` is found, in this order: beside the ``.ts`` (a frozen build ships it, compiled
by installer/shopdesk.spec); in the user's cache folder; else it is compiled once into the
cache by the ``lrelease`` of the PySide6 wheel, or, without one, written by ``write_qm``.
Its name carries a hash of the ``.ts``, so an edited ``.ts`` is compiled again and a stale
``.qm`` is never loaded. Switching language installs other translators and Qt sends every
widget a ``LanguageChange`` event, so the window changes without a restart.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from shopdesk.paths import cache_dir

log = logging.getLogger(__name__)

LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}
DEFAULT_LANGUAGE = "en"


def translations_dir() -> Path:
    return Path(str(resources.files("shopdesk.resources") / "translations"))


def ts_path(language: str) -> Path:
    return translations_dir() / f"shopdesk_{language}.ts"


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


def qm_name(ts: Path) -> str:
    """``shopdesk_zh_CN-<hash of the .ts>.qm``: another text, another file."""
    return f"{ts.stem}-{hashlib.sha256(ts.read_bytes()).hexdigest()[:16]}.qm"


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


def qm_path(language: str) -> Path:
    """The compiled translations of ``language`` (compiled now if needed)."""
    ts = ts_path(language)
    name = qm_name(ts)
    shipped = ts.with_name(name)
    if shipped.is_file():
        return shipped
    cached = cache_dir() / "translations" / name
    if not cached.is_file():
        lrelease = find_lrelease()
        try:
            compile_ts(ts, cached, lrelease)
        except (OSError, subprocess.SubprocessError) as exc:
            if lrelease is None:
                raise
            log.warning("lrelease failed on %s (%s); writing the .qm without it", ts, exc)
            compile_ts(ts, cached, None)
        log.info("compiled %s into %s", ts.name, cached)
    return cached


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


# -- switching ------------------------------------------------------------------------------

class LanguageSwitcher:
    """Installs the translators of one language at a time."""

    def __init__(self) -> None:
        self.language = DEFAULT_LANGUAGE
        self._installed: list[QTranslator] = []

    def apply(self, language: str) -> None:
        if language not in LANGUAGES:
            language = DEFAULT_LANGUAGE
        for translator in self._installed:
            QCoreApplication.removeTranslator(translator)
        self._installed.clear()
        if language != "en":
            # Qt's own strings (OK, Cancel, the standard dialogs), then ours; the one
            # installed last is asked first.
            qt = QTranslator()
            if qt.load(QLocale(language), "qtbase", "_",
                       QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                self._install(qt)
            else:
                log.warning("no Qt translations (qtbase) for %s", language)
            ours = QTranslator()
            try:
                path = str(qm_path(language))
            except OSError as exc:  # the cache folder cannot be written: English, and say why
                log.error("cannot compile the %s translations: %s", language, exc)
                path = ""
            if path and ours.load(path):
                self._install(ours)
            elif path:
                log.error("cannot load the translations %s", path)
        QLocale.setDefault(QLocale(language))
        self.language = language

    def _install(self, translator: QTranslator) -> None:
        QCoreApplication.installTranslator(translator)
        self._installed.append(translator)


def current_language() -> str:
    """The interface language now: the default locale the switcher set."""
    return "zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en"
