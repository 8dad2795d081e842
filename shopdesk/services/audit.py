"""The audit trail: who changed what, when, before → after. One place writes it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from shopdesk.models import AuditEvent
from shopdesk.times import utcnow


def record(session: Session, agent_id: int | None, action: str, entity: str,
           entity_id: int | None, before: dict[str, Any] | None = None,
           after: dict[str, Any] | None = None, at: datetime | None = None) -> AuditEvent:
    event = AuditEvent(at=at or utcnow(), agent_id=agent_id, action=action, entity=entity,
                       entity_id=entity_id, before=before, after=after)
    session.add(event)
    return event
