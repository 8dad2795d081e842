"""End of shift: the handover note built from the data, and reading it at the next sign-in."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.db import Database
from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, Handover
from shopdesk.services import handover as svc
from shopdesk.times import to_local, utcnow
from shopdesk.ui.forms import ok_cancel
from shopdesk.ui.labels import return_kind_label, return_state_label, severity_label
from shopdesk.ui.service_text import translated


def describe(kind: str, detail: str, codes: list[str]) -> str:
    """An item's details in the user's language (codes translated, text as written)."""
    if kind == "return" and len(codes) == 2:
        return f"{return_kind_label(codes[0])} · {return_state_label(codes[1])}"
    if kind == "complaint" and codes:
        return f"{severity_label(codes[0])} · {detail}"
    return detail


KIND_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1


ITEM_COLUMN_MAX = 450  # px: the details keep the rest of the dialog's width


def local_time(value: datetime | None) -> str:
    return to_local(value).strftime("%Y-%m-%d %H:%M") if value else ""


class HandoverDialog(QDialog):
    """"End shift": what I leave open, reassignment, a free-text note, then sign out."""

    def __init__(self, db: Database, agent: Agent, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handoverDialog")
        self.db = db
        self.agent = agent
        self.handover_id: int | None = None
        self.setWindowTitle(self.tr("End shift"))
        self.resize(900, 620)

        self.items = QTreeWidget()
        self.items.setObjectName("handoverItems")
        self.items.setColumnCount(3)
        self.items.setHeaderLabels([self.tr("Item"), self.tr("Details"), self.tr("Due")])
        self.items.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.items.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.items.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

        with db.read_session() as session:
            others = svc.takers(session, agent)
        self.reassign_to = QComboBox()
        self.reassign_to.setObjectName("reassignTarget")
        self.reassign_to.addItem(self.tr("Unassigned"), None)
        self.handover_to = QComboBox()
        self.handover_to.setObjectName("handoverTo")
        self.handover_to.addItem(self.tr("Everyone"), None)
        for other in others:
            self.reassign_to.addItem(other.name, other.id)
            self.handover_to.addItem(other.name, other.id)
        self.reassign_button = QPushButton(self.tr("Reassign ticked items"))
        self.reassign_button.setObjectName("reassignButton")
        self.reassign_button.clicked.connect(self.reassign_checked)
        self.status = QLabel()
        self.status.setObjectName("handoverStatus")

        self.note = QPlainTextEdit()
        self.note.setObjectName("handoverNote")
        self.note.setPlaceholderText(self.tr("Anything the next person should know"))
        self.note.setMaximumHeight(110)

        buttons = ok_cancel(self)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Hand over and sign out"))
        ok.setObjectName("handOverButton")

        reassign_row = QHBoxLayout()
        reassign_row.addWidget(QLabel(self.tr("Give to:")))
        reassign_row.addWidget(self.reassign_to, 1)
        reassign_row.addWidget(self.reassign_button)
        to_row = QHBoxLayout()
        to_row.addWidget(QLabel(self.tr("Handover note for:")))
        to_row.addWidget(self.handover_to, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Still open at the end of your shift:")))
        layout.addWidget(self.items, 1)
        layout.addLayout(reassign_row)
        layout.addWidget(self.status)
        layout.addLayout(to_row)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        with self.db.read_session() as session:
            self.draft = svc.build_handover(session, self.agent.id)
        self.items.clear()
        sections = [
            (self.tr("Waiting for a reply (oldest first)"), self.draft.waiting),
            (self.tr("Returns assigned to me"), self.draft.returns),
            (self.tr("Complaints assigned to me"), self.draft.complaints),
            (self.tr("Snoozed until the next shift"), self.draft.snoozed),
        ]
        for title, entries in sections:
            top = QTreeWidgetItem([f"{title} ({len(entries)})"])
            top.setFirstColumnSpanned(True)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.items.addTopLevelItem(top)
            for entry in entries:
                child = QTreeWidgetItem([svc.item_title(asdict(entry)), describe(entry.kind, entry.detail,
                                                               entry.codes),
                                         local_time(entry.due)])
                child.setFlags(child.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                child.setCheckState(0, Qt.CheckState.Unchecked)
                child.setData(0, KIND_ROLE, entry.kind)
                child.setData(0, ID_ROLE, entry.id)
                if entry.due and entry.due < utcnow():
                    child.setForeground(2, Qt.GlobalColor.red)
                top.addChild(child)
            top.setExpanded(True)
        # Each item's number, customer and store in full, up to ITEM_COLUMN_MAX wide.
        self.items.resizeColumnToContents(0)
        self.items.setColumnWidth(0, min(self.items.columnWidth(0), ITEM_COLUMN_MAX))

    def checked(self) -> list[tuple[str, int]]:
        found = []
        for i in range(self.items.topLevelItemCount()):
            top = self.items.topLevelItem(i)
            for j in range(top.childCount()):
                child = top.child(j)
                if child.checkState(0) == Qt.CheckState.Checked:
                    found.append((child.data(0, KIND_ROLE), int(child.data(0, ID_ROLE))))
        return found

    def reassign_checked(self) -> None:
        chosen = self.checked()
        if not chosen:
            self.status.setText(self.tr("Tick the items to give away first."))
            return
        target = self.reassign_to.currentData()
        by_kind: dict[str, list[int]] = {}
        for kind, item_id in chosen:
            by_kind.setdefault(kind, []).append(item_id)
        try:
            with self.db.transaction() as session:
                actor = session.get(Agent, self.agent.id)
                moved = sum(svc.reassign(session, actor, kind, ids, target)  # type: ignore[arg-type]
                            for kind, ids in by_kind.items())
        except ShopDeskError as exc:
            self.status.setText(translated(str(exc)))
            return
        self.status.setText(self.tr("%1 items given to %2.")
                            .replace("%1", str(moved))
                            .replace("%2", self.reassign_to.currentText()))
        self.refresh()

    def accept(self) -> None:
        try:
            with self.db.transaction() as session:
                actor = session.get(Agent, self.agent.id)
                handover = svc.save_handover(session, actor, self.handover_to.currentData(),
                                             self.note.toPlainText(), self.draft)
                self.handover_id = handover.id
        except ShopDeskError as exc:
            self.status.setText(translated(str(exc)))
            return
        super().accept()


def handover_text(widget: QWidget, handover: Handover, sender: str) -> str:
    """A handover note as plain text (shown at sign-in, listed in Reports)."""
    lines = [QCoreApplication.translate("HandoverText", "From %1, %2").replace("%1", sender).replace("%2", local_time(handover.at))]
    if handover.note:
        lines += ["", handover.note]
    titles = {
        "waiting": QCoreApplication.translate("HandoverText", "Waiting for a reply (oldest first)"),
        "returns": QCoreApplication.translate("HandoverText", "Returns assigned to me"),
        "complaints": QCoreApplication.translate("HandoverText", "Complaints assigned to me"),
        "snoozed": QCoreApplication.translate("HandoverText", "Snoozed until the next shift"),
    }
    for key, title in titles.items():
        entries = (handover.content or {}).get(key) or []
        if entries:
            lines += ["", f"{title} ({len(entries)})"]
            lines += [f"  • {svc.item_title(e)} — "
                      f"{describe(e['kind'], e['detail'], e.get('codes') or [])}"
                      for e in entries]
    return "\n".join(lines)


class HandoverNotesDialog(QDialog):
    """At sign-in: the latest handovers for me or for everyone, until I mark them read."""

    def __init__(self, db: Database, agent: Agent, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handoverNotesDialog")
        self.db = db
        self.agent = agent
        self.setWindowTitle(self.tr("Handover notes"))
        self.resize(640, 480)
        with db.read_session() as session:
            notes = svc.unread_handovers(session, agent.id)
            self.ids = [h.id for h in notes]
            text = "\n\n────────\n\n".join(
                handover_text(self, h, h.from_agent.name) for h in notes)
        view = QTextBrowser()
        view.setObjectName("handoverNotesText")
        view.setPlainText(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        read = buttons.addButton(self.tr("Mark as read"), QDialogButtonBox.ButtonRole.AcceptRole)
        read.setObjectName("markReadButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(view)
        layout.addWidget(buttons)

    def accept(self) -> None:
        with self.db.transaction() as session:
            for handover_id in self.ids:
                svc.mark_read(session, self.agent.id, handover_id)
        super().accept()
