"""A small shop for the automation tests: one store with a working channel (09:00–18:00
Asia/Shanghai), an owner, two agents, a customer; customer messages arrive through the
channel's real ingest."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from itertools import count

import pytest
from sqlalchemy import func, select, update

from shopdesk.channels.base import Incoming
from shopdesk.channels.sync import ingest
from shopdesk.models import Agent, ChannelState, Conversation, Message, Store
from shopdesk.models.enums import Direction, Role, SendState
from shopdesk.services import agents as agent_svc
from shopdesk.services.automation_engine import run_cycle
from shopdesk.services.automation_rules import RuleSpec, save_rule
from shopdesk.services.automation_watch import Watch
from tests import factories as f

# Tuesday 1 December 2026, 12:00 in Shanghai (open); 23:10 there is closed.
NOON = datetime(2026, 12, 1, 4, 0, tzinfo=UTC)
NIGHT = datetime(2026, 12, 1, 15, 10, tzinfo=UTC)
_ids = count(1)
# The sync worker's memory of what the message triggers looked at; the tests that take the
# ``looks`` fixture run once with none (every cycle a full look) and once with one.
WATCH: Watch | None = None


@pytest.fixture(autouse=True, params=["full", "watched"])
def looks(request, monkeypatch) -> None:
    """Imported by a test module: each of its tests runs with every cycle a full look, and
    with the cycles remembering what they looked at, as the sync worker's do (here with no
    full look after the first); both must answer the same."""
    monkeypatch.setattr(sys.modules[__name__], "WATCH",
                        Watch(timedelta(days=1)) if request.param == "watched" else None)


def make_shop(db) -> dict:
    with db.transaction() as s:
        st = f.store()
        st.settings = {"channel": {"kind": "demo"},
                       "working_hours": {"start": "09:00", "end": "18:00",
                                         "days": [0, 1, 2, 3, 4, 5, 6]}}
        s.add(st)
        owner = agent_svc.create_owner(s, "Owner")
        a1 = Agent(key="a1", name="Li Na", role=Role.AGENT)
        a2 = Agent(key="a2", name="Zhou Lei", role=Role.AGENT)
        s.add_all([a1, a2])
        s.flush()
        s.add(ChannelState(store_id=st.id, online=True))
        return {"store": st.id, "owner": owner.id, "a1": a1.id, "a2": a2.id}


def owner(session, shop) -> Agent:
    return session.get(Agent, shop["owner"])


def rule(db, shop, trigger: dict, actions: list, conditions: list | None = None,
         name: str = "Rule", store: bool = False) -> int:
    with db.transaction() as s:
        return save_rule(s, owner(s, shop), RuleSpec(
            name, trigger, conditions or [], actions, shop["store"] if store else None,
            True)).id


def say(db, shop, text: str, at: datetime, thread: str = "t1", handle: str = "buyer88",
        name: str = "周磊") -> int:
    """A customer message arrives; returns its conversation id."""
    n = next(_ids)
    with db.transaction() as s:
        store = s.get(Store, shop["store"])
        ingest(s, store, [Incoming(f"m{n}-{thread}", thread, handle, name, at, text)])
        return s.scalar(select(Conversation.id).where(Conversation.external_id == thread))


def reply(db, shop, conv_id: int, text: str, at: datetime, agent: str = "a1") -> None:
    """A person answers (written straight, at a chosen time)."""
    with db.transaction() as s:
        conv = s.get(Conversation, conv_id)
        s.add(Message(conversation_id=conv_id, store_id=conv.store_id, at=at,
                      direction=Direction.OUT, author_id=shop[agent], text=text))
        conv.last_direction, conv.last_message_at = Direction.OUT, at


def automatic(db, conv_id: int | None = None) -> list[Message]:
    """Automatic messages to customers, oldest first."""
    with db.read_session() as s:
        q = select(Message).where(Message.rule_id.is_not(None),
                                  Message.direction == Direction.OUT)
        if conv_id is not None:
            q = q.where(Message.conversation_id == conv_id)
        return list(s.scalars(q.order_by(Message.id)))


def texts(db, conv_id: int | None = None) -> list[str]:
    return [m.text for m in automatic(db, conv_id)]


def cycle(db, at: datetime, minutes: int = 1, send: bool = True):
    """One automation cycle ``minutes`` after ``at``; then the channel sends what is queued
    (as the sync does right after), unless ``send`` is False."""
    report = run_cycle(db, at + timedelta(minutes=minutes), watch=WATCH)
    if send:
        with db.transaction() as s:
            s.execute(update(Message).where(Message.send_state == SendState.QUEUED)
                      .values(send_state=SendState.SENT))
    return report


def rows(db, model) -> int:
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(model))
