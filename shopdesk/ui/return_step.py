"""One step on a return case: the fields it needs, the customer message it can send, and
for a refund the question that names the amount and the customer."""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shopdesk.db import Database
from shopdesk.errors import ShopDeskError, StaleDataError
from shopdesk.models import Agent, ReturnCase
from shopdesk.money import amounts_named, format_money, format_plain, parse_amount
from shopdesk.services import return_case_view, return_messages, return_steps
from shopdesk.ui.confirm import confirm_payment
from shopdesk.ui.forms import error_label, ok_cancel, replace_text
from shopdesk.ui.i18n import listed
from shopdesk.ui.images import choose_images, read_image
from shopdesk.ui.service_text import translated


class StepDialog(QDialog):
    """One step on a case: the fields it needs and the customer message it can send."""

    def __init__(self, db: Database, agent: Agent, view: return_case_view.CaseView,
                 step: return_steps.Step,
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
        if return_steps.StepField.AMOUNT in step.needs:
            default = view.requested_minor if step.action == "approve" else (
                view.approved_minor or view.requested_minor)
            self.amount.setText(format_plain(default, view.currency))
            form.addRow(self.tr("Amount (%1):").replace("%1", view.currency), self.amount)
        if return_steps.StepField.TRACKING in step.needs:
            form.addRow(self.tr("Carrier:"), self.carrier)
            form.addRow(self.tr("Tracking number:"), self.tracking)
        note_label = (self.tr("Reason (the customer sees it):")
                      if step.action in return_steps.NOTE_REQUIRED else self.tr("Note:"))
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
        self.fill.setObjectName("stepFillMessage")
        self.fill.setToolTip(self.tr("Replaces the message with the template's text; Ctrl+Z "
                                     "in the message brings back what was there."))
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
        self.confirmation: QMessageBox | None = None
        self.question: QMessageBox | None = None  # the message names another amount
        self.filled: str | None = None  # the message as the template last wrote it
        for edit in (self.amount, self.carrier, self.tracking):
            edit.textChanged.connect(self._input_changed)
        self.note.textChanged.connect(self._input_changed)

    def _toggle_message(self, on: bool) -> None:
        self.message.setEnabled(on)
        self.fill.setEnabled(on)
        if on and not self.message.toPlainText().strip():
            self.fill_message()

    def _input_changed(self) -> None:
        """A new amount (or carrier, tracking number, note): the old refusal no longer holds,
        and a message the template wrote, untouched since, follows the new values. A message
        edited by hand is never rewritten (``apply`` checks the amount it names)."""
        if not self.stale:
            self.error.clear()
        if self.filled is not None and self.message.toPlainText() == self.filled:
            self.fill_message()

    def fill_message(self) -> None:
        """The template's text in place of the message, as one step Ctrl+Z in the message
        takes back: a message typed by hand is replaced only when asked, and never lost."""
        amount = self._amount_or_none()
        with self.db.read_session() as session:
            case = session.get(ReturnCase, self.view.case_id)
            assert case is not None
            text = return_messages.customer_message(
                session, case, self.step.action, amount_minor=amount,
                carrier=self.carrier.text().strip(), tracking_no=self.tracking.text().strip(),
                note=self.note.toPlainText().strip())
        replace_text(self.message, text)
        self.filled = text

    def _amount_or_none(self) -> int | None:
        if return_steps.StepField.AMOUNT not in self.step.needs:
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

    def step_input(self) -> return_steps.StepInput:
        amount = None
        if return_steps.StepField.AMOUNT in self.step.needs:
            amount = parse_amount(self.amount.text(), self.view.currency)
        return return_steps.StepInput(
            self.step.action, amount_minor=amount, carrier=self.carrier.text(),
            tracking_no=self.tracking.text(), note=self.note.toPlainText(),
            photos=list(self.photos),
            customer_message=self.message.toPlainText() if self.send.isChecked() else "")

    def apply(self) -> None:
        """Check the step by the service's own rules first, then ask what must be asked (a
        message that names another amount; for a refund, the payment), then take it."""
        try:
            data = self.step_input()
            with self.db.read_session() as session:
                return_steps.check_step(session, session.get(Agent, self.agent.id),
                                        self.view.case_id,
                                        self.view.version, data)
        except ShopDeskError as exc:
            self._refused(exc)
            return
        others = [a for a in amounts_named(data.customer_message, self.view.currency)
                  if data.amount_minor is not None and a != data.amount_minor]
        if others:
            self._ask_about_message(others, data.amount_minor or 0)
            return
        self.confirm()

    def _ask_about_message(self, others: list[int], amount: int) -> None:
        """The message (edited by hand) names another amount than the step's: say so before
        it goes out; the agent corrects it or sends it as written."""
        currency = self.view.currency
        box = QMessageBox(self)
        box.setObjectName("messageAmountQuestion")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Check the message"))
        box.setText(self.tr("The message to the customer names %1, but the amount of this "
                            "step is %2. Send the message as written?").replace(
            "%1", listed(format_money(a, currency) for a in dict.fromkeys(others))).replace(
            "%2", format_money(amount, currency)))
        send = box.addButton(self.tr("Send as written"), QMessageBox.ButtonRole.AcceptRole)
        send.setObjectName("messageAmountSend")
        back = box.addButton(self.tr("Correct the message"), QMessageBox.ButtonRole.RejectRole)
        back.setObjectName("messageAmountCorrect")
        box.setDefaultButton(back)
        send.clicked.connect(self.confirm)
        back.clicked.connect(self.message.setFocus)
        self.question = box
        box.open()

    def confirm(self) -> None:
        if self.step.action == "refund":  # money leaves the shop: say how much, and to whom
            try:
                amount = self.step_input().amount_minor
            except ShopDeskError as exc:
                self.error.setText(translated(str(exc)))
                return
            v = self.view
            text = self.tr("Refund %1 to %2 for %3 (order %4)?").replace(
                "%1", format_money(amount or 0, v.currency)).replace(
                "%2", v.customer_name).replace("%3", v.number).replace("%4", v.order_no)
            self.confirmation = confirm_payment(self, text, self.take)
            return
        self.take()

    def take(self) -> None:
        try:
            data = self.step_input()
            with self.db.transaction() as session:
                return_steps.take_step(session, session.get(Agent, self.agent.id),
                                       self.view.case_id,
                                       self.view.version, data)
        except ShopDeskError as exc:
            self._refused(exc)
            return
        self.applied = True
        self.accept()

    def _refused(self, exc: ShopDeskError) -> None:
        self.error.setText(translated(str(exc)))
        self.stale = self.stale or isinstance(exc, StaleDataError)


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
