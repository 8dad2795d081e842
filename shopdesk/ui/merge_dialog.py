"""The merge dialog: customers that are probably one person, compared side by side, merged
(with undo) or marked as two people. The search for pairs runs off the GUI thread with a
busy indicator and can be cancelled."""

from __future__ import annotations

import html

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from shopdesk.db import Database
from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent
from shopdesk.services import duplicates
from shopdesk.ui.forms import error_label
from shopdesk.ui.i18n import listed
from shopdesk.ui.jobs import Job
from shopdesk.ui.service_text import translated
from shopdesk.ui.table_model import row_table


def find_pairs(db: Database, agent: Agent, fixed: tuple[int, int] | None,
               report) -> list[duplicates.Suggestion]:  # type: ignore[no-untyped-def]
    """The pairs to show: the two chosen customers, or ShopDesk's suggestions (in a worker
    thread, with its own session; ``report`` raises ``Cancelled`` once Cancel was pressed)."""
    with db.read_session() as session:
        if fixed is not None:
            a, b = (duplicates.side(session, cid, agent) for cid in fixed)
            return [duplicates.Suggestion(a.id, a.name, b.id, b.name, ())]
        return duplicates.suggestions(session, progress=report)


class MergeDialog(QDialog):
    """Customers that are probably one person: pick a pair, see what combines, choose which
    record to keep, merge; the last merge can be undone here (and later from the card)."""

    merged = Signal()

    def __init__(self, db: Database, agent: Agent, *, pair: tuple[int, int] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.db, self.agent = db, agent
        self.setWindowTitle(self.tr("Merge customers"))
        self.resize(900, 640)
        self.list = row_table(QTableWidget(0, 3), "duplicateList")
        self.list.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.list.setHorizontalHeaderLabels([self.tr("Customer"), self.tr("Probably also"),
                                             self.tr("Why")])
        self.list.itemSelectionChanged.connect(self._compare)
        self.sides = [QTextBrowser(), QTextBrowser()]
        self.keep = [QRadioButton(), QRadioButton()]
        for n, (view, radio) in enumerate(zip(self.sides, self.keep, strict=True)):
            view.setObjectName(f"mergeSide{n}")
            radio.setObjectName(f"keepSide{n}")
            radio.setText(self.tr("Keep this record"))
            radio.toggled.connect(lambda _on: self._summarise())
        self.summary = QLabel()
        self.summary.setObjectName("mergeSummary")
        self.summary.setWordWrap(True)
        self.error = error_label("mergeError")
        self.status = QLabel()
        self.status.setObjectName("mergeStatus")
        self.status.setStyleSheet("color: #15803D")
        self.status.setWordWrap(True)  # names two store accounts: wraps, never widens the box
        self.busy = QProgressBar()
        self.busy.setObjectName("duplicateSearchBusy")
        self.busy.setRange(0, 0)  # busy: no figure to show
        self.busy.setTextVisible(False)
        self.busy.setMaximumWidth(160)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelSearchButton")
        self.cancel_button.clicked.connect(self.cancel_search)
        self.search_again = QPushButton(self.tr("Search again"))
        self.search_again.setObjectName("searchAgainButton")
        self.search_again.clicked.connect(self.load)
        self.search_again.setVisible(False)
        self.job: Job | None = None
        self.merge_button = QPushButton(self.tr("Merge"))
        self.merge_button.setObjectName("mergeButton")
        self.merge_button.setDefault(True)
        self.merge_button.clicked.connect(self.merge)
        self.undo_button = QPushButton(self.tr("Undo merge"))
        self.undo_button.setObjectName("undoMergeButton")
        self.undo_button.clicked.connect(self.undo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.not_same_button = QPushButton(self.tr("Not the same person"))
        self.not_same_button.setObjectName("notSameButton")
        self.not_same_button.clicked.connect(self.not_same)
        for button in (self.not_same_button, self.undo_button, self.cancel_button,
                       self.search_again):
            button.setAutoDefault(False)  # Enter merges, never marks or undoes by accident
        buttons.addButton(self.not_same_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.undo_button.setVisible(False)  # (adding it to the box showed it)
        compare = QHBoxLayout()
        for view, radio in zip(self.sides, self.keep, strict=True):
            column = QVBoxLayout()
            column.addWidget(radio)
            column.addWidget(view, 1)
            compare.addLayout(column, 1)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(compare, 2)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        status_row = QHBoxLayout()
        for widget in (self.busy, self.cancel_button, self.search_again):
            status_row.addWidget(widget)
        status_row.addStretch(1)
        status_row.addWidget(buttons)
        layout.addLayout(status_row)
        self.pairs: list[tuple[int, int]] = []
        self.previews: tuple[duplicates.Side, duplicates.Side] | None = None
        self.last_event: int | None = None  # what Undo undoes: a merge…
        self.last_distinct: tuple[int, int] | None = None  # …or a "not the same person"
        self.fixed = pair
        self.keep[0].setChecked(True)
        self.load()

    def load(self) -> None:
        """Look for the pairs again (after a merge, an undo, "not the same person")."""
        self.cancel_search()
        self.busy.setVisible(True)
        self.cancel_button.setVisible(True)
        self.search_again.setVisible(False)
        self.setCursor(Qt.CursorShape.BusyCursor)
        self.intro.setText(self.tr("Looking for customers who are probably one person…"))
        for button in (self.merge_button, self.not_same_button, self.undo_button):
            button.setEnabled(False)
        db, agent, fixed = self.db, self.agent, self.fixed
        job = Job(lambda report: find_pairs(db, agent, fixed, report))
        job.done.connect(self._found)  # slots of the dialog: delivered on the GUI thread
        job.failed.connect(self._not_found)
        self.job = job
        if self.previews is None:
            self.summary.clear()  # not "no customers to merge" while still looking
        job.start()

    def cancel_search(self) -> None:
        """Stop looking: the dialog says so at once; the worker stops at its next step."""
        job, self.job = self.job, None
        if job is None:
            return
        job.stop.set()
        job.finish()
        self._idle()
        self.intro.setText(self.tr("The search was cancelled."))
        self.search_again.setVisible(True)
        self._compare()

    def _idle(self) -> None:
        self.busy.setVisible(False)
        self.cancel_button.setVisible(False)
        self.unsetCursor()
        self.undo_button.setEnabled(True)

    def _found(self, found: list[duplicates.Suggestion]) -> None:
        if self._search_ended():
            self._fill(found)

    def _not_found(self, message: str) -> None:
        if self._search_ended():
            self.error.setText(translated(message) if message else "")
            self._fill([])

    def _search_ended(self) -> bool:
        """The answer of the search running now (not of one cancelled or replaced)."""
        job = self.job
        if job is None or self.sender() is not job:
            return False
        job.finish()
        self.job = None
        self._idle()
        return True

    def done(self, result: int) -> None:  # closing the dialog stops a search
        self.cancel_search()
        super().done(result)

    def _fill(self, found: list[duplicates.Suggestion]) -> None:
        why = {duplicates.Reason.PHONE: self.tr("same phone"),
               duplicates.Reason.EMAIL: self.tr("same e-mail"),
               duplicates.Reason.NAME_ADDRESS: self.tr("same name and address")}
        self.pairs = [(d.a, d.b) for d in found]
        self.list.setRowCount(len(found))
        for row, d in enumerate(found):
            reasons = listed(why[r] for r in d.reasons) or self.tr("chosen by you")
            for column, value in enumerate((d.a_name, d.b_name, reasons)):
                self.list.setItem(row, column, QTableWidgetItem(value))
        self.intro.setText(
            self.tr("%1 pairs of customers look like one person. Choose a pair, check what "
                    "combines, then merge; a merge can be undone.").replace("%1", str(len(found)))
            if self.fixed is None else self.tr("Check what combines, then merge; a merge can "
                                               "be undone."))
        if found:  # the first pair, compared afresh even if row 0 was selected before
            flags = QItemSelectionModel.SelectionFlag
            self.list.blockSignals(True)
            self.list.selectionModel().select(self.list.model().index(0, 0),
                                              flags.ClearAndSelect | flags.Rows)
            self.list.blockSignals(False)
        else:
            self.list.clearSelection()
        self._compare()

    def _pair(self) -> tuple[int, int] | None:
        rows = self.list.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.pairs):
            return None
        return self.pairs[rows[0].row()]

    def _compare(self) -> None:
        pair = self._pair()
        self.error.clear()
        if pair is None:
            self.previews = None
            for view in self.sides:
                view.clear()
            self._summarise()
            return
        with self.db.read_session() as session:
            self.previews = (duplicates.side(session, pair[0], self.agent),
                             duplicates.side(session, pair[1], self.agent))
        for view, side in zip(self.sides, self.previews, strict=True):
            view.setHtml(self._render(side))
        self._summarise()

    def _count_names(self) -> dict[str, str]:
        return {"identities": self.tr("Store accounts"), "orders": self.tr("Orders"),
                "conversations": self.tr("Conversations"), "notes": self.tr("Notes"),
                "returns": self.tr("Returns"), "complaints": self.tr("Complaints")}

    def _render(self, side: duplicates.Side) -> str:
        e = html.escape
        parts = [f"<h3>{e(side.name)}</h3>"]
        for store, handle in side.identities:
            parts.append(f"<div>{e(store)} · {e(handle)}</div>")
        contact = [x for x in (side.phone, side.email, side.address) if x]
        if contact:
            parts.append("<p>" + "<br>".join(e(x) for x in contact) + "</p>")
        if side.tags:
            parts.append("<p>" + e(listed(side.tags)) + "</p>")
        parts.append("<table>" + "".join(
            f"<tr><td style='color:#6B7280'>{e(label)}</td><td>{side.counts.get(key, 0)}</td>"
            "</tr>" for key, label in self._count_names().items()) + "</table>")
        return "".join(parts)

    def _summarise(self) -> None:
        ready = self.previews is not None and self.job is None  # not while searching
        self.merge_button.setEnabled(ready)
        self.not_same_button.setEnabled(ready)
        self.not_same_button.setVisible(self.fixed is None)
        if self.previews is None:
            self.summary.setText(self.tr("No customers to merge."))
            return
        keep, other = self._keep_other()
        self.summary.setText(
            self.tr("After the merge, %1 holds %3 in all, its own and those of %2; %2 is "
                    "left empty and leaves the lists.").replace("%1", who(keep))
            .replace("%2", who(other)).replace("%3", self._totals(keep, other)))

    def _totals(self, keep: duplicates.Side, other: duplicates.Side) -> str:
        return listed(
            f"{label} {keep.counts.get(key, 0) + other.counts.get(key, 0)}"
            for key, label in self._count_names().items())

    def _keep_other(self) -> tuple[duplicates.Side, duplicates.Side]:
        assert self.previews is not None
        a, b = self.previews
        return (a, b) if self.keep[0].isChecked() else (b, a)

    def merge(self) -> None:
        if self.previews is None:
            return
        keep, other = self._keep_other()
        totals = self._totals(keep, other)
        try:
            with self.db.transaction() as session:
                event = duplicates.merge(session, session.get(Agent, self.agent.id),
                                         keep.id, other.id)
                self.last_event = event.id
        except ShopDeskError as exc:
            self.error.setText(translated(str(exc)))
            return
        self.last_distinct = None
        self.undo_button.setText(self.tr("Undo merge"))
        self.undo_button.setVisible(True)
        self.merged.emit()
        self._fill([])  # the merged pair is gone at once, also while the search runs
        if self.fixed is None:
            self.load()
        self.status.setText(self.tr("The record of %1 was merged into %2, which now holds %3.")
                            .replace("%1", who(other)).replace("%2", who(keep))
                            .replace("%3", totals))

    def not_same(self) -> None:
        """"Not the same person": the pair leaves the suggestions for good (undoable)."""
        pair = self._pair()
        if pair is None:
            return
        try:
            with self.db.transaction() as session:
                duplicates.mark_distinct(session, session.get(Agent, self.agent.id), *pair)
        except ShopDeskError as exc:
            self.error.setText(translated(str(exc)))
            return
        self.last_event, self.last_distinct = None, pair
        self.undo_button.setText(self.tr("Undo"))
        self.undo_button.setVisible(True)
        self.load()
        self.status.setText(self.tr("These two will not be suggested again."))

    def undo(self) -> None:
        if self.last_event is None and self.last_distinct is None:
            return
        try:
            with self.db.transaction() as session:
                agent = session.get(Agent, self.agent.id)
                if self.last_event is not None:
                    duplicates.undo_merge(session, agent, self.last_event)
                else:
                    duplicates.unmark_distinct(session, agent, *self.last_distinct)
        except ShopDeskError as exc:
            self.error.setText(translated(str(exc)))
            return
        merged = self.last_event is not None
        self.last_event = self.last_distinct = None
        self.undo_button.setVisible(False)
        if merged:
            self.merged.emit()
        self.load()
        self.status.setText(self.tr("The merge was undone.") if merged
                            else self.tr("The pair is suggested again."))


def who(side: duplicates.Side) -> str:
    """A customer with the store accounts of the record: one person often has the same name
    in two stores, and the record of each store is what moves."""
    accounts = listed(f"{store} · {handle}" for store, handle in side.identities)
    return f"{side.name} ({accounts})" if accounts else side.name
