"""Fetching a record that the user picked a moment ago and someone may have removed since."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.orm import Session

from shopdesk.errors import ShopDeskError

T = TypeVar("T")


def existing(session: Session, model: type[T], record_id: int | None, what: str) -> T:
    """The row, or a ShopDeskError saying "That <what> no longer exists."."""
    found = session.get(model, record_id) if record_id is not None else None
    if found is None:
        raise ShopDeskError(f"That {what} no longer exists.")
    return found
