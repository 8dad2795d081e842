"""Pinyin search: initials, full spelling, polyphones, mixed queries, on both backends, in the
inbox search, the Customers page and the quick reply picker; the keys kept on write, by the
dataset loader and by the migration."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select, text

from shopdesk.dataset.load import load_records
from shopdesk.models import Agent, Conversation, Customer, QuickReply
from shopdesk.models.enums import Role
from shopdesk.pinyin_keys import (
    PHRASES_PER_PIECE,
    keys_for,
    keys_of,
    matches,
    phrase_pieces,
    pinyin_query,
)
from shopdesk.services import customer_list, quick_replies
from shopdesk.services.search import search
from tests import factories as f

NAMES = ["王芳", "汪峰", "张伟", "重明", "Lily王", "李娜", "Amy Chen"]


def test_keys_hold_full_spellings_initials_and_every_reading() -> None:
    words = keys_for("王芳").split()
    assert {"wangfang", "fang", "wf", "yufang"} <= set(words)  # 王 is also read yu
    assert {"zhong", "chong"} <= set(keys_for("重").split())  # a polyphone: both readings
    assert "chongqing" in keys_for("重庆").split()  # a known word: its own reading
    assert "zhongqing" not in keys_for("重庆").split()
    assert keys_for("Amy Chen") == "" and keys_for("") == ""  # no Chinese: no key
    assert "lilywang" in keys_for("Lily王").split()
    key = keys_of("开发票说明")
    assert matches(key, "fapiao") and matches(key, "kfpsm") and matches(key, "fp")
    assert "fapiao" not in key.split()  # a word that starts a longer one is left out


def test_the_phrase_dictionary_read_in_pieces_is_pypinyins_own(tmp_path: Path) -> None:
    spec = importlib.util.find_spec("pypinyin")
    assert spec and spec.origin
    path = Path(spec.origin).with_name("phrases_dict.json")
    pieces = list(phrase_pieces(path))
    assert len(pieces) > 10 and all(len(piece) <= PHRASES_PER_PIECE for piece in pieces)
    merged: dict = {}
    for piece in pieces:
        merged.update(piece)
    assert merged == json.loads(path.read_text(encoding="utf-8"))
    other = tmp_path / "phrases.json"  # laid out otherwise (one line): decoded whole
    other.write_text(json.dumps({"重庆": [["chóng"], ["qìng"]]}, ensure_ascii=False), "utf-8")
    assert list(phrase_pieces(other)) == [{"重庆": [["chóng"], ["qìng"]]}]


def test_pinyin_loaded_by_shopdesk_first_knows_its_words() -> None:
    """In a new process, as in the window: pypinyin's phrases come from the pieces."""
    out = subprocess.run(
        [sys.executable, "-c", "from shopdesk.pinyin_keys import keys_for; "
         "import pypinyin.constants as c; print(len(c.PHRASES_DICT)); "
         "print(keys_for('重庆银行行长'))"],
        capture_output=True, text=True, encoding="utf-8", check=True).stdout.split("\n")
    assert int(out[0]) > 40_000
    words = out[1].split()
    assert "chongqingyinhanghangzhang" in words  # 重庆, 银行, 行长 read as words
    assert not any(w.startswith("zhongqing") or "yinxing" in w for w in words)


@pytest.mark.parametrize(("typed", "looked_up"), [
    ("wf", "wf"), ("WangFang", "wangfang"), ("wang fang", "wangfang"), ("xi'an", "xian"),
    ("王f", "wangf"), ("王芳", None), ("w", None), ("发", None), ("?!", None),
    ("ｗｆ", "wf"),  # full-width letters fold
])
def test_what_a_typed_query_looks_up(typed: str, looked_up: str | None) -> None:
    assert pinyin_query(typed) == looked_up


def test_in_memory_match_is_a_word_prefix() -> None:
    key = keys_for("王芳")
    assert matches(key, "wf") and matches(key, "wangf") and matches(key, "fang")
    assert not matches(key, "angfang")  # not from inside a syllable
    assert not matches(key, None) and not matches("", "wf")


@pytest.fixture
def shop(db):
    with db.transaction() as s:
        st = f.store()
        for i, name in enumerate(NAMES):
            cu = f.customer(key=f"c{i}", name=name)
            s.add(Conversation(store=st, customer=cu, subject=f"s{i}"))
        s.add(QuickReply(category="售后", code="inv", title="发票说明",
                         body="亲，电子发票会在确认收货后开具。"))
        s.add(QuickReply(category="物流", code="ship", title="Shipping time",
                         body="We ship within 48 hours."))
        s.add(QuickReply(category="物流", code="wl", title="物流查询",
                         body="亲，您的包裹正在路上，重新发货需要一天。"))
    return db


def _inbox_names(db, query: str) -> list[str]:
    with db.read_session() as s:
        return [h.customer for h in search(s, query) if h.message_id is None]


def _page_names(db, query: str) -> list[str]:
    with db.read_session() as s:
        customer_list.refresh(s)
        rows = customer_list.page(s, customer_list.CustomerFilter(
            text=query, sort=customer_list.Sort.NAME), None)
        return [r.name for r in rows]


@pytest.mark.parametrize(("query", "expected"), [
    ("wf", {"王芳", "汪峰"}),  # initials: both are w-f
    ("wangfang", {"王芳"}),  # full spelling
    ("wangfeng", {"汪峰"}),
    ("wang fang", {"王芳"}),
    ("wangf", {"王芳", "汪峰"}),  # full, then the start of the next syllable
    ("fang", {"王芳"}),  # the given name alone
    ("zw", {"张伟"}),
    ("zhongming", {"重明"}), ("chongming", {"重明"}), ("zm", {"重明"}), ("cm", {"重明"}),
    ("王f", {"王芳"}),  # Chinese and pinyin mixed (王 spelled wang: 汪峰 is wang f too)
    ("lilyw", {"Lily王"}),  # Latin letters with Chinese
    ("王芳", {"王芳"}),  # Chinese as before, exactly
    ("Amy", {"Amy Chen"}),  # English as before
    ("xyz", set()),
])
def test_inbox_and_customers_page_find_by_pinyin(shop, query: str, expected: set[str]) -> None:
    inbox = set(_inbox_names(shop, query))
    if query == "王f":  # the inbox spells 王 and finds both wang-f names
        assert inbox == {"王芳", "汪峰"}
    else:
        assert inbox == expected
    page = set(_page_names(shop, query))
    assert page == (inbox if query != "王f" else {"王芳", "汪峰"})


def test_quick_reply_picker_finds_by_pinyin(shop) -> None:
    with shop.read_session() as s:
        assert [r.code for r in quick_replies.find(s, "fp")] == ["inv"]  # 发票
        assert [r.code for r in quick_replies.find(s, "fapiao")] == ["inv"]
        assert [r.code for r in quick_replies.find(s, "wlcx")] == ["wl"]  # 物流查询
        assert [r.code for r in quick_replies.find(s, "baoguo")] == ["wl"]  # in the text
        assert [r.code for r in quick_replies.find(s, "ship")] == ["ship"]  # English as before
        assert [r.code for r in quick_replies.find(s, "发票")] == ["inv"]
        assert quick_replies.find(s, "qq") == []


def test_keys_follow_renames_and_edits(shop) -> None:
    with shop.transaction() as s:
        cu = s.scalar(select(Customer).where(Customer.name == "张伟"))
        cu.name = "赵敏"
    assert _inbox_names(shop, "zw") == []
    assert _inbox_names(shop, "zhaomin") == ["赵敏"]
    with shop.transaction() as s:
        owner = Agent(key="boss", name="Boss", role=Role.OWNER)
        s.add(owner)
        s.flush()
        reply = s.scalar(select(QuickReply).where(QuickReply.code == "ship"))
        quick_replies.save(s, owner, reply.id, "物流", "ship", "发货时间", "48小时内发货")
    with shop.read_session() as s:
        assert [r.code for r in quick_replies.find(s, "fhsj")] == ["ship"]
    with shop.transaction() as s:  # deleting keeps the index whole (SQLite: contentless FTS)
        cu = s.scalar(select(Customer).where(Customer.name == "赵敏"))
        for conv in s.scalars(select(Conversation).where(Conversation.customer_id == cu.id)):
            s.delete(conv)
        s.flush()
        s.delete(cu)
    assert _inbox_names(shop, "zhaomin") == []


def test_dataset_load_fills_the_keys(db) -> None:
    records = [
        {"kind": "store", "key": "tm", "name": "天猫店", "platform": "tmall", "currency": "CNY",
         "timezone": "Asia/Shanghai"},
        {"kind": "customer", "key": "c1", "name": "王芳"},
        {"kind": "quick_reply", "key": "q1", "category": "售后", "code": "inv",
         "title": "发票说明", "body": "电子发票"},
    ]
    load_records(db, enumerate(records, start=1))
    load_records(db, enumerate(records, start=1))  # loaded twice: updated in place
    assert _inbox_names(db, "wangfang") == []  # no conversation yet: the page finds her
    assert _page_names(db, "wf") == ["王芳"]
    with db.read_session() as s:
        assert [r.code for r in quick_replies.find(s, "fp")] == ["inv"]


def test_migration_fills_existing_rows(db_url) -> None:
    from shopdesk.db import open_database, upgrade_to_head

    old = open_database(db_url, upgrade=False)
    upgrade_to_head(old, "0013")
    with old.engine.begin() as conn:
        conn.execute(text("INSERT INTO customers (key, name, created_at) "
                          "VALUES ('k1', '王芳', '2026-11-01 12:00:00')"))
    upgrade_to_head(old)
    with old.read_session() as s:
        assert "wf" in s.scalar(select(Customer.pinyin)).split()
        rows = customer_list.page(s, customer_list.CustomerFilter(text="wangfang"), None)
        assert [r.name for r in rows] == ["王芳"]
    old.dispose()
