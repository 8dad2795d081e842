"""One return case: its facts, the next steps the state machine allows (as buttons), and
its timeline with photos."""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import (
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from shopdesk.db import Database
from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, ReturnCase
from shopdesk.models.enums import ReturnKind, Role
from shopdesk.money import format_money
from shopdesk.services import return_case_view, return_photos, return_steps
from shopdesk.times import to_local
from shopdesk.ui.forms import error_label, show_hint
from shopdesk.ui.i18n import listed
from shopdesk.ui.images import image_viewer
from shopdesk.ui.labels import return_kind_label, return_reason_label, return_state_label
from shopdesk.ui.return_step import StepDialog, step_label
from shopdesk.ui.service_text import translated

THUMB = 96


def local_time(when: datetime | None) -> str:
    return f"{to_local(when):%Y-%m-%d %H:%M}" if when else ""


class CasePanel(QWidget):
    """One case: facts, the next steps as buttons, and the timeline."""

    changed = Signal()
    openConversation = Signal(int)  # noqa: N815

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("casePanel")
        self.db = db
        self.agent: Agent | None = None
        self.view: return_case_view.CaseView | None = None
        self.header = QLabel()
        self.header.setObjectName("caseHeader")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.linkActivated.connect(self._link)
        self.steps_bar = QWidget()
        self.steps_bar.setObjectName("caseSteps")
        self.steps_layout = QHBoxLayout(self.steps_bar)
        self.steps_layout.setContentsMargins(0, 0, 0, 0)
        self.steps_layout.setAlignment(Qt.AlignmentFlag.AlignLeft)
        self.blocked = QLabel()
        self.blocked.setObjectName("caseBlocked")
        self.blocked.setWordWrap(True)
        self.blocked.setStyleSheet("color: #B45309")
        self.ask_owner = QPushButton()
        self.ask_owner.setObjectName("askOwnerButton")
        self.ask_owner.clicked.connect(self._ask_owner)
        self.message = error_label("caseMessage")
        self.timeline = QTextBrowser()
        self.timeline.setObjectName("caseTimeline")
        self.timeline.setOpenLinks(False)
        self.timeline.anchorClicked.connect(lambda url: self._link(url.toString()))
        facts = QVBoxLayout()
        facts.addWidget(self.header)
        facts.addWidget(self.steps_bar)
        row = QHBoxLayout()
        row.addWidget(self.blocked, 1)
        row.addWidget(self.ask_owner)
        facts.addLayout(row)
        facts.addWidget(self.message)
        facts.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(facts, 1)
        layout.addWidget(self.timeline, 1)
        self.step_buttons: dict[str, QPushButton] = {}
        self.retranslate()
        self.show_case(None)

    def retranslate(self) -> None:
        self.timeline_hint = (self.tr(
            "The timeline of the chosen case shows here: who did what and when, with the "
            "amounts, tracking numbers and photos."))
        self.ask_owner.setText(self.tr("Ask the owner"))
        self.ask_owner.setToolTip(self.tr("Assign the case to the owner, who can approve "
                                          "above your refund limit."))
        if self.view is not None:
            self.show_case(self.view.case_id)

    def show_case(self, case_id: int | None, message: str = "") -> None:
        self.message.setText(message)
        for button in self.step_buttons.values():
            button.hide()  # at once: deleteLater waits for the event loop
            button.deleteLater()
        self.step_buttons = {}
        self.blocked.clear()
        self.ask_owner.setVisible(False)
        if case_id is None:
            self.view = None
            self.header.setText(self.tr("Choose a case in the list."))
            show_hint(self.timeline, self.timeline_hint)
            return
        with self.db.read_session() as session:
            case = session.get(ReturnCase, case_id)
            if case is None:
                self.view = None
                self.header.setText(self.tr("This case no longer exists."))
                show_hint(self.timeline, self.timeline_hint)
                return
            self.view = return_case_view.case_view(session, case_id)
            agent = session.get(Agent, self.agent.id) if self.agent else None
            steps = return_steps.steps(case, agent)
        v = self.view
        self.header.setText(self.describe(v))
        for step in steps:
            button = QPushButton(step_label(step.action))
            button.setObjectName(f"step_{step.action}")
            button.setEnabled(step.blocked is None)
            if step.blocked:
                button.setToolTip(self._why(step))
            button.clicked.connect(lambda _c=False, s=step: self.take(s))
            self.steps_layout.addWidget(button)
            self.step_buttons[step.action] = button
        limited = next((s for s in steps if s.over_limit), None)
        if steps and all(s.blocked for s in steps):
            self.blocked.setText(self._why(steps[0]))
        elif limited is not None:
            self.blocked.setText(self._why(limited))
        self.ask_owner.setVisible(limited is not None)
        self.timeline.setHtml(self.render_timeline(v))

    def _why(self, step: return_steps.Step) -> str:
        """Why a step is refused, in the interface's language."""
        if self.agent is not None and self.agent.role == Role.BOOKKEEPER:
            return translated("A bookkeeper sees returns but does not change them.")
        return translated(step.blocked or "")

    def describe(self, v: return_case_view.CaseView) -> str:
        money = [self.tr("requested %1").replace("%1", format_money(v.requested_minor,
                                                                    v.currency))]
        if v.approved_minor is not None:
            money.append(self.tr("approved %1").replace("%1", format_money(v.approved_minor,
                                                                           v.currency)))
        if v.refunded_minor is not None:
            money.append(self.tr("refunded %1").replace("%1", format_money(v.refunded_minor,
                                                                           v.currency)))
        items = listed(f"{html.escape(title)} × {qty}" for _sku, title, qty in v.items)
        lines = [
            f"<span style='font-size:15pt'><b>{v.number}</b></span> · "
            f"{html.escape(return_state_label(v.state))} · "
            f"{html.escape(return_kind_label(v.kind))}",
            f"{html.escape(v.customer_name)} · {html.escape(v.store_name)} · "
            + self.tr("order %1").replace("%1", html.escape(v.order_no)),
            html.escape(return_reason_label(v.reason))
            + (f" — {html.escape(v.reason_text)}" if v.reason_text else ""),
            items, " · ".join(money),
        ]
        if v.replacement:
            lines.append(self.tr("Replacement: %1").replace("%1", html.escape(v.replacement)))
        if v.kind != ReturnKind.REFUND_ONLY:
            lines.append(self.tr("Return shipping paid by the shop") if v.shipping_payer ==
                         "shop" else self.tr("Return shipping paid by the customer"))
        if v.deadline is not None:
            due = self.tr("Next deadline: %1").replace("%1", local_time(v.deadline))
            overdue = self.tr("overdue")
            lines.append(f"<span style='color:#B91C1C'><b>{due} · {overdue}</b></span>"
                         if v.overdue else due)
        lines.append(self.tr("Assigned to %1").replace("%1", html.escape(v.assignee))
                     if v.assignee else self.tr("Not assigned"))
        if v.conversation_id is not None:
            link = self.tr("Open the conversation")
            lines.append(f"<a href='conversation:{v.conversation_id}'>{link}</a>")
        return "<br>".join(lines)

    def render_timeline(self, v: return_case_view.CaseView) -> str:
        parts = []
        for e in v.timeline:
            bits = [f"<b>{html.escape(return_state_label(e.state))}</b>"]
            if e.amount_minor is not None:
                bits.append(format_money(e.amount_minor, v.currency))
            if e.carrier or e.tracking_no:
                bits.append(html.escape(" ".join(x for x in (e.carrier, e.tracking_no) if x)))
            head = " · ".join(bits)
            who = html.escape(e.by) if e.by else ""
            body = (f"<br>{html.escape(e.note)}".replace("\n", "<br>") if e.note else "")
            for pid in e.photo_ids:
                self._load_photo(pid)
                body += (f" <a href='photo:{pid}'><img src='photo:{pid}' "
                         f"height='{THUMB}'></a>")
            parts.append(f"<p><span style='color:#6B7280'>{local_time(e.at)} {who}</span><br>"
                         f"{head}{body}</p>")
        return "".join(reversed(parts))  # newest first

    def _load_photo(self, photo_id: int) -> None:
        document = self.timeline.document()
        url = QUrl(f"photo:{photo_id}")
        if not document.resource(QTextDocument.ResourceType.ImageResource, url):
            with self.db.read_session() as session:
                _name, _mime, data = return_photos.photo_data(session, photo_id)
            document.addResource(QTextDocument.ResourceType.ImageResource, url,
                                 QImage.fromData(data))

    def _link(self, target: str) -> None:
        if target.startswith("photo:"):
            with self.db.read_session() as session:
                _name, _mime, data = return_photos.photo_data(session, int(target.split(":", 1)[1]))
            self.viewer = image_viewer(self, data)
        elif target.startswith("conversation:"):
            self.openConversation.emit(int(target.split(":", 1)[1]))

    def take(self, step: return_steps.Step) -> None:
        if self.view is None or self.agent is None:
            return
        dialog = StepDialog(self.db, self.agent, self.view, step, self)
        self.dialog = dialog
        dialog.finished.connect(lambda _r: self._after(dialog))
        dialog.open()

    def _after(self, dialog: StepDialog) -> None:
        if dialog.applied or dialog.stale:
            case_id = self.view.case_id if self.view else None
            self.changed.emit()
            self.show_case(case_id, "" if dialog.applied else dialog.error.text())

    def _ask_owner(self) -> None:
        if self.view is None or self.agent is None:
            return
        try:
            with self.db.transaction() as session:
                return_steps.ask_owner(session, session.get(Agent, self.agent.id),
                                       self.view.case_id,
                                       self.view.version)
        except ShopDeskError as exc:
            self.show_case(self.view.case_id, translated(str(exc)))
            return
        case_id = self.view.case_id
        self.changed.emit()  # the board reloads (and shows the case again)
        self.show_case(case_id, self.tr("The case is now with the owner."))
