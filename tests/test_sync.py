"""Channel sync on both backends: idempotent ingest, the outbox with retries, offline."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from shopdesk.channels.base import ChannelError, Fetched, Incoming, Outgoing
from shopdesk.channels.demo import DemoChannel
from shopdesk.channels.sync import retry_now, sync_store
from shopdesk.models import ChannelState, Conversation, Customer, Message
from shopdesk.models.enums import ConversationStatus, Direction, SendState
from shopdesk.services import agents as agent_svc
from shopdesk.services import inbox
from tests import factories as f

T = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


class ScriptedChannel:
    """A channel that returns what the test gives it and fails when told to."""

    def __init__(self) -> None:
        self.inbox: list[Incoming] = []
        self.sent: list[Outgoing] = []
        self.fail_fetch: str | None = None
        self.fail_send: str | None = None

    def fetch(self, cursor: str | None) -> Fetched:
        if self.fail_fetch:
            raise ChannelError(self.fail_fetch)
        return Fetched(list(self.inbox), str(len(self.inbox)))

    def send(self, reply: Outgoing) -> str | None:
        if self.fail_send:
            raise ChannelError(self.fail_send)
        self.sent.append(reply)
        return f"sent-{reply.message_id}"


@pytest.fixture
def shop(db):
    with db.transaction() as s:
        st = f.store()
        s.add(st)
        owner = agent_svc.create_owner(s, "Owner")
        s.flush()
        return {"store": st.id, "owner": owner.id}


def incoming(n: int, thread: str = "t1", handle: str = "buyer88", at: datetime = T) -> Incoming:
    return Incoming(f"m{n}", thread, handle, "周磊", at, f"第{n}条：到哪了？")


def test_ingest_is_idempotent_and_creates_customer_and_conversation(db, shop) -> None:
    channel = ScriptedChannel()
    channel.inbox = [incoming(1), incoming(2, at=T + timedelta(minutes=1))]
    first = sync_store(db, shop["store"], channel, now=lambda: T)
    again = sync_store(db, shop["store"], channel, now=lambda: T)  # the same messages again
    assert first.fetched == 2 and len(first.changed) == 1 and again.changed == set()
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Message)) == 2
        assert s.scalar(select(func.count()).select_from(Customer)) == 1
        conv = s.scalar(select(Conversation))
        assert conv.unread_count == 2 and conv.last_preview == "第2条：到哪了？"
        assert conv.first_response_due_at == T + timedelta(minutes=60)  # oldest unanswered
        assert s.get(ChannelState, shop["store"]).cursor == "2"


def test_a_closed_conversation_reopens_when_the_customer_writes(db, shop) -> None:
    channel = ScriptedChannel()
    channel.inbox = [incoming(1)]
    sync_store(db, shop["store"], channel, now=lambda: T)
    with db.transaction() as s:
        s.scalar(select(Conversation)).status = ConversationStatus.CLOSED
    channel.inbox.append(incoming(2, at=T + timedelta(hours=1)))
    sync_store(db, shop["store"], channel, now=lambda: T)
    with db.read_session() as s:
        conv = s.scalar(select(Conversation))
        assert conv.status == ConversationStatus.OPEN
        # the reply clock restarts with the new message, not with the old unanswered one
        assert conv.first_response_due_at == T + timedelta(hours=2)


def test_outbox_sends_and_failed_sends_back_off_then_retry(db, shop) -> None:
    channel = ScriptedChannel()
    channel.inbox = [incoming(1)]
    sync_store(db, shop["store"], channel, now=lambda: T)
    with db.transaction() as s:
        conv = s.scalar(select(Conversation))
        owner = s.get(agent_svc.Agent, shop["owner"])
        ok = inbox.queue_reply(s, owner, conv.id, "马上发货").id
    result = sync_store(db, shop["store"], channel, now=lambda: T)
    assert result.sent == 1 and channel.sent[0].text == "马上发货"
    assert channel.sent[0].handle == "buyer88" and channel.sent[0].thread_id == "t1"
    with db.read_session() as s:
        sent = s.get(Message, ok)
        assert sent.send_state == SendState.SENT and sent.external_id == f"sent-{ok}"

    channel.fail_send = "server said 503"
    with db.transaction() as s:
        owner = s.get(agent_svc.Agent, shop["owner"])
        failing = inbox.queue_reply(s, owner, conv.id, "第二条回复").id
    assert sync_store(db, shop["store"], channel, now=lambda: T).failed == 1
    with db.read_session() as s:
        msg = s.get(Message, failing)
        assert msg.send_state == SendState.FAILED and msg.send_error == "server said 503"
        assert msg.send_attempts == 1 and msg.next_attempt_at == T + timedelta(seconds=30)
    channel.fail_send = None
    assert sync_store(db, shop["store"], channel, now=lambda: T + timedelta(seconds=10)).sent == 0
    assert sync_store(db, shop["store"], channel, now=lambda: T + timedelta(seconds=31)).sent == 1
    assert [o.text for o in channel.sent] == ["马上发货", "第二条回复"]  # nothing sent twice


def test_retry_now(db, shop) -> None:
    channel = ScriptedChannel()
    channel.inbox = [incoming(1)]
    sync_store(db, shop["store"], channel, now=lambda: T)
    channel.fail_send = "timeout"
    with db.transaction() as s:
        owner = s.get(agent_svc.Agent, shop["owner"])
        mid = inbox.queue_reply(s, owner, s.scalar(select(Conversation.id)), "hi").id
    sync_store(db, shop["store"], channel, now=lambda: T)
    channel.fail_send = None
    with db.transaction() as s:
        retry_now(s, mid)
    assert sync_store(db, shop["store"], channel, now=lambda: T).sent == 1


def test_offline_channel_keeps_the_outbox_waiting(db, shop) -> None:
    channel = ScriptedChannel()
    channel.inbox = [incoming(1)]
    sync_store(db, shop["store"], channel, now=lambda: T)
    with db.transaction() as s:
        owner = s.get(agent_svc.Agent, shop["owner"])
        mid = inbox.queue_reply(s, owner, s.scalar(select(Conversation.id)), "在吗").id
    channel.fail_fetch = "host not found"
    result = sync_store(db, shop["store"], channel, now=lambda: T)
    assert result.error == "host not found" and not channel.sent
    with db.read_session() as s:
        state = s.get(ChannelState, shop["store"])
        assert not state.online and state.error == "host not found"
        assert s.get(Message, mid).send_state == SendState.QUEUED
    channel.fail_fetch = None
    # backing off: not tried again within 30 s of the failure, still shown offline
    waiting = sync_store(db, shop["store"], channel, now=lambda: T + timedelta(seconds=20))
    assert waiting.error == "host not found" and waiting.sent == 0
    channel.fail_fetch = "timed out"  # a second failure waits longer (2 minutes)
    sync_store(db, shop["store"], channel, now=lambda: T + timedelta(seconds=31))
    with db.read_session() as s:
        assert s.get(ChannelState, shop["store"]).failures == 2
    channel.fail_fetch = None
    assert sync_store(db, shop["store"], channel,
                      now=lambda: T + timedelta(seconds=91)).error == "timed out"
    assert sync_store(db, shop["store"], channel,
                      now=lambda: T + timedelta(seconds=152)).sent == 1
    with db.read_session() as s:
        state = s.get(ChannelState, shop["store"])
        assert state.online and state.failures == 0


def test_demo_channel_plays_customers(db, shop) -> None:
    channel = DemoChannel("tm", "zh", [("t1", "buyer88", "周磊")], seed=3, every_seconds=0)
    total = 0
    for _ in range(10):
        total += sync_store(db, shop["store"], channel).fetched
    assert total >= 3
    with db.read_session() as s:
        texts = s.scalars(select(Message.text).where(Message.direction == Direction.IN)).all()
    assert len(texts) == total and all(texts)



def test_outbox_sends_attachments(db, shop) -> None:
    channel = ScriptedChannel()
    channel.inbox = [incoming(1)]
    sync_store(db, shop["store"], channel, now=lambda: T)
    with db.transaction() as s:
        owner = s.get(agent_svc.Agent, shop["owner"])
        inbox.queue_reply(s, owner, s.scalar(select(Conversation.id)), "图片",
                          attachments=[("a.png", "image/png", b"\x89PNG")])
    sync_store(db, shop["store"], channel, now=lambda: T)
    assert channel.sent[0].attachments == (("a.png", "image/png", b"\x89PNG"),)


def test_incoming_images_are_stored_and_shown(db, shop) -> None:
    from shopdesk.channels.demo import demo_photo
    from shopdesk.models import Attachment
    from shopdesk.services.inbox import attachment_data, thread

    photo = demo_photo(1)
    channel = ScriptedChannel()
    channel.inbox = [Incoming("p1", "t1", "buyer88", "周磊", T, "",
                              attachments=(("box.png", "image/png", photo),))]
    sync_store(db, shop["store"], channel, now=lambda: T)
    sync_store(db, shop["store"], channel, now=lambda: T)  # again: stored once
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Attachment)) == 1
        conv = s.scalar(select(Conversation))
        assert conv.last_preview == "[box.png]"
        messages = thread(s, conv.id, None, 50)
        assert [a.filename for a in messages[0].attachments] == ["box.png"]
        assert attachment_data(s, messages[0].attachments[0].id)[1] == photo
    assert photo.startswith(b"\x89PNG")


def test_the_demo_shop_plays_one_thread_per_customer(sqlite_db) -> None:
    """A customer who writes again continues their newest conversation; the live demo never
    reopens their older, closed ones one after another."""
    from datetime import UTC, datetime

    from shopdesk.channels.registry import channel_for
    from shopdesk.cli import _attach_demo_channels, build_demo
    from shopdesk.credentials import Credentials
    from shopdesk.models import Conversation, CustomerIdentity, Store

    build_demo(sqlite_db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    _attach_demo_channels(sqlite_db)
    with sqlite_db.read_session() as s:
        for store in s.scalars(select(Store)):
            channel = channel_for(s, store, Credentials())
            handles = [handle for _thread, handle, _name in channel.threads]
            assert handles and len(handles) == len(set(handles))
            for thread, handle, _name in channel.threads:  # the newest of that customer's
                newest = s.scalar(
                    select(Conversation.external_id)
                    .join(CustomerIdentity,
                          (CustomerIdentity.customer_id == Conversation.customer_id)
                          & (CustomerIdentity.store_id == store.id))
                    .where(Conversation.store_id == store.id, CustomerIdentity.handle == handle,
                           Conversation.external_id.is_not(None))
                    .order_by(Conversation.last_message_at.desc()).limit(1))
                assert thread == newest
