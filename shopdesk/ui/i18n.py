"""Interface language: English source strings, translations from resources/translations/.

Translations are edited as Qt Linguist ``.ts`` files (XML) and looked up by a plain
``QTranslator`` from the compiled ``.qm``: no Python runs per string. (A Python override of
``QTranslator.translate`` cannot be made safe: PySide6 drops a reference to ``None`` at
every call whose disambiguation is null, and the process aborts with ``none_dealloc``
after enough lookups; tests/test_refcounts.py measures it.)

The ``.qm`` is found, in this order: beside the ``.ts`` (a frozen build ships it, compiled
by installer/shopdesk.spec); in the user's cache folder; else it is compiled once into the
cache by the ``lrelease`` of the PySide6 wheel, or, without one, written by ``write_qm`` (both in ui/qm_compile.py).
Its name carries a hash of the ``.ts``, so an edited ``.ts`` is compiled again and a stale
``.qm`` is never loaded. Switching language installs other translators and Qt sends every
widget a ``LanguageChange`` event, so the window changes without a restart.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
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


def qm_name(ts: Path) -> str:
    """``shopdesk_zh_CN-<hash of the .ts>.qm``: another text, another file."""
    return f"{ts.stem}-{hashlib.sha256(ts.read_bytes()).hexdigest()[:16]}.qm"


def qm_path(language: str) -> Path:
    """The compiled translations of ``language`` (compiled now if needed)."""
    ts = ts_path(language)
    name = qm_name(ts)
    shipped = ts.with_name(name)
    if shipped.is_file():
        return shipped
    cached = cache_dir() / "translations" / name
    if not cached.is_file():
        import subprocess

        from shopdesk.ui.qm_compile import compile_ts, find_lrelease

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


def listed(parts: Iterable[str]) -> str:
    """Items one after another with the language's separator: "VIP, Active" in English,
    "VIP、活跃" in Chinese (a comma and a space read as a stray English comma there)."""
    return QCoreApplication.translate("List", ", ").join(parts)
