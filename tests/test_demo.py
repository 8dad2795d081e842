"""The demo shop speaks the language of its stores (built into a real database)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from sqlalchemy import select

from shopdesk.cli import build_demo
from shopdesk.models import QuickReply, Tag

CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")


def test_demo_tags_and_quick_reply_groups_are_each_in_one_language(sqlite_db) -> None:
    build_demo(sqlite_db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    with sqlite_db.read_session() as s:
        tags = list(s.scalars(select(Tag.name)))
        replies = list(s.execute(select(QuickReply.category, QuickReply.body)))
    # The shop's tags are the Chinese owner's words (VIP is said so in Chinese too).
    assert all(CJK.search(t) or t == "VIP" for t in tags), tags
    for category, body in replies:
        assert not (CJK.search(category) and LATIN.search(category)), category
        chinese_body = bool(CJK.search(body))
        assert bool(CJK.search(category)) == chinese_body, (category, body)
