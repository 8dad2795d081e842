"""customers: the search text keeps the phone and the e-mail apart, after a mark, so that
a role that sees them masked finds a customer by their whole number or address only

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02 16:40:00
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

import sqlalchemy as sa
from alembic import op

from shopdesk.textfold import fold

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MARK = "\x1f"  # models/customer.py CONTACT_MARK, as of this revision
CHUNK = 5000


def _joined(parts: Iterable[str | None]) -> str:
    return fold(" ".join(filter(None, parts)))


def _marked(name: str, phone: str | None, email: str | None, handles: list[str]) -> str:
    seen = _joined((name, *(h for h in handles if "@" not in h)))
    hidden = _joined((phone, email, *(h for h in handles if "@" in h)))
    return f"{seen} {MARK} {hidden}"


def _plain(name: str, phone: str | None, email: str | None, handles: list[str]) -> str:
    return _joined((name, phone, email, *handles))


def _rewrite(text_of) -> None:  # type: ignore[no-untyped-def]
    bind = op.get_bind()
    handles: dict[int, list[str]] = {}
    for cid, handle in bind.execute(sa.text(
            "SELECT customer_id, handle FROM customer_identities ORDER BY id")):
        handles.setdefault(cid, []).append(handle)
    rows = [{"i": cid, "t": text_of(name, phone, email, handles.get(cid, []))}
            for cid, name, phone, email in bind.execute(
                sa.text("SELECT id, name, phone, email FROM customers"))]
    for start in range(0, len(rows), CHUNK):
        bind.execute(sa.text("UPDATE customers SET search_text = :t WHERE id = :i"),
                     rows[start:start + CHUNK])


def upgrade() -> None:
    _rewrite(_marked)


def downgrade() -> None:
    _rewrite(_plain)
