"""The loader's fast path for well-formed messages hands anything unusual to the generic
checks, which name the line and the field (on both backends)."""

from __future__ import annotations

import pytest

from shopdesk.dataset.load import load_records
from shopdesk.errors import DatasetError

SHOP = [
    {"kind": "store", "key": "tm", "name": "天猫店", "platform": "tmall", "currency": "CNY",
     "timezone": "Asia/Shanghai"},
    {"kind": "agent", "key": "owner", "name": "林晓雨", "role": "owner"},
    {"kind": "customer", "key": "c1", "name": "王芳"},
    {"kind": "conversation", "key": "v1", "store": "tm", "customer": "c1", "status": "open",
     "created_at": "2026-11-03T09:00:00+08:00"},
]
MESSAGE = {"kind": "message", "conversation": "v1", "at": "2026-11-03T09:00:00+08:00",
           "direction": "in", "text": "杯子碎了"}


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"conversation": ["v1"]}, "conversation", "must be text, not list"),
    ({"direction": ["in"]}, "direction", "is not one of"),
    ({"direction": "out", "author": {"key": "owner"}}, "author", "must be text, not dict"),
    ({"at": "2026-11-03T09:00:00"}, "at", "has no offset"),
    ({"external_id": " "}, "external_id", "must not be empty"),
])
def test_an_odd_message_gets_the_generic_error(db, change: dict, field: str,
                                               message: str) -> None:
    records = [*SHOP, {**MESSAGE, **change}]
    with pytest.raises(DatasetError) as err:
        load_records(db, enumerate(records, start=2))
    assert err.value.line == 6 and err.value.field == field
    assert message in str(err.value)


def test_a_second_message_with_the_same_external_id_names_the_first(db) -> None:
    records = [*SHOP, {**MESSAGE, "external_id": "m1"}, {**MESSAGE, "external_id": "m1"}]
    with pytest.raises(DatasetError, match="already used on line 6") as err:
        load_records(db, enumerate(records, start=2))
    assert err.value.line == 7 and err.value.field == "external_id"
