"""Settings → Stores: add, edit and archive the shop's stores and their channel; "Test
connection" says in plain words what worked. Passwords go to the OS keyring only."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QWidget,
)
from sqlalchemy import select

from shopdesk.credentials import Credentials
from shopdesk.db import Database
from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, ChannelState, Store
from shopdesk.models.enums import Platform
from shopdesk.services import stores as svc
from shopdesk.services.permissions import Action
from shopdesk.ui import store_form
from shopdesk.ui.forms import error_label, say
from shopdesk.ui.jobs import Job
from shopdesk.ui.labels import platform_name
from shopdesk.ui.service_text import denied, translated


def colour_icon(colour: str | None) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour or "#9CA3AF"))
    return QIcon(pixmap)


class StoresPanel(QWidget):
    changed = Signal()  # a store was added, edited or archived

    def __init__(self, db: Database, credentials: Credentials,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storesPage")
        self.db, self.credentials = db, credentials
        self.agent: Agent | None = None
        self.store_id: int | None = None
        self.store_key: str | None = None
        self.job: Job | None = None
        self.list = QListWidget()
        self.list.setObjectName("storeList")
        self.list.setMaximumWidth(300)
        self.list.currentRowChanged.connect(lambda _r: self._load_selected())
        self.add_button = QPushButton()
        self.add_button.setObjectName("addStoreButton")
        self.add_button.clicked.connect(self.new_store)
        self.archive_button = QPushButton()
        self.archive_button.setObjectName("archiveStoreButton")
        self.archive_button.clicked.connect(self.toggle_archived)
        self.show_archived = QCheckBox()
        self.show_archived.setObjectName("showArchivedStores")
        self.show_archived.toggled.connect(lambda _on: self.reload())

        # the store
        self.name = QLineEdit()
        self.name.setObjectName("storeName")
        self.platform = QComboBox()
        self.platform.setObjectName("storePlatform")
        for p in Platform:
            self.platform.addItem(platform_name(p.value), p.value)
        self.colour = QPushButton()
        self.colour.setObjectName("storeColour")
        self.colour.clicked.connect(self.choose_colour)
        self.colour_value = "#2563EB"
        self.currency = QComboBox()
        self.currency.setObjectName("storeCurrency")
        self.currency.setEditable(True)
        self.currency.addItems(svc.CURRENCIES)
        self.timezone = QComboBox()
        self.timezone.setObjectName("storeTimezone")
        self.timezone.setEditable(True)  # the list is filled when the panel is first shown
        self.reply_target = QSpinBox()
        self.reply_target.setObjectName("storeReplyTarget")
        self.reply_target.setRange(1, 7 * 24 * 60)
        self.hours_start, self.hours_end = QTimeEdit(), QTimeEdit()
        self.hours_start.setObjectName("hoursStart")
        self.hours_end.setObjectName("hoursEnd")
        for edit in (self.hours_start, self.hours_end):
            edit.setDisplayFormat("HH:mm")
        self.days = [QCheckBox() for _ in range(7)]
        for n, box in enumerate(self.days):
            box.setObjectName(f"workDay{n}")
        self.channel = QComboBox()
        self.channel.setObjectName("storeChannel")
        for kind in svc.CHANNELS:
            self.channel.addItem("", kind)
        self.channel.currentIndexChanged.connect(lambda _i: self._channel_changed())

        store_form.email_widgets(self)
        self.test_button = QPushButton()
        self.test_button.setObjectName("testConnectionButton")
        self.test_button.clicked.connect(self.test_connection)
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveStoreButton")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.result = QLabel()
        self.result.setObjectName("connectionResult")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.error = error_label("storeError")
        self.state = QLabel()
        self.state.setObjectName("storeState")
        self.state.setWordWrap(True)
        store_form.lay_out(self)
        self.tested: svc.StoreForm | None = None  # the form as its connection test began
        store_form.watch(self, self._form_edited)
        self._filled = False
        self.retranslate()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        """The stores, the time zones and the keyring are read when first shown, not at
        start-up."""
        if not self._filled:
            self.fill_lists()
        super().showEvent(event)

    def fill_lists(self) -> None:
        self._filled = True
        current = self.timezone.currentText()
        self.timezone.addItems(svc.time_zones())
        self.timezone.setCurrentText(current or "Asia/Shanghai")
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        texts = {
            "name": self.tr("Name:"), "platform": self.tr("Platform:"),
            "colour": self.tr("Colour:"), "currency": self.tr("Currency:"),
            "timezone": self.tr("Time zone:"), "reply": self.tr("Reply within:"),
            "hours": self.tr("Working hours:"), "channel": self.tr("Messages come from:"),
            "address": self.tr("Store address:"), "username": self.tr("User name:"),
            "password": self.tr("Password:"), "imap": self.tr("IMAP server (incoming):"),
            "mailbox": self.tr("Mailbox:"), "since": self.tr("Read mail:"),
            "smtp": self.tr("SMTP server (outgoing):"), "ca": self.tr("Own certificate authority:"),
        }
        for key, label in self.labels.items():
            label.setText(texts[key])
        for n, name in enumerate([self.tr("Mon"), self.tr("Tue"), self.tr("Wed"),
                                  self.tr("Thu"), self.tr("Fri"), self.tr("Sat"),
                                  self.tr("Sun")]):
            self.days[n].setText(name)
        names = {"": self.tr("No channel (orders and records only)"),
                 "email": self.tr("E-mail (IMAP and SMTP)"), "demo": self.tr("Demo customers")}
        for i in range(self.channel.count()):
            self.channel.setItemText(i, names[self.channel.itemData(i)])
        for i in range(self.platform.count()):
            self.platform.setItemText(i, platform_name(self.platform.itemData(i)))
        self.reply_target.setSuffix(self.tr(" min"))
        self.email_box.setTitle(self.tr("E-mail"))
        self.username.setPlaceholderText(self.tr("The address, if the server wants nothing else"))
        self.mailbox.setPlaceholderText("INBOX")
        self.since_on.setText(self.tr("only since"))
        self.mark_read.setText(self.tr("Mark fetched mail as read on the server "
                                       "(otherwise it is left untouched)"))
        self.ca_browse.setText(self.tr("Browse…"))
        self.ca_file.setPlaceholderText(self.tr("Only for a server with its own certificate"))
        self.add_button.setText(self.tr("Add store"))
        self.show_archived.setText(self.tr("Show archived stores"))
        self.test_button.setText(self.tr("Test connection"))
        self.save_button.setText(self.tr("Save"))
        no_keyring = self._filled and not self.credentials.persistent
        self.keyring_note.setText(self.tr(
            "There is no password store (keyring) on this computer: the password is kept "
            "only until ShopDesk closes, and ShopDesk asks for it again next time.")
            if no_keyring else "")
        self.keyring_note.setVisible(no_keyring)
        self._password_hint()
        self._archive_button_text()
        self._show_colour()

    # -- list ------------------------------------------------------------------------------

    def set_actor(self, agent: Agent | None) -> None:
        self.agent = agent
        why = denied(agent, Action.MANAGE_STORES)
        for widget in (self.add_button, self.archive_button, self.save_button,
                       self.test_button):
            widget.setEnabled(why is None)
            widget.setToolTip(why or "")

    def reload(self, keep: int | None = None) -> None:
        keep = keep if keep is not None else self.store_id
        with self.db.read_session() as session:
            q = select(Store).order_by(Store.archived, Store.id)
            if not self.show_archived.isChecked():
                q = q.where(Store.archived.is_(False))
            stores = list(session.scalars(q))
            states = {s.store_id: s for s in session.scalars(select(ChannelState))}
            rows = [(s.id, s.name, s.colour, s.archived, states.get(s.id)) for s in stores]
        self.list.blockSignals(True)
        self.list.clear()
        for sid, name, colour, archived, state in rows:
            text = name
            if archived:
                text += "  " + self.tr("(archived)")
            elif state is not None and not state.online:
                text += "  " + self.tr("(offline)")
            item = QListWidgetItem(colour_icon(colour), text)
            item.setData(Qt.ItemDataRole.UserRole, sid)
            if state is not None and state.error:
                item.setToolTip(translated(state.error))
            self.list.addItem(item)
        self.list.blockSignals(False)
        row = next((i for i, r in enumerate(rows) if r[0] == keep), 0 if rows else -1)
        if row >= 0:
            self.list.setCurrentRow(row)
            self._load_selected()
        else:
            self.new_store()

    def show_state(self, store_id: int, online: bool, reason: str) -> None:
        """The sync reached or lost a store: its line in the list, and the form's note."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == store_id:
                name = item.text().split("  ")[0]
                item.setText(name if online else name + "  " + self.tr("(offline)"))
                item.setToolTip("" if online else translated(reason))
        if store_id == self.store_id:
            with self.db.read_session() as session:
                self._show_state(session.get(ChannelState, store_id))

    def _load_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        with self.db.read_session() as session:
            store = session.get(Store, item.data(Qt.ItemDataRole.UserRole))
            if store is None:
                return
            form = svc.StoreForm.of(store)
            self.store_id, self.store_key, self.archived = store.id, store.key, store.archived
            state = session.get(ChannelState, store.id)
            self._show_state(state)
        self.fill(form)

    def _show_state(self, state: ChannelState | None) -> None:
        if state is None or self.store_id is None:
            self.state.clear()
        elif state.online:
            say(self.state, self.tr("Connected."), ok=True)
        else:
            say(self.state, self.tr("Offline: %1").replace("%1", translated(state.error or "")),
                ok=False)

    def new_store(self) -> None:
        self.store_id, self.store_key, self.archived = None, None, False
        self.list.blockSignals(True)
        self.list.clearSelection()
        self.list.setCurrentRow(-1)
        self.list.blockSignals(False)
        say(self.state, self.tr("A new store"))
        self.fill(svc.StoreForm(channel={"kind": "email"}))
        self.name.setFocus()

    # -- form ------------------------------------------------------------------------------

    def fill(self, form: svc.StoreForm) -> None:
        store_form.fill(self, form)

    def values(self) -> svc.StoreForm:
        return store_form.values(self)

    def _form_edited(self) -> None:
        """The form changed: what a test or a save said of it before no longer holds. A
        refusal shown is said again of the form as it is now (or goes)."""
        say(self.result, "")
        if self.error.text():
            self.error.setText(translated(" ".join(self.values().problems())))

    def _channel_changed(self) -> None:
        self.email_box.setVisible(self.channel.currentData() == "email")
        self.test_button.setVisible(bool(self.channel.currentData()))

    def _password_hint(self) -> None:
        has = bool(self.store_key and self.credentials.get(self.store_key, "password"))
        self.password.setPlaceholderText(
            self.tr("Saved in the keyring; type to change it") if has
            else self.tr("Kept in the keyring, never in the database"))

    def _archive_button_text(self) -> None:
        self.archive_button.setText(self.tr("Bring back") if getattr(self, "archived", False)
                                    else self.tr("Archive"))
        self.archive_button.setEnabled(self.store_id is not None
                                       and denied(self.agent, Action.MANAGE_STORES) is None)

    def _show_colour(self) -> None:
        self.colour.setText(self.colour_value)
        self.colour.setIcon(colour_icon(self.colour_value))

    def choose_colour(self) -> None:
        chosen = QColorDialog.getColor(QColor(self.colour_value), self, self.tr("Store colour"))
        if chosen.isValid():
            self.colour_value = chosen.name().upper()
            self._show_colour()
            self._form_edited()

    def _browse_ca(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, self.tr("Certificate authority"), "",
                                               self.tr("Certificates (*.pem *.crt *.cer)"))
        if path:
            self.ca_file.setText(path)

    # -- actions ---------------------------------------------------------------------------

    def save(self) -> bool:
        if self.agent is None:
            return False
        form = self.values()
        try:
            with self.db.transaction() as session:
                store = svc.save_store(session, session.get(Agent, self.agent.id), form,
                                       self.credentials, self.store_id)
                saved = store.id
        except ShopDeskError as exc:
            say(self.result, "")  # each problem said once: here, not also as a test's result
            self.error.setText(translated(str(exc)))
            return False
        self.error.clear()
        self.password.clear()
        self.store_id = saved
        self.reload(keep=saved)
        say(self.result, self.tr("Saved."), ok=True)
        self.changed.emit()
        return True

    def toggle_archived(self) -> None:
        if self.agent is None or self.store_id is None:
            return
        try:
            with self.db.transaction() as session:
                svc.set_archived(session, session.get(Agent, self.agent.id), self.store_id,
                                 not self.archived)
        except ShopDeskError as exc:
            self.error.setText(translated(str(exc)))
            return
        if not self.archived:
            self.show_archived.setChecked(True)  # keep the archived store in view
        self.reload(keep=self.store_id)
        self.changed.emit()

    def test_connection(self) -> None:
        if self.job is not None:
            return
        form, key = self.values(), self.store_key
        self.tested = form
        self.error.clear()  # the test's answer says what is missing, once
        say(self.result, self.tr("Testing the connection…"))
        self.test_button.setEnabled(False)
        self.job = Job(lambda _report: svc.test_connection(form, self.credentials, key))
        self.job.done.connect(self._tested)
        self.job.failed.connect(self._test_failed)  # a bound method: arrives on the GUI thread
        self.job.start()

    def _test_failed(self, text: str) -> None:
        self._tested([(False, text)])

    def _tested(self, results: list[tuple[bool, str]]) -> None:
        if self.job is not None:
            self.job.finish()
            self.job = None
        self.test_button.setEnabled(denied(self.agent, Action.MANAGE_STORES) is None)
        if self.values() != self.tested:  # the form changed meanwhile: the answer is of old
            say(self.result, "")           # settings
            return
        say(self.result, "\n".join(("✓ " if ok else "✗ ") + translated(text)
                                    for ok, text in results), ok=all(ok for ok, _t in results))
