"""One complaint ticket in words: the facts at the top of its panel and its timeline, in the
interface's language (the texts keep the ``ComplaintPanel`` translation context)."""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from shopdesk.models.enums import ComplaintStatus
from shopdesk.services import complaint_view
from shopdesk.times import to_local
from shopdesk.ui.labels import (
    category_label,
    complaint_action_label,
    complaint_change_text,
    complaint_status_label,
    severity_label,
    tier_label,
)


def local_time(when: datetime | None) -> str:
    return f"{to_local(when):%Y-%m-%d %H:%M}" if when else ""


def describe(v: complaint_view.ComplaintView) -> str:
    """The ticket's facts, as rich text."""
    due = local_time(v.sla_due_at)
    lines = [
        f"<span style='font-size:15pt'><b>{v.number}</b></span> · "
        f"{html.escape(complaint_status_label(v.status))} · {html.escape(tier_label(v.tier))}",
        f"<b>{html.escape(v.summary)}</b>",
        f"{html.escape(v.customer_name)} · {html.escape(v.store_name)}"
        + (" · " + QCoreApplication.translate("ComplaintPanel", "order %1").replace(
            "%1", html.escape(v.order_no)) if v.order_no else ""),
        f"{html.escape(category_label(v.category))} · "
        f"{html.escape(severity_label(v.severity))} · "
        + QCoreApplication.translate("ComplaintPanel", "resolve by %1").replace("%1", due),
        QCoreApplication.translate("ComplaintPanel",
                                   "Opened %1 · first response %2 · resolved %3")
        .replace("%1", local_time(v.opened_at))
        .replace("%2", local_time(v.first_response_at) or "—")
        .replace("%3", local_time(v.resolved_at) or "—"),
        QCoreApplication.translate("ComplaintPanel", "Assigned to %1").replace(
            "%1", html.escape(v.assignee))
        if v.assignee else QCoreApplication.translate("ComplaintPanel", "Not assigned"),
    ]
    if v.overdue:
        overdue = QCoreApplication.translate("ComplaintPanel", "Overdue")
        lines.append(f"<span style='color:#B91C1C'><b>{overdue}</b></span>")
    if v.details:
        lines.append(html.escape(v.details).replace("\n", "<br>"))
    if v.resolution:
        lines.append(QCoreApplication.translate("ComplaintPanel", "Resolution: %1").replace(
            "%1", html.escape(v.resolution)) + (f" · {v.compensation}" if v.compensation else ""))
    if v.conversation_id is not None:
        link = QCoreApplication.translate("ComplaintPanel", "Open the conversation")
        lines.append(f"<a href='conversation:{v.conversation_id}'>{link}</a>")
    return "<br>".join(lines)


def render_timeline(v: complaint_view.ComplaintView, agent_names: dict[int, str]) -> str:
    """What happened to the ticket, newest first, as rich text."""
    if not v.timeline:  # a ticket loaded from a dataset keeps only its times
        known = [(v.opened_at, complaint_action_label("created")),
                 (v.first_response_at,
                  QCoreApplication.translate("ComplaintPanel", "First response")),
                 (v.resolved_at, complaint_status_label(ComplaintStatus.RESOLVED))]
        return "".join(f"<p><span style='color:#6B7280'>{local_time(at)}</span><br>"
                       f"<b>{html.escape(what)}</b></p>"
                       for at, what in reversed(known) if at is not None)
    parts = []
    for e in reversed(v.timeline):
        who = html.escape(e.by) if e.by else ""
        change = html.escape(complaint_change_text(e.before, e.after, v.currency, agent_names))
        note = html.escape(e.note).replace("\n", "<br>") if e.note else ""
        parts.append(f"<p><span style='color:#6B7280'>{local_time(e.at)} {who}</span><br>"
                     f"<b>{html.escape(complaint_action_label(e.action))}</b>"
                     f"{' · ' + change if change else ''}{'<br>' + note if note else ''}</p>")
    return "".join(parts)
