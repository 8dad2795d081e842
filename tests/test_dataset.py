"""Dataset load / dump / demo (shared/DATASET.md version 1), on both backends."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from shopdesk.cli import build_demo
from shopdesk.dataset.demo import DemoSize, _Demo, demo_records
from shopdesk.dataset.dump import dump_file, dump_records
from shopdesk.dataset.load import load_file, load_records
from shopdesk.db import open_database
from shopdesk.errors import DatasetError
from shopdesk.models import (
    Conversation,
    Customer,
    Message,
    Order,
    ReturnCase,
    Store,
)
from shopdesk.models.enums import Direction, ReturnState
from tests.conftest import database_url

ANCHOR = datetime(2026, 11, 1, tzinfo=UTC)
HEADER = {"format": "shopdesk-dataset", "version": 1}

SMALL = [
    HEADER,
    {"kind": "store", "key": "tm", "name": "天猫店", "platform": "tmall", "currency": "CNY",
     "timezone": "Asia/Shanghai"},
    {"kind": "agent", "key": "owner", "name": "林晓雨", "role": "owner"},
    {"kind": "tag", "key": "vip", "name": "VIP", "colour": "#D4A017"},
    {"kind": "customer", "key": "c1", "name": "王芳", "phone": "13812345678", "tags": ["vip"],
     "identities": [{"store": "tm", "handle": "wangfang88"}]},
    {"kind": "note", "customer": "c1", "author": "owner", "at": "2026-11-02T10:00:00+08:00",
     "text": "老客户", "pinned": True},
    {"kind": "order", "key": "o1", "store": "tm", "customer": "c1",
     "order_no": "2041586613212345678", "placed_at": "2026-11-01T09:00:00+08:00",
     "status": "delivered", "currency": "CNY", "total": "128.00",
     "items": [{"sku": "MUG", "title": "杯子", "qty": 2, "unit_price": "64.00"}]},
    {"kind": "conversation", "key": "v1", "store": "tm", "customer": "c1", "status": "open",
     "created_at": "2026-11-03T09:00:00+08:00"},
    {"kind": "message", "conversation": "v1", "at": "2026-11-03T09:00:00+08:00",
     "direction": "in", "text": "杯子碎了 😢"},
    {"kind": "message", "conversation": "v1", "at": "2026-11-03T09:05:00+08:00",
     "direction": "out", "author": "owner", "text": "抱歉，马上处理"},
    {"kind": "message", "conversation": "v1", "at": "2026-11-03T09:20:00+08:00",
     "direction": "in", "text": "好的"},
    {"kind": "quick_reply", "key": "q1", "category": "售后", "code": "ps", "title": "破损",
     "body": "亲，{customer}，抱歉！"},
    {"kind": "complaint", "key": "k1", "store": "tm", "customer": "c1", "order": "o1",
     "conversation": "v1", "category": "damaged_in_transit", "severity": "high", "tier": 1,
     "status": "resolved", "opened_at": "2026-11-03T09:10:00+08:00",
     "resolved_at": "2026-11-03T12:00:00+08:00", "summary": "破损", "compensation": "10.00"},
    {"kind": "survey", "conversation": "v1", "agent": "owner", "score": 5,
     "answered_at": "2026-11-03T13:00:00+08:00", "comment": "=HYPERLINK(\"x\")"},
    {"kind": "return", "key": "r1", "store": "tm", "order": "o1", "customer": "c1",
     "type": "return_refund", "reason": "damaged_in_transit", "items": [{"sku": "MUG", "qty": 1}],
     "requested": "64.00", "events": [
         {"at": "2026-11-03T09:30:00+08:00", "state": "requested"},
         {"at": "2026-11-03T10:00:00+08:00", "state": "approved", "by": "owner",
          "amount": "64.00"},
         {"at": "2026-11-03T10:01:00+08:00", "state": "awaiting_return", "by": "owner"},
         {"at": "2026-11-04T10:00:00+08:00", "state": "return_shipped",
          "carrier": "顺丰速运", "tracking_no": "SF1234567890"},
         {"at": "2026-11-06T10:00:00+08:00", "state": "received", "by": "owner"},
         {"at": "2026-11-06T11:00:00+08:00", "state": "refunded", "by": "owner",
          "amount": "60.00"}]},
]


def write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def counts(db) -> dict[str, int]:
    with db.read_session() as s:
        return {m.__name__: s.scalar(select(func.count()).select_from(m))
                for m in (Store, Customer, Order, Conversation, Message, ReturnCase)}


def test_load_small_dataset(db, tmp_path: Path) -> None:
    report = load_file(db, write(tmp_path / "a.jsonl", SMALL))
    assert report.records == len(SMALL) - 1
    with db.read_session() as s:
        order = s.scalar(select(Order))
        assert order.order_no == "2041586613212345678" and order.total_minor == 12800
        case = s.scalar(select(ReturnCase))
        assert case.state == ReturnState.REFUNDED
        assert (case.requested_minor, case.approved_minor, case.refunded_minor) == (6400, 6400, 6000)
        assert case.tracking_no == "SF1234567890"
        conv = s.scalar(select(Conversation))
        assert conv.last_direction == Direction.IN and conv.unread_count == 1
        assert conv.last_preview == "好的"
        assert conv.first_response_at == datetime(2026, 11, 3, 1, 5, tzinfo=UTC)
        # waiting since the customer's 09:20 message, reply target 60 minutes
        assert conv.first_response_due_at == datetime(2026, 11, 3, 2, 20, tzinfo=UTC)
        customer = s.scalar(select(Customer))
        assert [t.name for t in customer.tags] == ["VIP"]
        assert customer.identities[0].handle == "wangfang88"


def test_postgresql_plans_from_statistics_right_after_a_load(tmp_path: Path) -> None:
    """Rows written in bulk leave PostgreSQL without statistics until autovacuum comes by:
    the search took 80 times longer meanwhile (bench/search.py)."""
    db = open_database(database_url("postgresql", tmp_path))
    try:
        load_file(db, write(tmp_path / "a.jsonl", SMALL))
        with db.read_session() as s:
            assert s.scalar(text("SELECT count(*) FROM pg_stats WHERE tablename = 'messages' "
                                 "AND schemaname = current_schema()")) > 0
    finally:
        db.dispose()


def test_dump_of_a_loaded_file_loads_back_to_the_same_data(db, tmp_path: Path) -> None:
    load_file(db, write(tmp_path / "a.jsonl", SMALL))
    first = tmp_path / "first.jsonl.gz"
    dump_file(db, first)
    other = open_database(f"sqlite:///{tmp_path / 'other.sqlite'}")
    load_file(other, first)
    second = tmp_path / "second.jsonl.gz"
    dump_file(other, second)
    assert gzip.decompress(first.read_bytes()) == gzip.decompress(second.read_bytes())
    assert counts(db) == counts(other)
    other.dispose()


def test_loading_twice_changes_nothing(db, tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", SMALL)
    load_file(db, path)
    before_counts = counts(db)
    with db.read_session() as s:
        before = list(dump_records(s))
    report = load_file(db, path)
    assert report.inserted == {}
    assert report.unchanged["message"] == 3
    assert counts(db) == before_counts
    with db.read_session() as s:
        assert list(dump_records(s)) == before


def test_load_updates_records_with_the_same_key(db, tmp_path: Path) -> None:
    load_file(db, write(tmp_path / "a.jsonl", SMALL))
    changed = [dict(r) for r in SMALL]
    changed[4] = {**changed[4], "name": "王芳芳"}
    changed.append({"kind": "message", "conversation": "v1", "at": "2026-11-03T10:00:00+08:00",
                    "direction": "out", "author": "owner", "text": "已补发"})
    report = load_file(db, write(tmp_path / "b.jsonl", changed))
    assert report.inserted == {"message": 1}
    with db.read_session() as s:
        assert s.scalar(select(Customer.name)) == "王芳芳"
        conv = s.scalar(select(Conversation))
        assert conv.last_direction == Direction.OUT and conv.unread_count == 0


BAD_LINES = [
    # (index in SMALL to replace or None to append, new record, line, field, message part)
    (4, {**SMALL[4], "nickname": "x"}, 5, "nickname", "unknown field"),
    (6, {**SMALL[6], "total": 128.0}, 7, "total", "decimal string"),
    (6, {**SMALL[6], "total": "12.345"}, 7, "total", "decimal places"),
    (6, {**SMALL[6], "customer": "nobody"}, 7, "customer", "not defined on an earlier line"),
    (6, {**SMALL[6], "placed_at": "2026-11-01 09:00"}, 7, "placed_at", "no offset"),
    (6, {**SMALL[6], "status": "lost"}, 7, "status", "not one of"),
    (8, {**SMALL[8], "direction": "sideways"}, 9, "direction", "not one of"),
    (14, {**SMALL[14], "events": [{"at": "2026-11-03T09:30:00+08:00", "state": "requested"},
                                  {"at": "2026-11-03T10:00:00+08:00", "state": "refunded"}]},
     15, "events[1].state", "allowed next: approved, rejected, cancelled"),
    (14, {**SMALL[14], "items": [{"sku": "MUG", "qty": 3}]}, 15, "items", "were bought"),
    (14, {**SMALL[14], "requested": "500.00"}, 15, "requested", "more than was paid"),
    (13, {**SMALL[13], "score": 6}, 14, "score", "1 to 5"),
    (None, {"kind": "store", "key": "tm", "name": "x", "platform": "tmall", "currency": "CNY",
            "timezone": "Asia/Shanghai"}, 16, "key", "already defined on line 2"),
    (None, {"kind": "planet", "key": "x"}, 16, "kind", "unknown kind"),
]


@pytest.mark.parametrize(("index", "record", "line", "field", "message"), BAD_LINES,
                         ids=[b[3] + "-" + b[4][:12] for b in BAD_LINES])
def test_a_bad_line_loads_nothing_and_names_its_line_and_field(
        db, tmp_path: Path, index, record, line, field, message) -> None:
    records = list(SMALL)
    if index is None:
        records.append(record)
    else:
        records[index] = record
    with pytest.raises(DatasetError) as err:
        load_file(db, write(tmp_path / "bad.jsonl", records))
    assert err.value.line == line
    assert err.value.field == field
    assert message in str(err.value)
    assert counts(db) == dict.fromkeys(counts(db), 0)  # all or nothing


def test_broken_files(db, tmp_path: Path) -> None:
    (tmp_path / "json.jsonl").write_text(json.dumps(HEADER) + "\n{not json\n")
    with pytest.raises(DatasetError, match="line 2: not valid JSON"):
        load_file(db, tmp_path / "json.jsonl")
    (tmp_path / "header.jsonl").write_text(json.dumps(SMALL[1]) + "\n")
    with pytest.raises(DatasetError, match="first line must be"):
        load_file(db, tmp_path / "header.jsonl")
    (tmp_path / "v2.jsonl").write_text(json.dumps({**HEADER, "version": 2}) + "\n")
    with pytest.raises(DatasetError, match="version 2 is not supported"):
        load_file(db, tmp_path / "v2.jsonl")
    (tmp_path / "latin.jsonl").write_bytes(json.dumps(HEADER).encode() + b"\n\xff\xfe\n")
    with pytest.raises(DatasetError, match="not UTF-8"):
        load_file(db, tmp_path / "latin.jsonl")
    (tmp_path / "empty.jsonl").write_text("")
    with pytest.raises(DatasetError, match="empty"):
        load_file(db, tmp_path / "empty.jsonl")
    with pytest.raises(DatasetError, match="no such file"):
        load_file(db, tmp_path / "missing.jsonl")
    assert counts(db)["Store"] == 0


def test_blank_lines_and_white_space_are_fine(db, tmp_path: Path) -> None:
    lines = [json.dumps(r, ensure_ascii=False) for r in SMALL[:3]]
    path = tmp_path / "spaced.jsonl"
    path.write_text(lines[0] + "\n\n  " + lines[1] + "\r\n" + lines[2] + "   \n\n", "utf-8")
    assert load_file(db, path).records == 2


def test_demo_is_deterministic_for_a_seed() -> None:
    a = list(demo_records("small", 7, ANCHOR))
    b = list(demo_records("small", 7, ANCHOR))
    c = list(demo_records("small", 8, ANCHOR))
    assert a == b
    assert a != c


def test_demo_shop_has_what_the_issue_promises(db) -> None:
    build_demo(db, "small", 1, ANCHOR)
    with db.read_session() as s:
        stores = s.scalars(select(Store)).all()
        assert {st.currency for st in stores} == {"CNY", "USD"} and len(stores) == 3
        assert len({st.platform for st in stores}) == 3
        assert s.scalar(select(func.count()).select_from(Customer)) == 300 + 6  # 6 second accounts
        assert s.scalar(select(func.count()).select_from(Conversation)) == 600
        states = set(s.scalars(select(ReturnCase.state)))
        assert states == set(ReturnState)  # returns in every state
        two_stores = s.execute(
            select(func.count()).select_from(
                select(Customer.id).join(Customer.identities).group_by(Customer.id)
                .having(func.count() > 1).subquery())).scalar()
        assert two_stores > 10
        texts = s.scalars(select(Message.text).limit(400)).all()
        assert any("订单" in t for t in texts) and any("order" in t for t in texts)
    with pytest.raises(Exception, match="already holds a shop"):
        build_demo(db, "small", 1, ANCHOR)


def test_demo_dump_round_trip(db, tmp_path: Path) -> None:
    build_demo(db, "small", 3, ANCHOR)
    path = tmp_path / "demo.jsonl"
    dump_file(db, path)
    other = open_database(f"sqlite:///{tmp_path / 'copy.sqlite'}")
    load_file(other, path)
    with db.read_session() as a, other.read_session() as b:
        assert list(dump_records(a)) == list(dump_records(b))
    other.dispose()


def test_load_records_in_memory(db) -> None:
    report = load_records(db, enumerate(SMALL[1:], start=2))
    assert report.inserted["return"] == 1


def test_an_exact_count_demo_still_has_conversations_that_need_a_reply() -> None:
    """The large demo's shape (a fixed number of messages) at a size a test can build: the
    count is exact and recent conversations still end with the customer's message."""
    size = DemoSize(customers=200, conversations=1_000, messages=10_000, complaints=0, returns=0)
    records = list(_Demo(size, 1, ANCHOR).records())
    messages = [r for r in records if r.get("kind") == "message"]
    assert len(messages) == 10_000
    last: dict[str, str] = {}
    for m in messages:
        last[m["conversation"]] = m["direction"]
    open_ = {r["key"] for r in records if r.get("kind") == "conversation" and r["status"] == "open"}
    waiting = [key for key in open_ if last[key] == "in"]
    assert len(waiting) > 30
