"""Interface language: English source strings, translations from resources/translations/.

Translations ship as Qt Linguist ``.ts`` files (XML, edited with Qt Linguist or by hand) and
are read at start-up by ``TsTranslator``: nothing generated is committed and no build step
is needed, also in a frozen build. Switching language installs another translator and Qt
sends every widget a ``LanguageChange`` event, so the window changes without a restart.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}
DEFAULT_LANGUAGE = "en"


def translations_dir() -> Path:
    return Path(str(resources.files("shopdesk.resources") / "translations"))


def ts_path(language: str) -> Path:
    return translations_dir() / f"shopdesk_{language}.ts"


def read_ts(path: Path) -> dict[tuple[str, str], str]:
    """(context, source) → translation for every finished message of a ``.ts`` file."""
    table: dict[tuple[str, str], str] = {}
    root = ET.parse(path).getroot()
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            if source is None or translation is None:
                continue
            if translation.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            if translation.text:
                table[(name, source)] = translation.text
    return table


class TsTranslator(QTranslator):
    """A translator that reads a ``.ts`` file directly."""

    def __init__(self, table: dict[tuple[str, str], str]) -> None:
        super().__init__()
        self._table = table
        self._by_source = {source: text for (_ctx, source), text in table.items()}

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:  # noqa: ARG002 - Qt's signature
        # None (a null QString) lets Qt ask the next translator; "" would be taken as the
        # translation and blank out every string we do not know (Qt's own "OK", "Cancel").
        found = self._table.get((context, source)) or self._by_source.get(source)
        if found is None:
            return None
        return found.replace("%n", str(n)) if n >= 0 else found

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return not self._table


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
            ours = TsTranslator(read_ts(ts_path(language)))
            qt = QTranslator()
            # Qt's own strings (OK, Cancel, the standard dialogs).
            if qt.load(QLocale(language), "qtbase", "_",
                       QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                QCoreApplication.installTranslator(qt)
                self._installed.append(qt)
            QCoreApplication.installTranslator(ours)
            self._installed.append(ours)
        QLocale.setDefault(QLocale(language))
        self.language = language


def current_language() -> str:
    """The interface language now: the default locale the switcher set."""
    return "zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en"
