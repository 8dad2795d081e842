"""Settings → Sending rules: per platform, the words a reply is checked for before it leaves
(极限词), the ordinary words that contain one, whether contact details are checked, and the
platform's own sites (services/presend_rules.py). The owner edits them; everyone may read."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shopdesk.db import Database
from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, Platform
from shopdesk.services import presend_rules as svc
from shopdesk.services.permissions import Action
from shopdesk.ui.forms import error_label, say
from shopdesk.ui.labels import platform_name
from shopdesk.ui.service_text import denied, translated


class PresendRulesPanel(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presendRulesPanel")
        self.db = db
        self.agent: Agent | None = None
        self.platform = QComboBox()
        self.platform.setObjectName("presendPlatform")
        for p in Platform:
            self.platform.addItem(platform_name(p.value), p.value)
        self.platform.currentIndexChanged.connect(lambda _i: self.load())
        self.platform_label = QLabel()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.words, self.allowed, self.domains = (QPlainTextEdit(), QPlainTextEdit(),
                                                  QPlainTextEdit())
        self.words.setObjectName("presendWords")
        self.allowed.setObjectName("presendAllowed")
        self.domains.setObjectName("presendDomains")
        self.words_label, self.allowed_label, self.domains_label = QLabel(), QLabel(), QLabel()
        for label in (self.words_label, self.allowed_label, self.domains_label):
            label.setWordWrap(True)
        self.contacts = QCheckBox()
        self.contacts.setObjectName("presendContacts")
        self.save_button = QPushButton()
        self.save_button.setObjectName("presendSave")
        self.save_button.clicked.connect(self.save)
        self.defaults_button = QPushButton()
        self.defaults_button.setObjectName("presendDefaults")
        self.defaults_button.clicked.connect(self.restore_defaults)
        self.message = QLabel()
        self.message.setObjectName("presendMessage")
        self.error = error_label("presendError")
        top = QHBoxLayout()
        top.addWidget(self.platform_label)
        top.addWidget(self.platform)
        top.addStretch(1)
        grid = QGridLayout()
        for column, (label, edit) in enumerate(((self.words_label, self.words),
                                                (self.allowed_label, self.allowed),
                                                (self.domains_label, self.domains))):
            grid.addWidget(label, 0, column)
            grid.addWidget(edit, 1, column)
            grid.setColumnStretch(column, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.defaults_button)
        buttons.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.intro)
        layout.addLayout(grid, 1)
        layout.addWidget(self.contacts)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self.retranslate()
        self.load()

    def current(self) -> str:
        return str(self.platform.currentData())

    def retranslate(self) -> None:
        self.platform_label.setText(self.tr("Platform:"))
        for i in range(self.platform.count()):
            self.platform.setItemText(i, platform_name(self.platform.itemData(i)))
        self.intro.setText(self.tr(
            "Before a reply leaves, it is checked against these rules and the agent is "
            "warned (and may send anyway). Leftover {variables} are always checked."))
        self.words_label.setText(self.tr("Forbidden words (one a line)"))
        self.allowed_label.setText(self.tr("Ordinary words that contain one (最近 holds 最)"))
        self.domains_label.setText(self.tr("The platform's own sites (links to them are fine)"))
        self.contacts.setText(self.tr(
            "Check for contact details: phone numbers, WeChat, QQ, e-mail, links to other sites"))
        self.save_button.setText(self.tr("Save"))
        self.defaults_button.setText(self.tr("Restore defaults"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_actor(self, agent: Agent | None) -> None:
        self.agent = agent
        why = denied(agent, Action.MANAGE_SETTINGS)
        for widget in (self.save_button, self.defaults_button):
            widget.setEnabled(why is None)
            widget.setToolTip(why or "")
        for edit in (self.words, self.allowed, self.domains):
            edit.setReadOnly(why is not None)
        self.contacts.setEnabled(why is None)
        self.load()

    def show_rules(self, rules: svc.Rules) -> None:
        self.words.setPlainText("\n".join(rules.words))
        self.allowed.setPlainText("\n".join(rules.allowed))
        self.domains.setPlainText("\n".join(rules.domains))
        self.contacts.setChecked(rules.contacts)

    def load(self) -> None:
        with self.db.read_session() as session:
            self.show_rules(svc.rules_for(session, self.current()))
        self.message.clear()
        self.error.clear()

    def restore_defaults(self) -> None:
        """Put the defaults in the boxes; Save keeps them."""
        self.show_rules(svc.default_rules(self.current()))
        say(self.message, self.tr("Defaults shown; Save keeps them."))

    def save(self) -> None:
        if self.agent is None:
            return
        try:
            with self.db.transaction() as session:
                actor = session.get(Agent, self.agent.id)
                svc.save(session, actor, self.current(), self.words.toPlainText(),
                         self.allowed.toPlainText(), self.contacts.isChecked(),
                         self.domains.toPlainText())
        except ShopDeskError as exc:
            self.error.setText(translated(str(exc)))
            return
        self.load()
        say(self.message, self.tr("Saved."), ok=True)
