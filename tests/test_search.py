"""Search in Chinese (1, 2 and 3+ characters), English, hostile input, on both backends,
with the same results on each."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from shopdesk.models import Conversation, Message
from shopdesk.models.enums import Direction
from shopdesk.services.search import search, snippet
from tests import factories as f

TEXTS = [
    "我要退款，东西坏了",
    "请问退款多久到账？",
    "快递到哪了",
    "ＲＥＦＵＮＤ please, order SKU-A12",
    'He said "refund" OR nothing',
    "100% cotton? 50_50 blend",
    "退",
]


@pytest.fixture
def shop(db):
    with db.transaction() as s:
        st, cu = f.store(), f.customer(name="王小退")
        conv = Conversation(store=st, customer=cu)
        s.add(conv)
        s.flush()
        for i, body in enumerate(TEXTS):
            s.add(Message(conversation_id=conv.id, store_id=st.id, at=f.T0, text=body,
                          direction=Direction.IN, external_id=f"x{i}"))
    return db


def message_texts(db, query: str) -> list[str]:
    with db.read_session() as s:
        hits = search(s, query)
        ids = [h.message_id for h in hits if h.message_id]
        by_id = dict(s.execute(select(Message.id, Message.text)).all())
    return [by_id[i] for i in ids]


@pytest.mark.parametrize(("query", "expected"), [
    ("退", ["退", "请问退款多久到账？", "我要退款，东西坏了"]),  # one character
    ("退款", ["请问退款多久到账？", "我要退款，东西坏了"]),  # two
    ("退款多久", ["请问退款多久到账？"]),  # three and more: the index
    ("refund", ['He said "refund" OR nothing', "ＲＥＦＵＮＤ please, order SKU-A12"]),
    ("ＲＥＦＵＮＤ", ['He said "refund" OR nothing', "ＲＥＦＵＮＤ please, order SKU-A12"]),
    ("SKU-A12", ["ＲＥＦＵＮＤ please, order SKU-A12"]),
    ('"refund" OR', ['He said "refund" OR nothing']),
    ("100%", ["100% cotton? 50_50 blend"]),
    ("0_5", ["100% cotton? 50_50 blend"]),
    ("%", ["100% cotton? 50_50 blend"]),
    ("不存在的词", []),
    ("   ", []),
])
def test_search_messages(shop, query: str, expected: list[str]) -> None:
    assert message_texts(shop, query) == expected


def test_customer_names_are_found(shop) -> None:
    with shop.read_session() as s:
        hits = search(s, "小退")
    assert hits[0].message_id is None and hits[0].customer == "王小退"
    assert hits[0].snippet_html == "王<b>小退</b>"


def test_index_follows_edits_and_deletes(shop) -> None:
    with shop.transaction() as s:
        msg = s.scalar(select(Message).where(Message.text == "快递到哪了"))
        msg.text = "顺丰到哪了"
    assert message_texts(shop, "快递") == []
    assert message_texts(shop, "顺丰到") == ["顺丰到哪了"]
    with shop.transaction() as s:
        s.delete(s.scalar(select(Message).where(Message.text == "顺丰到哪了")))
    assert message_texts(shop, "顺丰") == []


def test_snippet_escapes_and_highlights() -> None:
    assert snippet("<b>退款</b>了", "退款") == "&lt;b&gt;<b>退款</b>&lt;/b&gt;了"
    long = "前" * 100 + "退款" + "后" * 100
    out = snippet(long, "退款")
    assert out.startswith("…") and out.endswith("…") and "<b>退款</b>" in out


def test_bulk_loaded_messages_are_searchable(db) -> None:
    """The loader fills the index in one go (and restores the trigger afterwards)."""
    from datetime import UTC, datetime

    from shopdesk.cli import build_demo

    build_demo(db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    with db.read_session() as s:
        expected = sorted(s.scalars(select(Message.id).where(Message.text.contains("发票"))),
                          reverse=True)
    assert expected
    with db.read_session() as s:
        assert [h.message_id for h in search(s, "发票", limit=1000) if h.message_id] == expected
    with db.transaction() as s:  # the trigger is back: a new message is found at once
        conv = s.scalar(select(Conversation.id))
        s.add(Message(conversation_id=conv, store_id=1, at=datetime.now(UTC),
                      text="新的发票问题", direction=Direction.IN))
    assert "新的发票问题" in message_texts(db, "发票问题")
