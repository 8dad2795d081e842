"""The outbox's sending state on both backends: a reply is ``sending`` (committed) while the
channel sends it; a crash in that window leaves it for a person (``uncertain``), who sends
it again (same key, so the same Message-ID) or marks it sent. Audited, with permissions."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from shopdesk.channels.base import Fetched, Incoming, Outgoing
from shopdesk.channels.sync import sync_store
from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, AuditEvent, Conversation, Message
from shopdesk.models.enums import Role, SendState
from shopdesk.services import agents as agent_svc
from shopdesk.services import inbox, outbox
from shopdesk.services.permissions import PermissionDenied
from tests import factories as f

T = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


class Crash(BaseException):
    """The process dies inside the channel's send (nothing after it runs)."""


class Channel:
    """Sends into a list; reports the reply's state in the database while sending; can
    crash mid-send."""

    def __init__(self, db) -> None:
        self.db = db
        self.sent: list[Outgoing] = []
        self.state_while_sending: list[SendState] = []
        self.crash = False

    def fetch(self, cursor: str | None) -> Fetched:
        return Fetched([Incoming("m1", "t1", "buyer88", "周磊", T, "到哪了？")], "1")

    def send(self, reply: Outgoing) -> str | None:
        with self.db.read_session() as s:  # another connection: only what was committed
            self.state_while_sending.append(s.get(Message, reply.message_id).send_state)
        self.sent.append(reply)
        if self.crash:
            raise Crash
        return f"sent-{reply.message_id}"


@pytest.fixture
def shop(db):
    with db.transaction() as s:
        st = f.store()
        s.add(st)
        owner = agent_svc.create_owner(s, "Owner")
        books = Agent(key="books", name="Lin", role=Role.BOOKKEEPER, active=True)
        s.add(books)
        s.flush()
        return {"store": st.id, "owner": owner.id, "books": books.id}


def _crashed_reply(db, shop) -> tuple[Channel, int]:
    channel = Channel(db)
    sync_store(db, shop["store"], channel, now=lambda: T)
    with db.transaction() as s:
        mid = inbox.queue_reply(s, s.get(Agent, shop["owner"]),
                                s.scalar(select(Conversation.id)), "马上发货").id
    channel.crash = True
    with pytest.raises(Crash):
        sync_store(db, shop["store"], channel, now=lambda: T)
    channel.crash = False
    return channel, mid


def _state(db, mid: int) -> SendState:
    with db.read_session() as s:
        return s.get(Message, mid).send_state


def test_the_sending_state_is_committed_before_the_channel_sends(db, shop) -> None:
    channel, mid = _crashed_reply(db, shop)
    assert channel.state_while_sending == [SendState.SENDING]
    assert _state(db, mid) == SendState.SENDING


def test_a_crash_while_sending_waits_for_a_person_and_resend_keeps_the_key(db, shop) -> None:
    channel, mid = _crashed_reply(db, shop)
    # The channel cannot look up what it sent: the reply may have been sent; never again
    # on its own, however often the sync runs.
    for _ in range(2):
        assert sync_store(db, shop["store"], channel, now=lambda: T).sent == 0
    assert len(channel.sent) == 1 and _state(db, mid) == SendState.UNCERTAIN
    with db.transaction() as s:
        outbox.resend(s, s.get(Agent, shop["owner"]), mid)
    assert sync_store(db, shop["store"], channel, now=lambda: T).sent == 1
    assert len(channel.sent) == 2 and channel.sent[1].key == channel.sent[0].key
    assert _state(db, mid) == SendState.SENT
    with db.read_session() as s:
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "message.resend"))
        assert event.entity_id == mid and event.agent_id == shop["owner"]
        assert (event.before, event.after) == ({"send_state": "uncertain"},
                                               {"send_state": "queued"})


def test_mark_as_sent_records_it_without_sending(db, shop) -> None:
    channel, mid = _crashed_reply(db, shop)
    sync_store(db, shop["store"], channel, now=lambda: T)
    with db.transaction() as s:
        outbox.mark_sent(s, s.get(Agent, shop["owner"]), mid)
    sync_store(db, shop["store"], channel, now=lambda: T)
    assert len(channel.sent) == 1 and _state(db, mid) == SendState.SENT
    with db.read_session() as s:
        assert s.get(Message, mid).send_error is None
        assert s.scalar(select(AuditEvent.agent_id).where(
            AuditEvent.action == "message.mark_sent")) == shop["owner"]


def test_resend_and_mark_sent_refuse_what_does_not_fit(db, shop) -> None:
    channel, mid = _crashed_reply(db, shop)
    with db.transaction() as s, pytest.raises(ShopDeskError, match="not waiting to be sent"):
        outbox.resend(s, s.get(Agent, shop["owner"]), mid)  # still sending: not settled yet
    sync_store(db, shop["store"], channel, now=lambda: T)
    with db.transaction() as s:
        with pytest.raises(PermissionDenied, match="A bookkeeper cannot answer customers"):
            outbox.resend(s, s.get(Agent, shop["books"]), mid)
        with pytest.raises(PermissionDenied):
            outbox.mark_sent(s, s.get(Agent, shop["books"]), mid)
    with db.transaction() as s:
        outbox.mark_sent(s, s.get(Agent, shop["owner"]), mid)
    with db.transaction() as s:
        owner = s.get(Agent, shop["owner"])
        with pytest.raises(ShopDeskError, match="Only a reply that may have been sent"):
            outbox.mark_sent(s, owner, mid)
        with pytest.raises(ShopDeskError, match="not waiting to be sent again"):
            outbox.resend(s, owner, mid)
        with pytest.raises(ShopDeskError, match="That reply no longer exists"):
            outbox.resend(s, owner, 999_999)
    assert _state(db, mid) == SendState.SENT


def test_a_reply_another_pc_took_meanwhile_is_not_sent_again(db, shop) -> None:
    """The outbox is read, then each reply is claimed (queued → sending) in one statement:
    a reply another PC claimed or sent since is skipped, not sent a second time."""
    channel = Channel(db)
    sync_store(db, shop["store"], channel, now=lambda: T)
    with db.transaction() as s:
        owner, conv = s.get(Agent, shop["owner"]), s.scalar(select(Conversation.id))
        first, second = (inbox.queue_reply(s, owner, conv, text).id for text in ("一", "二"))
    sending = channel.send

    def send_and_meanwhile(reply: Outgoing) -> str | None:
        if reply.message_id == first:  # meanwhile another PC claims the second reply
            with db.transaction() as s:
                s.get(Message, second).send_state = SendState.SENDING
        return sending(reply)

    channel.send = send_and_meanwhile
    assert sync_store(db, shop["store"], channel, now=lambda: T).sent == 1
    assert [r.message_id for r in channel.sent] == [first]
