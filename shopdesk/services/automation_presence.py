"""Who is signed in now, for automatic assignment, and the owner's notifications.

The program records a sign-in (``signed_in``, also called now and then while the agent
works, e.g. from the sync worker or the window's idle timer) and a sign-out. An agent
counts as signed in when their record is fresher than ``PRESENCE_MINUTES`` and they have
not signed out since, or while a window of theirs shows a conversation (its presence row); without any record, an agent who changed something (the audit trail)
within the last ``PRESENCE_MINUTES`` counts too.

    signed_in(session, agent_id, now=None, place=None)
    signed_out(session, agent_id, now=None)
    signed_in_agents(session, store_id, now) -> list[Agent]   who may work that store
    notify(session, text, *, store_id=None, conversation_id=None, complaint_id=None,
           rule=None, agent_id=None) -> Notification
    unread_notifications(session, agent) -> list[Notification]
    mark_read(session, agent, ids)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from shopdesk.models import AgentPresence, AuditEvent, Notification, Presence, agent_stores
from shopdesk.models.enums import Role
from shopdesk.models.shop import Agent
from shopdesk.times import utcnow

PRESENCE_MINUTES = 15
WORKING_ROLES = (Role.OWNER, Role.AGENT)


def signed_in(session: Session, agent_id: int, now: datetime | None = None,
              place: str | None = None) -> None:
    now = now or utcnow()
    row = session.get(AgentPresence, agent_id)
    if row is None:
        session.add(AgentPresence(agent_id=agent_id, seen_at=now, place=place))
    else:
        row.seen_at, row.signed_out_at = now, None
        row.place = place or row.place
    session.flush()


def signed_out(session: Session, agent_id: int, now: datetime | None = None) -> None:
    row = session.get(AgentPresence, agent_id)
    if row is not None:
        row.signed_out_at = now or utcnow()
        session.flush()


def may_work(store_id: int) -> Any:
    """An agent with no stores named works every store; else only those named."""
    named = exists().where(agent_stores.c.agent_id == Agent.id)
    here = exists().where(agent_stores.c.agent_id == Agent.id,
                          agent_stores.c.store_id == store_id)
    return ~named | here


def signed_in_agents(session: Session, store_id: int, now: datetime) -> list[Agent]:
    since = now - timedelta(minutes=PRESENCE_MINUTES)
    base = select(Agent).where(Agent.active.is_(True), Agent.role.in_(WORKING_ROLES),
                               may_work(store_id))
    present = set(session.scalars(
        select(AgentPresence.agent_id).where(AgentPresence.seen_at >= since,
                                             AgentPresence.seen_at <= now,
                                             AgentPresence.signed_out_at.is_(None))))
    recorded = set(session.scalars(select(AgentPresence.agent_id)))
    active = set(session.scalars(
        select(AuditEvent.agent_id).where(AuditEvent.at >= since, AuditEvent.at <= now,
                                          AuditEvent.agent_id.is_not(None)).distinct()))
    # A window with a conversation open renews its row every few seconds (services/presence).
    viewing = set(session.scalars(select(Presence.agent_id).where(Presence.expires_at > now)))
    ids = present | viewing | (active - recorded)
    if not ids:
        return []
    return list(session.scalars(base.where(Agent.id.in_(sorted(ids))).order_by(Agent.id)))


def notify(session: Session, text: str, *, store_id: int | None = None,
           conversation_id: int | None = None, complaint_id: int | None = None,
           rule: Any = None, agent_id: int | None = None,
           now: datetime | None = None) -> Notification:
    note = Notification(at=now or utcnow(), agent_id=agent_id, store_id=store_id,
                        conversation_id=conversation_id, complaint_id=complaint_id,
                        rule_id=rule.id if rule is not None else None,
                        rule_name=rule.name if rule is not None else None, text=text)
    session.add(note)
    session.flush()
    return note


def unread_notifications(session: Session, agent: Agent) -> list[Notification]:
    """The agent's unread notifications (an owner also reads those for every owner)."""
    mine = Notification.agent_id == agent.id
    if agent.role == Role.OWNER:
        mine = mine | Notification.agent_id.is_(None)
    return list(session.scalars(select(Notification).where(mine, Notification.read_at.is_(None))
                                .order_by(Notification.at.desc(), Notification.id.desc())))


def mark_read(session: Session, agent: Agent, ids: Iterable[int],
              now: datetime | None = None) -> None:
    wanted = set(ids)
    for note in unread_notifications(session, agent):
        if note.id in wanted:
            note.read_at = now or utcnow()
