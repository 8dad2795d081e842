"""The customer card beside the open conversation: who this is, across every store."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from shopdesk.db import Database
from shopdesk.models import Agent
from shopdesk.money import format_money
from shopdesk.services import customers as svc
from shopdesk.times import to_local


class CustomerCard(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerCard")
        self.db = db
        self.viewer: Agent | None = None
        self.customer_id: int | None = None
        self.view = QTextBrowser()
        self.view.setObjectName("customerCardText")
        self.view.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def show_customer(self, customer_id: int | None, viewer: Agent | None) -> None:
        self.customer_id, self.viewer = customer_id, viewer
        self.refresh()

    def refresh(self) -> None:
        if self.customer_id is None:
            self.view.clear()
            return
        with self.db.read_session() as session:
            data = svc.card(session, self.customer_id, self.viewer)
        self.view.setHtml(self.render(data) if data else "")

    def render(self, d: svc.CustomerCardData) -> str:
        e = html.escape
        parts = [f"<h3>{e(d.name)}</h3>"]
        for store, colour, handle in d.identities:
            parts.append(f"<div><span style='color:{colour or '#6B7280'}'>●</span> "
                         f"{e(store)} · {e(handle)}</div>")
        contact = [x for x in (d.phone, d.email, d.address) if x]
        if contact:
            parts.append("<div style='color:#374151'>" + "<br>".join(e(x) for x in contact)
                         + "</div>")
        if d.tags:
            parts.append("<p>" + " ".join(
                f"<span style='background:{colour or '#9CA3AF'};color:white'>&nbsp;{e(name)}"
                "&nbsp;</span>" for name, colour in d.tags) + "</p>")
        spent = ", ".join(format_money(v, c) for c, v in sorted(d.spent.items())) or "—"
        refunded = ", ".join(format_money(v, c) for c, v in sorted(d.refunded.items()))
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
            for note in d.notes:
                pin = "📌 " if note.pinned else ""
                who = f"{e(note.author)} · " if note.author else ""
                parts.append(f"<p>{pin}{e(note.text)}<br><span style='color:#9CA3AF'>"
                             f"{who}{to_local(note.at):%Y-%m-%d}</span></p>")
        if d.recent_orders:
            orders_title = self.tr("Orders")
            parts.append(f"<h4>{e(orders_title)}</h4>")
            for o in d.recent_orders:
                parts.append(f"<div>{e(o.order_no)} · {e(o.store)}<br>"
                             f"<span style='color:#6B7280'>{to_local(o.placed_at):%Y-%m-%d} · "
                             f"{e(format_money(o.total_minor, o.currency))}</span></div>")
        return "".join(parts)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()
        super().changeEvent(event)
