"""Settings → Stores, the store's form: its e-mail channel's fields, the layout of the
list and the form, and the form filled from and read into a ``StoreForm``. The texts of
the labels are set by the panel (``StoresPanel.retranslate``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from shopdesk.services import stores as svc

if TYPE_CHECKING:
    from shopdesk.ui.stores_panel import StoresPanel


def email_widgets(panel: StoresPanel) -> None:
    """The e-mail channel's fields."""
    panel.email_box = QGroupBox()
    panel.email_box.setObjectName("emailSettings")
    panel.address, panel.username, panel.password = QLineEdit(), QLineEdit(), QLineEdit()
    panel.address.setObjectName("emailAddress")
    panel.username.setObjectName("emailUser")
    panel.password.setObjectName("emailPassword")
    panel.password.setEchoMode(QLineEdit.EchoMode.Password)
    panel.imap_host, panel.smtp_host = QLineEdit(), QLineEdit()
    panel.imap_host.setObjectName("imapHost")
    panel.smtp_host.setObjectName("smtpHost")
    panel.imap_port, panel.smtp_port = QSpinBox(), QSpinBox()
    panel.imap_port.setObjectName("imapPort")
    panel.smtp_port.setObjectName("smtpPort")
    panel.imap_security, panel.smtp_security = QComboBox(), QComboBox()
    panel.imap_security.setObjectName("imapSecurity")
    panel.smtp_security.setObjectName("smtpSecurity")
    for port, security, defaults in ((panel.imap_port, panel.imap_security, (993, 143)),
                                     (panel.smtp_port, panel.smtp_security, (465, 587))):
        port.setRange(1, 65535)
        security.addItem("TLS", "tls")
        security.addItem("STARTTLS", "starttls")
        security.currentIndexChanged.connect(
            lambda i, p=port, d=defaults: p.setValue(d[i]) if p.value() in d else None)
    panel.mailbox = QLineEdit()
    panel.mailbox.setObjectName("emailMailbox")
    panel.since_on = QCheckBox()
    panel.since_on.setObjectName("emailSinceOn")
    panel.since = QDateEdit()
    panel.since.setObjectName("emailSince")
    panel.since.setCalendarPopup(True)
    panel.since.setDisplayFormat("yyyy-MM-dd")
    panel.since_on.toggled.connect(panel.since.setEnabled)
    panel.mark_read = QCheckBox()
    panel.mark_read.setObjectName("emailMarkRead")
    panel.ca_file = QLineEdit()
    panel.ca_file.setObjectName("emailCaFile")
    panel.ca_browse = QPushButton()
    panel.ca_browse.clicked.connect(panel._browse_ca)
    panel.keyring_note = QLabel()
    panel.keyring_note.setObjectName("keyringNote")
    panel.keyring_note.setWordWrap(True)
    panel.keyring_note.setStyleSheet("color: #B45309")


def watch(panel: StoresPanel, edited: Callable[[], None]) -> None:
    """``edited`` runs whenever the user changes anything in the form."""
    for line in (panel.name, panel.address, panel.username, panel.password, panel.imap_host,
                 panel.smtp_host, panel.mailbox, panel.ca_file):
        line.textChanged.connect(lambda _t: edited())
    for combo in (panel.platform, panel.channel, panel.imap_security, panel.smtp_security):
        combo.currentIndexChanged.connect(lambda _i: edited())
    for text in (panel.currency, panel.timezone):
        text.currentTextChanged.connect(lambda _t: edited())
    for spin in (panel.reply_target, panel.imap_port, panel.smtp_port):
        spin.valueChanged.connect(lambda _v: edited())
    for edit in (panel.hours_start, panel.hours_end):
        edit.timeChanged.connect(lambda _t: edited())
    for box in (*panel.days, panel.since_on, panel.mark_read):
        box.toggled.connect(lambda _on: edited())
    panel.since.dateChanged.connect(lambda _d: edited())


def lay_out(panel: StoresPanel) -> None:
    """The list of stores on the left, the form (store, e-mail channel, buttons) beside it."""
    panel.store_form = QFormLayout()
    panel.labels = {}

    def row(key: str, widget: QWidget | QHBoxLayout, form: QFormLayout | None = None) -> None:
        label = QLabel()
        panel.labels[key] = label
        (form or panel.store_form).addRow(label, widget)

    colour_row = QHBoxLayout()
    colour_row.addWidget(panel.colour)
    colour_row.addStretch(1)
    hours = QHBoxLayout()
    hours.addWidget(panel.hours_start)
    hours.addWidget(QLabel("–"))
    hours.addWidget(panel.hours_end)
    for box in panel.days:
        hours.addWidget(box)
    hours.addStretch(1)
    row("name", panel.name)
    row("platform", panel.platform)
    row("colour", colour_row)
    row("currency", panel.currency)
    row("timezone", panel.timezone)
    row("reply", panel.reply_target)
    row("hours", hours)
    row("channel", panel.channel)
    email = QFormLayout(panel.email_box)
    imap = QHBoxLayout()
    imap.addWidget(panel.imap_host, 1)
    imap.addWidget(panel.imap_port)
    imap.addWidget(panel.imap_security)
    smtp = QHBoxLayout()
    smtp.addWidget(panel.smtp_host, 1)
    smtp.addWidget(panel.smtp_port)
    smtp.addWidget(panel.smtp_security)
    since = QHBoxLayout()
    since.addWidget(panel.since_on)
    since.addWidget(panel.since)
    since.addStretch(1)
    ca = QHBoxLayout()
    ca.addWidget(panel.ca_file, 1)
    ca.addWidget(panel.ca_browse)
    row("address", panel.address, email)
    row("username", panel.username, email)
    row("password", panel.password, email)
    email.addRow(panel.keyring_note)
    row("imap", imap, email)
    row("mailbox", panel.mailbox, email)
    row("since", since, email)
    email.addRow(panel.mark_read)
    row("smtp", smtp, email)
    row("ca", ca, email)
    buttons = QHBoxLayout()
    buttons.addWidget(panel.test_button)
    buttons.addStretch(1)
    buttons.addWidget(panel.save_button)
    editor = QWidget()
    editor_layout = QVBoxLayout(editor)
    editor_layout.addWidget(panel.state)
    editor_layout.addLayout(panel.store_form)
    editor_layout.addWidget(panel.email_box)
    editor_layout.addStretch(1)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(editor)
    right = QVBoxLayout()  # what the form says and its buttons stay in view below it
    right.addWidget(scroll, 1)
    right.addWidget(panel.result)
    right.addWidget(panel.error)
    right.addLayout(buttons)
    left = QVBoxLayout()
    left.addWidget(panel.list, 1)
    left.addWidget(panel.show_archived)
    left_buttons = QHBoxLayout()
    left_buttons.addWidget(panel.add_button)
    left_buttons.addWidget(panel.archive_button)
    left.addLayout(left_buttons)
    layout = QHBoxLayout(panel)
    layout.addLayout(left)
    layout.addLayout(right, 1)


def fill(panel: StoresPanel, form: svc.StoreForm) -> None:
    """The form shows ``form``."""
    panel.name.setText(form.name)
    panel.platform.setCurrentIndex(max(0, panel.platform.findData(form.platform)))
    panel.colour_value = form.colour
    panel._show_colour()
    panel.currency.setCurrentText(form.currency)
    panel.timezone.setCurrentText(form.timezone)
    panel.reply_target.setValue(int(form.reply_target_minutes))
    panel.hours_start.setTime(QTime.fromString(form.hours_start, "HH:mm"))
    panel.hours_end.setTime(QTime.fromString(form.hours_end, "HH:mm"))
    for n, box in enumerate(panel.days):
        box.setChecked(n in form.days)
    c = form.channel
    panel.channel.setCurrentIndex(max(0, panel.channel.findData(c.get("kind", ""))))
    panel.address.setText(c.get("address", ""))
    panel.username.setText(c.get("username", ""))
    panel.password.clear()
    panel.imap_host.setText(c.get("imap_host", ""))
    panel.imap_security.setCurrentIndex(max(0, panel.imap_security.findData(
        c.get("imap_security", "tls"))))
    panel.imap_port.setValue(int(c.get("imap_port", 993)))
    panel.mailbox.setText(c.get("mailbox", "INBOX"))
    since = c.get("since", "")
    panel.since_on.setChecked(bool(since))
    panel.since.setEnabled(bool(since))
    panel.since.setDate(QDate.fromString(since, "yyyy-MM-dd") if since
                       else QDate.currentDate().addMonths(-1))
    panel.mark_read.setChecked(bool(c.get("mark_read", False)))
    panel.smtp_host.setText(c.get("smtp_host", ""))
    panel.smtp_security.setCurrentIndex(max(0, panel.smtp_security.findData(
        c.get("smtp_security", "tls"))))
    panel.smtp_port.setValue(int(c.get("smtp_port", 465)))
    panel.ca_file.setText(c.get("ca_file", ""))
    panel.result.clear()
    panel.error.clear()
    panel._channel_changed()
    panel._password_hint()
    panel._archive_button_text()


def values(panel: StoresPanel) -> svc.StoreForm:
    """What the form holds."""
    kind = panel.channel.currentData()
    channel: dict = {"kind": kind} if kind else {}
    if kind == "email":
        channel.update({
            "address": panel.address.text().strip(), "username": panel.username.text().strip(),
            "imap_host": panel.imap_host.text().strip(), "imap_port": panel.imap_port.value(),
            "imap_security": panel.imap_security.currentData(),
            "mailbox": panel.mailbox.text().strip() or "INBOX",
            "since": panel.since.date().toString("yyyy-MM-dd")
            if panel.since_on.isChecked() else "",
            "mark_read": panel.mark_read.isChecked(),
            "smtp_host": panel.smtp_host.text().strip(), "smtp_port": panel.smtp_port.value(),
            "smtp_security": panel.smtp_security.currentData(),
            "ca_file": panel.ca_file.text().strip()})
    secrets = {"password": panel.password.text()} if panel.password.text() else {}
    return svc.StoreForm(
        name=panel.name.text().strip(), platform=panel.platform.currentData(),
        colour=panel.colour_value, currency=panel.currency.currentText().strip().upper(),
        timezone=panel.timezone.currentText().strip(),
        reply_target_minutes=panel.reply_target.value(),
        hours_start=panel.hours_start.time().toString("HH:mm"),
        hours_end=panel.hours_end.time().toString("HH:mm"),
        days=[n for n, box in enumerate(panel.days) if box.isChecked()],
        channel=channel, secrets=secrets)
