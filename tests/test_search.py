"""Search in Chinese (1, 2 and 3+ characters), English, hostile input, on both backends,
with the same results on each."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from shopdesk.models import Conversation, Customer, Message
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
    "翡翠手镯一只",  # a rare pair of characters
    "退款，东西坏了",  # 款 and 东 only look adjacent once punctuation is dropped
    "订单A12退货，型号ＸＬ",  # Chinese, Latin, digits and full-width letters together
    "包裹#SF99①到了",  # ① is 1 after NFKC
    "姓\U00030000的顾客",  # a character of CJK extension G (Unicode 13)
    "⾦额到账",  # ⾦ is the Kangxi radical, 金 after NFKC
    "㈱商事",  # ㈱ is (株) after NFKC
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
    ("退", ["订单A12退货，型号ＸＬ", "退款，东西坏了", "退", "请问退款多久到账？",
           "我要退款，东西坏了"]),  # one character
    ("退款", ["退款，东西坏了", "请问退款多久到账？", "我要退款，东西坏了"]),  # two
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
    ("翡翠", ["翡翠手镯一只"]),  # rare, one and two characters
    ("翡", ["翡翠手镯一只"]),
    ("龘", []),  # absent
    ("龘龘", []),
    ("款东", []),  # not adjacent in the text
    ("款，", ["退款，东西坏了", "我要退款，东西坏了"]),  # with its punctuation
    ("，东", ["退款，东西坏了", "我要退款，东西坏了"]),
    ("2退", ["订单A12退货，型号ＸＬ"]),  # mixed
    ("a1", ["订单A12退货，型号ＸＬ", "ＲＥＦＵＮＤ please, order SKU-A12"]),
    ("xl", ["订单A12退货，型号ＸＬ"]),  # full-width in the text (NFKC), case folded
    ("ＸＬ", ["订单A12退货，型号ＸＬ"]),  # and in the query
    ("99", ["包裹#SF99①到了"]),
    ("91", ["包裹#SF99①到了"]),  # ① folds to 1
    ("#S", ["包裹#SF99①到了"]),
    ("#", ["包裹#SF99①到了"]),  # punctuation alone
    ("\U00030000", ["姓\U00030000的顾客"]),  # newer than SQLite's unicode61 tables
    ("姓\U00030000", ["姓\U00030000的顾客"]),
    ('"', ['He said "refund" OR nothing']),  # MATCH-breaking input
    ('"r', ['He said "refund" OR nothing']),
    ("OR", ['He said "refund" OR nothing', "ＲＥＦＵＮＤ please, order SKU-A12"]),
    ("*", []),
    ("a'", []),
    ("金额", ["⾦额到账"]),  # found through what folds into it
    ("金", ["⾦额到账"]),
    ("到账", ["⾦额到账", "请问退款多久到账？"]),
    ("株", ["㈱商事"]),
    ("(株)", ["㈱商事"]),
    ("退 ", ["订单A12退货，型号ＸＬ", "退款，东西坏了", "退", "请问退款多久到账？",
            "我要退款，东西坏了"]),  # the query is trimmed
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


def test_customer_names_of_one_character_and_renames(shop) -> None:
    with shop.read_session() as s:
        assert [h.customer for h in search(s, "退") if h.message_id is None] == ["王小退"]
        assert [h for h in search(s, "龘") if h.message_id is None] == []
    with shop.transaction() as s:
        s.scalar(select(Customer).where(Customer.name == "王小退")).name = "李翡"
    with shop.read_session() as s:
        assert [h for h in search(s, "小退") if h.message_id is None] == []
        assert [h.customer for h in search(s, "翡") if h.message_id is None] == ["李翡"]


def test_long_messages_are_found_by_short_queries(shop) -> None:
    """Longer than the PostgreSQL vector covers (20,000 characters): found all the same."""
    body = "长" * 25_000 + "龘a"
    with shop.transaction() as s:
        conv = s.scalar(select(Conversation))
        s.add(Message(conversation_id=conv.id, store_id=conv.store_id, at=f.T0, text=body,
                      direction=Direction.IN, external_id="long"))
    assert message_texts(shop, "龘") == [body]
    assert message_texts(shop, "龘a") == [body]
    assert message_texts(shop, "长龘") == [body]


def _insert_old(session, model, **values):  # type: ignore[no-untyped-def]
    """A row of ``model`` in a database at an older revision: the given values and the
    model's defaults, for the columns the table has there; its id."""
    from sqlalchemy import bindparam, text
    from sqlalchemy import inspect as inspect_db

    table = model.__table__
    there = {c["name"] for c in inspect_db(session.connection()).get_columns(table.name)}
    row = {}
    for column in table.columns:
        if column.name not in there or column.name == "id":
            continue
        if column.name in values:
            row[column.name] = values[column.name]
        elif column.default is not None and column.default.is_scalar:
            row[column.name] = column.default.arg
        elif column.default is not None and column.default.is_callable:
            row[column.name] = column.default.arg(None)
    names = list(row)
    sql = text(f"INSERT INTO {table.name} ({', '.join(names)}) "
               f"VALUES ({', '.join(':' + n for n in names)}) RETURNING id").bindparams(
        *[bindparam(n, type_=table.c[n].type) for n in names])
    return session.execute(sql, row).scalar_one()


def test_upgrade_indexes_the_messages_and_names_already_there(db_url: str) -> None:
    """0012 on a database at 0010 with messages: the new indexes hold the old rows, and the
    searches find them."""
    from sqlalchemy import text

    from shopdesk import db as dbmod

    database = dbmod.Database(db_url)
    dbmod.upgrade_to_head(database, "0010")
    with database.transaction() as s:  # customers: SQL (their model has later columns)
        st = f.store()
        s.add(st)
        s.execute(text("INSERT INTO customers (id, key, name, created_at) "
                       "VALUES (1, 'c1', '翡翠姐', :at)"),
                  {"at": f.T0.replace(tzinfo=None) if database.backend == "sqlite" else f.T0})
        s.flush()
        # Conversations and messages too: only the columns revision 0010 has.
        conv_id = _insert_old(s, Conversation, store_id=st.id, customer_id=1)
        for body in ("我的翡翠碎了", "ok"):
            _insert_old(s, Message, conversation_id=conv_id, store_id=st.id, at=f.T0,
                        text=body, direction=Direction.IN, external_id=body)
    dbmod.upgrade_to_head(database)
    with database.engine.connect() as conn:
        if database.backend == "sqlite":
            indexed = conn.scalars(text("SELECT rowid FROM messages_chars_fts WHERE "
                                        "messages_chars_fts MATCH '\"翡 翠\"'")).all()
            names = conn.scalars(text("SELECT rowid FROM customers_chars_fts WHERE "
                                      "customers_chars_fts MATCH '翡'")).all()
        else:
            indexed = conn.scalars(text("SELECT id FROM messages WHERE shopdesk_grams(text) "
                                        "@@ '翡翠'::tsquery")).all()
            names = conn.scalars(text("SELECT id FROM customers WHERE shopdesk_grams(name) @@ "
                                      "'翡'::tsquery")).all()
    assert (len(indexed), len(names)) == (1, 1)
    with database.read_session() as s:
        hits = search(s, "翡翠")
    assert [(h.message_id, h.customer) for h in hits] == [(None, "翡翠姐"), (indexed[0], "翡翠姐")]
    database.dispose()


class _Everything:
    """Statistics in which every character and pair is in every message."""

    def get(self, _key: str, _default: float = 0.0) -> float:
        return 1.0


@pytest.mark.parametrize("query", ["退", "退款", "款东", "ＲＥＦＵＮＤ", "翡翠手镯", "a1", "#", "o"])
def test_common_terms_read_from_the_newest_messages_find_the_same(shop, backend, monkeypatch,
                                                                   query: str) -> None:
    """PostgreSQL reads a common term from the newest messages backwards (a window of twice
    the page), then the index for the older ones: the same hits as the index alone."""
    if backend != "postgresql":
        pytest.skip("PostgreSQL's strategy")
    from shopdesk.services import search as search_module
    from shopdesk.textfold import fold

    q = fold(query).strip()
    with shop.read_session() as s:
        by_index = [search_module._pg_message_ids(s, q, n) for n in (1, 2, 50)]
        monkeypatch.setattr(search_module, "_pg_shares", lambda session: _Everything())
        assert [search_module._pg_message_ids(s, q, n) for n in (1, 2, 50)] == by_index
    assert by_index[2][:1] == by_index[0]


@pytest.mark.parametrize("query", ["退", "退款", "金", "ＲＥＦＵＮＤ", "a1", "o", "了"])
def test_the_newest_messages_read_in_steps_find_the_same(db, backend, monkeypatch,
                                                         query: str) -> None:
    """PostgreSQL reads a common term's newest messages in steps (a probe, a window sized by
    what the probe found, the index for the rest), with the probe's and the window's ends
    falling between matches: the same hits, in the same order, as the index alone."""
    if backend != "postgresql":
        pytest.skip("PostgreSQL's strategy")
    from shopdesk.services import search as search_module
    from shopdesk.textfold import fold

    with db.transaction() as s:
        st, cu = f.store(), f.customer(name="顾客")
        conv = Conversation(store=st, customer=cu)
        s.add(conv)
        s.flush()
        for i in range(60):
            body = TEXTS[(i * 5) % len(TEXTS)] if i % 3 else "没有关系的话"
            s.add(Message(conversation_id=conv.id, store_id=st.id, at=f.T0, text=body,
                          direction=Direction.IN, external_id=f"s{i}"))
    q = fold(query).strip()
    with db.read_session() as s:
        search_module._newest.clear()
        by_index = [search_module._pg_message_ids(s, q, n) for n in (1, 3, 7, 50)]
        monkeypatch.setattr(search_module, "_pg_shares", lambda session: _Everything())
        for probe, hits, window in ((4, 1, 5), (9, 2, 11), (2, 1, 1), (30, 3, 7)):
            monkeypatch.setattr(search_module, "PROBE", probe)
            monkeypatch.setattr(search_module, "PROBE_HITS", hits)
            monkeypatch.setattr(search_module, "WINDOW", window)
            search_module._newest.clear()
            assert [search_module._pg_message_ids(s, q, n) for n in (1, 3, 7, 50)] == by_index
    assert len(by_index[3]) > 2  # matches on both sides of the steps' ends
