"""message search: FTS5 trigram on SQLite, pg_trgm on PostgreSQL

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 21:20:00
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# SQLite: a trigram FTS5 table holding each message's folded text (NFKC + case folding by
# the shopdesk_fold function that ShopDesk registers on every connection), kept by
# triggers. Queries of three characters or more use MATCH; shorter ones scan the folded
# copy with instr() (a trigram index cannot match them, and LIKE on the FTS table is wrong
# on SQLite 3.40).
SQLITE_UP = [
    "CREATE VIRTUAL TABLE messages_fts USING fts5(body, tokenize='trigram')",
    "INSERT INTO messages_fts(rowid, body) SELECT id, shopdesk_fold(text) FROM messages",
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
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS messages_fts_update",
    "DROP TRIGGER IF EXISTS messages_fts_delete",
    "DROP TRIGGER IF EXISTS messages_fts_insert",
    "DROP TABLE IF EXISTS messages_fts",
]
# PostgreSQL: a trigram GIN index on the folded text; LIKE '%…%' uses it from three
# characters on and stays correct below.
PG_UP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX ix_messages_text_trgm ON messages "
    "USING gin (lower(normalize(text, NFKC)) gin_trgm_ops)",
    "CREATE INDEX ix_customers_name_trgm ON customers "
    "USING gin (lower(normalize(name, NFKC)) gin_trgm_ops)",
]
PG_DOWN = [
    "DROP INDEX IF EXISTS ix_customers_name_trgm",
    "DROP INDEX IF EXISTS ix_messages_text_trgm",
]


def _run(statements: list[str]) -> None:
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _run(SQLITE_UP)
    elif dialect == "postgresql":
        _run(PG_UP)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _run(SQLITE_DOWN)
    elif dialect == "postgresql":
        _run(PG_DOWN)
