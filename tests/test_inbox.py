"""The merged inbox on both backends: order across stores, views, counts, filters, paging,
and replies written as queued."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from shopdesk.cli import build_demo
from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, Conversation, Message, Store, Tag, customer_tags
from shopdesk.models.enums import ConversationStatus, Direction, SendState
from shopdesk.services import inbox
from shopdesk.services.permissions import PermissionDenied

ANCHOR = datetime(2026, 11, 1, tzinfo=UTC)


@pytest.fixture
def shop(db):
    build_demo(db, "small", 1, ANCHOR)
    return db


def all_rows(session, f: inbox.InboxFilter, limit: int = 37) -> list[inbox.InboxRow]:
    rows: list[inbox.InboxRow] = []
    after = None
    while True:
        batch = inbox.page(session, f, after, limit)
        rows += batch
        if len(batch) < limit:
            return rows
        after = (batch[-1].last_message_at, batch[-1].id)


def test_all_stores_merged_newest_first_and_paging_is_exact(shop) -> None:
    with shop.read_session() as s:
        rows = all_rows(s, inbox.InboxFilter(view=inbox.View.ALL))
        assert len(rows) == 600 == len({r.id for r in rows})
        keys = [(r.last_message_at, r.id) for r in rows]
        assert keys == sorted(keys, reverse=True)
        assert len({r.store_id for r in rows[:60]}) == 3  # interleaved, not store by store


def test_views_and_their_counts(shop) -> None:
    with shop.read_session() as s:
        wang = s.scalar(select(Agent.id).where(Agent.key == "wangfang"))
        f = inbox.InboxFilter(agent_id=wang)
        counts = inbox.view_counts(s, f)
        for view in inbox.View:
            rows = all_rows(s, inbox.InboxFilter(view=view, agent_id=wang), limit=500)
            assert len(rows) == counts[view], view
        assert counts[inbox.View.ALL] == 600
        needs = all_rows(s, inbox.InboxFilter(view=inbox.View.NEEDS_REPLY))
        assert needs and all(r.status == ConversationStatus.OPEN
                             and r.last_direction == Direction.IN for r in needs)
        assert all(r.reply_due_at is not None for r in needs)
        direct = s.scalar(select(func.count()).select_from(Conversation).where(
            Conversation.status == ConversationStatus.OPEN,
            Conversation.last_direction == Direction.IN))
        assert counts[inbox.View.NEEDS_REPLY] == direct


def test_counts_follow_the_store_status_and_tag_filters(shop) -> None:
    """The counts of all four views come from one query; with every combination of the
    other filters they still match what each view lists."""
    with shop.read_session() as s:
        wang = s.scalar(select(Agent.id).where(Agent.key == "wangfang"))
        store = s.scalar(select(Store.id).order_by(Store.id))
        tag = s.scalar(select(customer_tags.c.tag_id).limit(1))
        filters = [
            inbox.InboxFilter(agent_id=wang, store_ids=frozenset({store})),
            inbox.InboxFilter(agent_id=wang, status=ConversationStatus.PENDING),
            inbox.InboxFilter(agent_id=wang, tag_id=tag),
            inbox.InboxFilter(agent_id=wang, store_ids=frozenset({store}), tag_id=tag,
                              status=ConversationStatus.OPEN),
        ]
        for f in filters:
            counts = inbox.view_counts(s, f)
            for view in inbox.View:
                rows = all_rows(s, replace(f, view=view), limit=500)
                assert len(rows) == counts[view], (f, view)
            assert counts[inbox.View.ALL] < 600


def test_filters_by_store_status_and_tag(shop) -> None:
    with shop.read_session() as s:
        shopify = s.scalar(select(Store.id).where(Store.key == "shopify"))
        rows = all_rows(s, inbox.InboxFilter(view=inbox.View.ALL, store_ids=frozenset({shopify})))
        assert rows and {r.store_id for r in rows} == {shopify}
        closed = all_rows(s, inbox.InboxFilter(view=inbox.View.ALL,
                                               status=ConversationStatus.CLOSED))
        assert closed and {r.status for r in closed} == {ConversationStatus.CLOSED}
        vip = s.scalar(select(Tag.id).where(Tag.key == "vip"))
        tagged = set(s.scalars(select(customer_tags.c.customer_id)
                               .where(customer_tags.c.tag_id == vip)))
        rows = all_rows(s, inbox.InboxFilter(view=inbox.View.ALL, tag_id=vip))
        expected = s.scalar(select(func.count()).select_from(Conversation)
                            .where(Conversation.customer_id.in_(tagged)))
        assert len(rows) == expected


def test_reply_is_queued_and_leaves_needs_reply(shop) -> None:
    with shop.read_session() as s:
        target = inbox.page(s, inbox.InboxFilter(), None, 1)[0]
        before = inbox.view_counts(s, inbox.InboxFilter())[inbox.View.NEEDS_REPLY]
    with shop.transaction() as s:
        emma = s.scalar(select(Agent).where(Agent.key == "emma"))
        msg = inbox.queue_reply(s, emma, target.id, "  您好，已经帮您催件了 👍 ")
        assert msg.send_state == SendState.QUEUED
    with shop.read_session() as s:
        assert inbox.view_counts(s, inbox.InboxFilter())[inbox.View.NEEDS_REPLY] == before - 1
        updated = inbox.row(s, target.id)
        assert updated.last_direction == Direction.OUT and updated.unread == 0
        assert updated.preview == "您好，已经帮您催件了 👍"
        messages = inbox.thread(s, target.id)
        assert messages[-1].text == "您好，已经帮您催件了 👍"
        assert messages[-1].send_state == SendState.QUEUED
        assert messages[-1].author == "Emma Brooks"


def test_notes_do_not_answer_and_bookkeepers_do_not_reply(shop) -> None:
    with shop.read_session() as s:
        target = inbox.page(s, inbox.InboxFilter(), None, 1)[0]
    with shop.transaction() as s:
        emma = s.scalar(select(Agent).where(Agent.key == "emma"))
        inbox.queue_reply(s, emma, target.id, "客户比较急", note=True)
    with shop.read_session() as s:
        assert inbox.row(s, target.id).last_direction == Direction.IN
    with pytest.raises(PermissionDenied), shop.transaction() as s:
        books = s.scalar(select(Agent).where(Agent.key == "books"))
        inbox.queue_reply(s, books, target.id, "hi")
    with pytest.raises(ShopDeskError, match="empty"), shop.transaction() as s:
        emma = s.scalar(select(Agent).where(Agent.key == "emma"))
        inbox.queue_reply(s, emma, target.id, "   ")


def test_thread_pages_backwards_in_time_order(shop) -> None:
    with shop.read_session() as s:
        conv = s.scalar(select(Message.conversation_id).group_by(Message.conversation_id)
                        .order_by(func.count().desc()).limit(1))
        everything = inbox.thread(s, conv, None, 1000)
        newest = inbox.thread(s, conv, None, 2)
        older = inbox.thread(s, conv, (newest[0].at, newest[0].id), 1000)
        assert older + newest == everything
        assert [m.at for m in everything] == sorted(m.at for m in everything)


def test_conversation_actions_are_audited_and_stale_saves_refused(shop) -> None:
    from datetime import timedelta

    from sqlalchemy.orm.exc import StaleDataError

    from shopdesk.models import AuditEvent
    from shopdesk.models.enums import Priority
    from shopdesk.times import utcnow

    with shop.read_session() as s:
        target = inbox.page(s, inbox.InboxFilter(), None, 1)[0].id
        emma_id = s.scalar(select(Agent.id).where(Agent.key == "emma"))
    with shop.transaction() as s:
        wang = s.scalar(select(Agent).where(Agent.key == "wangfang"))
        inbox.assign(s, wang, target, emma_id)
        inbox.set_priority(s, wang, target, Priority.HIGH)
        inbox.snooze(s, wang, target, utcnow() + timedelta(hours=2))
        with pytest.raises(ShopDeskError, match="future"):
            inbox.snooze(s, wang, target, utcnow() - timedelta(minutes=1))
    with shop.read_session() as s:
        conv = s.get(Conversation, target)
        assert conv.assignee_id == emma_id and conv.priority == Priority.HIGH
        assert conv.status == ConversationStatus.SNOOZED
        assert inbox.wake_snoozed(s, utcnow()) == []
    with shop.transaction() as s:
        assert inbox.wake_snoozed(s, utcnow() + timedelta(hours=3)) == [target]
    with shop.transaction() as s:
        wang = s.scalar(select(Agent).where(Agent.key == "wangfang"))
        inbox.close(s, wang, target)
    with shop.read_session() as s:
        assert s.get(Conversation, target).status == ConversationStatus.CLOSED
        actions = s.scalars(select(AuditEvent.action).where(
            AuditEvent.entity == "conversation", AuditEvent.entity_id == target)).all()
        assert actions == ["conversation.assign", "conversation.priority",
                           "conversation.snooze", "conversation.close"]
    # two agents on the same conversation: the later save from a stale read is refused
    with shop.read_session() as s:
        stale = s.get(Conversation, target)
    with shop.transaction() as s:
        wang = s.scalar(select(Agent).where(Agent.key == "wangfang"))
        inbox.reopen(s, wang, target)
    stale.status = ConversationStatus.CLOSED
    with pytest.raises(StaleDataError), shop.transaction() as s:
        s.merge(stale)


def test_replies_with_images(shop) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 100
    with shop.read_session() as s:
        target = inbox.page(s, inbox.InboxFilter(), None, 1)[0].id
    with shop.transaction() as s:
        emma = s.scalar(select(Agent).where(Agent.key == "emma"))
        inbox.queue_reply(s, emma, target, "", attachments=[("破损.png", "image/png", png)])
        with pytest.raises(ShopDeskError, match="not an image"):
            inbox.queue_reply(s, emma, target, "x", attachments=[("a.exe", "application/x", b"")])
        with pytest.raises(ShopDeskError, match="larger than 10 MB"):
            inbox.queue_reply(s, emma, target, "x", attachments=[
                ("big.png", "image/png", b"0" * (inbox.MAX_ATTACHMENT + 1))])
    with shop.read_session() as s:
        last = inbox.thread(s, target)[-1]
        assert last.text == "" and [a.filename for a in last.attachments] == ["破损.png"]
        assert inbox.attachment_data(s, last.attachments[0].id) == ("image/png", png)
        assert inbox.row(s, target).preview == "[破损.png]"


def test_changed_rows_are_read_in_one_call_with_whether_they_are_listed(shop) -> None:
    """A live update of many conversations: every row as the list shows it, each with
    whether it belongs in the list of the filter, and nothing for an id that is gone."""
    with shop.read_session() as s:
        wang = s.scalar(select(Agent.id).where(Agent.key == "wangfang"))
        shopify = s.scalar(select(Store.id).where(Store.key == "shopify"))
        ids = list(s.scalars(select(Conversation.id).order_by(Conversation.id).limit(700)))
        filters = [inbox.InboxFilter(agent_id=wang),
                   inbox.InboxFilter(view=inbox.View.MINE, agent_id=wang),
                   inbox.InboxFilter(view=inbox.View.ALL, store_ids=frozenset({shopify}),
                                     status=ConversationStatus.OPEN),
                   inbox.InboxFilter(view=inbox.View.ALL)]
        for f in filters:
            found = inbox.rows(s, [*ids, 10**9, ids[0]], f)
            assert sorted(found) == ids  # 600 of them, past the 500 of one statement
            for conversation_id in (ids[0], ids[17], ids[-1]):
                row, listed = found[conversation_id]
                assert row == inbox.row(s, conversation_id)
                assert listed == inbox.matches(s, f, conversation_id)
            assert sum(listed for _r, listed in found.values()) == \
                inbox.view_counts(s, f)[f.view]


def test_an_action_is_undone_by_restoring_the_state_before_it(shop) -> None:
    from datetime import timedelta

    from shopdesk.models import AuditEvent
    from shopdesk.models.enums import Priority
    from shopdesk.times import utcnow

    with shop.read_session() as s:
        target = inbox.page(s, inbox.InboxFilter(), None, 1)[0].id
        before = inbox.state(s, target)
    with shop.transaction() as s:
        emma = s.scalar(select(Agent).where(Agent.key == "emma"))
        inbox.assign(s, emma, target, emma.id)
        inbox.set_priority(s, emma, target, Priority.URGENT)
        inbox.snooze(s, emma, target, utcnow() + timedelta(hours=1))
    with shop.transaction() as s:
        after = inbox.state(s, target)
        assert after != before and after.status == ConversationStatus.SNOOZED
        inbox.restore(s, s.scalar(select(Agent).where(Agent.key == "emma")), target, before)
    with shop.read_session() as s:
        assert inbox.state(s, target) == before
        assert s.scalar(select(AuditEvent.action).order_by(AuditEvent.id.desc())) == \
            "conversation.restore"
    with pytest.raises(PermissionDenied), shop.transaction() as s:
        inbox.restore(s, s.scalar(select(Agent).where(Agent.key == "books")), target, after)
