"""The returns wizard's last steps: the amount, then the review that creates the case."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
)

from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, Conversation
from shopdesk.models.enums import ReturnKind
from shopdesk.money import amounts_named, format_money, format_plain, parse_amount
from shopdesk.services import return_cases, return_messages, return_opening
from shopdesk.ui.forms import replace_text
from shopdesk.ui.i18n import listed
from shopdesk.ui.labels import return_kind_label, return_reason_label
from shopdesk.ui.service_text import translated
from shopdesk.ui.wizard_step import WizardStep

if TYPE_CHECKING:
    from shopdesk.ui.return_wizard import ReturnWizard


class AmountPage(WizardStep):
    def __init__(self, wizard: ReturnWizard) -> None:
        super().__init__(wizard)
        self.amount = QLineEdit()
        self.amount.setObjectName("amountEdit")
        self.amount.textEdited.connect(lambda _t: self.error.clear())
        self.currency = QLabel()
        self.suggested = QLabel()
        self.suggested.setObjectName("suggestedAmount")
        self.suggested.setWordWrap(True)
        self.cap = QLabel()
        self.cap.setObjectName("amountCap")
        self.cap.setWordWrap(True)
        self.amount_label = QLabel()
        self.amount_label.setBuddy(self.amount)
        row = QHBoxLayout()
        row.addWidget(self.amount_label)
        row.addWidget(self.amount, 1)
        row.addWidget(self.currency)
        self.layout_.addLayout(row)
        self.layout_.addWidget(self.suggested)
        self.layout_.addWidget(self.cap)
        self.layout_.addWidget(self.error)
        self.layout_.addStretch(1)
        self.suggestion = 0

    def retranslate(self) -> None:
        self.setTitle(self.tr("Amount"))
        self.setSubTitle(self.tr("What the customer gets back. Partial amounts are fine."))
        self.amount_label.setText(self.tr("A&mount:"))

    def initializePage(self) -> None:  # noqa: N802
        w = self.w
        facts = w.facts
        assert facts is not None
        suggestion = return_opening.suggest_amount(facts, w.items_page.quantities(),
                                                   w.kind_page.kind(),
                                                   w.reason_page.reason_value())
        if not self.amount.isModified() or suggestion != self.suggestion:
            self.amount.setText(format_plain(suggestion, facts.currency))
            self.amount.setModified(False)
        self.suggestion = suggestion
        self.currency.setText(facts.currency)
        text = self.tr("Suggested from the items: %1.").replace(
            "%1", format_money(suggestion, facts.currency))
        if w.kind_page.kind() == ReturnKind.EXCHANGE:
            text += " " + self.tr("For an exchange this is the value of the goods; nothing "
                                  "is refunded.")
        self.suggested.setText(text)
        self.cap.setText(self.tr("At most %1 can be refunded (paid %2, refunded %3).")
                         .replace("%1", format_money(facts.refundable_minor, facts.currency))
                         .replace("%2", format_money(facts.total_minor, facts.currency))
                         .replace("%3", format_money(facts.refunded_minor, facts.currency)))
        self.focus_later(self.amount)

    def amount_minor(self) -> int:
        assert self.w.facts is not None
        return parse_amount(self.amount.text(), self.w.facts.currency)

    def validatePage(self) -> bool:  # noqa: N802
        try:
            return_opening.check_amount(self.w.facts, self.amount_minor())  # type: ignore[arg-type]
        except ShopDeskError as exc:
            self.amount.setFocus()
            return self.fail(translated(str(exc)))
        return True


class ReviewPage(WizardStep):
    """The case as it will be created, and the message to the customer. The message is the
    template's while the agent has not edited it (and follows what earlier pages change);
    once edited by hand it is kept as typed, and a note says what it no longer matches."""

    def __init__(self, wizard: ReturnWizard) -> None:
        super().__init__(wizard)
        self.summary = QLabel()
        self.summary.setObjectName("reviewSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.send = QCheckBox()
        self.send.setObjectName("sendMessageBox")
        self.send.setChecked(True)
        self.message = QPlainTextEdit()
        self.message.setObjectName("customerMessage")
        self.message.setTabChangesFocus(True)
        self.note = QLabel()
        self.note.setObjectName("customerMessageNote")
        self.note.setStyleSheet("color: #B45309")
        self.note.setWordWrap(True)
        self.note.hide()
        self.fill = QPushButton()
        self.fill.setObjectName("reviewFillMessage")
        self.fill.clicked.connect(self.fill_message)
        self.send.toggled.connect(self.message.setEnabled)
        self.send.toggled.connect(self.fill.setEnabled)
        self.message.textChanged.connect(self._message_changed)
        self.layout_.addWidget(self.summary)
        self.layout_.addWidget(self.send)
        self.layout_.addWidget(self.message, 1)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.fill, 0, Qt.AlignmentFlag.AlignTop)
        self.layout_.addLayout(row)
        self.layout_.addWidget(self.error)
        self.filled: str | None = None  # the message as the template last wrote it
        self.based_on = ""  # the template's text when the message was last filled or edited
        self.filling = False
        self.template = ""  # the template's text for the wizard's current input
        self.amount_minor, self.currency = 0, ""
        self.had_conversation: bool | None = None

    def retranslate(self) -> None:
        self.setTitle(self.tr("Review"))
        self.setSubTitle(self.tr("Finish creates the case and notes it in the conversation."))
        self.send.setText(self.tr("&Send this message to the customer"))
        self.fill.setText(self.tr("Fill in from the template"))
        self.fill.setToolTip(self.tr("Replaces the message with the template's text; Ctrl+Z "
                                     "in the message brings back what was there."))
        self._check_message()

    def initializePage(self) -> None:  # noqa: N802
        w = self.w
        facts = w.facts
        assert facts is not None
        amount = w.amount_page.amount_minor()
        kind, reason = w.kind_page.kind(), w.reason_page.reason_value()
        items = listed(f"{line.title} × {w.items_page.quantities()[line.sku]}"
                          for line in facts.items if line.sku in w.items_page.quantities())
        rows = [
            (self.tr("Order"), f"{facts.order_no} · {facts.store_name}"),
            (self.tr("Customer"), facts.customer_name),
            (self.tr("Items"), items),
            (self.tr("Kind"), return_kind_label(kind)),
            (self.tr("Reason"), return_reason_label(reason)),
            (self.tr("Amount"), format_money(amount, facts.currency)),
        ]
        details = w.reason_page.text.toPlainText().strip()
        if details:
            rows.append((self.tr("Details"), details))
        if kind == ReturnKind.EXCHANGE:
            rows.append((self.tr("Replacement"), w.kind_page.replacement.text().strip()))
        if kind == ReturnKind.REFUND_ONLY:
            shipping = self.tr("Nothing is sent back")
        elif return_cases.shipping_payer(reason) == "shop":
            shipping = self.tr("Paid by the shop")
        else:
            shipping = self.tr("Paid by the customer")
        rows.append((self.tr("Return shipping"), shipping))
        if w.reason_page.files:
            rows.append((self.tr("Photos"), str(len(w.reason_page.files))))
        self.summary.setText("<table cellpadding='3'>" + "".join(
            f"<tr><td style='color:#6B7280'>{html.escape(k)}</td>"
            f"<td>{html.escape(v).replace(chr(10), '<br>')}</td></tr>"
            for k, v in rows) + "</table>")
        with w.db.read_session() as session:
            kept = session.get(Conversation, w.conversation_id) if w.conversation_id else None
            if kept is None or kept.customer_id != facts.customer_id:
                w.conversation_id = None  # gone, or another customer's order was chosen
            w.conversation_id = w.conversation_id or self._conversation(session)
            text = return_messages.request_message(session, facts, amount, w.conversation_id)
        has_conversation = w.conversation_id is not None
        self.send.setEnabled(has_conversation)
        if has_conversation != self.had_conversation:  # else the agent's choice stands
            self.send.setChecked(has_conversation)
        self.had_conversation = has_conversation
        self.message.setEnabled(self.send.isChecked())
        self.fill.setEnabled(self.send.isChecked())
        self.amount_minor, self.currency = amount, facts.currency
        self.template = text if has_conversation else self.tr(
            "This customer has no conversation in this store; nothing will be sent.")
        if not self.edited():
            self.fill_message()
        self._check_message()

    def edited(self) -> bool:
        """The message was written (or changed) by hand since the template last filled it."""
        text = self.message.toPlainText()
        return self.filled is not None and text != self.filled and bool(text.strip())

    def fill_message(self) -> None:
        """The template's text in place of the message; Ctrl+Z in the message takes it back."""
        self.filling = True
        try:
            replace_text(self.message, self.template)
        finally:
            self.filling = False
        self.filled = self.based_on = self.template
        self._check_message()

    def _message_changed(self) -> None:
        if not self.filling:  # edited by hand with the page showing what the case is now
            self.based_on = self.template
        self._check_message()

    def _check_message(self) -> None:
        """Say what a message edited by hand no longer matches: an amount other than the
        case's, or (the template reads differently now) what earlier pages changed."""
        note = ""
        if self.edited() and self.had_conversation:
            others = [a for a in amounts_named(self.message.toPlainText(), self.currency)
                      if a != self.amount_minor]
            if others:
                note = self.tr("The message names %1, but the amount of the return is %2. "
                               "Check the message, or fill it in from the template.").replace(
                    "%1", listed(format_money(a, self.currency) for a in dict.fromkeys(others))
                ).replace("%2", format_money(self.amount_minor, self.currency))
            elif self.template != self.based_on:
                note = self.tr("The return changed after the message was edited by hand; "
                               "check that the message still says the right thing.")
        self.note.setText(note)
        self.note.setVisible(bool(note))

    def _conversation(self, session) -> int | None:  # type: ignore[no-untyped-def]
        from sqlalchemy import select

        facts = self.w.facts
        assert facts is not None
        return session.scalars(
            select(Conversation.id).where(Conversation.customer_id == facts.customer_id,
                                          Conversation.store_id == facts.store_id)
            .order_by(Conversation.last_message_at.desc().nulls_last()).limit(1)).first()

    def validatePage(self) -> bool:  # noqa: N802
        w = self.w
        facts = w.facts
        assert facts is not None and w.agent is not None
        new = return_opening.NewCase(
            order_id=facts.order_id, quantities=w.items_page.quantities(),
            kind=w.kind_page.kind(), reason=w.reason_page.reason_value(),
            amount_minor=w.amount_page.amount_minor(),
            reason_text=w.reason_page.text.toPlainText(),
            replacement=w.kind_page.replacement.text(), photos=list(w.reason_page.files),
            conversation_id=w.conversation_id,
            customer_message=self.message.toPlainText() if self.send.isChecked() else "",
            lang=w.lang)
        try:
            with w.db.transaction() as session:
                case = return_opening.create_case(session, session.get(Agent, w.agent.id), new)
                w.case_id = case.id
        except ShopDeskError as exc:
            return self.fail(translated(str(exc)))
        return True
