"""Fonts that cover what customers write: Chinese and emoji.

A glyph the interface font lacks is looked for, character by character, in the fonts named
after it, so that one emoji the system cannot draw shows as one box and never takes the text
around it along. Windows has Segoe UI Emoji (colour) and Microsoft YaHei; on Linux the colour
emoji come from Debian's ``fonts-noto-color-emoji`` and Chinese from ``fonts-noto-cjk`` or
``fonts-wqy-microhei``; macOS has Apple Color Emoji and PingFang.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

CJK_FAMILIES = ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
                "Source Han Sans SC", "WenQuanYi Micro Hei")
EMOJI_FAMILIES = ("Segoe UI Emoji", "Noto Color Emoji", "Apple Color Emoji", "Twemoji",
                  "Segoe UI Symbol", "Noto Emoji", "Symbola", "DejaVu Sans")
LINUX_EMOJI_PACKAGE = "fonts-noto-color-emoji"


def fallback_families(base: str) -> list[str]:
    """The interface font, then Chinese, then emoji (colour before black and white)."""
    return [base, *(f for f in (*CJK_FAMILIES, *EMOJI_FAMILIES) if f != base)]


def apply_fallbacks(app: QApplication, emoji: bool = True) -> list[str]:
    """Give the application font its fallbacks and Qt its emoji fonts (those installed).
    Returns the emoji fonts found; none found is logged with the font to install.
    ``emoji=False`` leaves the emoji fonts to ``apply_emoji_fonts`` (listing every installed
    font takes a few dozen ms: the start does it once its frame is painted)."""
    font = app.font()
    font.setFamilies(fallback_families(font.family()))
    app.setFont(font)
    return apply_emoji_fonts() if emoji else []


def apply_emoji_fonts() -> list[str]:
    installed = set(QFontDatabase.families())
    emoji = [f for f in EMOJI_FAMILIES[:4] if f in installed]
    if emoji:
        QFontDatabase.setApplicationEmojiFontFamilies(emoji)
    else:
        log.info("no colour emoji font found; emoji show as boxes (install %s or Segoe UI "
                 "Emoji)", LINUX_EMOJI_PACKAGE)
    return emoji
