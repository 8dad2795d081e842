"""Settings → Stores and the first-start guide with pytest-qt: add a store with its mailbox,
test the connection against real servers, archive; the password reaches only the keyring."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QCommandLinkButton, QLabel, QListWidget

from shopdesk.cli import build_demo
from shopdesk.credentials import SERVICE
from shopdesk.models import Agent, Store
from shopdesk.services import agents as agent_svc
from shopdesk.ui.app import Shell
from shopdesk.ui.i18n import LanguageSwitcher
from shopdesk.ui.service_text import translated
from shopdesk.ui.settings import Preferences
from shopdesk.ui.welcome import FirstStartGuide
from shopdesk.ui.window_pages import SETTINGS
from tests.mailservers import USER

pytestmark = pytest.mark.gui
SECRET = "ui-Secret-never-stored-9"


@pytest.fixture
def shell(qtbot, sqlite_db, tmp_path, memory_keyring):
    prefs = Preferences(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    sh = Shell(sqlite_db, prefs, "en", str(tmp_path / "shopdesk.log"))
    qtbot.addWidget(sh.window)
    sh.window.show()
    yield sh
    LanguageSwitcher().apply("en")


def _owner(db) -> Agent:
    from sqlalchemy import select

    with db.read_session() as s:
        return s.scalar(select(Agent).where(Agent.role == "owner"))


def _fill(panel, imap, smtp, password: str) -> None:
    panel.name.setText("小鹿家居 邮箱")
    panel.channel.setCurrentIndex(panel.channel.findData("email"))
    panel.address.setText("service@xiaolu.example")
    panel.username.setText(USER)
    panel.password.setText(password)
    panel.imap_host.setText("127.0.0.1")
    panel.imap_security.setCurrentIndex(0)
    panel.imap_port.setValue(imap.imaps_port)
    panel.smtp_host.setText("127.0.0.1")
    panel.smtp_security.setCurrentIndex(1)  # STARTTLS
    panel.smtp_port.setValue(smtp.port)
    panel.ca_file.setText(str(imap.cert))


def test_add_test_and_archive_a_mail_store(qtbot, shell, sqlite_db, servers, memory_keyring,
                                           tmp_path) -> None:
    imap, smtp = servers
    imap.set_password(SECRET)
    smtp.password = SECRET
    build_demo(sqlite_db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    window = shell.window
    window.set_agent(_owner(sqlite_db))
    window.inbox.fill_store_filter()
    window.settings_page.stores.reload()
    panel = window.settings_page.stores
    store_list = panel.findChild(QListWidget, "storeList")
    assert store_list.count() == 3
    panel.add_button.click()
    assert panel.store_id is None and panel.name.text() == ""
    _fill(panel, imap, smtp, "wrong")
    panel.test_button.click()
    qtbot.waitUntil(lambda: panel.job is None, timeout=15000)
    assert panel.result.text().splitlines() == [
        "✗ IMAP: the server refused the user name or password.",
        "✗ SMTP: the server refused the user name or password."]
    panel.password.setText(SECRET)
    panel.test_button.click()
    qtbot.waitUntil(lambda: panel.job is None, timeout=15000)
    assert panel.result.text().startswith("✓ IMAP: signed in to 127.0.0.1")
    assert "✓ SMTP: signed in" in panel.result.text()
    with qtbot.waitSignal(window.storesChanged):
        panel.save_button.click()
    assert panel.error.text() == "" and store_list.count() == 4
    assert panel.password.text() == ""  # never kept in the form
    assert panel.password.placeholderText() == "Saved in the keyring; type to change it"
    with sqlite_db.read_session() as s:
        store = s.get(Store, panel.store_id)
        key = store.key
        assert store.settings["channel"]["imap_port"] == imap.imaps_port
    assert memory_keyring.entries[(SERVICE, f"{key}/password")] == SECRET
    assert len(window.inbox.store_buttons) == 4  # the inbox's store filter follows
    # the secret is in no settings file and no log
    window.prefs.q.sync()
    for path in (tmp_path / "settings.ini", tmp_path / "shopdesk.log"):
        if path.exists():
            assert SECRET not in path.read_text(errors="replace")
    # archive: gone from the inbox filter, kept in the list with "(archived)"
    panel.archive_button.click()
    assert len(window.inbox.store_buttons) == 3
    assert store_list.currentItem().text().endswith("(archived)")
    assert panel.archive_button.text() == "Bring back"


def test_bad_input_is_refused_with_reasons(qtbot, shell, sqlite_db) -> None:
    with sqlite_db.transaction() as s:
        agent_svc.create_owner(s, "Owner")
    window = shell.window
    window.set_agent(_owner(sqlite_db))
    panel = window.settings_page.stores
    panel.new_store()
    panel.address.setText("not-an-address")
    panel.save_button.click()
    text = panel.findChild(QLabel, "storeError").text()
    assert "The store needs a name." in text and "not an address" in text
    with sqlite_db.read_session() as s:
        from sqlalchemy import func, select

        assert s.scalar(select(func.count()).select_from(Store)) == 0


def test_agents_cannot_change_stores(qtbot, shell, sqlite_db) -> None:
    build_demo(sqlite_db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    from sqlalchemy import select

    with sqlite_db.read_session() as s:
        emma = s.scalar(select(Agent).where(Agent.key == "emma"))
    shell.window.set_agent(emma)
    panel = shell.window.settings_page.stores
    assert not panel.save_button.isEnabled() and not panel.add_button.isEnabled()
    assert panel.save_button.toolTip() == "An agent cannot change stores."
    shell.set_language("zh_CN")
    try:
        assert panel.save_button.toolTip() in ("An agent cannot change stores.", "客服不能修改店铺。")
        panel.set_actor(emma)  # tooltips are set with the actor, in the language of the moment
        assert panel.save_button.toolTip() == "客服不能修改店铺。"
    finally:
        shell.set_language("en")


def test_first_start_guide_leads_to_a_new_store_then_the_import(qtbot, shell,
                                                                 sqlite_db) -> None:
    with sqlite_db.transaction() as s:
        agent_svc.create_owner(s, "Owner")
    window = shell.window
    window.set_agent(_owner(sqlite_db))
    guide = FirstStartGuide(window)
    qtbot.addWidget(guide)
    guide.show()
    names = [b.objectName() for b in guide.findChildren(QCommandLinkButton)]
    assert names == ["guide_demo", "guide_store", "guide_import", "guide_later"]
    guide.findChild(QCommandLinkButton, "guide_import").click()
    assert guide.choice == "import"
    window.add_store(then_import=True)
    assert window.stack.currentWidget() is window.settings_page
    panel = window.settings_page.stores
    assert window.settings_page.tabs.currentWidget() is panel and panel.store_id is None
    panel.name.setText("Qimu Home")
    panel.channel.setCurrentIndex(panel.channel.findData(""))  # orders only
    panel.save_button.click()
    assert panel.error.text() == ""
    dialog = window.import_dialog
    assert dialog.isVisible()
    dialog.reject()


def test_channel_messages_in_chinese(qtbot, shell) -> None:
    switcher = LanguageSwitcher()  # (kept: its translators live as long as it does)
    switcher.apply("zh_CN")
    text = translated("IMAP: the server refused the user name or password.")
    assert text.startswith("IMAP：") and "用户名或密码" in text
    both = translated("The store needs a name. The IMAP server is missing.")
    assert "店铺" in both and "IMAP" in both and "The" not in both
    assert translated("Something new.") == "Something new."
    switcher.apply("en")


def test_mail_originals_and_warnings_show_in_the_conversation(qtbot, shell, sqlite_db) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtWidgets import QDialog, QTextBrowser
    from sqlalchemy import select

    from shopdesk.channels.email import EmailChannel, EmailSettings
    from shopdesk.channels.sync import ingest
    from shopdesk.models import Attachment, Conversation
    from tests.conftest import SAMPLES

    build_demo(sqlite_db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    channel = EmailChannel("Shop", EmailSettings(), None)
    html_mail = channel.incoming((SAMPLES / "customer-reply-threaded.eml").read_bytes())
    broken = channel.incoming(b"From: x@y.com\r\nContent-Type: text/plain; charset=x-klingon"
                              b"\r\nMessage-ID: <b1@y.com>\r\n\r\nhello \xff")
    with sqlite_db.transaction() as s:
        store = s.scalar(select(Store).where(Store.key == "shopify"))
        ingest(s, store, [html_mail, broken])
        conversations = {c.external_id: c.id for c in s.scalars(select(Conversation))}
        html_id = s.scalar(select(Attachment.id).where(Attachment.mime_type == "text/html"))
    window = shell.window
    window.set_agent(_owner(sqlite_db))
    page = window.inbox
    page.open_conversation(conversations["b1@y.com"])
    assert "could not be read cleanly" in page.conversation.toPlainText()
    page.open_conversation(conversations["order-1001-shipped@sage-and-clay.example"])
    assert "Show original" in page.conversation.toPlainText()
    page._link(QUrl(f"file:{html_id}"))
    viewer = window.findChild(QDialog, "originalViewer")
    assert viewer is not None and viewer.isVisible()
    assert "delivered" in viewer.findChild(QTextBrowser).toPlainText()
    viewer.close()


def test_without_a_keyring_the_password_is_asked_for_each_session(qtbot, sqlite_db,
                                                                  no_keyring) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QInputDialog

    from shopdesk.credentials import Credentials
    from shopdesk.services import stores as store_svc
    from shopdesk.ui.welcome import ask_missing_passwords

    with sqlite_db.transaction() as s:
        owner = agent_svc.create_owner(s, "Owner")
        form = store_svc.StoreForm(name="Mail shop", channel={
            "kind": "email", "address": "s@shop.example", "imap_host": "imap.shop.example",
            "smtp_host": "smtp.shop.example"})
        key = store_svc.save_store(s, owner, form, Credentials()).key
    credentials = Credentials()
    asked: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(20, answer)
            return
        asked.append(dialog.labelText())
        dialog.setTextValue("typed-this-session")
        dialog.accept()

    QTimer.singleShot(0, answer)
    assert ask_missing_passwords(sqlite_db, credentials) == 1
    assert "Mail shop" in asked[0] and "keyring" in asked[0]
    assert credentials.get(key, "password") == "typed-this-session"
    assert Credentials().get(key, "password") is None  # the next session asks again
    assert ask_missing_passwords(sqlite_db, credentials) == 0  # nothing missing now


def test_the_store_forms_messages_and_buttons_stay_in_view(qtbot, shell, sqlite_db,
                                                           chinese) -> None:
    """An e-mail store's form is taller than a 1100×650 window: its errors, Test connection
    and Save were below the fold of its scroll area, half cut off."""
    with sqlite_db.transaction() as s:
        agent_svc.create_owner(s, "Owner")
    window = shell.window
    window.set_agent(_owner(sqlite_db))
    window.resize(1100, 650)
    window.show()
    window.navigation.setCurrentRow(SETTINGS)
    panel = window.settings_page.stores
    panel.new_store()
    panel.channel.setCurrentIndex(panel.channel.findData("email"))
    panel.save_button.click()  # refused: the errors show under the form
    qtbot.wait(50)
    for widget in (panel.save_button, panel.test_button, panel.error):
        assert widget.isVisible()
        assert widget.visibleRegion().boundingRect() == widget.rect(), widget.objectName()
