"""knowledge base: articles with images, searchable like messages

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 01:30:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

# The searched text of an article: title, body and keywords, one per line.
_TEXT = "{p}title || char(10) || {p}body || char(10) || {p}keywords"
_NEW, _OLD = _TEXT.format(p="new."), _TEXT.format(p="old.")
# SQLite, as for messages (0004, 0012): a trigram FTS5 table of the folded text for queries
# of three characters or more, and a one-token-per-character table for shorter ones.
_CHARS = "fts5(body, content='', columnsize=0, tokenize='unicode61 remove_diacritics 0')"
SQLITE_UP = [
    "CREATE VIRTUAL TABLE articles_fts USING fts5(body, tokenize='trigram')",
    f"CREATE VIRTUAL TABLE articles_chars_fts USING {_CHARS}",
    f"""CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
         INSERT INTO articles_fts(rowid, body) VALUES (new.id, shopdesk_fold({_NEW}));
         INSERT INTO articles_chars_fts(rowid, body) VALUES (new.id, shopdesk_chars({_NEW}));
       END""",
    f"""CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
         DELETE FROM articles_fts WHERE rowid = old.id;
         INSERT INTO articles_chars_fts(articles_chars_fts, rowid, body)
         VALUES ('delete', old.id, shopdesk_chars({_OLD}));
       END""",
    f"""CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body, keywords ON articles
       BEGIN
         UPDATE articles_fts SET body = shopdesk_fold({_NEW}) WHERE rowid = new.id;
         INSERT INTO articles_chars_fts(articles_chars_fts, rowid, body)
         VALUES ('delete', old.id, shopdesk_chars({_OLD}));
         INSERT INTO articles_chars_fts(rowid, body) VALUES (new.id, shopdesk_chars({_NEW}));
       END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS articles_fts_update",
    "DROP TRIGGER IF EXISTS articles_fts_delete",
    "DROP TRIGGER IF EXISTS articles_fts_insert",
    "DROP TABLE IF EXISTS articles_chars_fts",
    "DROP TABLE IF EXISTS articles_fts",
]
# PostgreSQL: the GIN index of characters and pairs of 0012 (shopdesk_grams), over the same
# text; services/knowledge_search.py asks it with the same expression.
PG_UP = ["CREATE INDEX ix_articles_text_grams ON articles USING gin "
         "(shopdesk_grams(title || ' ' || body || ' ' || keywords))"]
PG_DOWN = ["DROP INDEX IF EXISTS ix_articles_text_grams"]


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", ID, nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("store_id", ID, nullable=True),
        sa.Column("kind", sa.Enum("product", "size_chart", "care", "shipping", "returns",
                                  "promotion", name="article_kind", native_enum=False,
                                  create_constraint=True, length=32), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("keywords", sa.String(length=500), server_default="", nullable=False),
        sa.Column("valid_from", sa.DateTime(timezone=True), nullable=True),
        sa.Column("valid_to", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", ID, nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_id", ID, nullable=True),
        sa.Column("version", ID, nullable=False),
        sa.CheckConstraint("language IN ('zh', 'en')", name=op.f("ck_articles_language")),
        sa.CheckConstraint("valid_to IS NULL OR valid_from IS NULL OR valid_to > valid_from",
                           name=op.f("ck_articles_validity")),
        sa.ForeignKeyConstraint(["store_id"], ["stores.id"],
                                name=op.f("fk_articles_store_id_stores"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["created_by_id"], ["agents.id"],
                                name=op.f("fk_articles_created_by_id_agents")),
        sa.ForeignKeyConstraint(["updated_by_id"], ["agents.id"],
                                name=op.f("fk_articles_updated_by_id_agents")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
        sa.UniqueConstraint("key", name=op.f("uq_articles_key")),
    )
    op.create_index("ix_articles_store_id_kind", "articles", ["store_id", "kind"])
    op.create_table(
        "article_images",
        sa.Column("id", ID, nullable=False),
        sa.Column("article_id", ID, nullable=False),
        sa.Column("filename", sa.String(length=300), nullable=False),
        sa.Column("mime_type", sa.String(length=100), nullable=False),
        sa.Column("size", ID, nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"],
                                name=op.f("fk_article_images_article_id_articles"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article_images")),
    )
    op.create_index(op.f("ix_article_images_article_id"), "article_images", ["article_id"])
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_UP if dialect == "sqlite" else PG_UP:
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_DOWN if dialect == "sqlite" else PG_DOWN:
        op.execute(statement)
    op.drop_index(op.f("ix_article_images_article_id"), table_name="article_images")
    op.drop_table("article_images")
    op.drop_index("ix_articles_store_id_kind", table_name="articles")
    op.drop_table("articles")
