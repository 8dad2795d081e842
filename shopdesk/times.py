"""Time: stored as UTC, timezone-aware in Python, shown in local time. One place for it."""

from __future__ import annotations

from datetime import UTC, datetime

from shopdesk.errors import ShopDeskError


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """An aware datetime in UTC. Naive datetimes are refused: their zone is unknown."""
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        raise ShopDeskError(f"time {value.isoformat()} has no time zone")
    return value.astimezone(UTC)


def to_local(value: datetime) -> datetime:
    """The same instant in the computer's local time zone (aware)."""
    return as_utc(value).astimezone()
