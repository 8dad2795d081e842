"""The stores as the pages' filters list them: every store, archived ones too (their
returns, complaints and figures stay), in the order they were added."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.models import Store


def store_names(session: Session) -> list[tuple[int, str]]:
    return [(sid, name) for sid, name in session.execute(
        select(Store.id, Store.name).order_by(Store.id))]
