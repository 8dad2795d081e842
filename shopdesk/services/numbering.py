"""The numbers people read, say and type for complaints, return cases and conversations:
C-29, R-12, T-45. One place, so that the lists, the handover, the timeline, the exports and
search all give a record the same number."""

from __future__ import annotations

import re
from typing import Literal

Kind = Literal["complaint", "return", "conversation"]
PREFIX: dict[str, str] = {"complaint": "C", "return": "R", "conversation": "T"}
_PATTERN = re.compile(r"^\s*([CRT])\s*-?\s*(\d{1,12})\s*$", re.IGNORECASE)


def number(kind: Kind | str, record_id: int) -> str:
    """The number shown for a record: ``number("complaint", 29) == "C-29"``."""
    return f"{PREFIX[kind]}-{record_id}"


def complaint_number(complaint_id: int) -> str:
    return number("complaint", complaint_id)


def return_number(case_id: int) -> str:
    return number("return", case_id)


def conversation_number(conversation_id: int) -> str:
    return number("conversation", conversation_id)


def parse_number(text: str) -> tuple[str, int] | None:
    """(kind, id) for text that is one such number ("C-29", "c29", "R 12"), else None."""
    found = _PATTERN.match(text)
    if found is None:
        return None
    kind = next(k for k, p in PREFIX.items() if p == found.group(1).upper())
    return kind, int(found.group(2))
