"""What ShopDesk accepts from a file, the same for every way data comes in (order import,
dataset load) and on SQLite and PostgreSQL alike: PostgreSQL refuses what SQLite would store
(a NUL character, a text longer than its column, a number beyond 64 bits), so both refuse it
here first, with a sentence a person can act on. docs/dataset-format.md lists these bounds.

Each check raises ``ValueError`` with what is wrong, without naming the value's field or
line: the caller adds those.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

MAX_QUANTITY = 100_000  # of one item in one order or return
MAX_AMOUNT = Decimal(1_000_000_000)  # in the currency's units (yuan, dollars), not minor units
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
MAX_LONG_TEXT = 1_000_000  # characters of a message, note or reply body (about 3 MB)

_BAD_CHARACTER = re.compile("[\x00\ud800-\udfff]")


def check_quantity(qty: int) -> int:
    if qty > MAX_QUANTITY:
        raise ValueError(f"must be at most {MAX_QUANTITY:,}")
    return qty


def check_amount(amount: Decimal) -> Decimal:
    """``amount`` in the currency's units."""
    if amount > MAX_AMOUNT:
        raise ValueError(f"must be at most {MAX_AMOUNT:,}")
    return amount


def check_time(moment: datetime) -> datetime:
    """A timezone-aware ``moment`` between 1970 and 2100 (compared without converting, so that
    a year-9999 time does not overflow)."""
    if not EARLIEST <= moment <= LATEST:
        raise ValueError("must be between 1970-01-01 and 2100-12-31")
    return moment


def text_problem(value: str) -> str | None:
    """Why ``value`` cannot be stored as text (a NUL character, a lone UTF-16 surrogate,
    which JSON's ``\\ud800`` escapes can make), or None."""
    found = _BAD_CHARACTER.search(value)
    if found is None:
        return None
    if found.group() == "\x00":
        return "contains a NUL character (U+0000), which cannot be stored"
    return (f"contains a lone UTF-16 surrogate (U+{ord(found.group()):04X}), which is not a "
            "character")


def check_text(value: str, longest: int) -> str:
    if len(value) > longest:
        raise ValueError(f"is longer than {longest:,} characters")
    problem = text_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def length(column: Any) -> int:
    """The most characters ``column`` (a model attribute such as ``Order.order_no``) holds:
    its ``String(n)``, or ``MAX_LONG_TEXT`` for unbounded text."""
    return getattr(column.property.columns[0].type, "length", None) or MAX_LONG_TEXT
