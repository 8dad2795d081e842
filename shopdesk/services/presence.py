"""Two agents, one conversation (issue 20, section 3): who else is viewing or typing a
conversation, and the reply another agent sent a moment ago (the optimistic checks of the
conversation actions are in ``conversation_checks``).

Presence is a row per running window (``place``) with an expiry: the window renews it
while its agent has the conversation open (``VIEWING``) and says when they type; a window
that stops (or is killed) simply lets it run out. The rows are announced through the change
feed like any other change, so the other PCs re-read the viewers of the conversation they
show, and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from shopdesk.models import Agent, Message
from shopdesk.models.enums import Direction
from shopdesk.models.live import Presence
from shopdesk.times import as_utc, utcnow

VIEWING = timedelta(seconds=30)  # a row lives this long unless renewed
RENEW = timedelta(seconds=10)  # how often a window renews its row
TYPING = timedelta(seconds=8)  # "is typing" lasts this long after the last key
RECENT_REPLY = timedelta(minutes=1)  # a reply this recent by another agent asks first


@dataclass(frozen=True)
class Viewer:
    agent_id: int
    name: str
    typing: bool


def announce(session: Session, place: str, agent_id: int | None, conversation_id: int | None,
             typing: bool = False, now: datetime | None = None) -> None:
    """This window's agent has ``conversation_id`` open (None: none, or nobody signed in)."""
    now = now or utcnow()
    row = session.get(Presence, place)
    if agent_id is None or conversation_id is None:
        if row is not None:
            session.delete(row)
        return
    until = now + VIEWING
    if row is None:
        session.add(Presence(place=place, agent_id=agent_id, conversation_id=conversation_id,
                             typing=typing, expires_at=until))
        return
    row.agent_id = agent_id
    row.conversation_id = conversation_id
    row.typing = typing
    row.expires_at = until


def viewers(session: Session, conversation_id: int, place: str,
            now: datetime | None = None) -> list[Viewer]:
    """Who else has the conversation open now (other windows; one line per agent, typing
    if they type in any window), by name."""
    now = now or utcnow()
    found: dict[int, Viewer] = {}
    for agent_id, name, typing in session.execute(
            select(Presence.agent_id, Agent.name, Presence.typing)
            .join(Agent, Agent.id == Presence.agent_id)
            .where(Presence.conversation_id == conversation_id, Presence.place != place,
                   Presence.expires_at > now)
            .order_by(Agent.name, Presence.agent_id)):
        was = found.get(agent_id)
        found[agent_id] = Viewer(agent_id, name, bool(typing) or (was is not None and was.typing))
    return list(found.values())


def forget_expired(session: Session, now: datetime | None = None) -> int:
    """Remove the rows of windows that stopped renewing (kept tidy, not needed for truth)."""
    result = session.execute(delete(Presence).where(Presence.expires_at <= (now or utcnow())))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class RecentReply:
    agent: str
    at: datetime
    text: str


def recent_reply(session: Session, conversation_id: int, agent_id: int,
                 now: datetime | None = None) -> RecentReply | None:
    """The newest reply another agent wrote to the customer in the last minute, if any."""
    now = now or utcnow()
    row = session.execute(
        select(Agent.name, Message.at, Message.text)
        .join(Agent, Agent.id == Message.author_id)
        .where(Message.conversation_id == conversation_id, Message.direction == Direction.OUT,
               Message.author_id != agent_id, Message.at > now - RECENT_REPLY)
        .order_by(Message.at.desc(), Message.id.desc()).limit(1)).first()
    return RecentReply(row[0], as_utc(row[1]), row[2] or "") if row else None
