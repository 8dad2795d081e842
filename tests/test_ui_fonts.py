"""Emoji and Chinese in the interface: the application font names fonts that cover them, so
a glyph the interface font lacks is found in the next one, character by character."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel

from shopdesk.ui.app import create_application

pytestmark = pytest.mark.gui


def test_the_application_font_falls_back_to_chinese_and_emoji_fonts(qapp) -> None:
    before = QApplication.font()
    try:
        create_application()
        families = QApplication.font().families()
        assert families[0] == before.family()
        for name in ("Segoe UI Emoji", "Noto Color Emoji", "Microsoft YaHei UI"):
            assert name in families
        assert families.index("Segoe UI Emoji") < families.index("Segoe UI Symbol")
        # A message with an emoji keeps every character around it.
        label = QLabel("好的，那我拍L码了👍 谢谢")
        metrics = QFontMetrics(label.font())
        assert metrics.horizontalAdvance(label.text()) > metrics.horizontalAdvance(
            "好的，那我拍L码了 谢谢")
    finally:
        QApplication.setFont(before)
