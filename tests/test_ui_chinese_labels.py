"""What a tester saw in English or twice in the Chinese window: the platforms of a store
(Settings → Stores), the complaint's "Close" beside the window's, the menu's mnemonic in the
list of keyboard shortcuts."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction, QKeySequence

from shopdesk.ui.i18n import LanguageSwitcher
from shopdesk.ui.labels import complaint_action_label, platform_name
from shopdesk.ui.shortcuts_dialog import ShortcutsDialog, without_mnemonic

pytestmark = pytest.mark.gui


def test_the_platforms_that_are_words_are_translated_and_brands_kept(chinese) -> None:
    assert platform_name("email") == "电子邮件" and platform_name("other") == "其他"
    assert platform_name("taobao") == "Taobao 淘宝" and platform_name("shopify") == "Shopify"
    assert platform_name("unknown") == "unknown"


def test_in_english_the_platforms_read_as_before(qapp) -> None:
    assert platform_name("email") == "E-mail" and platform_name("other") == "Other"


def test_the_stores_panel_lists_the_platforms_in_chinese_and_follows_a_switch(
        qtbot, sqlite_db, memory_keyring) -> None:
    from shopdesk.credentials import Credentials
    from shopdesk.ui.stores_panel import StoresPanel

    languages = LanguageSwitcher()
    languages.apply("zh_CN")
    try:
        panel = StoresPanel(sqlite_db, Credentials())
        qtbot.addWidget(panel)
        panel.fill_lists()
        panel.new_store()
        names = [panel.platform.itemText(i) for i in range(panel.platform.count())]
        assert "电子邮件" in names and "其他" in names
        assert not {"E-mail", "Other"} & set(names)
        assert panel.platform.currentText() == "电子邮件"  # a new store's default
        languages.apply("en")
        panel.retranslate()
        assert panel.platform.currentText() == "E-mail"
    finally:
        languages.apply("en")


def test_closing_a_complaint_is_not_said_like_closing_the_window(chinese) -> None:
    assert complaint_action_label("close") == "关闭投诉"
    assert complaint_action_label("close") != "关闭"


def test_the_shortcut_list_shows_menu_texts_without_their_mnemonic(qtbot, chinese) -> None:
    assert without_mnemonic("切换客服(&S)…") == "切换客服…"
    assert without_mnemonic("&Switch agent…") == "Switch agent…"
    assert without_mnemonic("退出 (&Q)") == "退出"
    assert without_mnemonic("Save && close") == "Save & close"
    action = QAction("切换客服(&S)…")
    action.setShortcut(QKeySequence("Ctrl+Shift+L"))
    dialog = ShortcutsDialog([action])
    qtbot.addWidget(dialog)
    texts = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
    assert texts[0] == "切换客服…"
    assert not any("(S)" in t or "&" in t.replace("&&", "") for t in texts)
