"""outbox: replies being sent (``sending``) and replies that may have been sent
(``uncertain``)

A reply is marked ``sending`` and committed before the channel sends it; one left so by a
crash, and not found among what the channel sent, becomes ``uncertain`` and waits for a
person. The CHECK constraint of ``messages.send_state`` and the outbox's partial index
name the two new states. On SQLite the constraint can only change by rebuilding the table,
which drops its search triggers: they are made again (the search table keeps its rows, the
message ids do not change).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 21:40:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD = ("queued", "sent", "failed")
NEW = ("queued", "sending", "sent", "failed", "uncertain")
OLD_OUTBOX = ("queued", "failed")
NEW_OUTBOX = ("queued", "sending", "failed", "uncertain")
# As made by 0004 (a rebuilt SQLite table loses its triggers).
SQLITE_TRIGGERS = [
    """CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
         INSERT INTO messages_fts(rowid, body) VALUES (new.id, shopdesk_fold(new.text));
       END""",
    """CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
         DELETE FROM messages_fts WHERE rowid = old.id;
       END""",
    """CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN
         UPDATE messages_fts SET body = shopdesk_fold(new.text) WHERE rowid = new.id;
       END""",
]


def _in(states: tuple[str, ...]) -> str:
    return "send_state IN (" + ", ".join(f"'{s}'" for s in states) + ")"


def _change(states: tuple[str, ...], outbox: tuple[str, ...]) -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.drop_index("ix_messages_outbox", table_name="messages")
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_messages_send_state"), type_="check")
        batch_op.create_check_constraint(op.f("ck_messages_send_state"), _in(states))
    if sqlite:
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)
    op.create_index("ix_messages_outbox", "messages", ["send_state"], unique=False,
                    sqlite_where=sa.text(_in(outbox)),
                    postgresql_where=sa.text(_in(outbox)))


def upgrade() -> None:
    _change(NEW, NEW_OUTBOX)


def downgrade() -> None:
    # A reply being sent or uncertain goes back to failed: visible, with Retry.
    op.execute("UPDATE messages SET send_state = 'failed' "
               "WHERE send_state IN ('sending', 'uncertain')")
    _change(OLD, OLD_OUTBOX)
