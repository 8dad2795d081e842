"""The Returns page: the board of cases (overdue in red, at the top), filters, and the case
panel with its timeline and, as buttons, only the next steps the state machine allows."""

from __future__ import annotations

import html
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QImage, QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from shopdesk.db import Database
from shopdesk.errors import ShopDeskError, StaleDataError
from shopdesk.models import Agent, ReturnCase, Store
from shopdesk.models.enums import ReturnKind, ReturnReason, Role
from shopdesk.money import format_money, format_plain, parse_amount
from shopdesk.services import return_cases as svc
from shopdesk.services.agents import active_agents
from shopdesk.services.permissions import Action, can
from shopdesk.times import to_local, utcnow
from shopdesk.ui.forms import error_label, ok_cancel
from shopdesk.ui.i18n import current_language
from shopdesk.ui.images import choose_images, image_viewer, read_image
from shopdesk.ui.labels import return_kind_label, return_reason_label, return_state_label
from shopdesk.ui.page import Page
from shopdesk.ui.service_text import denied, translated
from shopdesk.ui.table_model import RowsModel, row_table

THUMB = 96
RED = QColor("#B91C1C")


def _local(when: datetime | None) -> str:
    return f"{to_local(when):%Y-%m-%d %H:%M}" if when else ""


class BoardModel(RowsModel):

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[svc.BoardRow] = []
        self.now = utcnow()

    def set_rows(self, rows: list[svc.BoardRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.now = utcnow()
        self.endResetModel()

    def headers(self) -> list[str]:
        return [self.tr("Case"), self.tr("State"), self.tr("Kind"), self.tr("Customer"),
                self.tr("Store"), self.tr("Order"), self.tr("Amount"), self.tr("Age"),
                self.tr("Next deadline")]

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return r.number
            if col == 1:
                return return_state_label(r.state)
            if col == 2:
                return return_kind_label(r.kind)
            if col == 3:
                return r.customer_name
            if col == 4:
                return r.store_name
            if col == 5:
                return r.order_no
            if col == 6:
                return format_money(r.amount_minor, r.currency)
            if col == 7:
                days = (self.now - r.created_at).days
                return self.tr("%1 d", "age in days").replace("%1", str(days))
            if col == 8:
                if r.deadline is None:
                    return ""
                text = _local(r.deadline)
                return self.tr("%1 (overdue)").replace("%1", text) if r.overdue else text
        if role == Qt.ItemDataRole.ForegroundRole and r.overdue:
            return QBrush(RED)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 6:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == 3 and r.assignee:
            return self.tr("Assigned to %1").replace("%1", r.assignee)
        if role == Qt.ItemDataRole.UserRole:
            return r.case_id
        return None


class StepDialog(QDialog):
    """One step on a case: the fields it needs and the customer message it can send."""

    def __init__(self, db: Database, agent: Agent, view: svc.CaseView, step: svc.Step,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("returnStepDialog")
        self.db, self.agent, self.view, self.step = db, agent, view, step
        self.setWindowTitle(step_label(step.action) + " · " + view.number)
        form = QFormLayout()
        self.amount = QLineEdit()
        self.amount.setObjectName("stepAmount")
        self.carrier = QLineEdit()
        self.carrier.setObjectName("stepCarrier")
        self.tracking = QLineEdit()
        self.tracking.setObjectName("stepTracking")
        self.note = QPlainTextEdit()
        self.note.setObjectName("stepNote")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(80)
        self.photos: list[tuple[str, str, bytes]] = []
        self.photo_list = QListWidget()
        self.photo_list.setMaximumHeight(50)
        add_photo = QPushButton(self.tr("Add photos…"))
        add_photo.clicked.connect(self._add_photos)
        if svc.StepField.AMOUNT in step.needs:
            default = view.requested_minor if step.action == "approve" else (
                view.approved_minor or view.requested_minor)
            self.amount.setText(format_plain(default, view.currency))
            form.addRow(self.tr("Amount (%1):").replace("%1", view.currency), self.amount)
        if svc.StepField.TRACKING in step.needs:
            form.addRow(self.tr("Carrier:"), self.carrier)
            form.addRow(self.tr("Tracking number:"), self.tracking)
        note_label = (self.tr("Reason (the customer sees it):")
                      if step.action in svc.NOTE_REQUIRED else self.tr("Note:"))
        form.addRow(note_label, self.note)
        photos = QHBoxLayout()
        photos.addWidget(self.photo_list, 1)
        photos.addWidget(add_photo)
        form.addRow(self.tr("Photos:"), photos)
        self.send = QCheckBox(self.tr("Send a message to the customer"))
        self.send.setObjectName("stepSendMessage")
        self.message = QPlainTextEdit()
        self.message.setObjectName("stepMessage")
        self.message.setTabChangesFocus(True)
        self.fill = QPushButton(self.tr("Fill in from the template"))
        self.fill.clicked.connect(self.fill_message)
        has_conversation = view.conversation_id is not None
        self.send.setEnabled(has_conversation)
        self.send.setChecked(False)
        self.message.setEnabled(False)
        self.fill.setEnabled(False)
        self.send.toggled.connect(self._toggle_message)
        if not has_conversation:
            self.send.setToolTip(self.tr("This case has no conversation to write to."))
        self.error = error_label("stepError")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.send)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.fill)
        layout.addWidget(self.message)
        layout.addLayout(row)
        layout.addWidget(self.error)
        buttons = ok_cancel(self)
        buttons.accepted.disconnect()
        buttons.accepted.connect(self.apply)
        layout.addWidget(buttons)
        self.resize(520, 460)
        self.applied = False
        self.stale = False

    def _toggle_message(self, on: bool) -> None:
        self.message.setEnabled(on)
        self.fill.setEnabled(on)
        if on and not self.message.toPlainText().strip():
            self.fill_message()

    def fill_message(self) -> None:
        amount = self._amount_or_none()
        with self.db.read_session() as session:
            case = session.get(ReturnCase, self.view.case_id)
            assert case is not None
            text = svc.customer_message(
                session, case, self.step.action, amount_minor=amount,
                carrier=self.carrier.text().strip(), tracking_no=self.tracking.text().strip(),
                note=self.note.toPlainText().strip())
        self.message.setPlainText(text)

    def _amount_or_none(self) -> int | None:
        if svc.StepField.AMOUNT not in self.step.needs:
            return None
        try:
            return parse_amount(self.amount.text(), self.view.currency)
        except ShopDeskError:
            return None

    def _add_photos(self) -> None:
        for path in choose_images(self):
            try:
                self.photos.append(read_image(path))
            except OSError as exc:
                self.error.setText(f"{path.name}: {exc.strerror}")
                return
            self.photo_list.addItem(path.name)

    def step_input(self) -> svc.StepInput:
        amount = None
        if svc.StepField.AMOUNT in self.step.needs:
            amount = parse_amount(self.amount.text(), self.view.currency)
        return svc.StepInput(
            self.step.action, amount_minor=amount, carrier=self.carrier.text(),
            tracking_no=self.tracking.text(), note=self.note.toPlainText(),
            photos=list(self.photos),
            customer_message=self.message.toPlainText() if self.send.isChecked() else "")

    def apply(self) -> None:
        try:
            data = self.step_input()
            with self.db.transaction() as session:
                svc.take_step(session, session.get(Agent, self.agent.id), self.view.case_id,
                              self.view.version, data)
        except StaleDataError as exc:
            self.error.setText(translated(str(exc)))
            self.stale = True
            return
        except ShopDeskError as exc:
            self.error.setText(translated(str(exc)))
            return
        self.applied = True
        self.accept()


def step_label(action: str) -> str:
    return {
        "approve": QCoreApplication.translate("Steps", "Approve"),
        "reject": QCoreApplication.translate("Steps", "Reject"),
        "cancel": QCoreApplication.translate("Steps", "Cancel case"),
        "await_return": QCoreApplication.translate("Steps", "Ask to send back"),
        "record_tracking": QCoreApplication.translate("Steps", "Record buyer's tracking"),
        "mark_received": QCoreApplication.translate("Steps", "Mark received and inspected"),
        "refund": QCoreApplication.translate("Steps", "Refund"),
        "ship_exchange": QCoreApplication.translate("Steps", "Ship the exchange"),
        "close": QCoreApplication.translate("Steps", "Close case"),
        "appeal": QCoreApplication.translate("Steps", "Reopen (appeal)"),
    }[action]


class CasePanel(QWidget):
    """One case: facts, the next steps as buttons, and the timeline."""

    changed = Signal()
    openConversation = Signal(int)  # noqa: N815

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("casePanel")
        self.db = db
        self.agent: Agent | None = None
        self.view: svc.CaseView | None = None
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
        self.timeline.setPlaceholderText(self.tr(
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
            self.timeline.clear()
            return
        with self.db.read_session() as session:
            case = session.get(ReturnCase, case_id)
            if case is None:
                self.view = None
                self.header.setText(self.tr("This case no longer exists."))
                self.timeline.clear()
                return
            self.view = svc.case_view(session, case_id)
            agent = session.get(Agent, self.agent.id) if self.agent else None
            steps = svc.steps(case, agent)
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

    def _why(self, step: svc.Step) -> str:
        """Why a step is refused, in the interface's language."""
        if self.agent is not None and self.agent.role == Role.BOOKKEEPER:
            return translated("A bookkeeper sees returns but does not change them.")
        return translated(step.blocked or "")

    def describe(self, v: svc.CaseView) -> str:
        money = [self.tr("requested %1").replace("%1", format_money(v.requested_minor,
                                                                    v.currency))]
        if v.approved_minor is not None:
            money.append(self.tr("approved %1").replace("%1", format_money(v.approved_minor,
                                                                           v.currency)))
        if v.refunded_minor is not None:
            money.append(self.tr("refunded %1").replace("%1", format_money(v.refunded_minor,
                                                                           v.currency)))
        items = ", ".join(f"{html.escape(title)} × {qty}" for _sku, title, qty in v.items)
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
            due = self.tr("Next deadline: %1").replace("%1", _local(v.deadline))
            overdue = self.tr("overdue")
            lines.append(f"<span style='color:#B91C1C'><b>{due} · {overdue}</b></span>"
                         if v.overdue else due)
        lines.append(self.tr("Assigned to %1").replace("%1", html.escape(v.assignee))
                     if v.assignee else self.tr("Not assigned"))
        if v.conversation_id is not None:
            link = self.tr("Open the conversation")
            lines.append(f"<a href='conversation:{v.conversation_id}'>{link}</a>")
        return "<br>".join(lines)

    def render_timeline(self, v: svc.CaseView) -> str:
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
            parts.append(f"<p><span style='color:#6B7280'>{_local(e.at)} {who}</span><br>"
                         f"{head}{body}</p>")
        return "".join(reversed(parts))  # newest first

    def _load_photo(self, photo_id: int) -> None:
        document = self.timeline.document()
        url = QUrl(f"photo:{photo_id}")
        if not document.resource(QTextDocument.ResourceType.ImageResource, url):
            with self.db.read_session() as session:
                _name, _mime, data = svc.photo_data(session, photo_id)
            document.addResource(QTextDocument.ResourceType.ImageResource, url,
                                 QImage.fromData(data))

    def _link(self, target: str) -> None:
        if target.startswith("photo:"):
            with self.db.read_session() as session:
                _name, _mime, data = svc.photo_data(session, int(target.split(":", 1)[1]))
            self.viewer = image_viewer(self, data)
        elif target.startswith("conversation:"):
            self.openConversation.emit(int(target.split(":", 1)[1]))

    def take(self, step: svc.Step) -> None:
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
                svc.ask_owner(session, session.get(Agent, self.agent.id), self.view.case_id,
                              self.view.version)
        except ShopDeskError as exc:
            self.show_case(self.view.case_id, translated(str(exc)))
            return
        case_id = self.view.case_id
        self.changed.emit()  # the board reloads (and shows the case again)
        self.show_case(case_id, self.tr("The case is now with the owner."))


class ReturnsPage(Page):
    """The returns board and the selected case."""

    openConversation = Signal(int)  # noqa: N815
    changed = Signal()

    def __init__(self, object_name: str, db: Database, parent: QWidget | None = None) -> None:
        self.db = db
        self.agent: Agent | None = None
        super().__init__(object_name, parent)

    def build(self) -> None:
        self.description.setVisible(False)
        self.figures.parentWidget().setVisible(False)  # the board counts its own cases
        self.store_filter = QComboBox()
        self.store_filter.setObjectName("returnStoreFilter")
        self.kind_filter = QComboBox()
        self.kind_filter.setObjectName("returnKindFilter")
        self.reason_filter = QComboBox()
        self.reason_filter.setObjectName("returnReasonFilter")
        self.agent_filter = QComboBox()
        self.agent_filter.setObjectName("returnAgentFilter")
        self.overdue_only = QCheckBox()
        self.overdue_only.setObjectName("overdueOnly")
        self.finished = QCheckBox()
        self.finished.setObjectName("showFinished")
        self.new_button = QPushButton()
        self.new_button.setObjectName("newReturnButton")
        self.new_button.clicked.connect(self.start_return)
        self.export_button = QPushButton()
        self.export_button.setObjectName("exportRefundsButton")
        self.export_button.clicked.connect(self.export_refunds)
        with self.db.read_session() as session:
            self.stores = list(session.execute(select(Store.id, Store.name)
                                               .order_by(Store.id)).all())
        self.store_filter.addItem("", None)
        for sid, name in self.stores:
            self.store_filter.addItem(name, sid)
        self.kind_filter.addItem("", None)
        for kind in ReturnKind:
            self.kind_filter.addItem("", kind.value)
        self.reason_filter.addItem("", None)
        for reason in ReturnReason:
            self.reason_filter.addItem("", reason.value)
        self._fill_agents()
        for box in (self.store_filter, self.kind_filter, self.reason_filter, self.agent_filter):
            box.currentIndexChanged.connect(lambda _i: self.reload())
        for check in (self.overdue_only, self.finished):
            check.toggled.connect(lambda _on: self.reload())
        filters = QHBoxLayout()
        for widget in (self.store_filter, self.kind_filter, self.reason_filter,
                       self.agent_filter, self.overdue_only, self.finished):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.new_button)
        filters.addWidget(self.export_button)
        self.model = BoardModel()
        self.table = row_table(QTableView(), "returnsBoard")
        self.table.setModel(self.model)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(self._picked)
        self.panel = CasePanel(self.db)
        self.panel.changed.connect(self._case_changed)
        self.panel.openConversation.connect(self.openConversation)
        self.count = QLabel()
        self.count.setObjectName("returnsCount")
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table, 1)
        top_layout.addWidget(self.count)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("returnsSplitter")
        splitter.addWidget(top)
        splitter.addWidget(self.panel)
        splitter.setSizes([420, 330])
        splitter.setStretchFactor(0, 1)
        self.body.addLayout(filters)
        self.body.addWidget(splitter, 1)
        QShortcut(QKeySequence("Ctrl+N"), self, self.start_return)

    def first_show(self) -> None:
        self.reload()

    def _fill_agents(self) -> None:
        self.agent_filter.blockSignals(True)
        current = self.agent_filter.currentData()
        self.agent_filter.clear()
        self.agent_filter.addItem(self.tr("All agents"), None)
        with self.db.read_session() as session:
            for a in active_agents(session):
                self.agent_filter.addItem(a.name, a.id)
        self.agent_filter.setCurrentIndex(max(0, self.agent_filter.findData(current)))
        self.agent_filter.blockSignals(False)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Returns"))
        self.store_filter.setItemText(0, self.tr("All stores"))
        self.kind_filter.setItemText(0, self.tr("All kinds"))
        for i in range(1, self.kind_filter.count()):
            self.kind_filter.setItemText(i, return_kind_label(self.kind_filter.itemData(i)))
        self.reason_filter.setItemText(0, self.tr("All reasons"))
        for i in range(1, self.reason_filter.count()):
            self.reason_filter.setItemText(i, return_reason_label(
                self.reason_filter.itemData(i)))
        self.agent_filter.setItemText(0, self.tr("All agents"))
        self.overdue_only.setText(self.tr("Overdue only"))
        self.finished.setText(self.tr("Show finished"))
        self.finished.setToolTip(self.tr("Include closed and cancelled cases"))
        self.new_button.setText(self.tr("New return…"))
        self.new_button.setToolTip(self.tr("Start a return case (Ctrl+N)"))
        self.export_button.setText(self.tr("Export refunds…"))
        self.model.retranslate()
        self.panel.retranslate()
        self._show_count()

    def set_actor(self, agent: Agent | None) -> None:
        self.agent = agent
        self.panel.agent = agent
        why = denied(agent, Action.HANDLE_CASES)
        self.new_button.setEnabled(why is None)
        self.new_button.setToolTip(why or self.tr("Start a return case (Ctrl+N)"))
        export_why = denied(agent, Action.EXPORT)
        self.export_button.setEnabled(export_why is None)
        self.export_button.setToolTip(export_why or "")
        self._fill_agents()
        self.panel.show_case(self.panel.view.case_id if self.panel.view else None)

    def board_filter(self) -> svc.BoardFilter:
        store = self.store_filter.currentData()
        kind = self.kind_filter.currentData()
        reason = self.reason_filter.currentData()
        return svc.BoardFilter(
            store_ids=[store] if store else [], kind=ReturnKind(kind) if kind else None,
            reason=ReturnReason(reason) if reason else None,
            agent_id=self.agent_filter.currentData(),
            overdue_only=self.overdue_only.isChecked(), finished=self.finished.isChecked())

    def reload(self, keep: int | None = None) -> None:
        keep = keep if keep is not None else (self.panel.view.case_id if self.panel.view
                                              else None)
        with self.db.read_session() as session:
            rows = svc.board(session, self.board_filter())
        self.model.set_rows(rows)
        self._show_count()
        if keep is not None:
            self.select_case(keep)

    def _show_count(self) -> None:
        rows = self.model.rows
        overdue = sum(r.overdue for r in rows)
        text = self.tr("%1 cases").replace("%1", f"{len(rows):,}")
        if overdue:
            text += " · " + self.tr("%1 overdue").replace("%1", f"{overdue:,}")
        self.count.setText(text)

    def select_case(self, case_id: int) -> None:
        for row, r in enumerate(self.model.rows):
            if r.case_id == case_id:
                index = self.model.index(row, 0)
                self.table.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
                self.table.scrollTo(index)
                return
        self.panel.show_case(case_id)  # filtered out: still show it

    def _picked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.panel.show_case(self.model.rows[current.row()].case_id)

    def _case_changed(self) -> None:
        self.reload()
        self.changed.emit()

    def start_return(self, **prefill: Any) -> None:
        if self.agent is None or not can(self.agent, Action.HANDLE_CASES):
            return
        from shopdesk.ui.return_wizard import ReturnWizard

        wizard = ReturnWizard(self.db, self.agent, lang=current_language(), parent=self.window(),
                              **prefill)
        self.wizard = wizard

        def done(result: int) -> None:
            if result and wizard.case_id is not None:
                self.reload(keep=wizard.case_id)
                self.changed.emit()

        wizard.finished.connect(done)
        wizard.open()

    def export_refunds(self) -> None:
        from shopdesk.ui.export_dialog import ExportDialog

        dialog = ExportDialog(self.db, "refunds", self.agent, current_language(), self)
        self.export_dialog = dialog
        dialog.open()
