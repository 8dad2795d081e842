"""Field checkers of the dataset format, version 1 (shared/DATASET.md): each turns a JSON
value into a Python value or raises ``FieldError`` saying what is wrong; the loader adds the
line number. The kinds that use them are in ``dataset/kinds.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from shopdesk import bounds
from shopdesk.errors import short
from shopdesk.models import (
    enums,
)

FORMAT_NAME = "shopdesk-dataset"
FORMAT_VERSION = 1


class FieldError(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


Checker = Callable[[Any], Any]


class optional:  # noqa: N801 - reads as a type in the tables below
    """Marks a field that may be missing or null."""

    def __init__(self, checker: Checker) -> None:
        self.checker = checker


def shown(value: Any, quoted: bool = True) -> str:
    """``value`` as an error message quotes it ('text', or its repr), cut short."""
    return f"'{short(value)}'" if quoted and isinstance(value, str) else short(repr(value))


def text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"must be text, not {type(value).__name__}")
    return value


def nonempty(value: Any) -> str:
    if value.__class__ is not str:
        value = text(value)
    if not value or value.isspace():
        raise ValueError("must not be empty")
    return value


def key(value: Any) -> str:
    if value.__class__ is not str:
        value = text(value)
    if not value or value.isspace():
        raise ValueError("must not be empty")
    if len(value) > 64:
        raise ValueError("a key is at most 64 characters")
    problem = bounds.text_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def any_value(value: Any) -> Any:
    return value


def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("must be a whole number")
    return value


def positive(value: Any) -> int:
    value = integer(value)
    if value <= 0:
        raise ValueError("must be more than zero")
    return value


def quantity(value: Any) -> int:
    return bounds.check_quantity(positive(value))


def limited(checker: Checker, column: Any) -> Checker:
    """``checker``, then no longer than ``column`` holds and no character a database
    refuses (NUL, a lone surrogate)."""
    longest = bounds.length(column)

    def check(value: Any) -> str:
        return bounds.check_text(checker(value), longest)

    return check


def score(value: Any) -> int:
    value = integer(value)
    if not 1 <= value <= 5:
        raise ValueError("must be a score from 1 to 5")
    return value


def tier(value: Any) -> int:
    value = integer(value)
    if value not in (1, 2, 3):
        raise ValueError("must be 1, 2 or 3")
    return value


_fromiso = datetime.fromisoformat


def when(value: Any) -> datetime:
    if not isinstance(value, str):
        raise ValueError("must be an ISO 8601 time as text")
    try:
        parsed = _fromiso(value)
    except ValueError:
        raise ValueError(f"{shown(value)} is not an ISO 8601 time") from None
    if parsed.tzinfo is None:
        raise ValueError(f"{shown(value)} has no offset (write e.g. +08:00 or Z)")
    return bounds.check_time(parsed)


_MONEY_RE = re.compile(r"^-?\d+(\.\d+)?$")


def money(value: Any) -> Decimal:
    """A decimal string ("128.00"). JSON numbers are refused: they invite float rounding."""
    if not isinstance(value, str):
        raise ValueError(f"money must be a decimal string like \"128.00\", not {shown(value, False)}")
    if len(value) > 40 or not _MONEY_RE.match(value):
        raise ValueError(f"{shown(value)} is not a decimal amount like \"128.00\"")
    try:
        amount = Decimal(value)
    except InvalidOperation:  # pragma: no cover - guarded by the regex
        raise ValueError(f"'{value}' is not an amount") from None
    if amount < 0:
        raise ValueError("an amount cannot be negative")
    return bounds.check_amount(amount)


def currency(value: Any) -> str:
    value = text(value)
    if not re.fullmatch(r"[A-Z]{3}", value):
        raise ValueError(f"{shown(value)} is not an ISO 4217 currency code like CNY or USD")
    return value


def timezone(value: Any) -> str:
    value = nonempty(value)
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{shown(value)} is not a time zone name like Asia/Shanghai") from None
    return value


def colour(value: Any) -> str:
    value = text(value)
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
        raise ValueError(f"{shown(value)} is not a colour like #FF5000")
    return value


def choice(enum_cls: type[enums.StrEnum]) -> Checker:
    values = {m.value: m for m in enum_cls}
    allowed = ", ".join(values)

    def check(value: Any) -> Any:
        try:
            return values[value]
        except (KeyError, TypeError):
            raise ValueError(f"{shown(value, False)} is not one of: {allowed}") from None

    return check


def list_of(item: Checker) -> Checker:
    def check(value: Any) -> list[Any]:
        if not isinstance(value, list):
            raise ValueError("must be a list")
        out = []
        for i, v in enumerate(value):
            try:
                out.append(item(v))
            except FieldError as err:
                raise FieldError(f"[{i}].{err.field}", err.message) from None
            except ValueError as err:
                raise FieldError(f"[{i}]", str(err)) from None
        return out

    return check


def obj(fields: dict[str, Any]) -> Checker:
    """A nested object with its own fields (order items, return events, identities)."""

    def check(value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise ValueError("must be an object")
        return check_fields(value, fields, prefix="")

    return check


def json_object(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError("must be an object")
    return value


def json_list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError("must be a list")
    return value


_compiled: dict[int, tuple[frozenset[str], list[tuple[str, Checker, bool]]]] = {}


def _compile(fields: dict[str, Any]) -> tuple[frozenset[str], list[tuple[str, Checker, bool]]]:
    found = _compiled.get(id(fields))
    if found is None:
        rules = [(name, rule.checker if isinstance(rule, optional) else rule,
                  isinstance(rule, optional)) for name, rule in fields.items()]
        found = _compiled[id(fields)] = (frozenset(fields), rules)
    return found


def check_fields(record: dict[str, Any], fields: dict[str, Any], prefix: str) -> dict[str, Any]:
    """Check ``record`` against ``fields``; the checked values, every field present."""
    names, rules = _compile(fields)
    extra = record.keys() - names
    if extra:
        raise FieldError(prefix + sorted(extra)[0], "unknown field")
    out: dict[str, Any] = {}
    get = record.get
    for name, rule, is_optional in rules:
        value = get(name)
        if value is None:
            if is_optional:
                out[name] = None
                continue
            raise FieldError(prefix + name, "is required")
        try:
            out[name] = rule(value)
        except FieldError as err:
            dot = "" if err.field.startswith("[") else "."
            raise FieldError(f"{prefix}{name}{dot}{err.field}", err.message) from None
        except ValueError as err:
            raise FieldError(prefix + name, str(err)) from None
    return out
