"""search: indexes for one- and two-character queries and for customer names

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 22:00:00
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# SQLite: FTS5 tables in which every character of the folded text is one token (the
# shopdesk_chars function spaces the characters out: unicode61 alone would keep a run of
# CJK characters as one word). A query of one or two characters is a phrase query on them;
# customer names are searched the same way at every length. The tables hold no copy of the
# text (content=''): the triggers remove a row by giving its tokens again.
_CHARS = "fts5(body, content='', columnsize=0, tokenize='unicode61 remove_diacritics 0')"
SQLITE_UP = [
    f"CREATE VIRTUAL TABLE messages_chars_fts USING {_CHARS}",
    "INSERT INTO messages_chars_fts(rowid, body) SELECT id, shopdesk_chars(text) FROM messages",
    """CREATE TRIGGER messages_chars_fts_insert AFTER INSERT ON messages BEGIN
         INSERT INTO messages_chars_fts(rowid, body) VALUES (new.id, shopdesk_chars(new.text));
       END""",
    """CREATE TRIGGER messages_chars_fts_delete AFTER DELETE ON messages BEGIN
         INSERT INTO messages_chars_fts(messages_chars_fts, rowid, body)
         VALUES ('delete', old.id, shopdesk_chars(old.text));
       END""",
    """CREATE TRIGGER messages_chars_fts_update AFTER UPDATE OF text ON messages BEGIN
         INSERT INTO messages_chars_fts(messages_chars_fts, rowid, body)
         VALUES ('delete', old.id, shopdesk_chars(old.text));
         INSERT INTO messages_chars_fts(rowid, body) VALUES (new.id, shopdesk_chars(new.text));
       END""",
    f"CREATE VIRTUAL TABLE customers_chars_fts USING {_CHARS}",
    "INSERT INTO customers_chars_fts(rowid, body) SELECT id, shopdesk_chars(name) FROM customers",
    """CREATE TRIGGER customers_chars_fts_insert AFTER INSERT ON customers BEGIN
         INSERT INTO customers_chars_fts(rowid, body) VALUES (new.id, shopdesk_chars(new.name));
       END""",
    """CREATE TRIGGER customers_chars_fts_delete AFTER DELETE ON customers BEGIN
         INSERT INTO customers_chars_fts(customers_chars_fts, rowid, body)
         VALUES ('delete', old.id, shopdesk_chars(old.name));
       END""",
    """CREATE TRIGGER customers_chars_fts_update AFTER UPDATE OF name ON customers BEGIN
         INSERT INTO customers_chars_fts(customers_chars_fts, rowid, body)
         VALUES ('delete', old.id, shopdesk_chars(old.name));
         INSERT INTO customers_chars_fts(rowid, body) VALUES (new.id, shopdesk_chars(new.name));
       END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS customers_chars_fts_update",
    "DROP TRIGGER IF EXISTS customers_chars_fts_delete",
    "DROP TRIGGER IF EXISTS customers_chars_fts_insert",
    "DROP TABLE IF EXISTS customers_chars_fts",
    "DROP TRIGGER IF EXISTS messages_chars_fts_update",
    "DROP TRIGGER IF EXISTS messages_chars_fts_delete",
    "DROP TRIGGER IF EXISTS messages_chars_fts_insert",
    "DROP TABLE IF EXISTS messages_chars_fts",
]

# PostgreSQL: a `simple` text-search vector of every character and every pair of adjacent
# characters of the folded text (ASCII punctuation made blank, so the parser sees only
# words of one or two characters), in a GIN index. A query asks for all of its own
# characters and pairs, which every text containing it has; `strpos` on the folded text then
# keeps the exact matches. Its planner knows how common each character and pair is, so a rare
# term is read from the index and a common one by walking the newest messages. The vector
# covers the first 20,000 characters (a tsvector is limited to 1 MB); longer messages are
# searched through their own small partial index. The functions keep the schema search path
# they were made with: pg_restore runs with an empty one, and the index on customers' names
# calls shopdesk_grams, which calls shopdesk_gram_text.
PG_UP = [
    r"""CREATE FUNCTION shopdesk_gram_text(folded text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT SET search_path FROM CURRENT AS $$
          SELECT regexp_replace(g, '(.)', '\1 ', 'g') || ' '
                 || regexp_replace(g, '(..)', '\1 ', 'g') || ' '
                 || regexp_replace(substr(g, 2), '(..)', '\1 ', 'g')
          FROM (SELECT regexp_replace(folded, '[[:space:]!-/:-@[-`{-~]', ' ', 'g') AS g) AS t
        $$""",
    """CREATE FUNCTION shopdesk_grams(body text) RETURNS tsvector
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT SET search_path FROM CURRENT AS $$
          SELECT strip(to_tsvector('simple'::regconfig,
                 shopdesk_gram_text(lower(normalize(left(body, 20000), NFKC)))))
        $$""",
    "CREATE INDEX ix_messages_text_grams ON messages USING gin (shopdesk_grams(text))",
    "CREATE INDEX ix_messages_long_text_grams ON messages (id) WHERE length(text) > 19000",
    "CREATE INDEX ix_customers_name_grams ON customers USING gin (shopdesk_grams(name))",
    "DROP INDEX IF EXISTS ix_messages_text_trgm",
    "DROP INDEX IF EXISTS ix_customers_name_trgm",
    "ANALYZE messages",
    "ANALYZE customers",
]
PG_DOWN = [
    "CREATE INDEX ix_messages_text_trgm ON messages "
    "USING gin (lower(normalize(text, NFKC)) gin_trgm_ops)",
    "CREATE INDEX ix_customers_name_trgm ON customers "
    "USING gin (lower(normalize(name, NFKC)) gin_trgm_ops)",
    "DROP INDEX IF EXISTS ix_customers_name_grams",
    "DROP INDEX IF EXISTS ix_messages_long_text_grams",
    "DROP INDEX IF EXISTS ix_messages_text_grams",
    "DROP FUNCTION IF EXISTS shopdesk_grams(text)",
    "DROP FUNCTION IF EXISTS shopdesk_gram_text(text)",
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
