"""The history of an article: who changed what and when, read back from the audit trail
(entity ``article``), which keeps it after the article is deleted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.models import Agent, AuditEvent
from shopdesk.services.permissions import Action, require

FIELDS = ("store", "kind", "language", "title", "body", "keywords", "valid_from", "valid_to")


@dataclass(frozen=True)
class Change:
    field: str  # one of FIELDS, or "images"
    before: Any
    after: Any


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    agent: str | None
    action: str  # "create", "update" or "delete"
    changes: tuple[Change, ...]



def history(session: Session, actor: Agent | None, article_id: int) -> list[HistoryEntry]:
    """Who changed the article, when and what (before → after), newest first. Kept after
    the article is deleted."""
    require(actor, Action.VIEW)
    rows = session.execute(
        select(AuditEvent, Agent.name).outerjoin(Agent, Agent.id == AuditEvent.agent_id)
        .where(AuditEvent.entity == "article", AuditEvent.entity_id == article_id)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()))
    out = []
    for event, name in rows:
        before, after = event.before or {}, event.after or {}
        names = [f for f in (*FIELDS, "images") if f in before or f in after]
        out.append(HistoryEntry(event.at, name, event.action.removeprefix("article."),
                                tuple(Change(f, before.get(f), after.get(f)) for f in names)))
    return out
