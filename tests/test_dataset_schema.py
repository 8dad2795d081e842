"""docs/dataset.schema.json says what the loader checks."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest

from shopdesk.dataset.demo import demo_records
from shopdesk.dataset.kinds import KINDS
from tests.test_dataset import SMALL

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "docs" / "dataset.schema.json").read_text("utf-8"))
validator = jsonschema.Draft202012Validator(SCHEMA)


def test_schema_lists_the_same_kinds_and_fields_as_the_loader() -> None:
    defs = SCHEMA["$defs"]
    assert set(defs) == set(KINDS)
    for kind, fields in KINDS.items():
        assert set(defs[kind]["properties"]) == set(fields), kind


def test_valid_records_pass() -> None:
    records = SMALL + list(demo_records("small", 1, datetime(2026, 11, 1, tzinfo=UTC)))
    for record in records:
        errors = list(validator.iter_errors(record))
        assert not errors, (record, errors[0].message)


@pytest.mark.parametrize("record", [
    {**SMALL[1], "colour": "red"},
    {**SMALL[6], "total": 128},
    {**SMALL[4], "nickname": "x"},
    {"kind": "agent", "key": "a", "name": "A", "role": "boss"},
])
def test_invalid_records_fail(record: dict) -> None:
    assert list(validator.iter_errors(record))
