"""Time: stored as UTC, timezone-aware in Python, shown in local time. One place for it."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from shopdesk.errors import ShopDeskError


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """An aware datetime in UTC. Naive datetimes are refused: their zone is unknown."""
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        raise ShopDeskError(f"time {value.isoformat()} has no time zone")
    return value.astimezone(UTC)


def parse_iso(text: str) -> datetime:
    """Parse ISO 8601 text that carries an offset ("2026-11-11T00:03:12+08:00", "...Z")."""
    if not isinstance(text, str):
        raise ShopDeskError(f"time must be ISO 8601 text, not {text!r}")
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError as exc:
        raise ShopDeskError(f"'{text}' is not an ISO 8601 time") from exc
    if value.tzinfo is None:
        raise ShopDeskError(f"time '{text}' has no offset (write e.g. +08:00 or Z)")
    return value.astimezone(UTC)


def format_iso(value: datetime, zone: tzinfo | None = None) -> str:
    """ISO 8601 with offset, in ``zone`` (UTC if not given)."""
    return as_utc(value).astimezone(zone or UTC).isoformat()


def to_local(value: datetime) -> datetime:
    """The same instant in the computer's local time zone (aware)."""
    return as_utc(value).astimezone()
