"""One complaint ticket: its facts, the actions it allows now, and its timeline. The same
panel is the Complaints page's detail pane (a single click) and, in a window of its own,
the ticket opened by a double click."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from shopdesk.db import Database
from shopdesk.errors import ConfirmationNeeded, ShopDeskError
from shopdesk.models import Agent
from shopdesk.models.enums import Role, Severity
from shopdesk.money import format_money, parse_amount
from shopdesk.services import complaint_actions, complaint_view
from shopdesk.services.agents import active_agents, all_agents
from shopdesk.services.permissions import Action, PermissionDenied
from shopdesk.ui.complaint_story import describe, local_time, render_timeline
from shopdesk.ui.confirm import confirm_payment
from shopdesk.ui.forms import error_label, show_hint
from shopdesk.ui.labels import complaint_action_label, severity_label
from shopdesk.ui.service_text import denied, translated

ACTIONS = ("start", "assign", "severity", "escalate", "resolve", "close", "reopen", "note")
__all__ = ["ComplaintDialog", "ComplaintPanel", "local_time"]


class ComplaintPanel(QWidget):
    """Work one ticket: its facts, the allowed actions, the timeline."""

    changed = Signal(int)  # the complaint's id
    openConversation = Signal(int)  # noqa: N815

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("complaintPanel")
        self.db = db
        self.agent: Agent | None = None
        self.complaint_id: int | None = None
        self.view: complaint_view.ComplaintView | None = None
        self.confirmation: QMessageBox | None = None
        self.header = QLabel()
        self.header.setObjectName("complaintHeader")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.header.linkActivated.connect(self._link)
        self.note = QPlainTextEdit()
        self.note.setObjectName("complaintNote")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(48)
        self.resolution = QPlainTextEdit()
        self.resolution.setObjectName("complaintResolution")
        self.resolution.setTabChangesFocus(True)
        self.resolution.setMaximumHeight(48)
        self.compensation = QLineEdit()
        self.compensation.setObjectName("complaintCompensation")
        # the owner's words, asked for when the compensation comes to more than the order paid
        self.owner_words = QLineEdit()
        self.owner_words.setObjectName("complaintConfirmation")
        self.owner_words.setVisible(False)
        self.over_limit = False  # the last resolve was above this agent's limit: ask the owner
        self.assignee = QComboBox()
        self.assignee.setObjectName("complaintAssignee")
        self.new_severity = QComboBox()
        self.new_severity.setObjectName("complaintNewSeverity")
        for s in Severity:
            self.new_severity.addItem(severity_label(s), s.value)
        self.form = QWidget()
        form = QFormLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        self.labels = [QLabel() for _ in range(2)]
        form.addRow(self.note)  # the boxes say what they are for (placeholder text)
        form.addRow(self.resolution)
        form.addRow(self.labels[0], self.compensation)
        form.addRow(self.owner_words)
        row = QHBoxLayout()
        row.addWidget(self.assignee, 1)
        row.addWidget(self.new_severity, 1)
        form.addRow(self.labels[1], row)
        self.actions_bar = QWidget()
        self.actions_bar.setObjectName("complaintActions")
        self.bar = QGridLayout(self.actions_bar)  # the allowed actions, three a row
        self.bar.setContentsMargins(0, 0, 0, 0)
        self.bar.setAlignment(Qt.AlignmentFlag.AlignLeft)
        self.buttons: dict[str, QPushButton] = {}
        for action in ACTIONS:
            button = QPushButton()
            button.setObjectName(f"complaint_{action}")
            button.clicked.connect(lambda _c=False, a=action: self.act(a))
            self.buttons[action] = button
        self.ask_owner = QPushButton(self.actions_bar)
        self.ask_owner.setObjectName("complaintAskOwner")
        self.ask_owner.setVisible(False)
        self.ask_owner.clicked.connect(self._ask_owner)
        self.error = error_label("complaintError")
        self.compensation.textChanged.connect(self.error.clear)  # a new amount: a new answer
        self.timeline = QTextBrowser()
        self.timeline.setObjectName("complaintTimeline")
        facts = QVBoxLayout()
        facts.addWidget(self.header)
        facts.addWidget(self.error)
        facts.addStretch(1)
        work = QVBoxLayout()
        work.addWidget(self.form)
        work.addWidget(self.actions_bar)
        work.addStretch(1)
        layout = QHBoxLayout(self)  # facts · what the agent does · what happened
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(facts, 4)
        layout.addLayout(work, 4)
        layout.addWidget(self.timeline, 3)
        self.retranslate()

    def retranslate(self) -> None:
        self.note.setPlaceholderText(self.tr("Note (for escalation and the timeline)"))
        self.resolution.setPlaceholderText(self.tr("Resolution: how it was put right"))
        for label, text in zip(self.labels, (self.tr("Compensation:"),
                                             self.tr("Agent · severity:")), strict=True):
            label.setText(text)
        for action, button in self.buttons.items():
            button.setText(complaint_action_label(action))
        for i in range(self.new_severity.count()):
            self.new_severity.setItemText(i, severity_label(self.new_severity.itemData(i)))
        self.owner_words.setPlaceholderText(self.tr(
            "Confirmation: why the shop pays more than the order paid"))
        self.ask_owner.setText(self.tr("Ask the owner"))
        self.ask_owner.setToolTip(self.tr("Assign the ticket to the owner, who can approve "
                                          "above your refund limit."))
        self.timeline_hint = (self.tr(
            "The timeline of the chosen ticket shows here: who did what and when."))
        self.show_complaint(self.complaint_id)

    def _fill_agents(self) -> None:
        current = self.assignee.currentData()
        self.assignee.clear()
        self.assignee.addItem(self.tr("(nobody)"), None)
        with self.db.read_session() as session:
            for a in active_agents(session):
                self.assignee.addItem(a.name, a.id)
            self.agent_names = {a.id: a.name for a in all_agents(session)}
        self.assignee.setCurrentIndex(max(0, self.assignee.findData(current)))

    def show_complaint(self, complaint_id: int | None, message: str = "") -> None:
        """Show the ticket as it is now: what an action said before (its refusal, the
        questions a refused resolve asked) goes, whoever did what since."""
        another = complaint_id != self.complaint_id
        self.complaint_id = complaint_id
        self.error.setText(message)
        self.view = None
        if complaint_id is not None:
            try:
                with self.db.read_session() as session:
                    self.view = complaint_view.view(session, complaint_id)
            except ShopDeskError:
                self.header.setText(self.tr("This ticket no longer exists."))
        else:
            self.header.setText(self.tr("Choose a ticket in the list to see it here; "
                                        "double-click opens it in a window of its own."))
        if another or self.view is None or "resolve" not in self.view.actions:
            self._forget_resolve()  # another ticket, or resolving is done or no longer possible
        has = self.view is not None
        self.form.setVisible(has)
        self.actions_bar.setVisible(has)
        if self.view is None:
            show_hint(self.timeline, self.timeline_hint)
            return
        v = self.view
        self._fill_agents()
        self.header.setText(describe(v))
        self.compensation.setPlaceholderText(v.currency)
        self.assignee.setCurrentIndex(max(0, self.assignee.findData(v.assignee_id)))
        self.new_severity.setCurrentIndex(self.new_severity.findData(v.severity.value))
        why = denied(self.agent, Action.HANDLE_CASES)
        for button in (*self.buttons.values(), self.ask_owner):
            self.bar.removeWidget(button)
        # Every action has its own place, whatever else is allowed now: a button never moves
        # under the pointer when the ticket's state changes (解决 after 开始处理 stays put).
        for n, (action, button) in enumerate(self.buttons.items()):
            button.setVisible(action in v.actions)
            button.setEnabled(why is None)
            button.setToolTip(why or "")
            if action in v.actions:
                self.bar.addWidget(button, n // 3, n % 3)
        self._show_ask_owner(len(ACTIONS))
        self.timeline.setHtml(render_timeline(v, self.agent_names))

    def _forget_resolve(self) -> None:
        """The questions of a refused resolve (the owner's words, asking the owner) go."""
        self.over_limit = False
        self.owner_words.clear()
        self.owner_words.setVisible(False)

    def _show_ask_owner(self, n: int) -> None:
        """"Ask the owner" after a resolve above this agent's limit, while the ticket is open
        and not yet the owner's."""
        v, agent = self.view, self.agent
        applies = (v is not None and agent is not None and self.over_limit
                   and agent.role != Role.OWNER and "assign" in v.actions
                   and denied(agent, Action.HANDLE_CASES) is None)
        if applies:
            self.bar.addWidget(self.ask_owner, n // 3, n % 3)
        self.ask_owner.setVisible(applies)

    def _ask_owner(self) -> None:
        if self.view is None or self.agent is None:
            return
        v = self.view
        note = self.note.toPlainText().strip()
        if not note and self.compensation.text().strip():  # what the agent proposes
            note = self.tr("Proposed compensation: %1").replace(
                "%1", self.compensation.text().strip())
            if self.resolution.toPlainText().strip():
                note += "\n" + self.resolution.toPlainText().strip()
        try:
            with self.db.transaction() as session:
                complaint_actions.ask_owner(session, session.get(Agent, self.agent.id), v.id,
                                            v.version,
                                            note)
        except ShopDeskError as exc:
            self.error.setText(translated(str(exc)))
            return
        self.over_limit = False
        self.note.clear()
        self.show_complaint(v.id, self.tr("The ticket is now with the owner."))
        self.changed.emit(v.id)

    def _link(self, target: str) -> None:
        if target.startswith("conversation:"):
            self.openConversation.emit(int(target.split(":", 1)[1]))

    def act(self, action: str) -> None:
        if self.view is None or self.agent is None:
            return
        change = complaint_actions.Change(action, note=self.note.toPlainText(),
                                          resolution=self.resolution.toPlainText(),
                                          confirmation=self.owner_words.text()
                                          if action == "resolve" else "")
        try:
            if action == "assign":
                change.assignee_id = self.assignee.currentData()
            elif action == "severity":
                change.severity = Severity(self.new_severity.currentData())
            elif action == "resolve" and self.compensation.text().strip():
                change.compensation_minor = parse_amount(self.compensation.text(),
                                                         self.view.currency)
        except ShopDeskError as exc:
            self.error.setText(translated(str(exc)))
            return
        if change.compensation_minor:  # money leaves the shop: say how much, and to whom
            try:  # but first the rules, so that only an amount the shop pays is asked about
                with self.db.read_session() as session:
                    complaint_actions.check(session, session.get(Agent, self.agent.id),
                                            self.view.id,
                                            self.view.version, change)
            except ShopDeskError as exc:
                self._refused(change, exc)
                return
            v = self.view
            text = self.tr("Pay %1 to %2 as compensation for %3?").replace(
                "%1", format_money(change.compensation_minor, v.currency)).replace(
                "%2", v.customer_name).replace("%3", v.number)
            self.confirmation = confirm_payment(self, text, lambda: self.apply(change))
            return
        self.apply(change)

    def apply(self, change: complaint_actions.Change) -> None:
        if self.view is None or self.agent is None:
            return
        try:
            with self.db.transaction() as session:
                complaint_actions.update(session, session.get(Agent, self.agent.id), self.view.id,
                                         self.view.version, change)
        except ShopDeskError as exc:
            self._refused(change, exc)
            return
        self.note.clear()
        if change.action == "resolve":
            self.resolution.clear()
            self.compensation.clear()
        self.show_complaint(self.view.id)
        self.changed.emit(self.view.id if self.view else 0)

    def _refused(self, change: complaint_actions.Change, exc: ShopDeskError) -> None:
        """Show why the service refused; a resolve refused for the money it pays offers the
        way on: an agent asks the owner, the owner writes the confirmation."""
        self.error.setText(translated(str(exc)))
        v, grown = self.view, change.compensation_minor
        if change.action != "resolve" or v is None or self.agent is None or not grown \
                or grown <= (v.compensation_minor or 0):
            return
        if isinstance(exc, PermissionDenied) and self.agent.role != Role.OWNER:
            self.over_limit = True
            self.bar.removeWidget(self.ask_owner)
            self._show_ask_owner(self.bar.count())
        elif isinstance(exc, ConfirmationNeeded) and self.agent.role == Role.OWNER:
            self.owner_words.setVisible(True)  # more than the order paid: the owner's words
            self.owner_words.setFocus()


class ComplaintDialog(QDialog):
    """A ticket in a window of its own (one window per ticket; see ComplaintsPage)."""

    def __init__(self, db: Database, agent: Agent | None, complaint_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("complaintDialog")
        self.complaint_id = complaint_id
        self.panel = ComplaintPanel(db)
        self.panel.agent = agent
        self.panel.show_complaint(complaint_id)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(close)
        self.panel.changed.connect(lambda _id: self._title())
        self._title()
        self.resize(980, 600)

    def _title(self) -> None:
        number = self.panel.view.number if self.panel.view else ""
        self.setWindowTitle(self.tr("Complaint %1").replace("%1", number))
