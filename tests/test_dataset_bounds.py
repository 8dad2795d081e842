"""Every value a database would refuse (or one backend would take and the other not) is
refused by ``shopdesk load`` with its line and field, exit 1, nothing written, on SQLite and
PostgreSQL alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from shopdesk.cli import main
from tests.test_dataset import SMALL, counts

ORDER, NOTE, MESSAGE = 6, 5, 8  # indexes in SMALL; the file line is index + 1


def _item(**changes) -> dict:
    return {**SMALL[ORDER], "items": [{**SMALL[ORDER]["items"][0], **changes}]}


def _second_order() -> dict:
    return {**SMALL[ORDER], "key": "o2"}


BAD = [
    # (id, index to replace or None to append, the line's text or record, line, field, says)
    ("quantity 10**30", ORDER, _item(qty=10**30), 7, "items[0].qty", "at most 100,000"),
    ("total 10**30", ORDER, {**SMALL[ORDER], "total": "1" + "0" * 30}, 7, "total",
     "at most 1,000,000,000"),
    ("price 10**30", ORDER, _item(unit_price="1" + "0" * 30 + ".00"), 7, "items[0].unit_price",
     "at most 1,000,000,000"),
    ("year 9999", ORDER, {**SMALL[ORDER], "placed_at": "9999-12-31T23:59:59-12:00"}, 7,
     "placed_at", "between 1970-01-01 and 2100-12-31"),
    ("year 1", MESSAGE, {**SMALL[MESSAGE], "at": "0001-01-01T00:00:00+14:00"}, 9, "at",
     "between 1970-01-01 and 2100-12-31"),
    ("year 1969", NOTE, {**SMALL[NOTE], "at": "1969-12-31T23:00:00Z"}, 6, "at",
     "between 1970-01-01 and 2100-12-31"),
    ("lone surrogate", MESSAGE, json.dumps({**SMALL[MESSAGE], "text": "好\ud800"}), 9, "text",
     "surrogate"),
    ("surrogate in a field name", MESSAGE, json.dumps({**SMALL[MESSAGE], "x\udc00": 1}), 9,
     None, "surrogate"),
    ("NUL in a message", MESSAGE, json.dumps({**SMALL[MESSAGE], "text": "a\u0000b"}), 9, "text",
     "NUL"),
    ("NUL in an item title", ORDER, _item(title="杯\u0000子"), 7, "items[0].title", "NUL"),
    ("NUL in a key", ORDER, {**SMALL[ORDER], "key": "o\u00001"}, 7, "key", "NUL"),
    ("deep nesting", NOTE, "[" * 100_000, 6, None, "nested too deeply"),
    ("a number of 5,000 digits", ORDER, '{"kind": "order", "total": ' + "9" * 5000 + "}", 7,
     None, "not valid JSON (a number of more than 4,300 digits)"),
    ("a currency of 100,000 characters", 1, {**SMALL[1], "currency": "C" * 100_000}, 2,
     "currency", "'" + "C" * 60 + "… (100,000 characters)' is not an ISO 4217 currency code"),
    ("a status that is a list of 100,000 items", ORDER, {**SMALL[ORDER], "status": [1] * 100_000},
     7, "status", "… (300,000 characters) is not one of: unpaid"),
    ("a time of 100,000 characters", NOTE, {**SMALL[NOTE], "at": "2" * 100_000}, 6, "at",
     "… (100,000 characters)' is not an ISO 8601 time"),
    ("same order number, other key", None, _second_order(), 16, "order_no",
     "already used by order 'o1' on line 7"),
    ("30 MB note", NOTE, {**SMALL[NOTE], "text": "备注" * 15_000_000}, 6, "text",
     "longer than 1,000,000 characters"),
    ("order number of 65 characters", ORDER, {**SMALL[ORDER], "order_no": "1" * 65}, 7,
     "order_no", "longer than 64 characters"),
    ("title of 501 characters", ORDER, _item(title="杯" * 501), 7, "items[0].title",
     "longer than 500"),
    ("message of a million and one characters", MESSAGE,
     {**SMALL[MESSAGE], "text": "x" * 1_000_001}, 9, "text", "longer than 1,000,000"),
    ("message external id of 201 characters", MESSAGE,
     {**SMALL[MESSAGE], "external_id": "m" * 201}, 9, "external_id", "longer than 200"),
    ("returned quantity 10**30", 14, {**SMALL[14], "items": [{"sku": "MUG", "qty": 10**30}]},
     15, "items[0].qty", "at most 100,000"),
    ("same conversation external id, other key", None,
     {**SMALL[7], "key": "v2", "external_id": "chat-1"}, 16, "external_id",
     "already used by conversation 'v1' on line 8"),
]


def _lines(index: int | None, bad: str | dict) -> list[str]:
    records = [dict(r) for r in SMALL]
    if index == 7 or (isinstance(bad, dict) and bad.get("key") == "v2"):
        records[7] = {**records[7], "external_id": "chat-1"}
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    text = bad if isinstance(bad, str) else json.dumps(bad, ensure_ascii=False)
    if index is None:
        lines.append(text)
    else:
        lines[index] = text
    return lines


@pytest.mark.parametrize(("index", "bad", "line", "field", "says"), [b[1:] for b in BAD],
                         ids=[b[0] for b in BAD])
def test_a_value_no_database_would_take_is_named_with_its_line(
        db, tmp_path: Path, capsys, index, bad, line, field, says) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join([json.dumps({"format": "shopdesk-dataset", "version": 1}),
                               *_lines(index, bad)[1:]]) + "\n", encoding="utf-8")
    url = db.engine.url.render_as_string(hide_password=False)
    assert main(["load", str(path), "--db", url]) == 1
    err = capsys.readouterr().err
    where = f"shopdesk: line {line}" + (f", field '{field}'" if field else "") + ":"
    assert err.startswith(where), err[:300]
    assert says in err and "Traceback" not in err
    assert len(err) < 400 and "sys.set_int_max_str_digits" not in err  # said, not dumped
    assert counts(db) == dict.fromkeys(counts(db), 0)  # nothing written



@pytest.mark.parametrize("kind", ["order", "conversation"])
def test_two_records_that_are_one_row_of_the_database_are_refused(db, tmp_path: Path, capsys,
                                                                  kind) -> None:
    """Loaded again with the order renumbered (by its key) and another order given its old
    number (by the number), both were written into the one row: "updated 2 order", one of
    them gone. The same for a conversation's external id."""
    index, fname, number = ((ORDER, "order_no", "2041586613212345678") if kind == "order"
                            else (7, "external_id", "chat-1"))
    records = [dict(r) for r in SMALL]
    records[7] = {**records[7], "external_id": "chat-1"}
    url = db.engine.url.render_as_string(hide_password=False)

    def load(lines: list[dict]) -> int:
        path = tmp_path / "shop.jsonl"
        path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in lines) + "\n",
                        encoding="utf-8")
        return main(["load", str(path), "--db", url])

    assert load(records) == 0
    before = counts(db)
    capsys.readouterr()
    again = [dict(r) for r in records]
    again[index] = {**again[index], fname: "renumbered"}
    again.append({**records[index], "key": "new"})  # line 16: the old number, another key
    assert load(again) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"shopdesk: line 16, field '{fname}': this {kind} and {kind} "
                          f"'{records[index]['key']}' on line {index + 1} are the same {kind} "
                          "in the database"), err
    assert counts(db) == before
    with db.read_session() as s:
        table = "orders" if kind == "order" else "conversations"
        assert s.execute(text(f"SELECT key, {fname} FROM {table}")).all() == [
            (records[index]["key"], number)]
