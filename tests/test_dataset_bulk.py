"""The loader's bulk writing on SQLite: rows sent as JSON batches (dataset/sqlite_bulk.py) end
up exactly as ``executemany`` writes them, and the search index it fills itself holds what
the insert triggers would have written, whether the index is filled while the file is read
(dataset/index_fill.py, in a second thread) or at the end."""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from shopdesk.dataset import load as loading
from shopdesk.dataset import sqlite_bulk, writing
from shopdesk.dataset.demo import demo_records
from shopdesk.dataset.load import load_file
from shopdesk.db import open_database
from shopdesk.errors import DatasetError
from shopdesk.services import search

ANCHOR = datetime(2026, 11, 1, tzinfo=UTC)
# Texts JSON escapes or that SQLite's JSON reader might take differently.
TRICKY = ["".join(chr(i) for i in range(1, 32)), 'a "quote" and a \\ backslash \\u0041 /',
          "emoji 😀𝄞 and \u2028 \u2029 \x7f \ufeff 退款", " ", "ＲＥＦＵＮＤ ﬁ ㎏", "\ud7ff\ue000\uffff"]


def dataset(path: Path) -> Path:
    """The small demo (more than 1,000 messages, so the loader fills the index itself) with
    the tricky texts as messages of its first conversation."""
    records = list(demo_records("small", 2, ANCHOR))
    first = next(r for r in records if r.get("kind") == "conversation")
    at = first["created_at"]
    at_index = next(i for i, r in enumerate(records) if r.get("kind") == "message")
    records[at_index:at_index] = [
        {"kind": "message", "conversation": first["key"], "at": at, "direction": "in",
         "text": text, "external_id": f"tricky-{i}-{text[:3]}"}
        for i, text in enumerate(TRICKY)]
    assert sum(r.get("kind") == "message" for r in records) > 1000
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def tables(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table (with each value's SQLite type), the index's too."""
    conn = sqlite3.connect(path)
    names = [n for (n,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE '%\\_fts%' ESCAPE '\\' AND name != 'alembic_version'")]
    out = {}
    for name in names:
        cols = [c[1] for c in conn.execute(f"PRAGMA table_info({name})")]
        typed = ", ".join(f"{c}, typeof({c})" for c in cols)
        out[name] = conn.execute(f"SELECT {typed} FROM {name} ORDER BY {', '.join(cols)}").fetchall()
    conn.close()
    return out


def load(tmp_path: Path, name: str, data: Path, json_path: bool,
         monkeypatch: pytest.MonkeyPatch, fill_every: int = 10**9) -> Path:
    """Load ``data`` into a new file; with ``fill_every`` messages the index is filled
    while the file is still read."""
    monkeypatch.setattr(writing, "JSON_PATH", json_path)
    monkeypatch.setattr(loading, "BATCH", fill_every)
    target = tmp_path / name
    db = open_database(f"sqlite:///{target}")
    load_file(db, data)
    db.dispose()
    return target


def test_json_batches_write_what_executemany_writes(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    data = dataset(tmp_path / "demo.jsonl")
    monkeypatch.setattr(sqlite_bulk, "MAX_PAYLOAD", 20_000)  # split into many statements
    by_json = tables(load(tmp_path, "json.sqlite", data, True, monkeypatch))
    by_rows = tables(load(tmp_path, "rows.sqlite", data, False, monkeypatch))
    filling = tables(load(tmp_path, "fill.sqlite", data, True, monkeypatch, fill_every=300))
    assert by_json.keys() == by_rows.keys() == filling.keys()
    differ = {name for name in by_json if not by_json[name] == by_rows[name] == filling[name]}
    # new stores, agents and quick replies carry the time of the load; the migrations
    # write the pre-send rules with the time they ran, the change log its commit times
    assert differ <= {"stores", "agents", "quick_replies", "presend_rules", "change_log"}
    assert len(by_json["stores"]) == len(by_rows["stores"]) > 0
    texts = {row[12] for row in by_json["messages"]}
    assert set(TRICKY) <= texts


@pytest.mark.parametrize("fill_every", [300, 10**9], ids=["while reading", "at the end"])
def test_the_index_holds_what_its_triggers_would_have_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fill_every: int) -> None:
    target = load(tmp_path, "json.sqlite", dataset(tmp_path / "demo.jsonl"), True, monkeypatch,
                  fill_every)
    db = open_database(f"sqlite:///{target}")
    with db.session() as session:
        raw = session.connection().connection.driver_connection
        count = raw.execute("SELECT count(*) FROM messages").fetchone()[0]
        assert count > 1000
        differ = raw.execute(
            "SELECT count(*) FROM messages m LEFT JOIN messages_fts f ON f.rowid = m.id "
            "WHERE f.body IS NOT shopdesk_fold(m.text)").fetchone()[0]
        assert differ == 0
        assert raw.execute("SELECT count(*) FROM messages_fts").fetchone()[0] == count
        raw.execute("INSERT INTO messages_fts(messages_fts) VALUES ('integrity-check')")
        # the one-character index: every message with 退 is found by it, and only those
        by_index = {i for (i,) in raw.execute(
            "SELECT rowid FROM messages_chars_fts WHERE messages_chars_fts MATCH '\"退\"'")}
        by_scan = {i for (i,) in raw.execute(
            "SELECT id FROM messages WHERE instr(shopdesk_fold(text), '退') > 0")}
        assert by_index == by_scan and by_scan
        # the insert triggers are back
        triggers = {n for (n,) in raw.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert {"messages_fts_insert", "messages_chars_fts_insert"} <= triggers
    db.dispose()
    assert search.index_rows([(5, "ＲＥＦＵＮＤ 退款")]) == [
        ("messages_fts", [(5, "refund 退款")]),
        ("messages_chars_fts", [(5, "r e f u n d   退 款")])]


def test_a_bad_line_after_the_index_began_to_fill_leaves_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = dataset(tmp_path / "demo.jsonl")
    lines = data.read_text(encoding="utf-8").rstrip("\n").split("\n")
    bad = json.loads(lines[-1])
    bad["kind"] = "nonsense"
    data.write_text("\n".join([*lines, json.dumps(bad)]) + "\n", encoding="utf-8")
    monkeypatch.setattr(loading, "BATCH", 300)
    target = tmp_path / "shop.sqlite"
    db = open_database(f"sqlite:///{target}")
    with pytest.raises(DatasetError, match=f"line {len(lines) + 1}, field 'kind'"):
        load_file(db, data)
    db.dispose()
    assert not [t for t in threading.enumerate() if t.name == "dataset-index"]
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT count(*) FROM messages_fts").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM conversations").fetchone() == (0,)
    triggers = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"messages_fts_insert", "messages_chars_fts_insert"} <= triggers
    conn.close()


def test_rows_json_does_not_carry_go_through_executemany() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (a, b)")
    sqlite_bulk.insert(conn, "t", ("a", "b"), [(1, "x"), (2, b"\x00\xff")], True)
    sqlite_bulk.insert(conn, "t", ("a", "b"), [(3, b"\x01"), (4, None)], True)
    assert conn.execute("SELECT a, b, typeof(b) FROM t ORDER BY a").fetchall() == [
        (1, "x", "text"), (2, b"\x00\xff", "blob"), (3, b"\x01", "blob"), (4, None, "null")]
