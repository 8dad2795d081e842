"""The audit trail: who changed what, when, before → after. One place writes it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.errors import StaleDataError
from shopdesk.models import Agent, AuditEvent
from shopdesk.times import to_local, utcnow


def record(session: Session, agent_id: int | None, action: str, entity: str,
           entity_id: int | None, before: dict[str, Any] | None = None,
           after: dict[str, Any] | None = None, at: datetime | None = None) -> AuditEvent:
    event = AuditEvent(at=at or utcnow(), agent_id=agent_id, action=action, entity=entity,
                       entity_id=entity_id, before=before, after=after)
    session.add(event)
    return event


def stale(session: Session, entity: str, entity_id: int, what: str) -> StaleDataError:
    """The refusal of a change based on a stale read: “This case was changed by X at HH:MM;
    reload it and try again.”, naming the newest audit entry of the record."""
    row = session.execute(
        select(Agent.name, AuditEvent.at).outerjoin(Agent, Agent.id == AuditEvent.agent_id)
        .where(AuditEvent.entity == entity, AuditEvent.entity_id == entity_id)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(1)).first()
    who = row[0] if row and row[0] else "someone else"
    when = f" at {to_local(row[1]):%H:%M}" if row else ""
    return StaleDataError(f"This {what} was changed by {who}{when}; reload it and try again.")
