"""Live changes between PCs (issue 20, section 1): one payload per transaction naming the
changed rows, delivered to another process on one real PostgreSQL database and one real
SQLite file within 2 seconds."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select, text

from shopdesk.changefeed import MAX_PAYLOAD, Change
from shopdesk.changefeed_listen import Listener
from shopdesk.db import Database
from shopdesk.models import Agent, Conversation, Customer, Tag
from shopdesk.models.enums import Role
from shopdesk.services import inbox
from tests import factories

ROOT = Path(__file__).resolve().parents[1]


def shop(db: Database) -> tuple[int, int, int]:
    """A store, an agent, a customer with one conversation: (agent, customer, conversation)."""
    with db.transaction() as s:
        store = factories.store()
        customer = factories.customer()
        agent = Agent(key="emma", name="Emma", role=Role.AGENT)
        conv = Conversation(store=store, customer=customer)
        s.add_all([agent, conv, Tag(name="VIP", colour="#F97316")])
        s.flush()
        return agent.id, customer.id, conv.id


class Process:
    """Process B: ``python -m shopdesk.changefeed_listen URL`` printing what it hears."""

    def __init__(self, url: str) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "shopdesk.changefeed_listen", url,
                                      "60"], stdout=subprocess.PIPE, text=True, cwd=ROOT)
        assert self.proc.stdout is not None
        assert self.proc.stdout.readline().strip() == "ready"

    def next(self) -> dict:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        assert line, "the listening process ended without reporting the change"
        return json.loads(line)

    def stop(self) -> None:
        self.proc.kill()
        self.proc.wait()


def test_another_process_hears_a_reply_with_its_rows_within_two_seconds(db: Database) -> None:
    agent_id, customer_id, conv_id = shop(db)
    b = Process(db.url)
    try:
        with db.transaction() as s:
            message = inbox.queue_reply(s, s.get(Agent, agent_id), conv_id, "您好，已发货")
            message_id = message.id
            committing = time.time()
        heard = b.next()
        delay = heard["at"] - committing
        assert heard["source"] == db.feed.source
        assert heard["rows"]["messages"] == [message_id]
        assert heard["rows"]["conversations"] == [conv_id]  # the message's conversation
        assert customer_id in heard["rows"]["customers"]  # its last contact moved
        assert "audit_events" not in heard["rows"]  # the trail repeats what changed
        assert 0 <= delay < 2.0, f"heard after {delay:.2f} s"

        with db.transaction() as s:  # a tag on the customer: the customer's id
            customer = s.get(Customer, customer_id)
            customer.tags.append(s.scalar(select(Tag)))
        assert heard_customers(b.next()) == [customer_id]
    finally:
        b.stop()


def heard_customers(heard: dict) -> list[int]:
    return heard["rows"].get("customers", [])


def test_one_payload_per_transaction_and_none_for_a_rollback(db: Database) -> None:
    agent_id, _customer_id, conv_id = shop(db)
    listener = Listener(db.url)
    listener.open()
    try:
        with db.transaction() as s:
            actor = s.get(Agent, agent_id)
            for n in range(3):
                inbox.queue_reply(s, actor, conv_id, f"第{n}条")
            inbox.assign(s, actor, conv_id, None)
        with pytest.raises(RuntimeError), db.transaction() as s:
            inbox.queue_reply(s, s.get(Agent, agent_id), conv_id, "never sent")
            raise RuntimeError("rolled back")
        change = listener.wait(5)
        assert change is not None and len(change.ids("messages")) == 3
        assert listener.wait(0.5) is None  # nothing for the rolled-back transaction
        if db.backend == "sqlite":
            with db.read_session() as s:
                assert s.execute(text("SELECT COUNT(*) FROM change_log")).scalar() == 2
    finally:
        listener.close()


def test_own_changes_are_skipped_and_a_read_sends_nothing(db: Database) -> None:
    agent_id, _customer_id, conv_id = shop(db)
    listener = Listener(db.url, ignore=db.feed.source)
    listener.open()
    try:
        with db.read_session() as s:
            inbox.rows(s, [conv_id], inbox.InboxFilter(view=inbox.View.ALL))
        with db.transaction() as s:
            inbox.set_priority(s, s.get(Agent, agent_id), conv_id, "high")
        assert listener.wait(0.6) is None
        other = Database(db.url)  # another program on the same database
        try:
            with other.transaction() as s:
                inbox.set_priority(s, s.get(Agent, agent_id), conv_id, "low")
            change = listener.wait(5)
            assert change is not None and change.conversations == {conv_id}
        finally:
            other.dispose()
    finally:
        listener.close()


def test_too_many_ids_say_the_table_changed() -> None:
    change = Change(source="x", rows={"customers": set(range(5000)), "tags": {1}})
    payload = change.payload()
    assert len(payload.encode()) <= MAX_PAYLOAD
    back = Change.parse(payload)
    assert back is not None and back.whole == {"customers"} and back.ids("tags") == {1}
    assert back.touches("customers") and not back.ids("customers")
    assert Change.parse("{not json") is None


class Quiet:
    """A store's channel on which nobody writes (an idle shop)."""

    def fetch(self, cursor):  # type: ignore[no-untyped-def]
        from shopdesk.channels.base import Fetched

        return Fetched([], cursor or "0")

    def send(self, reply):  # type: ignore[no-untyped-def]
        return None


def test_an_idle_sync_sends_nothing_and_a_customers_message_names_its_rows(db) -> None:
    """Every PC syncs every few seconds: renewing the lease and the channel's cursor must
    not wake the other PCs; a customer's message does."""
    from shopdesk.channels.base import Fetched, Incoming
    from shopdesk.channels.lease import Holder, sync_if_held
    from shopdesk.models import Store

    shop(db)
    with db.read_session() as s:
        store_id = s.scalar(select(Store.id))
    listener = Listener(db.url)
    listener.open()
    try:
        holder = Holder.here()
        for _ in range(3):
            assert sync_if_held(db, store_id, Quiet(), holder) is not None
        assert listener.wait(0.6) is None

        class Writes(Quiet):
            def fetch(self, cursor):  # type: ignore[no-untyped-def]
                return Fetched([Incoming("m-1", "thread-1", "buyer", "买家", factories.T0,
                                         "在吗？")], "1")

        result = sync_if_held(db, store_id, Writes(), holder)
        assert result is not None and result.changed
        change = listener.wait(5)
        assert change is not None and change.conversations == set(result.changed)
        assert change.ids("messages")
    finally:
        listener.close()


def test_a_merge_names_both_customers_and_the_moved_conversations(db) -> None:
    from shopdesk.services import duplicates

    agent_id, keep_id, conv_id = shop(db)
    with db.transaction() as s:
        twin = factories.customer("c2", "王芳")
        s.add(twin)
        s.flush()
        twin_conv = Conversation(store_id=s.get(Conversation, conv_id).store_id,
                                 customer_id=twin.id)
        s.add(twin_conv)
        s.flush()
        twin_id, twin_conv_id = twin.id, twin_conv.id
    listener = Listener(db.url)
    listener.open()
    try:
        with db.transaction() as s:
            duplicates.merge(s, s.get(Agent, agent_id), keep_id, twin_id)
        change = listener.wait(5)
    finally:
        listener.close()
    assert change is not None
    assert {keep_id, twin_id} <= change.customers
    assert twin_conv_id in change.conversations
