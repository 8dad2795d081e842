"""pinyin search keys of customers and quick replies; each platform's pre-send rules

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02 01:30:00
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from shopdesk.pinyin_keys import keys_for, keys_of
from shopdesk.services.presend_rules import seed_rows

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# SQLite: the customers' pinyin words in an FTS5 table without a copy of the text, kept by
# triggers on the column (which the application fills: shopdesk.pinyin_keys); a query is a
# prefix query on the words. PostgreSQL: a GIN index of the words as a `simple` tsvector,
# queried with `word:*` (named *_grams: the schema comparison leaves it to migrations).
_FTS = "fts5(body, content='', columnsize=0, tokenize='unicode61 remove_diacritics 0')"
SQLITE_UP = [
    f"CREATE VIRTUAL TABLE customers_pinyin_fts USING {_FTS}",
    "INSERT INTO customers_pinyin_fts(rowid, body) SELECT id, pinyin FROM customers",
    """CREATE TRIGGER customers_pinyin_fts_insert AFTER INSERT ON customers BEGIN
         INSERT INTO customers_pinyin_fts(rowid, body) VALUES (new.id, new.pinyin);
       END""",
    """CREATE TRIGGER customers_pinyin_fts_delete AFTER DELETE ON customers BEGIN
         INSERT INTO customers_pinyin_fts(customers_pinyin_fts, rowid, body)
         VALUES ('delete', old.id, old.pinyin);
       END""",
    """CREATE TRIGGER customers_pinyin_fts_update AFTER UPDATE OF pinyin ON customers BEGIN
         INSERT INTO customers_pinyin_fts(customers_pinyin_fts, rowid, body)
         VALUES ('delete', old.id, old.pinyin);
         INSERT INTO customers_pinyin_fts(rowid, body) VALUES (new.id, new.pinyin);
       END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS customers_pinyin_fts_update",
    "DROP TRIGGER IF EXISTS customers_pinyin_fts_delete",
    "DROP TRIGGER IF EXISTS customers_pinyin_fts_insert",
    "DROP TABLE IF EXISTS customers_pinyin_fts",
]
PG_UP = ["CREATE INDEX ix_customers_pinyin_grams ON customers "
         "USING gin (to_tsvector('simple'::regconfig, pinyin))"]
PG_DOWN = ["DROP INDEX IF EXISTS ix_customers_pinyin_grams"]


def upgrade() -> None:
    for table in ("customers", "quick_replies"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("pinyin", sa.Text(), server_default="", nullable=False))
    bind = op.get_bind()
    # The words are computed in Python (pypinyin), as the application computes them on write,
    # before the index is made (a contentless FTS5 table must be told a row's old words
    # exactly when they change).
    rows = [{"i": cid, "p": keys_for(name)} for cid, name in
            bind.execute(sa.text("SELECT id, name FROM customers"))]
    rows = [r for r in rows if r["p"]]
    if rows:
        bind.execute(sa.text("UPDATE customers SET pinyin = :p WHERE id = :i"), rows)
    replies = [{"i": rid, "p": keys_of(title, body)} for rid, title, body in
               bind.execute(sa.text("SELECT id, title, body FROM quick_replies"))]
    replies = [r for r in replies if r["p"]]
    if replies:
        bind.execute(sa.text("UPDATE quick_replies SET pinyin = :p WHERE id = :i"), replies)
    for statement in SQLITE_UP if bind.dialect.name == "sqlite" else PG_UP:
        op.execute(statement)
    rules = op.create_table(
        "presend_rules",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("platform", sa.String(32), nullable=False),
        sa.Column("words", sa.Text(), nullable=False),
        sa.Column("allowed", sa.Text(), nullable=False),
        sa.Column("contacts", sa.Boolean(), nullable=False),
        sa.Column("domains", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_presend_rules"),
        sa.UniqueConstraint("platform", name="uq_presend_rules_platform"),
    )
    now = datetime.now(UTC)
    op.bulk_insert(rules, [{**row, "updated_at": now} for row in seed_rows()])


def downgrade() -> None:
    op.drop_table("presend_rules")
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_DOWN if sqlite else PG_DOWN:
        op.execute(statement)
    for table in ("quick_replies", "customers"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("pinyin")
