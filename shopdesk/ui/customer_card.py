"""The customer card beside the open conversation: who this is, across every store."""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from shopdesk.db import Database
from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent
from shopdesk.models.enums import Role
from shopdesk.money import format_money
from shopdesk.services import customers as svc
from shopdesk.services import duplicates
from shopdesk.services.permissions import Action, can
from shopdesk.textfold import fold
from shopdesk.times import to_local
from shopdesk.ui.customer_records import concerns
from shopdesk.ui.i18n import listed
from shopdesk.ui.labels import (
    SEGMENT_COLOURS,
    complaint_status_label,
    conversation_status_label,
    return_state_label,
    segment_label,
)
from shopdesk.ui.service_text import translated
from shopdesk.ui.tag_editor import TagEditor


def amounts(by_currency: Iterable[tuple[str, int]]) -> str:
    """Amounts in several currencies, by currency code, as one text: "¥90.00, $134.85"
    ("¥90.00、$134.85" in Chinese); "" for none. The card and the Customers list show
    what a customer spent this way."""
    return listed(format_money(v, c) for c, v in sorted(by_currency))


class CustomerCard(QWidget):
    openReturn = Signal(int)  # noqa: N815 - a case link on the card
    startReturn = Signal(int)  # noqa: N815 - "Start return" on one of the orders
    openComplaint = Signal(int)  # noqa: N815 - a ticket link on the card
    openConversation = Signal(int)  # noqa: N815 - a conversation in any store
    tagsChanged = Signal()  # noqa: N815
    customersChanged = Signal()  # noqa: N815 - a merge was undone
    recordsChanged = Signal(object)  # noqa: N815 - this customer's notes or tags (their id)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerCard")
        self.db = db
        self.viewer: Agent | None = None
        self.customer_id: int | None = None
        self._notes: list[svc.CardNote] = []
        self.view = QTextBrowser()
        self.view.setObjectName("customerCardText")
        self.view.setOpenLinks(False)
        self.view.anchorClicked.connect(self._link)
        self.notes = QWidget()
        self.notes.setObjectName("notesPanel")
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setMaximumHeight(70)
        self.note_pin = QCheckBox()
        self.note_pin.setObjectName("notePin")
        self.add_note_button = QPushButton()
        self.add_note_button.setObjectName("addNoteButton")
        self.add_note_button.clicked.connect(self.add_note)
        self.note_status = QLabel()
        self.note_status.setObjectName("notesStatus")
        self.note_status.setWordWrap(True)
        self.undo_button = QPushButton()
        self.undo_button.setObjectName("undoNoteButton")
        self.undo_button.setVisible(False)
        self.undo_button.clicked.connect(self.undo_note)
        # The last change to a note and the work that takes it back (Undo, Ctrl+Z).
        self._undo: tuple[str, object] | None = None
        # (The inbox switches this key off and hands Ctrl+Z to the card itself.)
        self.undo_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self)
        self.undo_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_key.activated.connect(self.undo_note)
        self.note_search = QLineEdit()
        self.note_search.setObjectName("noteSearch")
        self.note_search.setClearButtonEnabled(True)
        self.note_search.textChanged.connect(lambda _t: self.refresh())
        notes = QVBoxLayout(self.notes)
        notes.setContentsMargins(0, 0, 0, 0)
        notes.addWidget(self.note_search)
        notes.addWidget(self.note_edit)
        row = QHBoxLayout()
        row.addWidget(self.note_pin)
        row.addStretch(1)
        row.addWidget(self.add_note_button)
        notes.addLayout(row)
        undo_row = QHBoxLayout()
        undo_row.addWidget(self.note_status, 1)
        undo_row.addWidget(self.undo_button)
        notes.addLayout(undo_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tag_editor = TagEditor(db)
        self.tag_editor.changed.connect(self.tagsChanged)
        self.tag_editor.changed.connect(self._announce)
        self._announcing = False
        layout.addWidget(self.view, 1)
        layout.addWidget(self.tag_editor)
        layout.addWidget(self.notes)
        self.retranslate()
        self.show_customer(None, None)

    def retranslate(self) -> None:
        self.note_edit.setPlaceholderText(self.tr("A note about this customer"))
        self.note_search.setPlaceholderText(self.tr("Search this customer's notes"))
        self.note_pin.setText(self.tr("Pin"))
        self.add_note_button.setText(self.tr("Add note"))
        self.undo_button.setText(self.tr("Undo"))
        self.tag_editor.retranslate()
        if self.customer_id is None:
            self.refresh()

    def show_customer(self, customer_id: int | None, viewer: Agent | None) -> None:
        if customer_id != self.customer_id:
            self._undo = None
            self.undo_button.setVisible(False)
            self.note_status.clear()
            self.note_search.blockSignals(True)
            self.note_search.clear()
            self.note_search.blockSignals(False)
        self.customer_id, self.viewer = customer_id, viewer
        self.tag_editor.show_customer(customer_id, viewer)
        allowed = customer_id is not None and can(viewer, Action.REPLY)
        self.notes.setEnabled(allowed)
        # Without a customer there is nothing to tag or to note: the card says so instead.
        self.tag_editor.setVisible(customer_id is not None)
        self.notes.setVisible(customer_id is not None)
        self.refresh()

    def _work(self, work) -> object:  # type: ignore[no-untyped-def]
        """Run a notes change as the signed-in agent; show the reason if it is refused."""
        if self.viewer is None:
            return None
        try:
            with self.db.transaction() as session:
                result = work(session, session.get(Agent, self.viewer.id))
        except ShopDeskError as exc:
            self.note_status.setText(translated(str(exc)))
            return None
        self.refresh()
        self._announce()
        return result if result is not None else True

    def _announce(self) -> None:
        """Tell the other views of this customer (the card is already up to date)."""
        self._announcing = True
        try:
            self.recordsChanged.emit(self.customer_id)
        finally:
            self._announcing = False

    def records_changed(self, customer_id: int | None) -> None:
        """Some customer's records changed (``CustomerRecords``): show ours as they are."""
        if not self._announcing and concerns(self.customer_id, customer_id):
            self.refresh()

    def add_note(self) -> None:
        if self.customer_id is None:
            return
        text, pinned, customer = self.note_edit.toPlainText(), self.note_pin.isChecked(), \
            self.customer_id
        note_id = self._work(lambda s, a: svc.add_note(s, a, customer, text, pinned).id)
        if note_id:
            self.note_edit.clear()
            self.note_pin.setChecked(False)
            self._offer_undo(self.tr("Note added."),
                             lambda s, a: svc.delete_note(s, a, note_id))

    def edit_note(self, note_id: int, text: str | None = None) -> None:
        note = next((n for n in self._notes if n.id == note_id), None)
        if note is None:
            return
        if text is None:
            text, ok = QInputDialog.getMultiLineText(self, self.tr("Edit note"),
                                                     self.tr("Note:"), note.text)
            if not ok or text.strip() == note.text:
                return
        if self._work(lambda s, a: svc.edit_note(s, a, note_id, text)):
            self._offer_undo(self.tr("Note changed."), self._restoring(note))

    def toggle_pin(self, note_id: int) -> None:
        note = next((n for n in self._notes if n.id == note_id), None)
        if note is not None and self._work(
                lambda s, a: svc.edit_note(s, a, note_id, note.text, not note.pinned)):
            self._offer_undo(self.tr("Note unpinned.") if note.pinned
                             else self.tr("Note pinned."), self._restoring(note))

    def delete_note(self, note_id: int) -> None:
        kept = self._work(lambda s, a: svc.delete_note(s, a, note_id))
        if isinstance(kept, dict):
            self._offer_undo(self.tr("Note deleted."),
                             lambda s, a: svc.restore_note(s, a, kept))

    @staticmethod
    def _restoring(note: svc.CardNote):  # type: ignore[no-untyped-def]
        return lambda s, a: svc.edit_note(s, a, note.id, note.text, note.pinned)

    def _offer_undo(self, done: str, inverse) -> None:  # type: ignore[no-untyped-def]
        """Say what was done and keep its inverse for Undo (the button and Ctrl+Z)."""
        self._undo = (done, inverse)
        self.note_status.setText(done)
        self.undo_button.setVisible(True)

    def can_undo(self) -> bool:
        return self._undo is not None

    def undo_note(self) -> None:
        """Take the last change to a note back: an added note goes, a changed note gets its
        text and pin back, a deleted note returns with its author and time."""
        if self._undo is None:
            return
        _done, inverse = self._undo
        self._undo = None
        self.undo_button.setVisible(False)
        if self._work(inverse):
            self.note_status.setText(self.tr("Undone."))

    def undo_merge(self, event_id: int) -> None:
        """Undo a merge listed on the card: the merged customer comes back as it was."""
        if self._work(lambda s, a: duplicates.undo_merge(s, a, event_id)):
            self.note_status.setText(self.tr("Merge undone."))
            self.customersChanged.emit()

    def _link(self, url) -> None:  # type: ignore[no-untyped-def]
        kind, _, value = url.toString().partition(":")
        if not value.isdigit():
            return
        handlers = {"note-edit": self.edit_note, "note-delete": self.delete_note,
                    "note-pin": self.toggle_pin, "return": self.openReturn.emit,
                    "return-order": self.startReturn.emit,
                    "complaint": self.openComplaint.emit,
                    "conversation": self.openConversation.emit, "unmerge": self.undo_merge}
        if kind in handlers:
            handlers[kind](int(value))

    def refresh(self) -> None:
        if self.customer_id is None:
            self._notes = []
            self.view.setHtml("<p style='color:#6B7280'>" + html.escape(self.tr(
                "The card of the customer shows here: who they are in every store, their "
                "orders, tags and notes.")) + "</p>")
            return
        with self.db.read_session() as session:
            data = svc.card(session, self.customer_id, self.viewer)
        self._notes = data.notes if data else []
        self.tag_editor.reload()
        self.view.setHtml(self.render(data) if data else "")

    def render(self, d: svc.CustomerCardData) -> str:
        e = html.escape
        parts = [f"<h3>{e(d.name)}</h3>"]
        if d.rfm is not None and d.rfm.segment is not None:
            rfm = d.rfm
            spent = amounts(rfm.spent_in_window.items())
            pattern = (self.tr("No orders in %3 days") if rfm.orders_in_window == 0
                       else self.tr("1 order, %2 in %3 days") if rfm.orders_in_window == 1
                       else self.tr("%1 orders, %2 in %3 days"))
            reason = (pattern.replace("%1", str(rfm.orders_in_window))
                      .replace("%2", spent or "—").replace("%3", str(rfm.window_days)))
            colour = SEGMENT_COLOURS[rfm.segment.value]
            parts.append(f"<p><span style='background:{colour};color:white'>&nbsp;"
                         f"{e(segment_label(rfm.segment.value))}&nbsp;</span> "
                         f"<span style='color:#6B7280'>{e(reason)}</span></p>")
        for store, colour, handle in d.identities:
            parts.append(f"<div><span style='color:{colour or '#6B7280'}'>●</span> "
                         f"{e(store)} · {e(handle)}</div>")
        contact = [x for x in (d.phone, d.email, d.address) if x]
        if contact:
            parts.append("<div style='color:#374151'>" + "<br>".join(e(x) for x in contact)
                         + "</div>")
        spent = amounts(d.spent.items()) or "—"
        refunded = amounts(d.refunded.items())
        figures = [
            (self.tr("Orders"), str(d.orders)),
            (self.tr("Spent"), spent),
            (self.tr("Refunds"), f"{d.refunds}" + (f" ({refunded})" if refunded else "")),
            (self.tr("Complaints"), str(d.complaints)),
            (self.tr("Satisfaction"), f"{d.satisfaction:.1f} / 5" if d.satisfaction else "—"),
            (self.tr("Conversations"), str(d.conversations)),
        ]
        parts.append("<table cellspacing='2'>" + "".join(
            f"<tr><td style='color:#6B7280'>{e(k)}</td><td>{e(v)}</td></tr>"
            for k, v in figures) + "</table>")
        if d.notes:
            notes_title = self.tr("Notes")
            parts.append(f"<h4>{e(notes_title)}</h4>")
            edit, delete = self.tr("Edit"), self.tr("Delete")
            pin_label, unpin_label = self.tr("Pin"), self.tr("Unpin")
            needle = fold(self.note_search.text()).strip()
            shown = [n for n in d.notes if needle in fold(n.text)] if needle else d.notes
            if needle:
                parts.append("<p style='color:#6B7280'>" + e(
                    self.tr("%1 of %2 notes match").replace("%1", str(len(shown)))
                    .replace("%2", str(len(d.notes)))) + "</p>")
            for note in shown:
                pin = "📌 " if note.pinned else ""
                who = f"{e(note.author)} · " if note.author else ""
                mine = self.viewer is not None and (
                    note.author_id == self.viewer.id or self.viewer.role == Role.OWNER)
                links = (f" · <a href='note-edit:{note.id}'>{e(edit)}</a>"
                         f" · <a href='note-pin:{note.id}'>"
                         f"{e(unpin_label if note.pinned else pin_label)}</a>"
                         f" · <a href='note-delete:{note.id}'>{e(delete)}</a>") if mine else ""
                text = e(note.text).replace("\n", "<br>")
                parts.append(f"<p>{pin}{text}<br><span style='color:#9CA3AF'>"
                             f"{who}{to_local(note.at):%Y-%m-%d %H:%M}</span>{links}</p>")
        if d.cases:
            cases_title = self.tr("Returns")
            parts.append(f"<h4>{e(cases_title)}</h4>")
            parts.append(" · ".join(
                f"<a href='return:{cid}'>{e(number)}</a> {e(return_state_label(state))}"
                for cid, number, state in d.cases))
        if d.tickets:
            tickets_title = self.tr("Complaints")
            parts.append(f"<h4>{e(tickets_title)}</h4>")
            parts.append(" · ".join(
                f"<a href='complaint:{cid}'>{e(number)}</a> {e(complaint_status_label(status))}"
                for cid, number, status in d.tickets))
        if d.recent_conversations:
            title = self.tr("Conversations")
            parts.append(f"<h4>{e(title)}</h4>")
            for conv in d.recent_conversations:
                when = f"{to_local(conv.last_message_at):%Y-%m-%d %H:%M}" \
                    if conv.last_message_at else ""
                parts.append(
                    f"<div><span style='color:{conv.colour or '#6B7280'}'>●</span> "
                    f"<a href='conversation:{conv.id}'>{e(conv.store)}</a> · "
                    f"{e(conversation_status_label(conv.status))}<br>"
                    f"<span style='color:#6B7280'>{e(when)} · {e(conv.preview or '')}</span>"
                    "</div>")
        if d.merged:
            title, undo = self.tr("Merged into this customer"), self.tr("Undo merge")
            parts.append(f"<h4>{e(title)}</h4>")
            for m in d.merged:
                by = f" · {e(m.by)}" if m.by else ""
                parts.append(f"<div>{e(m.name)} <span style='color:#6B7280'>"
                             f"{to_local(m.at):%Y-%m-%d %H:%M}{by}</span> · "
                             f"<a href='unmerge:{m.event_id}'>{e(undo)}</a></div>")
        if d.recent_orders:
            orders_title = self.tr("Orders")
            start = self.tr("Start return")
            can_start = can(self.viewer, Action.HANDLE_CASES)
            parts.append(f"<h4>{e(orders_title)}</h4>")
            for o in d.recent_orders:
                link = (f" · <a href='return-order:{o.id}'>{e(start)}</a>" if can_start else "")
                parts.append(f"<div>{e(o.order_no)} · {e(o.store)}<br>"
                             f"<span style='color:#6B7280'>{to_local(o.placed_at):%Y-%m-%d} · "
                             f"{e(format_money(o.total_minor, o.currency))}</span>{link}</div>")
        return "".join(parts)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.refresh()
        super().changeEvent(event)
